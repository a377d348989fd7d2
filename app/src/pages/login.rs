//! `/login`: sign in with username and password.

use crate::api::account::{login_status, Login};
use crate::components::alert::{Alert, Tone};
use crate::components::submit::SubmitButton;
use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in page; works as a plain form without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let q = move |key: &str| query.read().get(key).unwrap_or_default();
    let login = ServerAction::<Login>::new();
    let status = Resource::new(|| (), |_| login_status());
    let error = move || {
        if let Some(Err(e)) = login.value().get() {
            return Some(e.to_string());
        }
        match q("error").as_str() {
            "invalid" => Some(AppError::Invalid("Wrong username or password.".into()).to_string()),
            "throttled" => Some(AppError::TooManyAttempts.to_string()),
            _ => None,
        }
    };
    view! {
        <Title text="Sign in"/>
        <div class="pt-narrow">
            <h1>"Sign in"</h1>
            {move || (q("signed_out") == "1").then(|| view! {
                <Alert tone=Tone::Info slim=true role="status" text="You are signed out."/>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    (status.await == Ok(false)).then(|| view! {
                        <Alert tone=Tone::Warning role="status" heading="No accounts yet">
                            <p class="usa-alert__text">
                                "Create the first administrator on the server with "
                                <code>"plantrack user add NAME --role admin"</code>
                                ". It prints a password to use once."
                            </p>
                        </Alert>
                    })
                })}
            </Suspense>
            {move || error().map(|e| view! {
                <Alert tone=Tone::Error slim=true text=e/>
            })}
            <ActionForm action=login attr:class="usa-form">
                <input type="hidden" name="next" value=move || q("next")/>
                <label class="usa-label" for="username">"Username"</label>
                <input class="usa-input" id="username" name="username" type="text"
                    autocomplete="username" autocapitalize="none" spellcheck="false" required
                    value=move || q("username")/>
                <label class="usa-label" for="password">"Password"</label>
                <input class="usa-input" id="password" name="password" type="password"
                    autocomplete="current-password" required/>
                <SubmitButton label="Sign in" busy="Signing in…" class="usa-button margin-top-3"/>
            </ActionForm>
        </div>
    }
}
