//! Comments and their threads: what is said on an item, corrections, mentions, hidden
//! comments, and threads resolved and reopened. Every table here is append-only.

use crate::db::Db;
use sqlx::{Any, Error, FromRow, Transaction};

/// One comment as a thread shows it: its newest text, how many corrections it has had,
/// and whether an administrator hid it.
#[derive(Debug, Clone, FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub thread_id: Option<i64>,
    pub reply_to: Option<i64>,
    pub author_id: i64,
    pub author: String,
    pub author_name: String,
    pub original: String,
    pub body: String,
    pub version: i64,
    pub posted_at: String,
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<String>,
    pub hidden_at: Option<String>,
}

const COMMENT: &str = "SELECT c.id, c.thread_id, c.reply_to, c.author_id, u.username AS author,
    u.display_name AS author_name, c.body AS original,
    COALESCE((SELECT k.body FROM comment_corrections k WHERE k.comment_id = c.id
        ORDER BY k.version DESC LIMIT 1), c.body) AS body,
    (SELECT COUNT(*) FROM comment_corrections k WHERE k.comment_id = c.id) AS version,
    c.posted_at, h.reason AS hidden_reason, hu.display_name AS hidden_by,
    h.hidden_at AS hidden_at
    FROM comments c JOIN users u ON u.id = c.author_id
    LEFT JOIN comment_hides h ON h.comment_id = c.id
    LEFT JOIN users hu ON hu.id = h.hidden_by";

/// The comments on one subject, oldest first.
pub async fn on_subject(db: &Db, kind: &str, key: &str) -> Result<Vec<CommentRow>, Error> {
    sqlx::query_as(&format!(
        "{COMMENT} WHERE c.subject_kind = $1 AND c.subject_key = $2 ORDER BY c.id"
    ))
    .bind(kind)
    .bind(key)
    .fetch_all(db.pool())
    .await
}

/// One comment with the subject it is on, read inside a write.
#[derive(Debug, Clone, FromRow)]
pub struct Located {
    pub id: i64,
    pub subject_kind: String,
    pub subject_key: String,
    pub thread_id: Option<i64>,
    pub author_id: i64,
    pub posted_at: String,
    pub version: i64,
    pub hidden: i64,
}

