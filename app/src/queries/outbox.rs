//! The outbox: messages written with what causes them, sent by the background task, and
//! read by their recipient on the notifications page.

use crate::db::{Backend, Db};
use crate::model::notify::{Delivery, MessageKind};
use sqlx::{Any, Error, FromRow, Transaction};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub user_id: i64,
    pub subject: &'a str,
    pub body: &'a str,
    pub kind: MessageKind,
    /// Queuing a second message with the same key does nothing (`None`: always queue).
    pub dedupe_key: Option<&'a str>,
    /// When it is written (the app's clock, RFC 3339).
    pub now: &'a str,
}

/// Queues a message for `user_id`, to their e-mail address as it is now. Returns whether
/// it was queued (false: one with the same key exists).
pub async fn queue(tx: &mut Transaction<'static, Any>, m: &NewMessage<'_>) -> Result<bool, Error> {
    let result = sqlx::query(
        "INSERT INTO outbox (user_id, to_address, subject, body, kind, dedupe_key,
            next_attempt_at, created_at)
         SELECT id, email, $2, $3, $4, $5, $6, $6 FROM users WHERE id = $1
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(m.user_id)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.kind.as_str())
    .bind(m.dedupe_key)
    .bind(m.now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Queues a message as [`queue`] does, first due at `due` (a mention held for a digest).
pub async fn queue_at(
    tx: &mut Transaction<'static, Any>,
    m: &NewMessage<'_>,
    due: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO outbox (user_id, to_address, subject, body, kind, next_attempt_at,
            created_at)
         SELECT id, email, $2, $3, $4, $5, $6 FROM users WHERE id = $1",
    )
    .bind(m.user_id)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.kind.as_str())
    .bind(due)
    .bind(m.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether a message with dedupe key `key` was queued.
pub async fn exists(db: &Db, key: &str) -> Result<bool, Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1")
        .bind(key)
        .fetch_one(db.pool())
        .await?;
    Ok(n > 0)
}

/// A mention waiting for its recipient's digest.
#[derive(Debug, Clone, FromRow)]
pub struct Held {
    pub id: i64,
    pub subject: String,
    pub body: String,
}

/// The mentions of `user_id` queued and due by `now`, not yet e-mailed (a digest takes
/// them in).
pub async fn held_mentions(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    now: &str,
) -> Result<Vec<Held>, Error> {
    sqlx::query_as(
        "SELECT id, subject, body FROM outbox
         WHERE user_id = $1 AND kind = 'mention' AND state = 'queued' AND attempts = 0
           AND next_attempt_at <= $2
         ORDER BY id",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await
}

/// Marks `held` as sent within the digest queued under `key`: not e-mailed on their own.
pub async fn fold(
    tx: &mut Transaction<'static, Any>,
    held: &[Held],
    key: &str,
) -> Result<(), Error> {
    for h in held {
        sqlx::query(
            "UPDATE outbox SET state = 'not_sent',
                folded_into = (SELECT d.id FROM outbox d WHERE d.dedupe_key = $2)
             WHERE id = $1",
        )
        .bind(h.id)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// One message as stored.
#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    /// The recipient, when a user (`None`: an outside address of a scheduled report).
    pub user_id: Option<i64>,
    /// Their username, or the outside address.
    pub username: String,
    pub to_address: Option<String>,
    pub subject: String,
    pub body: String,
    #[sqlx(try_from = "String")]
    pub kind: MessageKind,
    #[sqlx(try_from = "String")]
    pub state: Delivery,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub read_at: Option<String>,
    /// The digest it went out in, when it was held for one.
    pub folded_into: Option<i64>,
    /// The document it attaches (a scheduled report's PDF).
    pub document_id: Option<i64>,
}

const COLUMNS: &str = "o.id, o.user_id, COALESCE(u.username, o.to_address, '') AS username,
    o.to_address, o.subject, o.body, o.kind, o.state, o.attempts, o.last_error, o.created_at,
    o.sent_at, o.read_at, o.folded_into, o.document_id";

/// Claims up to `limit` messages due at `now` (queued and due, or claimed by an instance
/// that has not finished by its deadline) until `until`. On PostgreSQL rows another
/// instance holds are skipped (`FOR UPDATE SKIP LOCKED`), so each is claimed once.
pub async fn claim(db: &Db, now: &str, until: &str, limit: i64) -> Result<Vec<MessageRow>, Error> {
    let lock = match db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut tx = db.begin_write().await?;
    let ids: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT id FROM outbox
         WHERE (state = 'queued' AND next_attempt_at <= $1)
            OR (state = 'sending' AND claimed_until < $1)
         ORDER BY id LIMIT $2 {lock}"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(ids.len());
    for (id,) in ids {
        sqlx::query("UPDATE outbox SET state = 'sending', claimed_until = $2 WHERE id = $1")
            .bind(id)
            .bind(until)
            .execute(&mut *tx)
            .await?;
        let row: MessageRow = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM outbox o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        claimed.push(row);
    }
    tx.commit().await?;
    Ok(claimed)
}

/// Records how sending message `id` ended: `state` (sent, failed, not sent, or queued to
/// try again at `next_attempt`), with the error if any.
pub async fn finish(
    db: &Db,
    id: i64,
    state: Delivery,
    error: Option<&str>,
    (now, next_attempt): (&str, &str),
) -> Result<(), Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE outbox SET state = $2, last_error = $3, attempts = attempts + 1,
            claimed_until = NULL, next_attempt_at = $5,
            sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END
         WHERE id = $1",
    )
    .bind(id)
    .bind(state.as_str())
    .bind(error)
    .bind(now)
    .bind(next_attempt)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The newest `limit` messages (`user_id`: only theirs), newest first.
pub async fn list(db: &Db, user_id: Option<i64>, limit: i64) -> Result<Vec<MessageRow>, Error> {
    let filter = if user_id.is_some() {
        "WHERE o.user_id = $2"
    } else {
        ""
    };
    let query = format!(
        "SELECT {COLUMNS} FROM outbox o LEFT JOIN users u ON u.id = o.user_id {filter}
         ORDER BY o.id DESC LIMIT $1"
    );
    let q = sqlx::query_as(&query).bind(limit);
    match user_id {
        Some(id) => q.bind(id).fetch_all(db.pool()).await,
        None => q.fetch_all(db.pool()).await,
    }
}

/// How many of `user_id`'s messages are unread.
pub async fn unread(db: &Db, user_id: i64) -> Result<i64, Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE user_id = $1 AND read_at IS NULL")
            .bind(user_id)
            .fetch_one(db.pool())
            .await?;
    Ok(n)
}

/// Marks all of `user_id`'s messages read at `now`; returns how many were unread.
pub async fn mark_read(db: &Db, user_id: i64, now: &str) -> Result<u64, Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("UPDATE outbox SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// The working group's and administrators' ids (the call's summary goes to them).
pub async fn working_group(db: &Db) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as(
        "SELECT id, display_name FROM users
         WHERE disabled = 0 AND role IN ('working_group', 'admin') ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
}

/// A document a message attaches: its file name and bytes.
#[derive(Debug, Clone, FromRow)]
pub struct Document {
    pub name: String,
    pub data: Vec<u8>,
}

/// Document `id`, if it is stored.
pub async fn document(db: &Db, id: i64) -> Result<Option<Document>, Error> {
    sqlx::query_as("SELECT name, data FROM outbox_documents WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}
