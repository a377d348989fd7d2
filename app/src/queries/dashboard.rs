//! SQL behind the dashboard and its charts: the data version, percent complete per goal,
//! a goal's status by quarter.

use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::status::Status;
use sqlx::Error;
use std::collections::HashMap;

/// Changes whenever the data behind a chart changes: every change writes an audit row,
/// status updates and actuals only ever add rows.
pub async fn data_version(db: &Db) -> Result<i64, Error> {
    let (a, s, x): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log),
                (SELECT COALESCE(MAX(id), 0) FROM status_updates),
                (SELECT COALESCE(MAX(id), 0) FROM actuals)",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(a.wrapping_mul(1_000_003) ^ s.wrapping_mul(7_919) ^ x)
}

/// Average percent complete per goal and quarter from `from` on (current versions, from
/// the `goal_quarter` summary: a row per goal and quarter).
pub async fn percent_points(
    db: &Db,
    from: FiscalQuarter,
) -> Result<Vec<(String, FiscalQuarter, f64)>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        number: String,
        fiscal_year: i64,
        quarter: i64,
        reported: i64,
        percent_sum: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT g.number, t.fiscal_year, t.quarter, t.reported, t.percent_sum
         FROM goal_quarter t JOIN goals g ON g.id = t.goal_id
         WHERE t.reported > 0 AND (t.fiscal_year > $1 OR (t.fiscal_year = $1 AND t.quarter >= $2))",
    )
    .bind(from.year as i64)
    .bind(from.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    let point = |r: Row| {
        let percent = r.percent_sum as f64 / r.reported as f64;
        (r.number, quarter_of(r.fiscal_year, r.quarter), percent)
    };
    Ok(rows.into_iter().map(point).collect())
}

/// The current status of every strategy that has one in a quarter, by strategy number.
pub async fn current_statuses(
    db: &Db,
    fq: FiscalQuarter,
) -> Result<HashMap<String, Status>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        number: String,
        #[sqlx(try_from = "String")]
        status: Status,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.number, c.status FROM status_current c JOIN strategies s ON s.id = c.strategy_id
         WHERE c.fiscal_year = $1 AND c.quarter = $2",
    )
    .bind(fq.year as i64)
    .bind(fq.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| (r.number, r.status)).collect())
}

/// A goal's strategies (number, text) in plan order.
pub async fn goal_strategies(db: &Db, goal: &str) -> Result<Vec<(String, String)>, Error> {
    sqlx::query_as(
        "SELECT s.number, s.text FROM strategies s JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id WHERE g.number = $1 ORDER BY o.seq, s.seq",
    )
    .bind(goal)
    .fetch_all(db.pool())
    .await
}

/// The latest status of each of a goal's strategies in each quarter from `from` on.
pub async fn goal_statuses(
    db: &Db,
    goal: &str,
    from: FiscalQuarter,
) -> Result<HashMap<(String, FiscalQuarter), Status>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        number: String,
        fiscal_year: i64,
        quarter: i64,
        #[sqlx(try_from = "String")]
        status: Status,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.number, c.fiscal_year, c.quarter, c.status FROM status_current c
         JOIN strategies s ON s.id = c.strategy_id JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id
         WHERE g.number = $1 AND (c.fiscal_year > $2 OR (c.fiscal_year = $2 AND c.quarter >= $3))",
    )
    .bind(goal)
    .bind(from.year as i64)
    .bind(from.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.number, quarter_of(r.fiscal_year, r.quarter)), r.status))
        .collect())
}

/// A quarter from its stored fiscal year and quarter.
fn quarter_of(year: i64, quarter: i64) -> FiscalQuarter {
    FiscalQuarter {
        year: year as i32,
        quarter: quarter as u8,
    }
}

/// The numbers of the goals that have at least one strategy.
pub async fn goals_with_strategies(db: &Db) -> Result<Vec<String>, Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT g.number FROM goals g JOIN objectives o ON o.goal_id = g.id
         JOIN strategies s ON s.objective_id = o.id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// The numbers of the goals with a strategy reporting in some quarter from `from` to
/// `to` (the `goal_quarter` summary).
pub async fn goals_with_data(
    db: &Db,
    (from, to): (FiscalQuarter, FiscalQuarter),
) -> Result<Vec<String>, Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT g.number FROM goal_quarter gq JOIN goals g ON g.id = gq.goal_id
         WHERE gq.reported > 0
           AND gq.fiscal_year * 10 + gq.quarter BETWEEN $1 AND $2",
    )
    .bind(from.year as i64 * 10 + from.quarter as i64)
    .bind(to.year as i64 * 10 + to.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// A strategy's current update in a quarter where it is at risk or off track.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExceptionRow {
    pub number: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub explanation: String,
    pub corrective_action: String,
}

/// Every strategy at risk or off track in quarter `fq`, with its update's explanation
/// and corrective action (retired strategies left out).
pub async fn exceptions(db: &Db, fq: FiscalQuarter) -> Result<Vec<ExceptionRow>, Error> {
    sqlx::query_as(
        "SELECT s.number, c.status, u.explanation, u.corrective_action
         FROM status_current c JOIN status_updates u ON u.id = c.update_id
         JOIN strategies s ON s.id = c.strategy_id
         WHERE c.fiscal_year = $1 AND c.quarter = $2 AND c.status IN ('at_risk', 'off_track')
           AND s.retired_in IS NULL",
    )
    .bind(fq.year as i64)
    .bind(fq.quarter as i64)
    .fetch_all(db.pool())
    .await
}

/// The (strategy, quarter) pairs at risk or off track from `from` to `to`.
pub async fn exception_history(
    db: &Db,
    (from, to): (FiscalQuarter, FiscalQuarter),
) -> Result<std::collections::HashSet<(String, FiscalQuarter)>, Error> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT s.number, c.fiscal_year, c.quarter FROM status_current c
         JOIN strategies s ON s.id = c.strategy_id
         WHERE c.status IN ('at_risk', 'off_track')
           AND (c.fiscal_year * 4 + c.quarter) BETWEEN $1 AND $2",
    )
    .bind(from.year as i64 * 4 + from.quarter as i64)
    .bind(to.year as i64 * 4 + to.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(n, y, q)| (n, quarter_of(y, q)))
        .collect())
}
