//! Scheduled reports: saving a schedule (checked, with its next run worked out in the
//! organisation's time zone), pausing and resuming it, and the schedules page. Running
//! them is in [`run`]; what a run sends to each audience, in [`content`].

pub mod content;
pub mod run;

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::schedule::form::{validate, ScheduleFields, ScheduleInput};
use crate::model::schedule::view::{RunLine, ScheduleLine, SchedulesPage};
use crate::model::schedule::{next_run, Recipients, Recurrence, ReportKind};
use crate::model::user::{CurrentUser, Role};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::schedule::{self as q, NewSchedule, ScheduleRow};
use crate::services::outbox::stamp;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A stored schedule read back into its parts (`None`: a row this plantrack cannot read).
pub fn fields_of(row: &ScheduleRow) -> Option<ScheduleFields> {
    Some(ScheduleFields {
        name: row.name.clone(),
        report: ReportKind::parse(&row.report)?,
        recurrence: serde_json::from_str::<Recurrence>(&row.recurrence).ok()?,
        hour: u32::try_from(row.hour).ok()?,
        attach: row.attach != 0,
        recipients: serde_json::from_str::<Recipients>(&row.recipients).ok()?,
        covering: row.covering.clone(),
    })
}

/// The next run of `f` strictly after `after`, as stored.
pub async fn next_after(
    db: &Db,
    f: &ScheduleFields,
    after: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let cal = crate::queries::settings::calendar(db).await?;
    let call = crate::queries::settings::call_schedule(db).await?;
    let tz = crate::queries::settings::time_zone(db).await?;
    Ok(next_run(f.recurrence, f.hour, &tz, after, (cal, call)).map(stamp))
}

/// Checks what was typed against the accounts and the reader's rights: every username
/// an account; outside addresses only from an administrator and only for a report with
/// a public version.
async fn check(
    db: &Db,
    user: &CurrentUser,
    input: &ScheduleInput,
) -> Result<ScheduleFields, Refused> {
    let mut errors = Vec::new();
    let fields = validate(input).map_err(|e| errors.extend(e)).ok();
    let users: Vec<String> = fields
        .as_ref()
        .map(|f| f.recipients.users.clone())
        .unwrap_or_default();
    let unknown = q::unknown_users(db, &users).await.map_err(AppError::from)?;
    if !unknown.is_empty() {
        errors.push((
            "users".to_string(),
            format!("No account is called {}.", unknown.join(", ")),
        ));
    }
    if let Some(f) = &fields {
        if !f.recipients.outside.is_empty() {
            if user.role != Role::Admin {
                errors.push((
                    "outside".into(),
                    "Only an administrator may send reports to outside addresses.".into(),
                ));
            } else if !content::has_public_version(f.report) {
                errors.push((
                    "outside".into(),
                    format!(
                        "The {} is not public: outside addresses may receive the APP progress table or the Annual Performance Report (its published version).",
                        f.report.label().to_lowercase()
                    ),
                ));
            }
        }
    }
    match fields {
        Some(f) if errors.is_empty() => Ok(f),
        _ => Err(Refused::Invalid(errors)),
    }
}

/// The schedule's stored JSON and values.
fn stored(f: &ScheduleFields) -> Result<(String, String), AppError> {
    let recurrence = serde_json::to_string(&f.recurrence).map_err(|_| AppError::Internal)?;
    let recipients = serde_json::to_string(&f.recipients).map_err(|_| AppError::Internal)?;
    Ok((recurrence, recipients))
}

/// The schedule as the audit trail keeps it.
fn audited(f: &ScheduleFields) -> serde_json::Value {
    serde_json::json!({
        "name": f.name, "report": f.report.as_str(), "recurrence": f.recurrence,
        "hour": f.hour, "attach": f.attach, "recipients": f.recipients, "covering": f.covering,
    })
}

