//! The summary tables kept on write by triggers (`status_current`, `actual_current`,
//! `goal_quarter`), recomputed from history to check them.

use crate::db::Db;
use sqlx::Error;

/// The latest submitted version of each strategy's status in each quarter (drafts are
/// not current), computed from history.
const RECOMPUTED: &str = "SELECT u.strategy_id, u.fiscal_year, u.quarter, u.version,
        u.id AS update_id, u.status, u.percent
    FROM status_updates u
    JOIN (SELECT strategy_id, fiscal_year, quarter, MAX(version) AS v FROM status_updates
          WHERE state = 'submitted' GROUP BY strategy_id, fiscal_year, quarter) m
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

/// The latest version of each measure's actual in each quarter, computed from history.
const ACTUALS_RECOMPUTED: &str = "SELECT a.measure_id, a.fiscal_year, a.quarter, a.version,
        a.id AS actual_id, a.value, a.data_lag
    FROM actuals a
    JOIN (SELECT measure_id, fiscal_year, quarter, MAX(version) AS v FROM actuals
          GROUP BY measure_id, fiscal_year, quarter) m
      ON m.measure_id = a.measure_id AND m.fiscal_year = a.fiscal_year
     AND m.quarter = a.quarter AND m.v = a.version";

/// What `actual_current` holds, in the same columns as [`ACTUALS_RECOMPUTED`].
const ACTUALS_KEPT: &str = "SELECT measure_id, fiscal_year, quarter, version, actual_id, value,
        data_lag FROM actual_current";

/// One row of `actual_current`, kept or recomputed.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ActualCurrentRow {
    pub measure_id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub version: i64,
    pub actual_id: i64,
    pub value: Option<f64>,
    pub data_lag: i64,
}

/// Actual rows kept but not recomputed (`.0`), and recomputed but not kept (`.1`).
pub async fn actual_differences(
    db: &Db,
) -> Result<(Vec<ActualCurrentRow>, Vec<ActualCurrentRow>), Error> {
    let stale = sqlx::query_as(&format!("{ACTUALS_KEPT} EXCEPT {ACTUALS_RECOMPUTED}"))
        .fetch_all(db.pool())
        .await?;
    let missing = sqlx::query_as(&format!("{ACTUALS_RECOMPUTED} EXCEPT {ACTUALS_KEPT}"))
        .fetch_all(db.pool())
        .await?;
    Ok((stale, missing))
}

/// Replaces `actual_current` with what history says, in one transaction.
pub async fn rebuild_actuals(db: &Db) -> Result<(), Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM actual_current")
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO actual_current (measure_id, fiscal_year, quarter, version, actual_id,
            value, data_lag) {ACTUALS_RECOMPUTED}"
    ))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Per goal and quarter, the strategies reported and their percent sum, from
/// `status_current`.
const GOALS_RECOMPUTED: &str = "SELECT o.goal_id, c.fiscal_year, c.quarter,
        COUNT(*) AS reported, CAST(SUM(c.percent) AS BIGINT) AS percent_sum
    FROM status_current c JOIN strategies s ON s.id = c.strategy_id
    JOIN objectives o ON o.id = s.objective_id
    GROUP BY o.goal_id, c.fiscal_year, c.quarter";

/// What `goal_quarter` holds (rows emptied to zero by a repair are no rows).
const GOALS_KEPT: &str = "SELECT goal_id, fiscal_year, quarter, reported, percent_sum
    FROM goal_quarter WHERE reported <> 0 OR percent_sum <> 0";

/// One row of `goal_quarter`, kept or recomputed.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GoalQuarterRow {
    pub goal_id: i64,
    pub fiscal_year: i64,
    pub quarter: i64,
    pub reported: i64,
    pub percent_sum: i64,
}

/// Goal rows kept but not recomputed (`.0`), and recomputed but not kept (`.1`).
pub async fn goal_differences(
    db: &Db,
) -> Result<(Vec<GoalQuarterRow>, Vec<GoalQuarterRow>), Error> {
    let stale = sqlx::query_as(&format!("{GOALS_KEPT} EXCEPT {GOALS_RECOMPUTED}"))
        .fetch_all(db.pool())
        .await?;
    let missing = sqlx::query_as(&format!("{GOALS_RECOMPUTED} EXCEPT {GOALS_KEPT}"))
        .fetch_all(db.pool())
        .await?;
    Ok((stale, missing))
}

/// Replaces `goal_quarter` with what `status_current` says, in one transaction.
pub async fn rebuild_goals(db: &Db) -> Result<(), Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM goal_quarter")
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO goal_quarter (goal_id, fiscal_year, quarter, reported, percent_sum)
         {GOALS_RECOMPUTED}"
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
