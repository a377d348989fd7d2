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

/// A rolled-up status, how many strategies reported (with the same weight), and its
/// explanation. Below the coverage threshold it says the picture is incomplete instead
/// of leading with the worst reported status.
#[component]
pub fn RollupLine(rollup: Rollup) -> impl IntoView {
    let head = if rollup.incomplete {
        view! {
            <span class="pt-status pt-status--incomplete">
                <span aria-hidden="true">"◌"</span>
                " Incomplete picture"
            </span>
        }
        .into_any()
    } else {
        view! { <StatusTag status=rollup.status/> }.into_any()
    };
    view! {
        <span class="pt-rollup">
            {head}
            " "
            <span class="pt-coverage">{format!("{} of {} reported", rollup.reported, rollup.total)}</span>
            " "
            <span class="pt-rollup__why">{rollup.explanation}</span>
        </span>
    }
}
