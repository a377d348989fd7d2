//! Running scheduled reports: the background round queues each due run once (two
//! instances may try; the run's row is inserted by one, and only it queues the messages,
//! in the same transaction), "send now" runs one at once, and a preview shows what the
//! next run would send to each audience.

use super::content::{build, Audience, Built};
use super::{calendars, fields_of, local, next_after};
use crate::db::Db;
use crate::model::schedule::form::ScheduleFields;
use crate::model::schedule::view::{Preview, PreviewPart};
use crate::model::schedule::Render;
use crate::model::user::Role;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::schedule::{self as q, NewRun, Recipient, RunMessage, ScheduleRow, To};
use crate::services::audit::{self, Event};
use crate::services::outbox::stamp;
use chrono::{DateTime, NaiveDate, Utc};

/// The audiences of a schedule and who is in each: accounts by role (named people by
/// their own role), then outside addresses.
async fn audiences(
    db: &Db,
    f: &ScheduleFields,
) -> Result<Vec<(Audience, Vec<Recipient>, Vec<String>)>, sqlx::Error> {
    let roles: Vec<&str> = f.recipients.roles.iter().map(|r| r.as_str()).collect();
    let people = q::recipients(db, &roles, &f.recipients.users).await?;
    let mut out: Vec<(Audience, Vec<Recipient>, Vec<String>)> = Vec::new();
    for role in Role::ALL {
        let of_role: Vec<Recipient> = people
            .iter()
            .filter(|p| p.role == role.as_str())
            .cloned()
            .collect();
        if !of_role.is_empty() {
            out.push((Audience::Role(role), of_role, Vec::new()));
        }
    }
    if !f.recipients.outside.is_empty() {
        out.push((Audience::Public, Vec::new(), f.recipients.outside.clone()));
    }
    Ok(out)
}

/// The audience as a preview or a run's detail names it.
fn audience_name(a: Audience, people: usize) -> String {
    match a {
        Audience::Role(role) => format!(
            "{}: {people} {}",
            role.label(),
            if people == 1 { "person" } else { "people" }
        ),
        Audience::Public => format!("Outside addresses: {people}"),
    }
}

/// The organisation's date at `now`.
fn local_day(tz: chrono_tz::Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// How a run ended: messages queued (0 when empty, failed or run by another instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    pub name: String,
    pub queued: usize,
    /// Why nothing (or not everything) was sent.
    pub detail: String,
    /// This call recorded the run (false: another instance had already).
    pub ran: bool,
}

