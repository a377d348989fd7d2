//! `/measures/import`: paste or upload a CSV of actuals. Every row is checked first;
//! nothing is written unless all rows are good, and each bad row is listed by line.

use crate::api::measure::get_actuals_import;
use crate::components::alert::{Alert, Tone};
use crate::components::error::loaded;
use crate::components::submit::SubmitButton;
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
    let failed = !outcome.errors.is_empty();
    let problems = outcome.problems();
    let ActualsImport {
        text,
        text_dropped,
        errors,
        more_errors,
        summary,
    } = outcome;
    view! {
        <Title text="Import actuals"/>
        <h1>"Import actuals from CSV"</h1>
        <p class="usa-intro">"Record many quarters' actuals at once. The first line names the columns; "
            <code>"measure_id"</code>", "<code>"quarter"</code>" (2027-Q1) and "<code>"actual"</code>" are required, "
            <code>"note"</code>" is optional, other columns are ignored, so an IP export with its actual column filled in imports as it is."</p>
        <p>"An actual is a number, "<code>"done"</code>" / "<code>"not done"</code>" for a milestone, or "<code>"n/a"</code>" when the data is not yet available. Rows with an empty actual are skipped; an unchanged actual is left alone."</p>
        {summary.map(|s| view! {
            <Alert tone=Tone::Success heading="Imported" text=s/>
        })}
        {failed.then(|| view! {
            <Alert tone=Tone::Error heading=format!("Nothing was written: {problems} problem{}", if problems == 1 { "" } else { "s" })>
                <ul class="usa-list pt-import-errors">
                    {errors.into_iter().map(|(line, reason)| view! {
                        <li>{if line > 0 { format!("Line {line}: {reason}") } else { reason }}</li>
                    }).collect_view()}
                </ul>
                {(more_errors > 0).then(|| view! {
                    <p class="usa-alert__text">{format!("…and {more_errors} more problems not listed. Fix these first and check again.")}</p>
                })}
                {text_dropped.then(|| view! {
                    <p class="usa-alert__text">"The text was too long to show again here: correct your file and upload it again."</p>
                })}
            </Alert>
        })}
        <form class="usa-form usa-form--large pt-form-wide" method="post" action="/measures/import" enctype="multipart/form-data">
            <label class="usa-label" for="csv-file">"CSV file"</label>
            <input class="usa-file-input" id="csv-file" name="file" type="file" accept=".csv,text/csv"/>
            <label class="usa-label" for="csv-text">"Or paste the CSV"</label>
            <textarea class="usa-textarea pt-import-text" id="csv-text" name="text">{text}</textarea>
            <SubmitButton label="Check and import" busy="Checking and importing…" class="usa-button margin-top-3"/>
        </form>
    }
}
