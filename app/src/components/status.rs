//! Status shown as a symbol and words (never colour alone).

use crate::model::status::{Rollup, Status};
use leptos::prelude::*;

/// A status tag: symbol, words, and a colour that only repeats them.
#[component]
pub fn StatusTag(status: Option<Status>) -> impl IntoView {
    match status {
        Some(s) => view! {
            <span class=format!("pt-status pt-status--{}", s.as_str())>
                <span aria-hidden="true">{s.symbol()}</span>
                " "
                {s.label()}
            </span>
        }
        .into_any(),
        None => view! { <span class="pt-status pt-status--none">"— No update"</span> }.into_any(),
    }
}

/// A rolled-up status with its explanation.
#[component]
pub fn RollupLine(rollup: Rollup) -> impl IntoView {
    view! {
        <span class="pt-rollup">
            <StatusTag status=rollup.status/>
            " "
            <span class="pt-rollup__why">{rollup.explanation}</span>
        </span>
    }
}
