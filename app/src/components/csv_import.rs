//! The CSV import form shared by actuals and targets: paste or upload, and the outcome of
//! the last import (what was written, or every bad row by line — nothing written then).

use crate::components::alert::{Alert, Tone};
use crate::components::submit::SubmitButton;
use crate::model::view::ActualsImport;
use leptos::prelude::*;

/// The outcome of the last import, then the form posting to `action`.
#[component]
pub fn CsvImportForm(outcome: ActualsImport, action: &'static str) -> impl IntoView {
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
        <form class="usa-form usa-form--large pt-form-wide" method="post" action=action enctype="multipart/form-data">
            <label class="usa-label" for="csv-file">"CSV file"</label>
            <input class="usa-file-input" id="csv-file" name="file" type="file" accept=".csv,text/csv"/>
            <label class="usa-label" for="csv-text">"Or paste the CSV"</label>
            <textarea class="usa-textarea pt-import-text" id="csv-text" name="text">{text}</textarea>
            <SubmitButton label="Check and import" busy="Checking and importing…" class="usa-button margin-top-3"/>
        </form>
    }
}