/// Saves a new schedule (`id` None) or a change to schedule `id` made from its version
/// in `input.version`; audited. Refused: a field's problem, or someone saved it first.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: Option<i64>,
    input: &ScheduleInput,
    now: DateTime<Utc>,
) -> Result<i64, Refused> {
    let f = check(db, user, input).await?;
    let next = next_after(db, &f, now).await.map_err(AppError::from)?;
    let (recurrence, recipients) = stored(&f)?;
    let new = NewSchedule {
        name: &f.name,
        report: f.report.as_str(),
        recurrence: &recurrence,
        hour: i64::from(f.hour),
        attach: f.attach,
        recipients: &recipients,
        covering: &f.covering,
        next_run_at: next.as_deref(),
    };
    let at = stamp(now);
    let actor = Actor::user(user);
    let mut tx = db.begin_write().await.map_err(AppError::from)?;
    let (id, before) = match id {
        None => (
            q::insert(&mut tx, &new, (&user.username, &at))
                .await
                .map_err(AppError::from)?,
            None,
        ),
        Some(id) => {
            let old = q::get(db, id)
                .await
                .map_err(AppError::from)?
                .ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
            let version = input.version.trim().parse::<i64>().unwrap_or(-1);
            let saved = q::update(&mut tx, (id, version), &new, &at)
                .await
                .map_err(AppError::from)?;
            if !saved {
                return Err(AppError::Conflict(format!(
                    "Someone changed the schedule \"{}\" since you opened it: what you typed is kept below; look at theirs in the list and save again.",
                    old.name
                ))
                .into());
            }
            (id, fields_of(&old).map(|o| audited(&o)))
        }
    };
    let event = Event::Schedule {
        action: if before.is_some() { "update" } else { "create" },
        id,
        before,
        after: audited(&f),
    };
    audit::write(&mut tx, &actor, &event)
        .await
        .map_err(AppError::from)?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(id)
}

/// Pauses (`active` false) or resumes schedule `id` from its `version`; audited.
pub async fn set_active(
    db: &Db,
    actor: &Actor,
    (id, version): (i64, i64),
    active: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let row = q::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    let f = fields_of(&row).ok_or(AppError::Internal)?;
    let next = if active {
        next_after(db, &f, now).await?
    } else {
        None
    };
    let mut tx = db.begin_write().await?;
    if !q::set_active(
        &mut tx,
        (id, version),
        (active, next.as_deref()),
        &stamp(now),
    )
    .await?
    {
        return Err(AppError::Conflict(format!(
            "Someone changed the schedule \"{}\" since you opened the page: look again and retry.",
            row.name
        )));
    }
    let event = Event::Schedule {
        action: if active { "resume" } else { "pause" },
        id,
        before: Some(serde_json::json!({"active": row.active != 0})),
        after: serde_json::json!({"active": active}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(row.name)
}

/// An instant as the organisation reads it: "Tue 5 Jan 2027, 08:00 EST".
pub fn local(tz: Tz, stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            t.with_timezone(&tz)
                .format("%a %-d %b %Y, %H:%M %Z")
                .to_string()
        })
        .unwrap_or_else(|_| stored.to_string())
}

