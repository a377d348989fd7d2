//! Unlocks of a locked quarter, one strategy's status or one measure's actuals at a time.

use crate::db::{now_utc, Db};
use crate::model::fiscal::FiscalQuarter;
use crate::model::lock::Lockable;
use sqlx::{Any, Error, FromRow, Transaction};

/// The latest unlock of an item's quarter.
#[derive(Debug, Clone, FromRow)]
pub struct UnlockRow {
    pub after_version: i64,
    pub reason: String,
    pub author_name: String,
}

/// The latest unlock of `item`'s quarter `q`, if any.
pub async fn latest(db: &Db, item: Lockable, q: FiscalQuarter) -> Result<Option<UnlockRow>, Error> {
    sqlx::query_as(
        "SELECT after_version, reason, author_name FROM unlocks
         WHERE item_kind = $1 AND item_id = $2 AND fiscal_year = $3 AND quarter = $4
         ORDER BY id DESC LIMIT 1",
    )
    .bind(item.kind())
    .bind(item.id())
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_optional(db.pool())
    .await
}

/// Records an unlock of `item`'s quarter `q`, which holds while its latest version is
/// `after_version`.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    item: Lockable,
    q: FiscalQuarter,
    after_version: i64,
    reason: &str,
    author: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO unlocks (item_kind, item_id, fiscal_year, quarter, after_version, reason,
            author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(item.kind())
    .bind(item.id())
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .bind(after_version)
    .bind(reason)
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}
