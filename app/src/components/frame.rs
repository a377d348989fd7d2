//! The frame shared by the goal, objective and strategy pages: title, breadcrumbs,
//! sibling navigation beside the content.

use super::breadcrumb::Breadcrumb;
use super::side_nav::{NavItem, SideNav};
use leptos::prelude::*;
use leptos_meta::Title;

/// Side navigation entries for `items`, marking the one whose key is `current`.
pub fn sibling_nav<T>(
    items: &[T],
    current: &str,
    key: impl Fn(&T) -> &str,
    label: impl Fn(&T) -> String,
    href: impl Fn(&T) -> String,
) -> Vec<NavItem> {
    items
        .iter()
        .map(|item| NavItem {
            current: key(item) == current,
            label: label(item),
            href: href(item),
        })
        .collect()
}

/// Page title, breadcrumb trail (links, then `crumb`), sibling navigation and content.
#[component]
pub fn ItemFrame(
    title: String,
    trail: Vec<(String, String)>,
    crumb: String,
    nav_label: String,
    nav: Vec<NavItem>,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <Breadcrumb trail=trail current=crumb/>
        <div class="grid-row grid-gap">
            <div class="tablet:grid-col-3 pt-aside">
                <SideNav label=nav_label items=nav/>
            </div>
            <div class="tablet:grid-col-9">{children()}</div>
        </div>
    }
}
