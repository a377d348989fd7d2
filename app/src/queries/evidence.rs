//! Evidence files attached to quarters' status updates and actuals.

use crate::db::{now_utc, Db};
use crate::model::fiscal::FiscalQuarter;
use crate::model::lock::Lockable;
use sqlx::{Any, Error, FromRow, Transaction};

/// An evidence file as listed (without its content).
#[derive(Debug, Clone, FromRow)]
pub struct EvidenceRow {
    pub id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub version: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub author_name: String,
    pub created_at: String,
}

/// An evidence file with its content, to download.
#[derive(Debug, Clone, FromRow)]
pub struct EvidenceFile {
    pub item_kind: String,
    pub item_id: i64,
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A file to store.
pub struct NewEvidence<'a> {
    pub item: Lockable,
    pub quarter: FiscalQuarter,
    pub version: i64,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub author: &'a str,
}

/// Stores a file; returns its id.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    new: &NewEvidence<'_>,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO evidence (item_kind, item_id, fiscal_year, quarter, version, filename,
            content_type, size_bytes, data, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(new.item.kind())
    .bind(new.item.id())
    .bind(new.quarter.year as i64)
    .bind(new.quarter.quarter as i64)
    .bind(new.version)
    .bind(new.filename)
    .bind(new.content_type)
    .bind(new.data.len() as i64)
    .bind(new.data.to_vec())
    .bind(new.author)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Every file attached to `item`, newest first.
pub async fn of_item(db: &Db, item: Lockable) -> Result<Vec<EvidenceRow>, Error> {
    sqlx::query_as(
        "SELECT id, fiscal_year, quarter, version, filename, content_type, size_bytes,
            author_name, created_at
         FROM evidence WHERE item_kind = $1 AND item_id = $2
         ORDER BY fiscal_year DESC, quarter DESC, id DESC",
    )
    .bind(item.kind())
    .bind(item.id())
    .fetch_all(db.pool())
    .await
}

/// File `id` with its content.
pub async fn file(db: &Db, id: i64) -> Result<Option<EvidenceFile>, Error> {
    sqlx::query_as(
        "SELECT item_kind, item_id, filename, content_type, data FROM evidence WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// The quarters `item` has a status update (strategy) or actual (measure) in, newest first.
pub async fn recorded_quarters(db: &Db, item: Lockable) -> Result<Vec<(i64, i64)>, Error> {
    let sql = match item {
        Lockable::Strategy(_) => {
            "SELECT DISTINCT fiscal_year, quarter FROM status_updates WHERE strategy_id = $1
             ORDER BY fiscal_year DESC, quarter DESC"
        }
        Lockable::Measure(_) => {
            "SELECT DISTINCT fiscal_year, quarter FROM actuals WHERE measure_id = $1
             ORDER BY fiscal_year DESC, quarter DESC"
        }
    };
    sqlx::query_as(sql)
        .bind(item.id())
        .fetch_all(db.pool())
        .await
}
