//! A section holding one table, or a sentence when it has no rows.

use leptos::prelude::*;

/// A section headed `heading` (its `h2` has id `id`) with a table of `columns` whose rows
/// are the children, or the sentence `empty` when `rows` is 0.
#[component]
pub fn TableSection(
    /// The heading's id, which labels the section.
    id: &'static str,
    heading: &'static str,
    /// The table's classes.
    class: &'static str,
    /// Read by screen readers: what the table lists.
    caption: &'static str,
    columns: &'static [&'static str],
    /// How many rows there are.
    rows: usize,
    /// What the section says when there are none.
    empty: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {if rows == 0 {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    <table class=class>
                        <caption class="usa-sr-only">{caption}</caption>
                        <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                        <tbody>{children()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
