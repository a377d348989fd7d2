//! The summary tables kept on write (`status_current`), recomputed from history to check
//! them.

use crate::db::Db;
use sqlx::Error;

/// The latest version of each strategy's status in each quarter, computed from history.
const RECOMPUTED: &str = "SELECT u.strategy_id, u.fiscal_year, u.quarter, u.version,
        u.id AS update_id, u.status, u.percent
    FROM status_updates u
    JOIN (SELECT strategy_id, fiscal_year, quarter, MAX(version) AS v FROM status_updates
          GROUP BY strategy_id, fiscal_year, quarter) m
      ON m.strategy_id = u.strategy_id AND m.fiscal_year = u.fiscal_year
     AND m.quarter = u.quarter AND m.v = u.version";

/// What `status_current` holds, in the same columns as [`RECOMPUTED`].
const KEPT: &str = "SELECT strategy_id, fiscal_year, quarter, version, update_id, status, percent
    FROM status_current";

/// One row of `status_current`, kept or recomputed.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CurrentRow {
    pub strategy_id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub version: i64,
    pub update_id: i64,
    pub status: String,
    pub percent: i64,
}

/// Rows kept but not recomputed (`.0`), and recomputed but not kept (`.1`).
pub async fn status_differences(db: &Db) -> Result<(Vec<CurrentRow>, Vec<CurrentRow>), Error> {
    let stale: Vec<CurrentRow> = sqlx::query_as(&format!("{KEPT} EXCEPT {RECOMPUTED}"))
        .fetch_all(db.pool())
        .await?;
    let missing: Vec<CurrentRow> = sqlx::query_as(&format!("{RECOMPUTED} EXCEPT {KEPT}"))
        .fetch_all(db.pool())
        .await?;
    Ok((stale, missing))
}

/// Replaces `status_current` with what history says, in one transaction.
pub async fn rebuild_status(db: &Db) -> Result<(), Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM status_current")
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id,
            status, percent) {RECOMPUTED}"
    ))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Strategy numbers by id (to name the strategies a check reports).
pub async fn strategy_numbers(db: &Db) -> Result<std::collections::HashMap<i64, String>, Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, number FROM strategies")
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().collect())
}
