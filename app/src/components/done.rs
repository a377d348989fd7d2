//! The button that marks a milestone done or reopens it.

use leptos::prelude::*;

/// "Mark done" (or "Reopen" when `done`), naming `what` for screen readers; goes inside
/// the form that posts the change.
#[component]
pub fn DoneButton(done: bool, what: String) -> impl IntoView {
    view! {
        <button class="usa-button usa-button--outline" type="submit">
            {if done { "Reopen" } else { "Mark done" }}
            <span class="usa-sr-only">{format!(": {what}")}</span>
        </button>
    }
}
