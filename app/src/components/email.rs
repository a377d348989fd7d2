//! The form for the e-mail address reminders go to (a person's own, or an
//! administrator's for anyone).

use crate::api::users::SetEmail;
use crate::components::submit::SubmitButton;
use crate::model::user::EmailForm;
use leptos::prelude::*;

/// Sets account `form.id`'s e-mail address (`own`: the signed-in person's), then goes
/// back to `back`.
#[component]
pub fn EmailSection(
    form: EmailForm,
    own: bool,
    back: String,
    action: ServerAction<SetEmail>,
) -> impl IntoView {
    let error = form.error.clone();
    view! {
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">"E-mail for reminders"</h2>
            <ActionForm action=action attr:class="usa-form">
                <input type="hidden" name="id" value=if own { String::new() } else { form.id.to_string() }/>
                <input type="hidden" name="back" value=back/>
                <div class=if error.is_some() { "usa-form-group usa-form-group--error" } else { "usa-form-group" }>
                    <label class="usa-label" for="email">"E-mail address"</label>
                    <span class="usa-hint" id="email-hint">"Reminders of the quarterly data call go here. Leave empty for none: they still show under Notifications."</span>
                    {error.clone().map(|e| view! { <span class="usa-error-message" id="email-error">{e}</span> })}
                    <input class="usa-input" id="email" name="email" type="email" autocomplete="email"
                        value=form.email.clone()
                        aria-describedby=if error.is_some() { "email-hint email-error" } else { "email-hint" }/>
                </div>
                <SubmitButton label="Save e-mail address" class="usa-button usa-button--outline margin-top-2"/>
            </ActionForm>
        </section>
    }
}
