//! Planning-cycle milestones marked done.

use super::measure::Tx;
use crate::db::{now_utc, Db};
use sqlx::Error;
use std::collections::HashMap;

/// The year's marks: milestone key → (done at, done by).
pub async fn marks(db: &Db, fy: i32) -> Result<HashMap<String, (String, String)>, Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT milestone, done_at, done_by FROM cycle_marks WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(k, at, by)| (k, (at, by))).collect())
}

/// Marks a milestone done; `false` when it already was.
pub async fn mark(tx: &mut Tx, fy: i32, key: &str, by: &str) -> Result<bool, Error> {
    let done = sqlx::query(
        "INSERT INTO cycle_marks (fiscal_year, milestone, done_at, done_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(fy as i64)
    .bind(key)
    .bind(now_utc())
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Reopens a milestone; `false` when it was not done.
pub async fn unmark(tx: &mut Tx, fy: i32, key: &str) -> Result<bool, Error> {
    let done = sqlx::query("DELETE FROM cycle_marks WHERE fiscal_year = $1 AND milestone = $2")
        .bind(fy as i64)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}
