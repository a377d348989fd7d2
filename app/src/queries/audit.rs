//! The append-only audit trail: one row per change, written in the change's transaction.

use crate::db::{now_utc, Db};
use crate::model::audit::{AuditEntry, AuditFilter, AuditPage};
use sqlx::{Any, Error, Transaction};

/// Who made a change: a signed-in person or the command line.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
}

impl Actor {
    /// Changes made by `plantrack` commands on the server itself.
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            username: "system (command line)".into(),
        }
    }

    /// Changes made by a signed-in person.
    pub fn user(user: &crate::model::user::CurrentUser) -> Actor {
        Actor {
            user_id: Some(user.id),
            username: user.username.clone(),
        }
    }
}

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_key: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Appends one audit row inside the caller's transaction.
pub async fn record(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    change: Change<'_>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, username, action, object_type, object_key,
                                before_json, after_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now_utc())
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(change.action)
    .bind(change.object_type)
    .bind(change.object_key)
    .bind(change.before.map(|v| v.to_string()))
    .bind(change.after.map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Rows shown on one audit page.
pub const PAGE_SIZE: i64 = 50;

/// One page of the audit trail, newest first, filtered.
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<AuditPage, Error> {
    let user = filter.user.clone().unwrap_or_default();
    let object = filter.object.clone().unwrap_or_default();
    let from = filter.from.clone().unwrap_or_default();
    // The end date is inclusive: compare against the next day's start.
    let to = filter
        .to
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .and_then(|d| d.succ_opt())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    // Any page number a URL may carry, however large, stays a valid offset.
    let page = filter.page.clamp(1, i64::MAX / PAGE_SIZE);
    let conditions = "($1 = '' OR username = $1)
          AND ($2 = '' OR object_type = $2 OR object_type || ' ' || object_key = $2)
          AND ($3 = '' OR at >= $3)
          AND ($4 = '' OR at < $4)";
    let (total,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE {conditions}"
    ))
    .bind(&user)
    .bind(&object)
    .bind(&from)
    .bind(&to)
    .fetch_one(db.pool())
    .await?;
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, at, username, action, object_type, object_key, before_json, after_json
         FROM audit_log WHERE {conditions} ORDER BY id DESC LIMIT $5 OFFSET $6"
    ))
    .bind(&user)
    .bind(&object)
    .bind(&from)
    .bind(&to)
    .bind(PAGE_SIZE)
    .bind((page - 1) * PAGE_SIZE)
    .fetch_all(db.pool())
    .await?;
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(
                |(id, at, username, action, object_type, object_key, before, after)| AuditEntry {
                    id,
                    at,
                    username,
                    action,
                    object_type,
                    object_key,
                    before,
                    after,
                    changes: Vec::new(),
                },
            )
            .collect(),
        total,
        page,
        page_size: PAGE_SIZE,
        time_zone: String::new(),
        time_zone_refused: None,
    })
}
