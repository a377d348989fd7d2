//! `/discussion?on=actual:7/2027/1/2`: the discussion of an item without a page of its
//! own for it (a status update or actual's version, an agenda item, a change proposal, a
//! budget request), titled by the item and linked back to where it is read.

use crate::api::comment::get_discussion;
use crate::components::discussion::DiscussionView;
use crate::components::loaded::Loaded;
use crate::model::comment::{Discussion, Subject};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the item itself is read.
fn item_link(d: &Discussion) -> Option<(String, &'static str)> {
    let s = Subject::parse(&d.kind, &d.key)?;
    Some(match s {
        Subject::Strategy(n) | Subject::StatusUpdate(n, ..) => {
            (format!("/strategies/{n}"), "The strategy's page")
        }
        Subject::Measure(id) | Subject::Actual(id, ..) => {
            (format!("/measures/{id}"), "The measure's page")
        }
        Subject::AgendaItem(_) => ("/reviews".to_string(), "The review meetings"),
        Subject::Proposal(_) => ("/plan/proposals".to_string(), "The change proposals"),
        Subject::BudgetRequest(_) => ("/budget".to_string(), "The budget"),
    })
}

/// The discussion page.
#[component]
pub fn DiscussionPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("on").unwrap_or_default(),
        get_discussion,
    );
    view! {
        <Loaded data=data loading="Loading the discussion…" render=move |d: Discussion| {
            let link = item_link(&d);
            let title = d.title.clone();
            view! {
                <Title text=format!("Discussion: {title}")/>
                <h1>{title}</h1>
                {link.map(|(href, words)| view! { <p><a class="usa-link" href=href>{words}</a></p> })}
                <DiscussionView d=d/>
            }
        }/>
    }
}
