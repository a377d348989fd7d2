//! SQL behind scheduled reports: the schedules, their runs (one per due instant, whoever
//! inserts it first), the documents a run attaches and the messages it queues.

use crate::db::Db;
use sqlx::{Any, Error, FromRow, Transaction};

/// A schedule as stored (recurrence and recipients as JSON text).
#[derive(Debug, Clone, FromRow)]
pub struct ScheduleRow {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub report: String,
    pub recurrence: String,
    pub hour: i64,
    pub attach: i64,
    pub recipients: String,
    pub covering: String,
    pub active: i64,
    pub next_run_at: Option<String>,
    pub created_by: String,
}

const COLUMNS: &str = "id, version, name, report, recurrence, hour, attach, recipients,
    covering, active, next_run_at, created_by";

/// A schedule's parts as written.
#[derive(Debug, Clone)]
pub struct NewSchedule<'a> {
    pub name: &'a str,
    pub report: &'a str,
    pub recurrence: &'a str,
    pub hour: i64,
    pub attach: bool,
    pub recipients: &'a str,
    pub covering: &'a str,
    pub next_run_at: Option<&'a str>,
}

/// Every schedule, by name.
pub async fn list(db: &Db) -> Result<Vec<ScheduleRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM report_schedules ORDER BY name, id"
    ))
    .fetch_all(db.pool())
    .await
}

/// Schedule `id`, if there is one.
pub async fn get(db: &Db, id: i64) -> Result<Option<ScheduleRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM report_schedules WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// The active schedules due by `now`.
pub async fn due(db: &Db, now: &str) -> Result<Vec<ScheduleRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM report_schedules
         WHERE active = 1 AND next_run_at IS NOT NULL AND next_run_at <= $1 ORDER BY id"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await
}

