//! SQL for starting the next fiscal year from this one.

use super::measure::Tx;
use crate::db::now_utc;
use crate::model::measure::Period;
use sqlx::{Any, Error, Executor};

/// One target of a year, with its measure's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct YearTarget {
    pub measure_id: i64,
    pub name: String,
    #[sqlx(try_from = "i64")]
    pub period: Period,
    pub value: f64,
}

/// Year `fy`'s targets: (measure id, measure name, period, value).
pub async fn targets<'e>(
    ex: impl Executor<'e, Database = Any>,
    fy: i32,
) -> Result<Vec<YearTarget>, Error> {
    sqlx::query_as(
        "SELECT t.measure_id, m.name, t.period, t.value FROM targets t
           JOIN measures m ON m.id = t.measure_id
          WHERE t.fiscal_year = $1 ORDER BY t.measure_id, t.period",
    )
    .bind(fy as i64)
    .fetch_all(ex)
    .await
}

/// Year `fy`'s IP milestones not done: (strategy id, number, quarter, description).
pub async fn open_milestones<'e>(
    ex: impl Executor<'e, Database = Any>,
    fy: i32,
) -> Result<Vec<(i64, String, i64, String)>, Error> {
    sqlx::query_as(
        "SELECT m.strategy_id, s.number, m.quarter, m.description FROM ip_milestones m
           JOIN strategies s ON s.id = m.strategy_id
          WHERE m.fiscal_year = $1 AND m.done_at IS NULL AND s.retired_in IS NULL
          ORDER BY m.quarter, s.seq, m.id",
    )
    .bind(fy as i64)
    .fetch_all(ex)
    .await
}

/// Year `fy`'s business plan milestones of strategies worked on that year: (strategy id,
/// number, milestone lines "Q2: text").
pub async fn planned_milestones<'e>(
    ex: impl Executor<'e, Database = Any>,
    fy: i32,
) -> Result<Vec<(i64, String, String)>, Error> {
    sqlx::query_as(
        "SELECT e.strategy_id, s.number, e.milestones FROM business_plan_entries e
           JOIN strategies s ON s.id = e.strategy_id
          WHERE e.fiscal_year = $1 AND e.active = 1 AND e.milestones <> ''
            AND s.retired_in IS NULL
          ORDER BY s.seq, e.id",
    )
    .bind(fy as i64)
    .fetch_all(ex)
    .await
}

/// Open follow-up actions: (title, owner's name, due date).
pub async fn open_actions<'e>(
    ex: impl Executor<'e, Database = Any>,
) -> Result<Vec<(String, String, String)>, Error> {
    sqlx::query_as(
        "SELECT a.title, u.display_name, a.due_on FROM meeting_actions a
           JOIN users u ON u.id = a.owner_id WHERE a.state = 'open' ORDER BY a.due_on, a.id",
    )
    .fetch_all(ex)
    .await
}

/// Copies a milestone into year `fy`.
pub async fn insert_milestone(
    tx: &mut Tx,
    strategy: i64,
    (fy, quarter): (i32, i64),
    description: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO ip_milestones (strategy_id, fiscal_year, quarter, description, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(strategy)
    .bind(fy as i64)
    .bind(quarter)
    .bind(description)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
