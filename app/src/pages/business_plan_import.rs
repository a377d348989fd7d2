//! `/business-plan/import`: many strategies' years of the business plan from one CSV,
//! each row checked like the strategy's form; nothing is written unless all rows are
//! good.

use crate::api::csv_import::get_business_plan_import;
use crate::components::csv_import::CsvImportForm;
use crate::components::error::loaded;
use crate::model::view::ActualsImport;
use leptos::prelude::*;
use leptos_meta::Title;

/// The business plan import page.
#[component]
pub fn BusinessPlanImportPage() -> impl IntoView {
    let outcome = Resource::new(|| (), |_| get_business_plan_import());
    loaded(outcome, |o| view! { <ImportForm outcome=o/> })
}

#[component]
fn ImportForm(outcome: ActualsImport) -> impl IntoView {
    view! {
        <Title text="Import the business plan"/>
        <h1>"Import the business plan from CSV"</h1>
        <p class="usa-intro">"Plan many strategies' years at once. The first line names the columns: "
            <code>"strategy"</code>" (4.1.3) and "<code>"fiscal_year"</code>" (one of the five years from this one), then any of "
            <code>"active"</code>" (yes or no), "<code>"milestones"</code>" (one a line, \"Q2: Pilot complete\"), "<code>"dollars"</code>", "<code>"fte"</code>", "
            <code>"staff"</code>", "<code>"it"</code>", "<code>"facilities"</code>", "<code>"training"</code>", "<code>"contracts"</code>", "
            <code>"lead_office"</code>" and "<code>"contributing"</code>"."</p>
        <p>"Each row replaces that strategy's year, checked by the same rules as its form: a year whose Implementation Plan is distributed is frozen. The business plan's CSV download has these columns."</p>
        <CsvImportForm outcome=outcome action="/business-plan/import"/>
    }
}
