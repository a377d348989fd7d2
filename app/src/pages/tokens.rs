//! `/account/tokens`: personal access tokens for the JSON API — make one (shown once),
//! see each one's scope, expiry and last use, revoke it.

use crate::api::token::{get_tokens, CreateToken, RevokeToken};
use crate::components::alert::{Alert, Tone};
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::token::{TokenState, TokenView, TokensPage, EXPIRY_DAYS};
use leptos::prelude::*;
use leptos_meta::Title;

/// The tokens page.
#[component]
pub fn TokensPageView() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_tokens());
    view! { <Loaded data=data loading="Loading your tokens…" render=move |p| view! { <Tokens page=p/> }/> }
}

#[component]
fn Tokens(page: TokensPage) -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let (error, typed) = page.refused.clone().unwrap_or_default();
    let has_error = !error.is_empty();
    view! {
        <Title text="Access tokens"/>
        <h1>"Access tokens"</h1>
        <p class="usa-intro">
            "A token lets another system (a spreadsheet, a reporting tool) use plantrack's JSON API at "
            <a href="/api/v1/docs">"/api/v1"</a>
            " as you: it can never do more than your role allows, and read-only tokens cannot change anything."
        </p>
        {page.created.clone().map(|(name, secret)| view! {
            <div class="usa-alert usa-alert--success" role="status">
                <div class="usa-alert__body">
                    <h2 class="usa-alert__heading">{format!("Token \"{name}\" made")}</h2>
                    <p class="usa-alert__text">"Copy it now: it is shown only this once. Send it as "<code>"Authorization: Bearer TOKEN"</code>"."</p>
                    <p class="usa-alert__text"><code id="new-token">{secret}</code></p>
                </div>
            </div>
        })}
        {has_error.then(|| view! { <Alert tone=Tone::Error slim=true text=error.clone()/> })}
        <h2>"Make a token"</h2>
        <ActionForm action=create attr:class="usa-form">
            <label class="usa-label" for="token-name">"Name"</label>
            <span class="usa-hint" id="token-name-hint">"What will use it, e.g. \"Finance spreadsheet\"."</span>
            <input class="usa-input" id="token-name" name="name" maxlength="80" value=typed
                aria-describedby="token-name-hint" aria-invalid=has_error.then_some("true")/>
            <fieldset class="usa-fieldset margin-top-2">
                <legend class="usa-legend">"What it may do"</legend>
                <div class="usa-radio">
                    <input class="usa-radio__input" type="radio" id="scope-read" name="scope" value="read" checked=true/>
                    <label class="usa-radio__label" for="scope-read">"Read only"</label>
                </div>
                <div class="usa-radio">
                    <input class="usa-radio__input" type="radio" id="scope-write" name="scope" value="write"/>
                    <label class="usa-radio__label" for="scope-write">"Read and write (actuals and status updates, as your role allows)"</label>
                </div>
            </fieldset>
            <label class="usa-label" for="token-days">"Expires after"</label>
            <select class="usa-select" id="token-days" name="days">
                {EXPIRY_DAYS.iter().map(|d| view! { <option value=d.to_string() selected=*d == 90>{format!("{d} days")}</option> }).collect_view()}
            </select>
            <SubmitButton label="Make token" busy="Making the token…" class="usa-button margin-top-3"/>
        </ActionForm>
        <h2>"Your tokens"</h2>
        <TokenTable tokens=page.tokens/>
    }
}

#[component]
fn TokenTable(tokens: Vec<TokenView>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p>"You have no tokens yet."</p> }.into_any();
    }
    view! {
        <table class="usa-table usa-table--borderless usa-table--stacked" id="tokens">
            <caption class="usa-sr-only">"Your access tokens, newest first"</caption>
            <thead><tr>
                <th scope="col">"Name"</th><th scope="col">"May"</th><th scope="col">"State"</th>
                <th scope="col">"Made"</th><th scope="col">"Expires"</th><th scope="col">"Last used"</th>
                <th scope="col"><span class="usa-sr-only">"Revoke"</span></th>
            </tr></thead>
            <tbody>{tokens.into_iter().map(|t| view! { <TokenRow t=t/> }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn TokenRow(t: TokenView) -> impl IntoView {
    let revoke = ServerAction::<RevokeToken>::new();
    let active = t.state == TokenState::Active;
    let symbol = format!("{} ", t.state.mark().glyph());
    let label = format!("Revoke {}", t.name);
    view! {
        <tr>
            <th scope="row" data-label="Name">{t.name.clone()}</th>
            <td data-label="May">{t.scope.label()}</td>
            <td data-label="State"><span aria-hidden="true">{symbol}</span>{t.state.label()}</td>
            <td data-label="Made">{t.created.clone()}</td>
            <td data-label="Expires">{t.expires.clone()}</td>
            <td data-label="Last used">{t.last_used.clone()}</td>
            <td data-label="Revoke">
                {active.then(|| view! {
                    <ActionForm action=revoke attr:class="pt-inline">
                        <input type="hidden" name="id" value=t.id/>
                        <button class="usa-button usa-button--secondary usa-button--unstyled" type="submit" aria-label=label.clone()>"Revoke"</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
