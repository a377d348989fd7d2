//! Shows a parsed outline as a nested list (the import preview).

use crate::model::outline::Outline;
use crate::model::plan::goal_label;
use leptos::prelude::*;

/// A nested list of goals, objectives and strategies; placeholders are tagged.
#[component]
pub fn OutlineTree(outline: Outline) -> impl IntoView {
    view! {
        <ul class="pt-tree">
            {outline
                .goals
                .into_iter()
                .map(|g| {
                    let untitled = g.name.is_none() && g.statement.is_none();
                    view! {
                        <li>
                            <strong>{goal_label(&g.number, g.name.as_deref())}</strong>
                            {untitled.then(|| view! { " " <UntitledTag/> })}
                            {g.statement.map(|s| view! { <p class="margin-y-05">{s}</p> })}
                            <ul>
                                {g
                                    .objectives
                                    .into_iter()
                                    .map(|o| {
                                        view! {
                                            <li>
                                                <strong>"Objective " {o.number}</strong>
                                                {match o.title {
                                                    Some(t) => view! { ": " {t} }.into_any(),
                                                    None => view! { " " <UntitledTag/> }.into_any(),
                                                }}
                                                <ul>
                                                    {o
                                                        .strategies
                                                        .into_iter()
                                                        .map(|s| {
                                                            view! {
                                                                <li>
                                                                    <strong>{s.number}</strong>
                                                                    " "
                                                                    {s.text}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The "Untitled" tag shown on placeholder goals and objectives.
#[component]
pub fn UntitledTag() -> impl IntoView {
    view! { <span class="usa-tag pt-tag--untitled">"Untitled"</span> }
}

/// Marks a goal, objective or strategy retired by a plan revision (it keeps its number
/// and history).
#[component]
pub fn RetiredTag(revision: i64) -> impl IntoView {
    view! {
        <a class="usa-tag pt-tag-retired" href=format!("/plan/revisions/{revision}")>{format!("− Retired in revision {revision}")}</a>
    }
}

/// The notice at the top of a retired item's page.
#[component]
pub fn RetiredNotice(revision: Option<i64>) -> impl IntoView {
    revision.map(|r| view! {
        <div class="usa-alert usa-alert--info usa-alert--slim">
            <div class="usa-alert__body">
                <p class="usa-alert__text">
                    <RetiredTag revision=r/>
                    " This item is no longer part of the plan. It keeps its number and its history below."
                </p>
            </div>
        </div>
    })
}