/// Runs schedule `row` for its run due at `due_at`, at `now`; `manual`: a "send now".
async fn run_one(
    db: &Db,
    row: &ScheduleRow,
    (due_at, manual): (&str, bool),
    (now, render): (DateTime<Utc>, Render),
    actor: Option<&Actor>,
) -> Result<RunResult, AppError> {
    let (cal, tz) = calendars(db).await?;
    let today = local_day(tz, now);
    let f = fields_of(row);
    let mut ready = Vec::new();
    let mut skipped = Vec::new();
    let mut failure = None;
    let mut covers = String::new();
    match &f {
        None => {
            failure = Some("The schedule could not be read; edit and save it again.".to_string())
        }
        Some(f) => {
            for (audience, people, outside) in audiences(db, f).await? {
                let n = people.len() + outside.len();
                match build(
                    db,
                    (f.report, audience),
                    (f.attach, &f.covering),
                    (cal, today),
                    render,
                )
                .await
                {
                    Ok(Built::Ready(c)) => {
                        covers = c.covers.clone();
                        ready.push((c, people, outside));
                    }
                    Ok(Built::Empty(why)) => {
                        skipped.push(format!("{}: {why}", audience_name(audience, n)))
                    }
                    Err(e) => {
                        tracing::error!(schedule = row.id, error = %e, "a scheduled report could not be made");
                        failure = Some(
                            "The report could not be made; the server log has the error.".into(),
                        );
                        break;
                    }
                }
            }
            if ready.is_empty() && skipped.is_empty() && failure.is_none() {
                skipped.push(
                    "Nobody to send it to: no enabled account has the roles or names chosen."
                        .into(),
                );
            }
        }
    }
    let (result, detail) = match (&failure, ready.is_empty()) {
        (Some(why), _) => ("failed", why.clone()),
        (None, true) => ("empty", skipped.join(" ")),
        (None, false) => ("queued", skipped.join(" ")),
    };
    let at = stamp(now);
    let next = match (&f, manual) {
        (Some(f), false) => next_after(db, f, now).await?,
        _ => None,
    };
    let mut tx = db.begin_write().await?;
    let run = NewRun {
        schedule_id: row.id,
        due_at,
        ran_at: &at,
        manual,
        covers: &covers,
        result,
        detail: &detail,
    };
    let Some(run_id) = q::insert_run(&mut tx, &run).await? else {
        tx.rollback().await?;
        return Ok(RunResult {
            name: row.name.clone(),
            queued: 0,
            detail: "Another instance ran it.".into(),
            ran: false,
        });
    };
    let mut queued = 0usize;
    if failure.is_none() {
        for (c, people, outside) in &ready {
            let document_id = match &c.pdf {
                Some((name, bytes)) => Some(q::insert_document(&mut tx, (name, bytes), &at).await?),
                None => None,
            };
            let to = people
                .iter()
                .map(|p| (format!("user:{}", p.id), To::User(p.id)))
                .chain(
                    outside
                        .iter()
                        .map(|a| (format!("to:{a}"), To::Address(a.as_str()))),
                );
            for (who, to) in to {
                let key = format!("schedule:{}:{due_at}:{who}", row.id);
                let m = RunMessage {
                    run_id,
                    subject: &c.subject,
                    body: &c.body,
                    document_id,
                    dedupe_key: &key,
                    now: &at,
                };
                queued += usize::from(q::queue_message(&mut tx, to, &m).await?);
            }
        }
        q::set_messages(&mut tx, run_id, queued as i64).await?;
    }
    if !manual {
        q::advance(&mut tx, row.id, (due_at, next.as_deref())).await?;
    }
    if let Some(actor) = actor {
        let event = Event::Schedule {
            action: "send",
            id: row.id,
            before: None,
            after: serde_json::json!({"run": run_id, "result": result, "messages": queued}),
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    tx.commit().await?;
    Ok(RunResult {
        name: row.name.clone(),
        queued,
        detail: if failure.is_some() || ready.is_empty() {
            detail
        } else {
            String::new()
        },
        ran: true,
    })
}

/// Runs every schedule due at `now` (the background round), its documents laid out by
/// `render`; returns how many messages were queued.
pub async fn run_due(db: &Db, now: DateTime<Utc>, render: Render) -> Result<usize, AppError> {
    let mut queued = 0;
    for row in q::due(db, &stamp(now)).await? {
        let Some(due_at) = row.next_run_at.clone() else {
            continue;
        };
        queued += run_one(db, &row, (&due_at, false), (now, render), None)
            .await?
            .queued;
    }
    Ok(queued)
}

/// Runs schedule `id` now, whatever its next run ("send now"); audited.
pub async fn send_now(
    db: &Db,
    actor: &Actor,
    id: i64,
    (now, render): (DateTime<Utc>, Render),
) -> Result<RunResult, AppError> {
    let row = q::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    run_one(db, &row, (&stamp(now), true), (now, render), Some(actor)).await
}

/// What schedule `id`'s next run would send to each audience, were it made now (nothing
/// is written).
pub async fn preview(
    db: &Db,
    id: i64,
    (now, render): (DateTime<Utc>, Render),
) -> Result<Preview, AppError> {
    let row = q::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    let f = fields_of(&row).ok_or(AppError::Internal)?;
    let (cal, tz) = calendars(db).await?;
    let mut audiences_out = Vec::new();
    for (audience, people, outside) in audiences(db, &f).await? {
        let n = people.len() + outside.len();
        let day = local_day(tz, now);
        let part = match build(
            db,
            (f.report, audience),
            (f.attach, &f.covering),
            (cal, day),
            render,
        )
        .await?
        {
            Built::Ready(c) => PreviewPart {
                audience: audience_name(audience, n),
                subject: c.subject,
                body: c.body,
                attachment: c
                    .pdf
                    .map(|(name, bytes)| format!("{name} ({} KB)", bytes.len().div_ceil(1024))),
                empty: None,
            },
            Built::Empty(why) => PreviewPart {
                audience: audience_name(audience, n),
                subject: String::new(),
                body: String::new(),
                attachment: None,
                empty: Some(why),
            },
        };
        audiences_out.push(part);
    }
    Ok(Preview {
        name: row.name.clone(),
        next_run: match (&row.next_run_at, row.active != 0) {
            (_, false) => "Paused".into(),
            (Some(t), true) => local(tz, t),
            (None, true) => "Not scheduled".into(),
        },
        audiences: audiences_out,
    })
}
