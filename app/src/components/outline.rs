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