/// Writes a new schedule by `by` at `now`; returns its id.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    s: &NewSchedule<'_>,
    (by, now): (&str, &str),
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO report_schedules (name, report, recurrence, hour, attach, recipients,
            covering, next_run_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(s.name)
    .bind(s.report)
    .bind(s.recurrence)
    .bind(s.hour)
    .bind(i64::from(s.attach))
    .bind(s.recipients)
    .bind(s.covering)
    .bind(s.next_run_at)
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Rewrites schedule `id` if it is still at `version`; returns whether it was.
pub async fn update(
    tx: &mut Transaction<'static, Any>,
    (id, version): (i64, i64),
    s: &NewSchedule<'_>,
    now: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE report_schedules SET name = $3, report = $4, recurrence = $5, hour = $6,
            attach = $7, recipients = $8, covering = $9, next_run_at = $10, updated_at = $11,
            version = version + 1
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(s.name)
    .bind(s.report)
    .bind(s.recurrence)
    .bind(s.hour)
    .bind(i64::from(s.attach))
    .bind(s.recipients)
    .bind(s.covering)
    .bind(s.next_run_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Pauses or resumes schedule `id` if it is still at `version`; returns whether it was.
pub async fn set_active(
    tx: &mut Transaction<'static, Any>,
    (id, version): (i64, i64),
    (active, next_run_at): (bool, Option<&str>),
    now: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE report_schedules SET active = $3, next_run_at = $4, updated_at = $5,
            version = version + 1
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(i64::from(active))
    .bind(next_run_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves schedule `id`'s next run from `was` to `next` (nothing when another instance
/// moved it first).
pub async fn advance(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    (was, next): (&str, Option<&str>),
) -> Result<(), Error> {
    sqlx::query("UPDATE report_schedules SET next_run_at = $3 WHERE id = $1 AND next_run_at = $2")
        .bind(id)
        .bind(was)
        .bind(next)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A run as it starts.
#[derive(Debug, Clone)]
pub struct NewRun<'a> {
    pub schedule_id: i64,
    pub due_at: &'a str,
    pub ran_at: &'a str,
    pub manual: bool,
    pub covers: &'a str,
    /// "queued", "empty" or "failed".
    pub result: &'a str,
    pub detail: &'a str,
}

/// Records a run unless one of the schedule's runs at the same due instant exists (a
/// second instance got there first); returns its id when this call recorded it.
pub async fn insert_run(
    tx: &mut Transaction<'static, Any>,
    r: &NewRun<'_>,
) -> Result<Option<i64>, Error> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO schedule_runs (schedule_id, due_at, ran_at, manual, covers, result, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (schedule_id, due_at) DO NOTHING RETURNING id",
    )
    .bind(r.schedule_id)
    .bind(r.due_at)
    .bind(r.ran_at)
    .bind(i64::from(r.manual))
    .bind(r.covers)
    .bind(r.result)
    .bind(r.detail)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.map(|(id,)| id))
}

/// Sets how many messages run `id` queued.
pub async fn set_messages(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    messages: i64,
) -> Result<(), Error> {
    sqlx::query("UPDATE schedule_runs SET messages = $2 WHERE id = $1")
        .bind(id)
        .bind(messages)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A run as the schedules page lists it, with how its messages went.
#[derive(Debug, Clone, FromRow)]
pub struct RunRow {
    pub id: i64,
    pub schedule_id: i64,
    pub schedule: String,
    pub due_at: String,
    pub ran_at: String,
    pub manual: i64,
    pub covers: String,
    pub result: String,
    pub messages: i64,
    pub detail: String,
    pub sent: i64,
    pub failed: i64,
}

/// Which runs to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// Every run.
    All,
    /// Runs that failed, were empty or have a message that failed.
    Problems,
    /// Each schedule's newest run.
    Latest,
}

/// The newest `limit` runs of the kind asked for, newest first, with how their messages
/// went.
pub async fn runs(db: &Db, which: Runs, limit: i64) -> Result<Vec<RunRow>, Error> {
    let filter = match which {
        Runs::All => "1 = 1",
        Runs::Problems => {
            "(r.result <> 'queued' OR EXISTS (SELECT 1 FROM outbox f
               WHERE f.run_id = r.id AND f.state = 'failed'))"
        }
        Runs::Latest => "r.id IN (SELECT MAX(l.id) FROM schedule_runs l GROUP BY l.schedule_id)",
    };
    let sql = format!(
        "SELECT r.id, r.schedule_id, s.name AS schedule, r.due_at, r.ran_at, r.manual,
                r.covers, r.result, r.messages, r.detail,
                (SELECT COUNT(*) FROM outbox o WHERE o.run_id = r.id AND o.state = 'sent') AS sent,
                (SELECT COUNT(*) FROM outbox o WHERE o.run_id = r.id AND o.state = 'failed') AS failed
         FROM schedule_runs r JOIN report_schedules s ON s.id = r.schedule_id
         WHERE {filter} ORDER BY r.ran_at DESC, r.id DESC LIMIT $1"
    );
    sqlx::query_as(&sql).bind(limit).fetch_all(db.pool()).await
}

/// An account a schedule may send to.
#[derive(Debug, Clone, FromRow)]
pub struct Recipient {
    pub id: i64,
    pub username: String,
    pub role: String,
}

/// The enabled accounts with one of `roles` or one of `usernames`, by id.
pub async fn recipients(
    db: &Db,
    roles: &[&str],
    usernames: &[String],
) -> Result<Vec<Recipient>, Error> {
    let all: Vec<Recipient> =
        sqlx::query_as("SELECT id, username, role FROM users WHERE disabled = 0 ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    Ok(all
        .into_iter()
        .filter(|u| roles.contains(&u.role.as_str()) || usernames.contains(&u.username))
        .collect())
}

/// Which of `usernames` name no enabled account.
pub async fn unknown_users(db: &Db, usernames: &[String]) -> Result<Vec<String>, Error> {
    let known = recipients(db, &[], usernames).await?;
    Ok(usernames
        .iter()
        .filter(|u| !known.iter().any(|k| &k.username == *u))
        .cloned()
        .collect())
}

/// Stores a document a run attaches; returns its id.
pub async fn insert_document(
    tx: &mut Transaction<'static, Any>,
    (name, data): (&str, &[u8]),
    now: &str,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outbox_documents (name, data, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(data)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A run's message to one recipient.
#[derive(Debug, Clone)]
pub struct RunMessage<'a> {
    pub run_id: i64,
    pub subject: &'a str,
    pub body: &'a str,
    pub document_id: Option<i64>,
    pub dedupe_key: &'a str,
    pub now: &'a str,
}

/// Whom a run's message goes to.
#[derive(Debug, Clone, Copy)]
pub enum To<'a> {
    /// An account, at its e-mail address as it is now.
    User(i64),
    /// An outside address.
    Address(&'a str),
}

/// Queues `m` for `to`; returns whether it was queued (false: the same key exists).
pub async fn queue_message(
    tx: &mut Transaction<'static, Any>,
    to: To<'_>,
    m: &RunMessage<'_>,
) -> Result<bool, Error> {
    // $1 is the account or the address; the other is NULL.
    let recipient = match to {
        To::User(_) => "SELECT id AS user_id, email AS address FROM users WHERE id = $1",
        To::Address(_) => "SELECT CAST(NULL AS BIGINT) AS user_id, $1 AS address",
    };
    let sql = format!(
        "INSERT INTO outbox (user_id, to_address, subject, body, kind, dedupe_key,
            next_attempt_at, created_at, run_id, document_id)
         SELECT r.user_id, r.address, $2, $3, 'scheduled_report', $4, $5, $5, $6, $7 FROM ({recipient}) r
         -- The WHERE keeps SQLite from reading ON CONFLICT as a join's ON.
         WHERE 1 = 1
         ON CONFLICT (dedupe_key) DO NOTHING"
    );
    let q = sqlx::query(&sql);
    let q = match to {
        To::User(id) => q.bind(id),
        To::Address(a) => q.bind(a),
    };
    let done = q
        .bind(m.subject)
        .bind(m.body)
        .bind(m.dedupe_key)
        .bind(m.now)
        .bind(m.run_id)
        .bind(m.document_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}
