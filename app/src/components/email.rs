//! The form for the e-mail address reminders go to (a person's own, or an
//! administrator's for anyone).

use crate::api::users::SetEmail;
use crate::components::form_group::{described_by, FormGroup};
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
                <FormGroup id="email" label="E-mail address" error=error.clone()
                    hint="Reminders of the quarterly data call go here. Leave empty for none: they still show under Notifications.">
                    <input class="usa-input" id="email" name="email" type="email" autocomplete="email"
                        value=form.email.clone()
                        aria-describedby=described_by("email", true, error.is_some())/>
                </FormGroup>
                <SubmitButton label="Save e-mail address" class="usa-button usa-button--outline margin-top-2"/>
            </ActionForm>
        </section>
    }
}
