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
                <QuarterSelect id=id label="Quarter" shown=shown.clone()/>
                <button class="usa-button usa-button--outline" type="submit">"Show"</button>
            </form>
        </div>
    }
}

/// The labelled `quarter` select of a GET form: the quarters `shown` offers, its quarter
/// selected.
#[component]
pub fn QuarterSelect(id: &'static str, label: &'static str, shown: QuarterPhase) -> impl IntoView {
    let current = shown.quarter;
    view! {
        <div>
            <label class="usa-label" for=id>{label}</label>
            <select class="usa-select" id=id name="quarter">
                {shown.picker.into_iter().map(|q| view! {
                    <option value=q.slug() selected=q == current>{q.to_string()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
