//! SQL for StratML: one fiscal year of the plan read out, and a file's measures,
//! targets, actuals, status and owners written into a newly imported plan.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// A goal, objective or strategy in plan order, with the number of its parent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub number: String,
    pub parent: String,
    pub text: Option<String>,
    pub statement: Option<String>,
    pub office: Option<String>,
    pub person: Option<String>,
}

/// The plan's goals (not retired), in order.
pub async fn goals(db: &Db) -> Result<Vec<ItemRow>, Error> {
    sqlx::query_as(
        "SELECT id, number, '' AS parent, name AS text, statement,
                CAST(NULL AS TEXT) AS office, CAST(NULL AS TEXT) AS person
           FROM goals WHERE retired_in IS NULL ORDER BY seq, id",
    )
    .fetch_all(db.pool())
    .await
}

/// The plan's objectives (not retired), in order within each goal.
pub async fn objectives(db: &Db) -> Result<Vec<ItemRow>, Error> {
    sqlx::query_as(
        "SELECT o.id, o.number, g.number AS parent, o.title AS text, CAST(NULL AS TEXT) AS statement,
                CAST(NULL AS TEXT) AS office, CAST(NULL AS TEXT) AS person
           FROM objectives o JOIN goals g ON g.id = o.goal_id
          WHERE o.retired_in IS NULL ORDER BY o.seq, o.id",
    )
    .fetch_all(db.pool())
    .await
}

/// The plan's strategies (not retired), in order within each objective.
pub async fn strategies(db: &Db) -> Result<Vec<ItemRow>, Error> {
    sqlx::query_as(
        "SELECT s.id, s.number, o.number AS parent, s.text, CAST(NULL AS TEXT) AS statement,
                s.owner_office AS office, s.owner_person AS person
           FROM strategies s JOIN objectives o ON o.id = s.objective_id
          WHERE s.retired_in IS NULL ORDER BY s.seq, s.id",
    )
    .fetch_all(db.pool())
    .await
}

