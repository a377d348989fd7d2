//! USWDS breadcrumb trail.

use leptos::prelude::*;

/// A breadcrumb trail: (label, link) pairs, then the current page's label.
#[component]
pub fn Breadcrumb(trail: Vec<(String, String)>, current: String) -> impl IntoView {
    view! {
        <nav class="usa-breadcrumb" aria-label="Breadcrumbs">
            <ol class="usa-breadcrumb__list">
                {trail
                    .into_iter()
                    .map(|(label, href)| {
                        view! {
                            <li class="usa-breadcrumb__list-item">
                                <a href=href class="usa-breadcrumb__link">
                                    <span>{label}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
                    <span>{current}</span>
                </li>
            </ol>
        </nav>
    }
}
