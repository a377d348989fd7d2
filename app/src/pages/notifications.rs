//! `/notifications`: a person's messages — reminders of the data call, returned updates,
//! the working group's summary — whether or not they were also e-mailed.

use crate::api::notify::{get_notifications, MarkNotificationsRead};
use crate::components::layout::HeaderRefresh;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::notify::Notifications;
use leptos::prelude::*;
use leptos_meta::Title;

/// The notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let read = ServerAction::<MarkNotificationsRead>::new();
    let data = Resource::new(move || read.version().get(), |_| get_notifications());
    // Marked read: the header's count changes too.
    if let Some(HeaderRefresh(refresh)) = use_context::<HeaderRefresh>() {
        Effect::new(move |_| {
            if read.version().get() > 0 {
                refresh.update(|n| *n += 1);
            }
        });
    }
    view! {
        <Title text="Notifications"/>
        <h1>"Notifications"</h1>
        <Loaded data=data loading="Loading your notifications…" render=move |n| view! { <List data=n read=read/> }/>
    }
}

#[component]
fn List(data: Notifications, read: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    if data.messages.is_empty() {
        return view! {
            <p>"No notifications yet. Reminders of the quarterly data call and updates returned to you for correction appear here (and by e-mail when the organisation has set up a mail server)."</p>
        }
        .into_any();
    }
    view! {
        <p class="usa-intro">{match data.unread {
            0 => "Everything here is read.".to_string(),
            1 => "1 unread.".to_string(),
            n => format!("{n} unread."),
        }}</p>
        {(data.unread > 0).then(|| view! {
            <ActionForm action=read attr:class="usa-form">
                <SubmitButton label="Mark all as read" class="usa-button usa-button--outline"/>
            </ActionForm>
        })}
        <ol class="usa-list usa-list--unstyled pt-timeline">
            {data.messages.into_iter().map(|m| view! {
                <li class="pt-timeline__entry">
                    <h2 class="pt-timeline__when">
                        {m.unread.then(|| view! { <span class="usa-tag margin-right-1">"New"</span> })}
                        {m.subject}
                    </h2>
                    <p class="pt-muted">{format!("{} · {}", m.when, m.delivery)}</p>
                    <p class="pt-pre">{crate::model::notify::pieces(&m.body).into_iter().map(|p| match p {
                        crate::model::notify::Piece::Text(t) => view! { {t} }.into_any(),
                        crate::model::notify::Piece::Link(href) => view! { <a href=href.clone()>{href.clone()}</a> }.into_any(),
                    }).collect_view()}</p>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}
