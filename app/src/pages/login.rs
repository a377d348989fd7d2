//! `/login`: sign in through the organisation's identity provider when one is set up,
//! or with username and password.

use crate::api::account::{login_status, Login};
use crate::components::alert::{Alert, Tone};
use crate::components::submit::SubmitButton;
use crate::model::oidc::{Refusal, SignInOptions};
use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The message for the sign-in page's `error` code, if it names one.
fn error_message(code: &str) -> Option<String> {
    match code {
        "invalid" => Some(AppError::Invalid("Wrong username or password.".into()).to_string()),
        "throttled" => Some(AppError::TooManyAttempts.to_string()),
        "sso-only" => Some(
            "Password sign-in is kept for break-glass administrator accounts: sign in with \
             the button above."
                .into(),
        ),
        other => Refusal::from_code(other).map(|r| r.message().to_string()),
    }
}

/// The sign-in page; works as plain forms without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let q = move |key: &str| query.read().get(key).unwrap_or_default();
    let status = Resource::new(|| (), |_| login_status());
    let error = move || error_message(&q("error"));
    view! {
        <Title text="Sign in"/>
        <div class="pt-narrow">
            <h1>"Sign in"</h1>
            {move || (q("signed_out") == "1").then(|| view! {
                <Alert tone=Tone::Info slim=true role="status" text="You are signed out."/>
            })}
            {move || error().map(|e| view! {
                <Alert tone=Tone::Error slim=true text=e/>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let options = status.await.unwrap_or_default();
                    view! { <SignInChoices options=options next=q("next") username=q("username")/> }
                })}
            </Suspense>
        </div>
    }
}

/// The provider's button first when there is one; the password form below it (folded
/// away when passwords are for break-glass accounts only).
#[component]
fn SignInChoices(options: SignInOptions, next: String, username: String) -> impl IntoView {
    let first_step = (!options.has_accounts).then(|| {
        view! {
            <Alert tone=Tone::Warning role="status" heading="No accounts yet">
                <p class="usa-alert__text">
                    "Create the first administrator on the server with "
                    <code>"plantrack user add NAME --role admin"</code>
                    ". It prints a password to use once."
                </p>
            </Alert>
        }
    });
    let password_form = view! { <PasswordForm next=next.clone() username=username/> };
    let Some(label) = options.provider else {
        return view! { {first_step} {password_form} }.into_any();
    };
    let below = if options.only_break_glass {
        view! {
            <details class="margin-top-4">
                <summary>"Break-glass sign-in for administrators"</summary>
                {password_form}
            </details>
        }
        .into_any()
    } else {
        view! {
            <h2 class="font-heading-md margin-top-5">"Or sign in with a plantrack password"</h2>
            {password_form}
        }
        .into_any()
    };
    view! {
        {first_step}
        <form method="post" action="/auth/oidc/start" class="margin-top-2">
            <input type="hidden" name="next" value=next/>
            <button type="submit" class="usa-button usa-button--big">
                {format!("Sign in with {label}")}
            </button>
        </form>
        {below}
    }
    .into_any()
}

/// Username and password.
#[component]
fn PasswordForm(next: String, username: String) -> impl IntoView {
    let login = ServerAction::<Login>::new();
    view! {
        <ActionForm action=login attr:class="usa-form">
            <input type="hidden" name="next" value=next/>
            <label class="usa-label" for="username">"Username"</label>
            <input class="usa-input" id="username" name="username" type="text"
                autocomplete="username" autocapitalize="none" spellcheck="false" required
                value=username/>
            <label class="usa-label" for="password">"Password"</label>
            <input class="usa-input" id="password" name="password" type="password"
                autocomplete="current-password" required/>
            <SubmitButton label="Sign in" busy="Signing in…" class="usa-button margin-top-3"/>
        </ActionForm>
    }
}
