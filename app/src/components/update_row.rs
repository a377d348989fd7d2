//! One strategy's row on "My updates": its status form for the quarter and its measures'
//! actual forms, each a plain form saved on its own that comes back to the row with its
//! errors beside it.

use super::alert::{Alert, Tone};
use super::measure::ActualForm;
use super::submit::SubmitButton;
use crate::api::measure::SaveActual;
use crate::api::status::SaveStatus;
use crate::components::form_group::{described_by, FormGroup};
use crate::model::lock::{locked_message, LockState};
use crate::model::review::UpdateState;
use crate::model::status::{ReturnedStatus, Status, StatusInput};
use crate::model::view::StatusFormData;
use leptos::prelude::*;

/// The anchor of strategy `number`'s row ("row-4-1-3").
pub fn row_id(number: &str) -> String {
    format!("row-{}", number.replace('.', "-"))
}

/// A strategy's status and its measures' actuals for one quarter, as a row of forms.
#[component]
pub fn UpdateRow(
    form: StatusFormData,
    /// The page the forms come back to ("/my?quarter=2027-Q1").
    back: String,
) -> impl IntoView {
    let id = row_id(&form.strategy);
    let back = format!("{back}#{id}");
    let heading = format!("{}-heading", id);
    let save = ServerAction::<SaveStatus>::new();
    let actual = ServerAction::<SaveActual>::new();
    let body = match &form.lock {
        LockState::Locked { since } if form.returned.is_none() => {
            let what = format!("the status of strategy {}", form.strategy);
            view! { <Alert tone=Tone::Warning slim=true text=locked_message(&what, form.quarter, since)/> }
                .into_any()
        }
        _ => view! { <StatusFields form=form.clone() back=back.clone() save=save/> }.into_any(),
    };
    view! {
        <section class="pt-panel pt-update-row" id=id.clone() aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>
                <a href=format!("/strategies/{}", form.strategy)>{form.strategy.clone()}</a>
                <span class="pt-muted">" " {form.strategy_text.clone()}</span>
            </h3>
            {body}
            {form.measures.into_iter().map(|slot| view! {
                <div class="pt-update-measure">
                    <p class="margin-bottom-0"><a href=format!("/measures/{}", slot.measure.id)>{slot.measure.name.clone()}</a>
                        {format!(" · latest actual for {}: {}", form.quarter, slot.latest)}</p>
                    <p class="pt-targets-beside margin-y-05">{slot.targets.clone()}</p>
                    <ActualForm
                        measure=slot.measure
                        quarters=vec![(form.quarter.slug(), slot.version)]
                        returned=slot.returned
                        back=back.clone()
                        action=actual
                    />
                </div>
            }).collect_view()}
        </section>
    }
}

/// The status form of a row: what was typed (or the latest update), its errors, the
/// working group's comment on a returned update.
#[component]
fn StatusFields(
    form: StatusFormData,
    back: String,
    save: ServerAction<SaveStatus>,
) -> impl IntoView {
    let input = match (&form.returned, &form.latest) {
        (Some(r), _) => r.input.clone(),
        (None, Some(latest)) => latest.as_input(),
        (None, None) => StatusInput::default(),
    };
    let prefix = row_id(&form.strategy);
    let prefix = StoredValue::new(prefix);
    let field = move |name: &str| prefix.with_value(|p| format!("{p}-{name}"));
    let r = StoredValue::new(form.returned.clone().unwrap_or_default());
    let err = move |name: &'static str| r.with_value(|r: &ReturnedStatus| r.error(name));
    let described =
        move |name: &'static str| described_by(&field(name), false, err(name).is_some());
    let more_open = !input.issues.is_empty()
        || !input.next_steps.is_empty()
        || err("issues").is_some()
        || err("next_steps").is_some();
    let area = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <FormGroup id=field(name) label=label error=err(name)>
                <textarea class="usa-textarea pt-textarea-short" id=field(name) name=name
                    aria-describedby=described(name)>{value}</textarea>
            </FormGroup>
        }
    };
    view! {
        {match form.state.clone() {
            UpdateState::Returned { comment, by } => Some(view! {
                <Alert tone=Tone::Warning slim=true
                    text=format!("↩ Returned by {by}: \u{201c}{comment}\u{201d} Correct it and submit it again.")/>
            }),
            _ => None,
        }}
        {r.with_value(|r| r.conflict.clone()).map(|theirs| view! {
            <crate::components::narrative::TheirUpdate theirs=theirs/>
        })}
        {r.with_value(|r| (!r.errors.is_empty()).then(|| r.message())).map(|message| view! {
            <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {message}")/>
        })}
        <ActionForm action=save attr:class="usa-form pt-form-wide pt-update-form">
            <input type="hidden" name="number" value=form.strategy.clone()/>
            <input type="hidden" name="quarter" value=form.quarter.slug()/>
            <input type="hidden" name="base_version" value=input.base_version/>
            <input type="hidden" name="back" value=back/>
            {err("quarter").map(|e| view! { <span class="usa-error-message" role="alert">{e}</span> })}
            <div class="pt-update-pair">
                <FormGroup id=field("status") label="Status" error=err("status")>
                    <select class="usa-select" id=field("status") name="status" aria-describedby=described("status")>
                        <option value="" selected=input.status.is_empty()>"- Select -"</option>
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=input.status == s.as_str()>{format!("{} {}", s.symbol(), s.label())}</option>
                        }).collect_view()}
                    </select>
                </FormGroup>
                <FormGroup id=field("percent") label="Percent complete" error=err("percent")>
                    <input class="usa-input usa-input--small" id=field("percent") name="percent" inputmode="numeric"
                        value=input.percent.clone() aria-describedby=described("percent")/>
                </FormGroup>
            </div>
            {area("accomplishments", "Accomplishments", input.accomplishments.clone())}
            {area("explanation", "Explanation (required when at risk or off track)", input.explanation.clone())}
            {area("corrective_action", "Corrective action (required when at risk or off track)", input.corrective_action.clone())}
            <details class="margin-top-2" open=more_open>
                <summary>"Issues and next steps"</summary>
                {area("issues", "Issues", input.issues.clone())}
                {area("next_steps", "Next steps", input.next_steps.clone())}
            </details>
            <SubmitButton label="Submit status" busy="Submitting…" name="intent" value="submit" class="usa-button margin-top-2"/>
            <SubmitButton label="Save as draft" name="intent" value="draft" class="usa-button usa-button--outline margin-top-2"/>
        </ActionForm>
    }
}
