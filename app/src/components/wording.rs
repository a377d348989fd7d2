//! A wording change side by side: the wording now and the proposed, the words that
//! change struck through or underlined (and named for screen readers), not only coloured.

use crate::model::diff::{Mark, Wording};
use leptos::prelude::*;

/// One side's runs, marked.
fn runs(runs: Vec<(Mark, String)>) -> impl IntoView {
    runs.into_iter()
        .map(|(mark, text)| match mark {
            Mark::Same => view! { {text} }.into_any(),
            Mark::Removed => view! {
                <del class="pt-diff__removed"><span class="usa-sr-only">"removed: "</span>{text}</del>
            }
            .into_any(),
            Mark::Added => view! {
                <ins class="pt-diff__added"><span class="usa-sr-only">"added: "</span>{text}</ins>
            }
            .into_any(),
        })
        .collect_view()
}

/// The wording now beside the proposed wording.
#[component]
pub fn WordingDiff(wording: Wording) -> impl IntoView {
    let unchanged = !wording.changes();
    view! {
        <div class="pt-diff">
            <div class="pt-diff__side">
                <p class="pt-diff__label">"Now"</p>
                <p class="margin-top-0">{runs(wording.side(false))}</p>
            </div>
            <div class="pt-diff__side">
                <p class="pt-diff__label">"Proposed"</p>
                <p class="margin-top-0">{runs(wording.side(true))}</p>
            </div>
            {unchanged.then(|| view! { <p class="pt-muted">"The proposed wording is the same as the wording now."</p> })}
        </div>
    }
}
