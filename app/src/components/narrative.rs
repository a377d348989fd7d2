//! An update's narrative, and someone else's update shown beside what was typed when
//! they saved first (the status form and My updates alike).

use crate::components::alert::{Alert, Tone};
use crate::components::status::StatusTag;
use crate::model::status::StatusUpdate;
use leptos::prelude::*;

/// The narrative fields of an update, those that are filled in.
#[component]
pub fn Narrative(update: StatusUpdate) -> impl IntoView {
    let fields = [
        ("Accomplishments", update.accomplishments),
        ("Issues", update.issues),
        ("Next steps", update.next_steps),
        ("Explanation", update.explanation),
        ("Corrective action", update.corrective_action),
    ];
    view! {
        <dl class="pt-facts">
            {fields.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! {
                <dt>{k}</dt><dd class="pt-pre">{v}</dd>
            }).collect_view()}
        </dl>
    }
}

/// Someone else's update, saved while this form was open: who, when, and what they
/// wrote, above the form that keeps what was typed.
#[component]
pub fn TheirUpdate(theirs: StatusUpdate) -> impl IntoView {
    let when = if theirs.recorded.is_empty() {
        String::new()
    } else {
        format!(" on {}", theirs.recorded)
    };
    view! {
        <Alert tone=Tone::Warning role="alert" heading="Someone else saved first"
            text=format!("{} saved version {}{when} while you were editing. Your text is kept below; saving now records it as a correction of theirs.", theirs.author, theirs.version)>
            <div class="pt-theirs">
                <p><strong>"Their update: "</strong><StatusTag status=Some(theirs.status)/>{format!(", {}% complete", theirs.percent)}</p>
                <Narrative update=theirs/>
            </div>
        </Alert>
    }
}
