//! `/admin/outbox`: every message plantrack has queued, with its state and error
//! (administrators).

use crate::api::notify::get_outbox;
use crate::components::loaded::Loaded;
use crate::model::notify::OutboxLine;
use leptos::prelude::*;
use leptos_meta::Title;

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_outbox());
    view! {
        <Title text="Outbox"/>
        <h1>"Outbox"</h1>
        <p class="usa-intro">"Messages plantrack has queued, newest first: reminders of the data call, returned updates and the working group's summary. Without a mail server (PLANTRACK_SMTP_URL) they are kept for people to read on their notifications page and marked not sent."</p>
        <Loaded data=data loading="Loading the outbox…" render=move |lines| view! { <Lines lines=lines/> }/>
    }
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
