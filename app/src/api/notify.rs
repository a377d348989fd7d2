//! Notifications (a person's messages), the administrators' outbox, and "remind now".

use crate::model::notify::{Notifications, OutboxLine};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize,
    model::notify::{Delivery, Notification},
    queries::audit::Actor,
    queries::outbox as q,
    state::db,
};

/// The signed-in person's messages, newest first (the last 100).
#[server(input = GetUrl)]
pub async fn get_notifications() -> Result<Notifications, AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::GetNotifications).await?;
    let db = db()?;
    let cal = q_cal(&db).await?;
    let rows = q::list(&db, Some(user.id), 100).await?;
    // Why mail was not sent (the mail server's settings) is an administrator's business.
    let admin = user.role == crate::model::user::Role::Admin;
    let messages: Vec<Notification> = rows
        .into_iter()
        .map(|m| Notification {
            delivery: match m.state {
                _ if m.folded_into.is_some() => "E-mailed with your reminder digest".into(),
                Delivery::Sent => format!("E-mailed to {}", m.to_address.unwrap_or_default()),
                Delivery::NotSent | Delivery::Failed if admin => format!(
                    "Not e-mailed: {}",
                    m.last_error.unwrap_or_else(|| "no reason recorded".into())
                ),
                Delivery::NotSent | Delivery::Failed => "Kept here, not e-mailed".into(),
                Delivery::Queued | Delivery::Sending => "Being e-mailed".into(),
            },
            unread: m.read_at.is_none(),
            when: cal.label_timestamp(&m.created_at),
            subject: m.subject,
            body: m.body,
        })
        .collect();
    Ok(Notifications {
        unread: messages.iter().filter(|m| m.unread).count(),
        messages,
    })
}

#[cfg(feature = "ssr")]
async fn q_cal(db: &crate::db::Db) -> Result<crate::model::fiscal::FiscalCalendar, AppError> {
    Ok(crate::queries::settings::calendar(db).await?)
}

/// How many of the signed-in person's messages are unread (0 when signed out).
#[server(input = GetUrl)]
pub async fn get_unread_count() -> Result<i64, AppError> {
    match authorize(crate::auth::UseCase::GetUnreadCount).await? {
        Some(user) => Ok(q::unread(&db()?, user.id).await?),
        None => Ok(0),
    }
}

/// Marks all of the signed-in person's messages read.
#[server]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::MarkNotificationsRead).await?;
    let now = crate::services::outbox::stamp(crate::state::clock().now());
    q::mark_read(&db()?, user.id, &now).await?;
    crate::api::notice::set_notice("Every notification is marked read.").await;
    crate::api::form::redirect("/notifications");
    Ok(())
}

/// The newest 200 messages of the outbox with their state and error (administrators).
#[server(input = GetUrl)]
pub async fn get_outbox() -> Result<Vec<OutboxLine>, AppError> {
    authorize(crate::auth::UseCase::GetOutbox).await?;
    let db = db()?;
    let cal = q_cal(&db).await?;
    Ok(q::list(&db, None, 200)
        .await?
        .into_iter()
        .map(|m| OutboxLine {
            id: m.id,
            to: match (m.user_id, m.to_address) {
                (None, Some(a)) => format!("{a} (outside address)"),
                (_, Some(a)) => format!("{} <{a}>", m.username),
                (_, None) => format!("{} (no e-mail address)", m.username),
            },
            subject: m.subject,
            kind: m.kind.as_str().to_string(),
            state: m.state.label().to_string(),
            attempts: m.attempts,
            error: m.last_error,
            when: cal.label_timestamp(&m.created_at),
        })
        .collect())
}

/// Sends `username` a digest of what they have not submitted for `quarter` now (the
/// working group, from the data-call tracker).
#[server]
pub async fn remind_now(username: String, quarter: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::RemindNow).await?;
    let db = db()?;
    let fq = crate::model::fiscal::quarter_in_form(&quarter)?;
    let cal = q_cal(&db).await?;
    let now = crate::state::clock().now();
    crate::services::outbox::remind_now(&db, &Actor::user(&user), &username, fq, (cal, now))
        .await?;
    crate::api::notice::set_notice(&format!("Reminder sent to {username}.")).await;
    crate::api::form::redirect(&format!("/quarters/{}/call", fq.slug()));
    Ok(())
}
