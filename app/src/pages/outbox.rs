//! `/admin/outbox`: every message plantrack has queued, with its state and error
//! (administrators).

use crate::api::notify::get_outbox;
use crate::api::schedule::get_schedule_problems;
use crate::components::loaded::Loaded;
use crate::model::notify::OutboxLine;
use crate::model::schedule::view::RunLine;
use leptos::prelude::*;
use leptos_meta::Title;

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_outbox());
    let problems = Resource::new(|| (), |_| get_schedule_problems());
    view! {
        <Title text="Outbox"/>
        <h1>"Outbox"</h1>
        <p class="usa-intro">"Messages plantrack has queued, newest first: reminders of the data call, returned updates, the working group's summary, mentions and scheduled reports. Without a mail server (PLANTRACK_SMTP_URL) they are kept for people to read on their notifications page and marked not sent."</p>
        <Loaded data=problems loading="Loading the scheduled runs…" render=move |runs| view! { <Problems runs=runs/> }/>
        <Loaded data=data loading="Loading the outbox…" render=move |lines| view! { <Lines lines=lines/> }/>
    }
}

/// Scheduled runs that failed, sent nothing, or have a message that failed.
#[component]
fn Problems(runs: Vec<RunLine>) -> impl IntoView {
    (!runs.is_empty()).then(|| view! {
        <section aria-labelledby="run-problems" class="margin-bottom-4">
            <h2 id="run-problems">"Scheduled reports that did not go out in full"</h2>
            <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                <caption class="usa-sr-only">"Scheduled runs with a problem, newest first"</caption>
                <thead><tr>
                    <th scope="col">"Ran"</th><th scope="col">"Schedule"</th>
                    <th scope="col">"Covers"</th><th scope="col">"Result"</th>
                </tr></thead>
                <tbody>
                    {runs.into_iter().map(|r| view! {
                        <tr data-run-problem="">
                            <td data-label="Ran">{r.ran}</td>
                            <td data-label="Schedule"><a href="/admin/schedules">{r.schedule}</a></td>
                            <td data-label="Covers">{r.covers}</td>
                            <td data-label="Result"><span aria-hidden="true">"⚠ "</span>{r.result}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    })
}

#[component]
fn Lines(lines: Vec<OutboxLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p>"Nothing has been queued yet."</p> }.into_any();
    }
    view! {
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">"Outbox messages, newest first"</caption>
            <thead><tr>
                <th scope="col">"Queued"</th><th scope="col">"To"</th><th scope="col">"Subject"</th>
                <th scope="col">"State"</th><th scope="col">"Attempts"</th><th scope="col">"Error"</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr data-message=l.id>
                        <td data-label="Queued">{l.when}</td>
                        <td data-label="To">{l.to}</td>
                        <td data-label="Subject">{l.subject}</td>
                        <td data-label="State">{l.state}</td>
                        <td data-label="Attempts">{l.attempts}</td>
                        <td data-label="Error">{l.error.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
