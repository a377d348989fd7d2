//! `/measures/targets/import`: annual and quarterly targets of many measures from one
//! CSV, each row checked like the target form; nothing is written unless all rows are
//! good, and each change is logged with its reason.

use crate::api::csv_import::get_targets_import;
use crate::components::csv_import::CsvImportForm;
use crate::components::error::loaded;
use crate::model::view::ActualsImport;
use leptos::prelude::*;
use leptos_meta::Title;

/// The targets import page.
#[component]
pub fn TargetsImportPage() -> impl IntoView {
    let outcome = Resource::new(|| (), |_| get_targets_import());
    loaded(outcome, |o| view! { <ImportForm outcome=o/> })
}

#[component]
fn ImportForm(outcome: ActualsImport) -> impl IntoView {
    view! {
        <Title text="Import targets"/>
        <h1>"Import targets from CSV"</h1>
        <p class="usa-intro">"Set the annual (APP) and quarterly (IP) targets of many measures at once. The first line names the columns: "
            <code>"measure_id"</code>" and "<code>"fiscal_year"</code>" (2028), then any of "<code>"annual"</code>", "<code>"q1"</code>", "<code>"q2"</code>", "<code>"q3"</code>", "<code>"q4"</code>", and "<code>"reason"</code>"."</p>
        <p>"An empty cell keeps the target there. The same rules as a measure's target form apply: annual targets change only while the year's APP is a draft or being revised, and every change after the first draft needs its reason, which the target log keeps."</p>
        <CsvImportForm outcome=outcome action="/measures/targets/import"/>
    }
}
