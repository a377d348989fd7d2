//! `/measures/import`: paste or upload a CSV of actuals. Every row is checked first;
//! nothing is written unless all rows are good, and each bad row is listed by line.

use crate::api::csv_import::get_actuals_import;
use crate::components::csv_import::CsvImportForm;
use crate::components::error::loaded;
use crate::model::view::ActualsImport;
use leptos::prelude::*;
use leptos_meta::Title;

/// The actuals import page.
#[component]
pub fn ActualsImportPage() -> impl IntoView {
    let outcome = Resource::new(|| (), |_| get_actuals_import());
    loaded(outcome, |o| view! { <ImportForm outcome=o/> })
}

#[component]
fn ImportForm(outcome: ActualsImport) -> impl IntoView {
    view! {
        <Title text="Import actuals"/>
        <h1>"Import actuals from CSV"</h1>
        <p class="usa-intro">"Record many quarters' actuals at once. The first line names the columns; "
            <code>"measure_id"</code>", "<code>"quarter"</code>" (2027-Q1) and "<code>"actual"</code>" are required, "
            <code>"note"</code>" is optional, other columns are ignored, so an IP export with its actual column filled in imports as it is."</p>
        <p>"An actual is a number, "<code>"done"</code>" / "<code>"not done"</code>" for a milestone, or "<code>"n/a"</code>" when the data is not yet available. Rows with an empty actual are skipped; an unchanged actual is left alone. Targets come in by "<a href="/measures/targets/import">"their own import"</a>"."</p>
        <CsvImportForm outcome=outcome action="/measures/import"/>
    }
}
