//! `/admin/import`: paste or upload plan text to preview it before importing.

use crate::components::alert::{Alert, Tone};
use crate::components::submit::SubmitButton;
use leptos::prelude::*;
use leptos_meta::Title;

/// The import form. It posts (multipart) to `/admin/import`, which saves a draft and
/// redirects to its preview, so it works the same with JavaScript on or off.
#[component]
pub fn ImportPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let error = move || query.read().get("error").map(|code| upload_error(&code));
    let _ = &error;
    view! {
        <crate::components::guard::RequireRole roles=&[crate::model::user::Role::Admin]>
        <Title text="Import plan text"/>
        <h1>"Import plan text"</h1>
        <p class="usa-intro">
            "Paste the plan's numbered outline, or upload it as a text file or a StratML (Part 2) XML file. You will see the parsed goals, objectives and strategies before anything is saved."
        </p>
        {move || error().map(|message| view! {
            <Alert tone=Tone::Error slim=true text=message/>
        })}
        <ImportForm text=String::new()/>
        <section aria-labelledby="export-heading" class="margin-top-5">
            <h2 id="export-heading">"Export"</h2>
            <p>"Everything plantrack holds (the plan and its revisions, status history, measures, targets, actuals, reviews, meetings, budget, accounts and the audit trail) as one JSON file, which "<code>"plantrack import --format json FILE"</code>" restores into an empty database. It includes password hashes: keep it as safe as a backup."</p>
            <p>
                <a class="usa-button usa-button--outline" href="/export/plan.json" download="plantrack-export.json">"Download the whole plan (JSON)"</a>
                <a class="usa-button usa-button--outline" href="/export/plan.zip" download="plantrack-export.zip">"Download as CSV files (zip)"</a>
            </p>
        </section>
        </crate::components::guard::RequireRole>
    }
}

/// The message for an error code the upload handler put in the address.
fn upload_error(code: &str) -> &'static str {
    if let Some(problem) = crate::model::import::ShapeProblem::from_code(code) {
        return problem.message();
    }
    match code {
        "empty" => "Paste the plan text or choose a file to import.",
        "not-text" => {
            "That file is not plain text. Save it as a .txt file (UTF-8) and upload it again."
        }
        "server" => "The text could not be saved. The problem has been logged; please try again.",
        _ => "The upload could not be read. Please try again.",
    }
}

/// The paste-or-upload form, pre-filled with `text` when editing a draft again.
#[component]
pub fn ImportForm(text: String) -> impl IntoView {
    view! {
        <form class="usa-form usa-form--large pt-form-wide" method="post" action="/admin/import" enctype="multipart/form-data">
            <label class="usa-label" for="plan-text">"Plan text"</label>
            <span class="usa-hint" id="plan-text-hint">
                "Goals (\"Goal 1:\"), objectives (\"Objective 1.1 -\" or \"(1.1) Objective One:\") and strategies (\"1.1.1:\"), one per line."
            </span>
            <textarea class="usa-textarea pt-textarea-tall" id="plan-text" name="text" aria-describedby="plan-text-hint">{text}</textarea>
            <label class="usa-label" for="plan-file">"Or upload a file"</label>
            <span class="usa-hint" id="plan-file-hint">"A .txt outline, or a StratML .xml file (into an empty plan it brings its measures, targets, actuals and status too); it is used instead of the text above."</span>
            <input class="pt-file" id="plan-file" name="file" type="file" accept=".txt,text/plain,.xml,application/xml,text/xml" aria-describedby="plan-file-hint"/>
            <SubmitButton label="Preview import" busy="Reading the plan…" class="usa-button margin-top-3"/>
        </form>
    }
}
