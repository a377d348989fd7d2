//! Approve a submitted status update, or return it with a comment: the working group's
//! form, on the strategy page and on each row of the approval inbox.

use crate::api::status::ReviewStatus;
use crate::components::form_group::{described_by, FormGroup};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::review::form_id;
use crate::model::status::StatusUpdate;
use leptos::prelude::*;

/// Approve, or return with a comment (the comment is needed to return). `back` is the
/// page to come back to ("" for the strategy's page); refused, the form comes back
/// there, at its own place, with what was typed and the problem beside the comment.
#[component]
pub fn ReviewForm(
    update: StatusUpdate,
    action: ServerAction<ReviewStatus>,
    returned: Option<Returned>,
    back: String,
) -> impl IntoView {
    let form = form_id(&update.strategy, &update.quarter.slug(), update.version);
    let id = format!("{form}-comment");
    let r = returned.unwrap_or_default();
    let error = r.error("comment");
    let conflict = r.error("version");
    let described = described_by(&id, true, error.is_some());
    view! {
        <ActionForm action=action attr:class="usa-form pt-review-form" attr:id=form>
            <input type="hidden" name="number" value=update.strategy.clone()/>
            <input type="hidden" name="quarter" value=update.quarter.slug()/>
            <input type="hidden" name="version" value=update.version/>
            {(!back.is_empty()).then(|| view! { <input type="hidden" name="back" value=back/> })}
            {conflict.map(|c| view! { <p class="usa-error-message" role="alert">{c}</p> })}
            <FormGroup id=id.clone() label=format!("Comment to the owner ({} update of strategy {})", update.quarter, update.strategy)
                hint="Needed to return it: say what to correct." error=error.clone()>
                <textarea class="usa-textarea" id=id.clone() name="comment" rows="2" aria-describedby=described>{r.value("comment")}</textarea>
            </FormGroup>
            <SubmitButton label="Approve" busy="Approving…" name="decision" value="approve" class="usa-button margin-top-1"/>
            <SubmitButton label="Return for correction" busy="Returning…" name="decision" value="return" class="usa-button usa-button--outline margin-top-1"/>
        </ActionForm>
    }
}
