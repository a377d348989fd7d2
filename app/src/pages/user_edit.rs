//! `/admin/users/:id`: one account — display name, role, disabled; its strategies
//! picked from the plan outline; a password reset that asks to be confirmed.

use crate::api::users::{get_user, AssignStrategies, ResetPassword, SetEmail, UpdateUser};
use crate::components::alert::{Alert, Tone};
use crate::components::email::EmailSection;
use crate::components::error::ErrorPage;
use crate::components::loaded::route_param;
use crate::components::submit::SubmitButton;
use crate::model::user::UserEdit;
use crate::pages::users::RoleSelect;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The account edit page (administrators only; the server checks).
#[component]
pub fn UserEditPage() -> impl IntoView {
    let param = route_param("id");
    let query = use_query_map();
    let set_email = ServerAction::<SetEmail>::new();
    let data = Resource::new(
        move || (param(), set_email.version().get()),
        |(id, _)| get_user(id),
    );
    let confirm = move || query.read().get("confirm").is_some_and(|c| c == "reset");
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(edit) => view! { <UserEditView edit=edit confirm=confirm() set_email=set_email/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserEditView(edit: UserEdit, confirm: bool, set_email: ServerAction<SetEmail>) -> impl IntoView {
    let update = ServerAction::<UpdateUser>::new();
    let assign = ServerAction::<AssignStrategies>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let u = edit.user;
    let title = format!("User {}", u.username);
    let id = u.id;
    let mine = u.strategies.clone();
    // A refused account form shows what was typed, with why; else the account as it is.
    let returned = edit.returned.clone().filter(|r| r.is_form("account"));
    let account_error = returned
        .as_ref()
        .map(|r| r.message())
        .filter(|m| !m.is_empty());
    let (shown_name, shown_role, shown_disabled) = match &returned {
        Some(r) => (
            r.value("display_name"),
            crate::model::user::Role::parse(&r.value("role")).unwrap_or(u.role),
            r.value("disabled") == "on",
        ),
        None => (u.display_name.clone(), u.role, u.disabled),
    };
    let error = move || {
        [
            update.value().get().and_then(|r| r.err()),
            assign.value().get().and_then(|r| r.err()),
            reset.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    };
    view! {
        <Title text=title.clone()/>
        <nav class="usa-breadcrumb" aria-label="Breadcrumbs">
            <ol class="usa-breadcrumb__list">
                <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" href="/admin/users">"Users"</a></li>
                <li class="usa-breadcrumb__list-item usa-current" aria-current="page">{u.username.clone()}</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        {move || error().map(|e| view! { <Alert tone=Tone::Error slim=true text=e.to_string()/> })}
        <section aria-labelledby="account-heading">
            <h2 id="account-heading">"Account"</h2>
            <ActionForm action=update attr:class="usa-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=u.version/>
                {account_error.map(|e| view! {
                    <Alert tone=Tone::Error slim=true text=format!("The account was not saved. {e}")/>
                })}
                <label class="usa-label" for="display-name">"Display name"</label>
                <input class="usa-input" id="display-name" name="display_name" required value=shown_name/>
                <label class="usa-label" for="role">"Role"</label>
                <RoleSelect id="role".into() selected=shown_role/>
                <div class="usa-checkbox margin-top-2">
                    <input class="usa-checkbox__input" type="checkbox" id="disabled" name="disabled" checked=shown_disabled/>
                    <label class="usa-checkbox__label" for="disabled">"Disabled (cannot sign in)"</label>
                </div>
                <SubmitButton label="Save account" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
        {edit.email.clone().map(|form| view! {
            <EmailSection form=form own=false back=format!("/admin/users/{id}") action=set_email/>
        })}
        <section aria-labelledby="strategies-heading">
            <h2 id="strategies-heading">"Strategies"</h2>
            <p>"The strategies this person owns: a manager may record status for these. Owners can also be set on each strategy's page."</p>
            <ActionForm action=assign attr:class="usa-form pt-outline-picker">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=u.version/>
                {edit.outline.into_iter().map(|(goal, objectives)| {
                    let picked_here = objectives.iter().flat_map(|(_, s)| s).filter(|(n, _)| mine.contains(n)).count();
                    let total: usize = objectives.iter().map(|(_, s)| s.len()).sum();
                    let mine = mine.clone();
                    view! {
                        <details class="pt-picker-goal" open={picked_here > 0}>
                            <summary>{format!("{goal} ({picked_here} of {total} chosen)")}</summary>
                            {objectives.into_iter().map(|(objective, strategies)| {
                                let mine = mine.clone();
                                view! {
                                    <fieldset class="usa-fieldset">
                                        <legend class="usa-legend">{format!("Objective {objective}")}</legend>
                                        {strategies.into_iter().map(|(number, text)| {
                                            let field = format!("pick-{number}");
                                            view! {
                                                <div class="usa-checkbox">
                                                    <input class="usa-checkbox__input" type="checkbox" id=field.clone()
                                                        name="picked[]" value=number.clone() checked=mine.contains(&number)/>
                                                    <label class="usa-checkbox__label" for=field>
                                                        <strong>{number.clone()}</strong>" "{text}
                                                    </label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                }
                            }).collect_view()}
                        </details>
                    }
                }).collect_view()}
                <SubmitButton label="Save strategies" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            {if confirm {
                view! {
                    <div class="usa-alert usa-alert--warning usa-alert--slim">
                        <div class="usa-alert__body">
                            <p class="usa-alert__text">{format!(
                                "Reset the password of {}? Their current password stops working; you will see a temporary one to give them, which they must change when they sign in.",
                                u.username
                            )}</p>
                        </div>
                    </div>
                    <ActionForm action=reset attr:class="margin-top-2">
                        <input type="hidden" name="id" value=id/>
                        <button class="usa-button usa-button--secondary" type="submit">"Yes, reset the password"</button>
                        <a class="usa-button usa-button--unstyled margin-left-2" href=format!("/admin/users/{id}")>"Cancel"</a>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p>"If they have forgotten it, give them a temporary password."</p>
                    <a class="usa-button usa-button--outline" href=format!("/admin/users/{id}?confirm=reset#password-heading")>"Reset password…"</a>
                }.into_any()
            }}
        </section>
    }
}
