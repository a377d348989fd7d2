//! Previous and next page links under a long list (USWDS pagination), plain links that
//! work without JavaScript.

use leptos::prelude::*;

/// "Previous page" and "Next page" links; `previous` and `next` are their addresses,
/// `None` where there is no such page.
#[component]
pub fn Pager(
    /// What the pages are of, for the navigation's label ("Audit pages").
    label: &'static str,
    previous: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav aria-label=label class="usa-pagination">
                <ul class="usa-pagination__list">
                    {previous.map(|href| view! {
                        <li class="usa-pagination__item usa-pagination__arrow">
                            <a href=href class="usa-pagination__link usa-pagination__previous-page">"Previous page"</a>
                        </li>
                    })}
                    {next.map(|href| view! {
                        <li class="usa-pagination__item usa-pagination__arrow">
                            <a href=href class="usa-pagination__link usa-pagination__next-page">"Next page"</a>
                        </li>
                    })}
                </ul>
            </nav>
        }
    })
}
