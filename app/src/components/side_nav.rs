//! USWDS side navigation listing sibling items.

use leptos::prelude::*;

/// One entry of a side navigation.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// Side navigation with the current entry marked for sight and screen readers.
#[component]
pub fn SideNav(label: String, items: Vec<NavItem>) -> impl IntoView {
    view! {
        <nav aria-label=label>
            <ul class="usa-sidenav">
                {items
                    .into_iter()
                    .map(|item| {
                        let class = if item.current { "usa-current" } else { "" };
                        let aria = item.current.then_some("page");
                        view! {
                            <li class="usa-sidenav__item">
                                <a href=item.href class=class aria-current=aria>
                                    {item.label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
