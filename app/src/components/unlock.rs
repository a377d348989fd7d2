//! The working group's form to unlock a locked quarter for one strategy or measure.

use crate::api::lock::UnlockQuarter;
use crate::components::form_group::{described_by, FormGroup};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use leptos::prelude::*;

/// Unlocks one of `quarters` ((slug, label), latest first) of `kind` "strategy" or
/// "measure" `item`, with a reason; a single quarter is not asked for.
#[component]
pub fn UnlockForm(
    action: ServerAction<UnlockQuarter>,
    kind: &'static str,
    item: String,
    quarters: Vec<(String, String)>,
    returned: Option<Returned>,
) -> impl IntoView {
    let r = returned.unwrap_or_default();
    let reason_error = r.error("reason");
    let quarter_error = r.error("quarter");
    let typed_quarter = r.value("quarter");
    let single = (quarters.len() == 1).then(|| quarters[0].clone());
    let button = match &single {
        Some((_, label)) => format!("Unlock {label}"),
        None => "Unlock the quarter".to_string(),
    };
    let id = format!("unlock-reason-{kind}");
    let quarter_id = format!("unlock-quarter-{kind}");
    view! {
        <ActionForm action=action attr:class="usa-form usa-form--large pt-unlock">
            <input type="hidden" name="kind" value=kind/>
            <input type="hidden" name="item" value=item/>
            {match single {
                Some((slug, _)) => view! { <input type="hidden" name="quarter" value=slug/> }.into_any(),
                None => view! {
                    <label class="usa-label" for=quarter_id.clone()>"Locked quarter"</label>
                    {quarter_error.clone().map(|e| view! { <span class="usa-error-message" id=format!("{quarter_id}-error")>{e}</span> })}
                    <select class="usa-select" id=quarter_id.clone() name="quarter">
                        {quarters.into_iter().map(|(slug, label)| {
                            let chosen = slug == typed_quarter;
                            view! { <option value=slug selected=chosen>{label}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <FormGroup id=id.clone() label="Reason for unlocking" error=reason_error.clone()
                hint="Kept in the audit trail. The quarter stays open for this item until its owner submits an update or saves an actual; drafts keep it open.">
                <textarea class="usa-textarea" id=id.clone() name="reason" rows="2"
                    aria-describedby=described_by(&id, true, reason_error.is_some())>{r.value("reason")}</textarea>
            </FormGroup>
            <SubmitButton label=button class="usa-button usa-button--secondary margin-top-2"/>
        </ActionForm>
    }
}
