//! The evidence of a strategy's status updates or a measure's actuals: the files, each a
//! download, and a form to attach one (a plain multipart form: no JavaScript needed).

use super::alert::{Alert, Tone};
use super::submit::SubmitButton;
use crate::components::form_group::{described_by, FormGroup};
use crate::model::evidence::{EvidenceList, ACCEPTED, ACCEPT_ATTR};
use leptos::prelude::*;

/// The "Evidence" section of a strategy ("strategy", its number) or measure ("measure",
/// its id) page; `what` names what a file supports ("status update", "actual").
#[component]
pub fn EvidenceSection(
    kind: &'static str,
    #[prop(into)] item: String,
    list: EvidenceList,
    what: &'static str,
) -> impl IntoView {
    let chosen = list
        .refused
        .as_ref()
        .map(|(_, q)| q.clone())
        .unwrap_or_default();
    let error = list.refused.map(|(message, _)| message);
    view! {
        <section aria-labelledby="evidence-heading" id="evidence">
            <h2 id="evidence-heading">"Evidence"</h2>
            {if list.files.is_empty() {
                view! { <p>{format!("No files are attached yet. A file supports one quarter's {what} and stays with it in the history.")}</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                        <caption class="usa-sr-only">"Files attached as evidence, newest first"</caption>
                        <thead><tr>
                            <th scope="col">"File"</th><th scope="col">"Quarter"</th><th scope="col">"Type and size"</th><th scope="col">"Attached"</th>
                        </tr></thead>
                        <tbody>
                            {list.files.into_iter().map(|f| view! {
                                <tr>
                                    <th scope="row" data-label="File">
                                        <a href=format!("/evidence/{}", f.id) download="">{f.filename.clone()}</a>
                                    </th>
                                    <td data-label="Quarter">{format!("{}, version {}", f.quarter, f.version)}</td>
                                    <td data-label="Type and size">{format!("{}, {}", f.kind, f.size)}</td>
                                    <td data-label="Attached">{format!("{} by {}", f.attached, f.author)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {error.clone().map(|e| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was attached. {e}")/> })}
            {list.can_attach.then(|| {
                if list.quarters.is_empty() {
                    return view! { <p class="usa-hint">{format!("Evidence is attached to a quarter's {what}: record one first.")}</p> }.into_any();
                }
                view! {
                    <form class="usa-form" method="post" action="/evidence" enctype="multipart/form-data">
                        <input type="hidden" name="kind" value=kind/>
                        <input type="hidden" name="item" value=item.clone()/>
                        <div class="usa-form-group">
                            <label class="usa-label" for="evidence-quarter">{format!("Quarter of the {what}")}</label>
                            <select class="usa-select" id="evidence-quarter" name="quarter">
                                {list.quarters.iter().enumerate().map(|(i, (slug, label))| {
                                    let selected = if chosen.is_empty() { i == 0 } else { *slug == chosen };
                                    view! { <option value=slug.clone() selected=selected>{label.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <FormGroup id="evidence-file" label="File" hint=ACCEPTED error=error.clone()>
                            <input class="usa-file-input" type="file" id="evidence-file" name="file" required
                                accept=ACCEPT_ATTR aria-describedby=described_by("evidence-file", true, error.is_some())/>
                        </FormGroup>
                        <SubmitButton label="Attach file" busy="Uploading…" class="usa-button margin-top-2"/>
                    </form>
                }.into_any()
            })}
        </section>
    }
}