/// Comment `id` and where it is, if there is one.
pub async fn locate(tx: &mut Transaction<'static, Any>, id: i64) -> Result<Option<Located>, Error> {
    sqlx::query_as(
        "SELECT c.id, c.subject_kind, c.subject_key, c.thread_id, c.author_id, c.posted_at,
            (SELECT COUNT(*) FROM comment_corrections k WHERE k.comment_id = c.id) AS version,
            (SELECT COUNT(*) FROM comment_hides h WHERE h.comment_id = c.id) AS hidden
         FROM comments c WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// A comment to write.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub kind: &'a str,
    pub key: &'a str,
    pub thread_id: Option<i64>,
    pub reply_to: Option<i64>,
    pub author_id: i64,
    pub body: &'a str,
    pub at: &'a str,
}

/// Writes a comment; its id.
pub async fn insert(tx: &mut Transaction<'static, Any>, c: &NewComment<'_>) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO comments (subject_kind, subject_key, thread_id, reply_to, author_id, body,
            posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(c.kind)
    .bind(c.key)
    .bind(c.thread_id)
    .bind(c.reply_to)
    .bind(c.author_id)
    .bind(c.body)
    .bind(c.at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Records that comment `id` mentions `user_id`.
pub async fn mention(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    user_id: i64,
) -> Result<(), Error> {
    sqlx::query("INSERT INTO comment_mentions (comment_id, user_id) VALUES ($1, $2)")
        .bind(id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records correction `version` of comment `id`; false when that version exists already
/// (someone corrected it meanwhile).
pub async fn correct(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    version: i64,
    body: &str,
    at: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "INSERT INTO comment_corrections (comment_id, version, body, corrected_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, version) DO NOTHING",
    )
    .bind(id)
    .bind(version)
    .bind(body)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Hides comment `id`; false when it was hidden already.
pub async fn hide(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    reason: &str,
    by: i64,
    at: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "INSERT INTO comment_hides (comment_id, reason, hidden_by, hidden_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id) DO NOTHING",
    )
    .bind(id)
    .bind(reason)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One earlier text of a comment.
#[derive(Debug, Clone, FromRow)]
pub struct CorrectionRow {
    pub comment_id: i64,
    pub version: i64,
    pub body: String,
    pub corrected_at: String,
}

/// The corrections of the comments on one subject, in order.
pub async fn corrections(db: &Db, kind: &str, key: &str) -> Result<Vec<CorrectionRow>, Error> {
    sqlx::query_as(
        "SELECT k.comment_id, k.version, k.body, k.corrected_at
         FROM comment_corrections k JOIN comments c ON c.id = k.comment_id
         WHERE c.subject_kind = $1 AND c.subject_key = $2 ORDER BY k.comment_id, k.version",
    )
    .bind(kind)
    .bind(key)
    .fetch_all(db.pool())
    .await
}

/// A thread resolved or reopened.
#[derive(Debug, Clone, FromRow)]
pub struct ThreadEventRow {
    pub thread_id: i64,
    pub seq: i64,
    pub resolved: i64,
    pub by_name: String,
    pub at: String,
}

/// The events of the threads on one subject, in order.
pub async fn thread_events(db: &Db, kind: &str, key: &str) -> Result<Vec<ThreadEventRow>, Error> {
    sqlx::query_as(
        "SELECT e.thread_id, e.seq, e.resolved, u.display_name AS by_name, e.at
         FROM thread_events e JOIN comments c ON c.id = e.thread_id
         JOIN users u ON u.id = e.by_id
         WHERE c.subject_kind = $1 AND c.subject_key = $2 ORDER BY e.thread_id, e.seq",
    )
    .bind(kind)
    .bind(key)
    .fetch_all(db.pool())
    .await
}

/// Thread `id`'s events so far and whether it is resolved now.
pub async fn thread_state(
    tx: &mut Transaction<'static, Any>,
    id: i64,
) -> Result<(i64, bool), Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT seq, resolved FROM thread_events WHERE thread_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map_or((0, false), |(seq, r)| (seq, r == 1)))
}

/// Records event `seq` of thread `id`; false when that event exists already.
pub async fn thread_event(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    seq: i64,
    resolved: bool,
    (by, at): (i64, &str),
) -> Result<bool, Error> {
    let done = sqlx::query(
        "INSERT INTO thread_events (thread_id, seq, resolved, by_id, at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (thread_id, seq) DO NOTHING",
    )
    .bind(id)
    .bind(seq)
    .bind(i64::from(resolved))
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many comments `author_id` posted since `since` (the burst throttle).
pub async fn posted_since(
    tx: &mut Transaction<'static, Any>,
    author_id: i64,
    since: &str,
) -> Result<i64, Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM comments WHERE author_id = $1 AND posted_at > $2")
            .bind(author_id)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n)
}

/// The open threads on subjects of `kind`: (subject key, open threads).
pub async fn open_threads(db: &Db, kind: &str) -> Result<Vec<(String, i64)>, Error> {
    sqlx::query_as(
        "SELECT c.subject_key, COUNT(*) FROM comments c
         WHERE c.subject_kind = $1 AND c.thread_id IS NULL
           AND COALESCE((SELECT e.resolved FROM thread_events e WHERE e.thread_id = c.id
               ORDER BY e.seq DESC LIMIT 1), 0) = 0
         GROUP BY c.subject_key",
    )
    .bind(kind)
    .fetch_all(db.pool())
    .await
}

/// A comment that mentions someone, as their list of mentions shows it.
#[derive(Debug, Clone, FromRow)]
pub struct MentionRow {
    pub id: i64,
    pub subject_kind: String,
    pub subject_key: String,
    pub thread: i64,
    pub author_name: String,
    pub body: String,
    pub posted_at: String,
    pub hidden: i64,
    pub resolved: i64,
    pub answered: i64,
}

/// The newest `limit` comments that mention `user_id`, newest first, with whether the
/// thread is resolved and whether they have written in it since.
pub async fn mentions_of(db: &Db, user_id: i64, limit: i64) -> Result<Vec<MentionRow>, Error> {
    sqlx::query_as(
        "SELECT c.id, c.subject_kind, c.subject_key, COALESCE(c.thread_id, c.id) AS thread,
            u.display_name AS author_name,
            COALESCE((SELECT k.body FROM comment_corrections k WHERE k.comment_id = c.id
                ORDER BY k.version DESC LIMIT 1), c.body) AS body,
            c.posted_at,
            (SELECT COUNT(*) FROM comment_hides h WHERE h.comment_id = c.id) AS hidden,
            COALESCE((SELECT e.resolved FROM thread_events e
                WHERE e.thread_id = COALESCE(c.thread_id, c.id)
                ORDER BY e.seq DESC LIMIT 1), 0) AS resolved,
            (SELECT COUNT(*) FROM comments r
                WHERE COALESCE(r.thread_id, r.id) = COALESCE(c.thread_id, c.id)
                  AND r.id > c.id AND r.author_id = m.user_id) AS answered
         FROM comment_mentions m JOIN comments c ON c.id = m.comment_id
         JOIN users u ON u.id = c.author_id
         WHERE m.user_id = $1 ORDER BY c.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Someone who may be mentioned: an active account.
#[derive(Debug, Clone, FromRow)]
pub struct Person {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
}

/// Every active account, by name: who may read an item and so be mentioned on it.
pub async fn readers(db: &Db) -> Result<Vec<Person>, Error> {
    sqlx::query_as(
        "SELECT id, username, display_name, role FROM users WHERE disabled = 0
         ORDER BY display_name, username",
    )
    .fetch_all(db.pool())
    .await
}

/// Whether the subject exists, with words that name it: (kind, key) → its label.
pub async fn subject_label(db: &Db, kind: &str, key: &str) -> Result<Option<String>, Error> {
    let parts: Vec<&str> = key.split('/').collect();
    let one = |sql: &'static str| sqlx::query_as::<_, (String,)>(sql);
    let row = match kind {
        "strategy" => {
            one("SELECT 'Strategy ' || number || ': ' || text FROM strategies WHERE number = $1")
                .bind(key)
                .fetch_optional(db.pool())
                .await?
        }
        "measure" => {
            one("SELECT 'Measure: ' || name FROM measures WHERE id = $1")
                .bind(key.parse::<i64>().unwrap_or(-1))
                .fetch_optional(db.pool())
                .await?
        }
        "status_update" | "actual" if parts.len() == 4 => {
            let n = |i: usize| parts[i].parse::<i64>().unwrap_or(-1);
            let sql = if kind == "status_update" {
                "SELECT 'Strategy ' || s.number FROM status_updates u
                 JOIN strategies s ON s.id = u.strategy_id
                 WHERE s.number = $1 AND u.fiscal_year = $2 AND u.quarter = $3 AND u.version = $4"
            } else {
                "SELECT 'Measure: ' || m.name FROM actuals a JOIN measures m ON m.id = a.measure_id
                 WHERE m.id = $1 AND a.fiscal_year = $2 AND a.quarter = $3 AND a.version = $4"
            };
            let first = if kind == "status_update" {
                parts[0].to_string()
            } else {
                n(0).to_string()
            };
            let q = one(sql);
            let q = if kind == "status_update" {
                q.bind(first)
            } else {
                q.bind(n(0))
            };
            q.bind(n(1))
                .bind(n(2))
                .bind(n(3))
                .fetch_optional(db.pool())
                .await?
        }
        "agenda_item" => {
            one("SELECT title FROM agenda_items WHERE id = $1")
                .bind(key.parse::<i64>().unwrap_or(-1))
                .fetch_optional(db.pool())
                .await?
        }
        "proposal" => {
            one("SELECT subject FROM change_proposals WHERE id = $1")
                .bind(key.parse::<i64>().unwrap_or(-1))
                .fetch_optional(db.pool())
                .await?
        }
        "budget_request" => {
            one("SELECT title FROM budget_requests WHERE id = $1")
                .bind(key.parse::<i64>().unwrap_or(-1))
                .fetch_optional(db.pool())
                .await?
        }
        _ => None,
    };
    Ok(row.map(|(l,)| l))
}

/// The review meeting an agenda item belongs to: its quarter as stored (for the link).
pub async fn agenda_item_meeting(db: &Db, id: i64) -> Result<Option<(i64, i64)>, Error> {
    sqlx::query_as(
        "SELECT m.fiscal_year, m.quarter FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
}
