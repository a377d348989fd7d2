//! Change proposals as a table (the proposals page, a review's agenda) and the form a
//! review decides them with.

use crate::api::proposal::DecideProposals;
use crate::components::alert::{Alert, Tone};
use crate::components::submit::SubmitButton;
use crate::components::wording::WordingDiff;
use crate::model::form::Returned;
use crate::model::proposal::{Proposal, ProposalState};
use leptos::prelude::*;

/// A proposal's state, with the review and the revision once decided.
fn outcome(p: &Proposal) -> String {
    // The review's quarter as people read it ("FY2027 Q1"), not its address form.
    let meeting = p
        .meeting
        .as_deref()
        .map(crate::model::fiscal::quarter_words);
    match (p.state, &meeting, p.revision) {
        (ProposalState::Proposed, _, _) => p.state.label().to_string(),
        (s, Some(m), Some(r)) => format!("{} at the {m} review · revision {r}", s.label()),
        (s, Some(m), None) => format!("{} at the {m} review", s.label()),
        (s, None, _) => s.label().to_string(),
    }
}

/// Proposals as a table: what changes, why, who proposed it, and the outcome.
#[component]
pub fn ProposalTable(proposals: Vec<Proposal>, caption: String) -> impl IntoView {
    view! {
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"Proposal"</th><th scope="col">"Change"</th><th scope="col">"Reason"</th>
                <th scope="col">"Proposed by"</th><th scope="col">"Outcome"</th>
            </tr></thead>
            <tbody>
                {proposals.into_iter().map(|p| {
                    let outcome = outcome(&p);
                    let revision = p.revision.map(|r| view! {
                        " " <a href=format!("/plan/revisions/compare?from={}&to={r}", (r - 1).max(1))>{format!("See revision {r}'s changes")}</a>
                    });
                    view! {
                        <tr id=format!("proposal-{}", p.id) data-proposal=p.id>
                            <th scope="row" data-label="Proposal">{format!("#{}", p.id)}
                                <br/><a href=crate::model::comment::Subject::Proposal(p.id).page()>"Discussion"<span class="usa-sr-only">{format!(" of proposal {}", p.id)}</span></a>
                            </th>
                            <td data-label="Change">{p.description.clone()}
                                {p.wording.clone().map(|w| view! { <WordingDiff wording=w/> })}
                            </td>
                            <td data-label="Reason" class="pt-pre">{p.reason.clone()}</td>
                            <td data-label="Proposed by">{p.proposed.clone()}</td>
                            <td data-label="Outcome">{outcome}
                                {(!p.decision.is_empty()).then(|| view! { <br/><span class="pt-muted">{format!("Decision: {}", p.decision)}</span> })}
                                {revision}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A review's decisions on open proposals: tick to approve or reject, one decision text;
/// the approved ones become one plan revision.
#[component]
pub fn DecideForm(
    quarter: String,
    open: Vec<Proposal>,
    returned: Option<Returned>,
) -> impl IntoView {
    let decide = ServerAction::<DecideProposals>::new();
    let message = returned.as_ref().map(|r| r.message());
    let note = returned
        .as_ref()
        .map(|r| r.value("note"))
        .unwrap_or_default();
    view! {
        {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
        <ActionForm action=decide attr:class="usa-form pt-form-wide" attr:id="decide-proposals">
            <input type="hidden" name="quarter" value=quarter/>
            <fieldset class="usa-fieldset">
                <legend class="usa-legend">"Decide the open proposals (the approved ones are applied together as one revision of the plan)"</legend>
                {open.into_iter().map(|p| {
                    let (a, r) = (format!("approve-{}", p.id), format!("reject-{}", p.id));
                    let label = format!("#{}: {}", p.id, p.description);
                    view! {
                        <div class="pt-decision" data-proposal=p.id>
                            <p class="margin-bottom-0"><strong>{label}</strong></p>
                            {p.wording.clone().map(|w| view! { <WordingDiff wording=w/> })}
                            <div class="usa-checkbox display-inline-block margin-right-3">
                                <input class="usa-checkbox__input" type="checkbox" id=a.clone() name="approve[]" value=p.id/>
                                <label class="usa-checkbox__label" for=a>{format!("✔ Approve proposal {}", p.id)}</label>
                            </div>
                            <div class="usa-checkbox display-inline-block">
                                <input class="usa-checkbox__input" type="checkbox" id=r.clone() name="reject[]" value=p.id/>
                                <label class="usa-checkbox__label" for=r>{format!("✖ Reject proposal {}", p.id)}</label>
                            </div>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <label class="usa-label" for="decision-note">"Decision (recorded with each ticked proposal)"</label>
            <textarea class="usa-textarea pt-textarea-short" id="decision-note" name="note">{note}</textarea>
            <SubmitButton label="Record the decisions" class="usa-button margin-top-2"/>
        </ActionForm>
    }
}