/// A year's targets: (measure, period 0–4, value).
pub async fn targets(db: &Db, fy: i32) -> Result<Vec<(i64, i64, f64)>, Error> {
    sqlx::query_as(
        "SELECT measure_id, period, value FROM targets WHERE fiscal_year = $1
          ORDER BY measure_id, period",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// A year's current actual of each measure and quarter.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActualRow {
    pub measure_id: i64,
    pub quarter: i64,
    pub value: Option<f64>,
    pub note: String,
}

/// A year's current actuals.
pub async fn actuals(db: &Db, fy: i32) -> Result<Vec<ActualRow>, Error> {
    sqlx::query_as(
        "SELECT a.measure_id, a.quarter, a.value, a.note
           FROM actual_current c JOIN actuals a ON a.id = c.actual_id
          WHERE c.fiscal_year = $1 ORDER BY a.measure_id, a.quarter",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// A strategy's current status in a quarter, with its narrative.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatusRow {
    pub strategy_id: i64,
    pub version: i64,
    pub quarter: i64,
    #[sqlx(try_from = "String")]
    pub status: crate::model::status::Status,
    pub percent: i64,
    pub accomplishments: String,
    pub issues: String,
    pub next_steps: String,
    pub explanation: String,
    pub corrective_action: String,
}

/// A year's current status of each strategy and quarter.
pub async fn statuses(db: &Db, fy: i32) -> Result<Vec<StatusRow>, Error> {
    sqlx::query_as(
        "SELECT u.strategy_id, CAST(c.version AS BIGINT) AS version, u.quarter, u.status, CAST(u.percent AS BIGINT) AS percent,
                u.accomplishments, u.issues, u.next_steps, u.explanation, u.corrective_action
           FROM status_current c JOIN status_updates u ON u.id = c.update_id
          WHERE c.fiscal_year = $1 ORDER BY u.strategy_id, u.quarter",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// The ids of the goal, objective or strategy numbered `number` (by `level` 1–3).
pub async fn item_id(
    tx: &mut Tx,
    level: u8,
    number: &str,
) -> Result<Option<(i64, i64, i64)>, Error> {
    let sql = match level {
        1 => "SELECT id, CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM goals WHERE number = $1",
        2 => "SELECT g.id, o.id, CAST(0 AS BIGINT) FROM objectives o JOIN goals g ON g.id = o.goal_id WHERE o.number = $1",
        _ => "SELECT g.id, o.id, s.id FROM strategies s JOIN objectives o ON o.id = s.objective_id
                JOIN goals g ON g.id = o.goal_id WHERE s.number = $1",
    };
    sqlx::query_as(sql)
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// Sets strategy `id`'s owners.
pub async fn set_owners(
    tx: &mut Tx,
    id: i64,
    office: Option<&str>,
    person: Option<&str>,
) -> Result<(), Error> {
    sqlx::query("UPDATE strategies SET owner_office = $1, owner_person = $2 WHERE id = $3")
        .bind(office)
        .bind(person)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A measure to add, attached by ids (objective and strategy 0 when not).
pub struct NewMeasure<'a> {
    pub ids: (i64, i64, i64),
    pub name: &'a str,
    pub unit: &'a str,
    pub direction: &'a str,
    pub kind: &'a str,
    pub aggregation: &'a str,
    pub baseline: Option<(f64, Option<i32>)>,
    pub data_source: &'a str,
    pub verification: &'a str,
    pub limitations: &'a str,
}

/// Adds a measure; returns its id.
pub async fn insert_measure(tx: &mut Tx, m: &NewMeasure<'_>) -> Result<i64, Error> {
    let nonzero = |id: i64| (id != 0).then_some(id);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO measures (goal_id, objective_id, strategy_id, name, unit, direction, kind,
            aggregation, baseline_value, baseline_fy, data_source, verification, limitations,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(m.ids.0)
    .bind(nonzero(m.ids.1))
    .bind(nonzero(m.ids.2))
    .bind(m.name)
    .bind(m.unit)
    .bind(m.direction)
    .bind(m.kind)
    .bind(m.aggregation)
    .bind(m.baseline.map(|b| b.0))
    .bind(m.baseline.and_then(|b| b.1).map(i64::from))
    .bind(m.data_source)
    .bind(m.verification)
    .bind(m.limitations)
    .bind(now_utc())
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Sets a target and logs it with `reason`.
pub async fn insert_target(
    tx: &mut Tx,
    (measure, fy, period): (i64, i32, u8),
    value: f64,
    (reason, author): (&str, &str),
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO targets (measure_id, fiscal_year, period, value) VALUES ($1, $2, $3, $4)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(period as i64)
    .bind(value)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO target_changes (measure_id, fiscal_year, period, old_value, new_value, reason, author_name, created_at)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(period as i64)
    .bind(value)
    .bind(reason)
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a first actual (`value` None: data not yet available).
pub async fn insert_actual(
    tx: &mut Tx,
    (measure, fy, quarter): (i64, i32, u8),
    value: Option<f64>,
    (note, author): (&str, &str),
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO actuals (measure_id, fiscal_year, quarter, version, value, data_lag, note, author_name, created_at)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(quarter as i64)
    .bind(value)
    .bind(i64::from(value.is_none()))
    .bind(note)
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A status update to record as a strategy's first in its quarter.
pub struct NewStatus<'a> {
    pub strategy_id: i64,
    pub fiscal_year: i32,
    pub quarter: u8,
    pub status: &'a str,
    pub percent: i64,
    /// Accomplishments, issues, next steps, explanation, corrective action.
    pub texts: [&'a str; 5],
}

/// Records a first status update.
pub async fn insert_status(tx: &mut Tx, s: &NewStatus<'_>, author: &str) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO status_updates (strategy_id, fiscal_year, quarter, version, status, percent,
            accomplishments, issues, next_steps, explanation, corrective_action, author_name, created_at)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(s.strategy_id)
    .bind(s.fiscal_year as i64)
    .bind(s.quarter as i64)
    .bind(s.status)
    .bind(s.percent)
    .bind(s.texts[0])
    .bind(s.texts[1])
    .bind(s.texts[2])
    .bind(s.texts[3])
    .bind(s.texts[4])
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
