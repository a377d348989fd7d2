//! `/account/password`: change one's own password.

use crate::api::account::{get_current_user, ChangePassword};
use crate::api::users::{get_my_email, SetEmail};
use crate::components::alert::{Alert, Tone};
use crate::components::email::EmailSection;
use crate::components::form_group::group_class;
use crate::components::submit::SubmitButton;
use crate::model::user::PasswordProblem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The change-password form; errors appear next to the field they concern.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let query = use_query_map();
    let change = ServerAction::<ChangePassword>::new();
    let me = Resource::new(|| (), |_| get_current_user());
    let set_email = ServerAction::<SetEmail>::new();
    let email = Resource::new(move || set_email.version().get(), |_| get_my_email());
    let problem = move || {
        if let Some(Err(crate::model::AppError::Password(p))) = change.value().get() {
            return Some(p);
        }
        query
            .read()
            .get("error")
            .and_then(|c| PasswordProblem::from_code(&c))
    };
    let on_current = move || problem().filter(|p| *p == PasswordProblem::WrongCurrent);
    let on_new = move || problem().filter(|p| *p != PasswordProblem::WrongCurrent);
    view! {
        <Title text="Change password"/>
        <div class="pt-narrow">
            <h1>"Change your password"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    me.await.ok().flatten().filter(|u| u.must_change_password).map(|_| view! {
                        <Alert tone=Tone::Warning slim=true role="status"
                            text="Your password was set by an administrator. Choose your own to continue."/>
                    })
                })}
            </Suspense>
            <ActionForm action=change attr:class="usa-form">
                <div class=move || group_class(on_current().is_some())>
                    <label class="usa-label" for="current">"Current password"</label>
                    {move || on_current().map(|p| view! { <span class="usa-error-message" id="current-error" role="alert">{p.message()}</span> })}
                    <input class="usa-input" id="current" name="current" type="password" autocomplete="current-password" required
                        aria-describedby=move || on_current().map(|_| "current-error")/>
                </div>
                <div class=move || group_class(on_new().is_some())>
                    <label class="usa-label" for="new">"New password"</label>
                    <span class="usa-hint" id="new-hint">"At least 12 characters; not a commonly used password; must not contain your username."</span>
                    {move || on_new().map(|p| view! { <span class="usa-error-message" id="new-error" role="alert">{p.message()}</span> })}
                    <input class="usa-input" id="new" name="new" type="password" autocomplete="new-password" required
                        aria-describedby=move || if on_new().is_some() { "new-hint new-error" } else { "new-hint" }/>
                    <label class="usa-label" for="confirm">"New password again"</label>
                    <input class="usa-input" id="confirm" name="confirm" type="password" autocomplete="new-password" required/>
                </div>
                <SubmitButton label="Change password" class="usa-button margin-top-3"/>
            </ActionForm>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    email.await.ok().map(|form| view! {
                        <EmailSection form=form own=true back="/account/password".to_string() action=set_email/>
                    })
                })}
            </Suspense>
        </div>
    }
}