/// Who a schedule goes to, as the list reads it.
fn recipients_text(r: &Recipients) -> String {
    r.roles
        .iter()
        .map(|role| format!("Everyone with the role {}", role.label()))
        .chain(r.users.iter().cloned())
        .chain(r.outside.iter().map(|a| format!("{a} (outside)")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A run's result in words.
fn run_line(tz: Tz, r: &q::RunRow) -> RunLine {
    let result = match r.result.as_str() {
        "queued" => {
            let mut s = format!(
                "Queued {} message{}",
                r.messages,
                if r.messages == 1 { "" } else { "s" }
            );
            if r.sent > 0 || r.failed > 0 {
                s.push_str(&format!(" ({} sent, {} failed)", r.sent, r.failed));
            }
            if !r.detail.is_empty() {
                s.push_str(&format!(". {}", r.detail));
            }
            s
        }
        "empty" => format!("Nothing sent: {}", r.detail),
        _ => format!("Failed: {}", r.detail),
    };
    RunLine {
        schedule: r.schedule.clone(),
        ran: local(tz, &r.ran_at),
        how: if r.manual != 0 {
            "Sent now"
        } else {
            "Scheduled"
        }
        .into(),
        covers: r.covers.clone(),
        problem: r.result != "queued" || r.failed > 0,
        result,
    }
}

/// The form's values of a stored schedule.
fn input_of(row: &ScheduleRow, f: &ScheduleFields) -> ScheduleInput {
    let (every, day, month, days_after) = match f.recurrence {
        Recurrence::Monthly { day } => ("monthly", day.to_string(), String::new(), String::new()),
        Recurrence::AfterLock { days } => {
            ("after_lock", String::new(), String::new(), days.to_string())
        }
        Recurrence::Yearly { month, day } => {
            ("yearly", day.to_string(), month.to_string(), String::new())
        }
    };
    ScheduleInput {
        version: row.version.to_string(),
        name: f.name.clone(),
        report: f.report.as_str().into(),
        every: every.into(),
        day,
        month,
        days_after,
        hour: f.hour.to_string(),
        format: if f.attach { "pdf" } else { "link" }.into(),
        roles: f
            .recipients
            .roles
            .iter()
            .map(|r| r.as_str().to_string())
            .collect(),
        users: f.recipients.users.join(", "),
        outside: f.recipients.outside.join(", "),
        covering: f.covering.clone(),
    }
}

/// The schedules page: every schedule with its next and last run, and the newest runs.
pub async fn page(db: &Db, may_send_outside: bool) -> Result<SchedulesPage, AppError> {
    let tz = crate::queries::settings::time_zone(db).await?;
    let runs = q::runs(db, q::Runs::All, 50).await?;
    let latest = q::runs(db, q::Runs::Latest, i64::MAX).await?;
    let mut schedules = Vec::new();
    for row in q::list(db).await? {
        let Some(f) = fields_of(&row) else { continue };
        let last = latest.iter().find(|r| r.schedule_id == row.id);
        schedules.push(ScheduleLine {
            id: row.id,
            version: row.version,
            name: row.name.clone(),
            report: f.report.label().into(),
            when: format!("{}, at {:02}:00", f.recurrence.describe(), f.hour),
            recipients: recipients_text(&f.recipients),
            format: if f.attach { "PDF attached" } else { "Link" }.into(),
            next_run: match (&row.next_run_at, row.active != 0) {
                (_, false) => "Paused".into(),
                (Some(t), true) => local(tz, t),
                (None, true) => "Not scheduled (no date ahead)".into(),
            },
            active: row.active != 0,
            last_run: last.map_or("Never run".into(), |r| {
                let l = run_line(tz, r);
                format!("{}: {}", l.ran, l.result)
            }),
            input: input_of(&row, &f),
        });
    }
    Ok(SchedulesPage {
        schedules,
        runs: runs.iter().map(|r| run_line(tz, r)).collect(),
        time_zone: tz.name().to_string(),
        may_send_outside,
        returned: None,
    })
}

/// The runs that went wrong (failed, empty, or a message that failed), newest first, for
/// the outbox page.
pub async fn problems(db: &Db) -> Result<Vec<RunLine>, AppError> {
    let tz = crate::queries::settings::time_zone(db).await?;
    Ok(q::runs(db, q::Runs::Problems, 50)
        .await?
        .iter()
        .map(|r| run_line(tz, r))
        .collect())
}

/// The calendar and time zone a run is worked out with.
pub async fn calendars(db: &Db) -> Result<(FiscalCalendar, Tz), sqlx::Error> {
    Ok((
        crate::queries::settings::calendar(db).await?,
        crate::queries::settings::time_zone(db).await?,
    ))
}
