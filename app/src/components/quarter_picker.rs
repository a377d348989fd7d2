//! The quarter a page shows, named with where it stands, and a picker for another: a plain
//! GET form, so it works without JavaScript and the quarter stays in the address.

use crate::model::reporting::QuarterPhase;
use leptos::prelude::*;

/// "Showing FY2027 Q1 — data call open, due 15 January 2027" with a quarter picker that
/// sends `?quarter=` to `action`.
#[component]
pub fn QuarterPicker(
    /// The page's address (without a query).
    action: String,
    shown: QuarterPhase,
) -> impl IntoView {
    let id = "quarter-picker";
    let current = shown.quarter;
    let reporting_note = if shown.reporting {
        " (the reporting quarter)"
    } else {
        ""
    };
    view! {
        <div class="pt-quarter-picker">
            <p class="pt-quarter-phase" data-phase=format!("{:?}", shown.phase)>
                <span aria-hidden="true">{shown.phase.symbol()}</span>" "
                <strong>{shown.quarter.to_string()}</strong>{format!("{reporting_note} — {}", shown.words())}
            </p>
            <form class="usa-form pt-filter" method="get" action=action>
                <div>
                    <label class="usa-label" for=id>"Quarter"</label>
                    <select class="usa-select" id=id name="quarter">
                        {shown.picker.iter().map(|q| view! {
                            <option value=q.slug() selected=*q == current>{q.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="usa-button usa-button--outline" type="submit">"Show"</button>
            </form>
        </div>
    }
}
