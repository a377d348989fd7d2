//! Measures, their targets, actuals, target change log and shortfall explanations.

use crate::db::{now_utc, Db};
use crate::model::measure::{
    Aggregation, Direction, Kind, Measure, MeasureFields, MeasureInput, Period, Reading, Rule,
    Shortfall, Targets,
};
use sqlx::{Any, Error, Executor, Transaction};
use std::collections::HashMap;

/// Write transactions used by these queries.
pub type Tx = Transaction<'static, Any>;

const MEASURE_COLUMNS: &str = "m.id, m.version, m.name, m.unit, m.direction, m.kind, m.aggregation,
    m.baseline_value, m.baseline_fy, m.data_source, m.verification, m.limitations,
    m.accuracy, m.compensation, m.done_when, m.lag_days, m.thresholds, m.profile,
    g.number AS goal_number, g.name AS goal_name, o.number AS objective_number,
    s.number AS strategy_number";

const MEASURE_FROM: &str = "FROM measures m JOIN goals g ON g.id = m.goal_id
    LEFT JOIN objectives o ON o.id = m.objective_id
    LEFT JOIN strategies s ON s.id = m.strategy_id";

const MEASURE_ORDER: &str = "ORDER BY g.seq, COALESCE(o.seq, -1), COALESCE(s.seq, -1), m.id";

/// A measure's row with the numbers of what it is attached to.
#[derive(Debug, sqlx::FromRow)]
struct MeasureRow {
    id: i64,
    version: i64,
    name: String,
    unit: String,
    #[sqlx(try_from = "String")]
    direction: Direction,
    #[sqlx(try_from = "String")]
    kind: Kind,
    #[sqlx(try_from = "String")]
    aggregation: Aggregation,
    baseline_value: Option<f64>,
    baseline_fy: Option<i64>,
    data_source: String,
    verification: String,
    limitations: String,
    accuracy: String,
    compensation: String,
    done_when: String,
    lag_days: Option<i64>,
    thresholds: Option<String>,
    profile: Option<String>,
    goal_number: String,
    goal_name: Option<String>,
    objective_number: Option<String>,
    strategy_number: Option<String>,
}

fn measure_from(r: MeasureRow) -> Measure {
    let (attached_label, attached_href) = crate::model::measure::attachment(
        &r.goal_number,
        r.objective_number.as_deref(),
        r.strategy_number.as_deref(),
    );
    Measure {
        id: r.id,
        version: r.version,
        name: r.name,
        unit: r.unit,
        rule: Rule {
            direction: r.direction,
            kind: r.kind,
            aggregation: r.aggregation,
        },
        baseline_value: r.baseline_value,
        baseline_fy: r.baseline_fy.map(|y| y as i32),
        data_source: r.data_source,
        verification: r.verification,
        limitations: r.limitations,
        accuracy: r.accuracy,
        compensation: r.compensation,
        done_when: r.done_when,
        lag_days: r.lag_days.map(|d| d as i32),
        // Written only from checked values; anything unreadable reads as the default.
        thresholds: r.thresholds.and_then(|t| serde_json::from_str(&t).ok()),
        profile: r
            .profile
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default(),
        goal: r.goal_number,
        goal_name: r.goal_name,
        attached_label,
        attached_href,
        objective: r.objective_number,
        strategy: r.strategy_number,
    }
}

/// Every measure, in plan order.
pub async fn list(db: &Db) -> Result<Vec<Measure>, Error> {
    list_in(db.pool()).await
}

/// Every measure, oldest first (the order of an export).
pub async fn list_by_id(db: &Db) -> Result<Vec<Measure>, Error> {
    let rows: Vec<MeasureRow> = sqlx::query_as(&format!(
        "SELECT {MEASURE_COLUMNS} {MEASURE_FROM} ORDER BY m.id"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(measure_from).collect())
}

/// Every measure, in plan order, read through `ex` (a pool or a transaction).
pub async fn list_in<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<Measure>, Error> {
    let rows: Vec<MeasureRow> = sqlx::query_as(&format!(
        "SELECT {MEASURE_COLUMNS} {MEASURE_FROM} {MEASURE_ORDER}"
    ))
    .fetch_all(ex)
    .await?;
    Ok(rows.into_iter().map(measure_from).collect())
}

/// The measures attached to one goal, objective or strategy ("4", "4.1", "4.1.3").
pub async fn attached_to(db: &Db, number: &str) -> Result<Vec<Measure>, Error> {
    let column = match number.matches('.').count() {
        0 => "g.number",
        1 => "o.number",
        _ => "s.number",
    };
    let narrower = match column {
        "g.number" => "AND m.objective_id IS NULL",
        "o.number" => "AND m.strategy_id IS NULL",
        _ => "",
    };
    let rows: Vec<MeasureRow> = sqlx::query_as(&format!(
        "SELECT {MEASURE_COLUMNS} {MEASURE_FROM} WHERE {column} = $1 {narrower} {MEASURE_ORDER}"
    ))
    .bind(number)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(measure_from).collect())
}

/// The refusal for a measure that does not exist.
pub fn missing(id: i64) -> crate::model::AppError {
    crate::model::AppError::NotFound(format!("There is no measure {id}."))
}

/// The measure `id`, or 404.
pub async fn measure_or_404(db: &Db, id: i64) -> Result<Measure, crate::model::AppError> {
    get(db, id).await?.ok_or_else(|| missing(id))
}

/// One measure.
pub async fn get(db: &Db, id: i64) -> Result<Option<Measure>, Error> {
    get_in(db.pool(), id).await
}

/// One measure, read through `ex` (a pool or a transaction).
pub async fn get_in<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
) -> Result<Option<Measure>, Error> {
    let row: Option<MeasureRow> = sqlx::query_as(&format!(
        "SELECT {MEASURE_COLUMNS} {MEASURE_FROM} WHERE m.id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await?;
    Ok(row.map(measure_from))
}

/// Where a measure hangs: (goal id, objective id, strategy id).
pub type Attachment = (i64, Option<i64>, Option<i64>);

/// Finds the goal, objective or strategy numbered `number`.
pub async fn resolve(db: &Db, number: &str) -> Result<Option<Attachment>, Error> {
    let number = number.trim();
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT g.id, o.id, s.id FROM strategies s JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id WHERE s.number = $1",
    )
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    if let Some((g, o, s)) = row {
        return Ok(Some((g, Some(o), Some(s))));
    }
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT o.goal_id, o.id FROM objectives o WHERE o.number = $1")
            .bind(number)
            .fetch_optional(db.pool())
            .await?;
    if let Some((g, o)) = row {
        return Ok(Some((g, Some(o), None)));
    }
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM goals WHERE number = $1")
        .bind(number)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(g,)| (g, None, None)))
}

/// Inserts (`id` None) or updates a measure still at `version`; returns its id, or
/// `None` when someone changed it first.
pub async fn save(
    tx: &mut Tx,
    id: Option<i64>,
    at: Attachment,
    input: &MeasureInput,
    fields: &MeasureFields,
    version: i64,
) -> Result<Option<i64>, Error> {
    let now = now_utc();
    let sql = match id {
        None => {
            "INSERT INTO measures (goal_id, objective_id, strategy_id, name, unit, direction,
                kind, aggregation, baseline_value, baseline_fy, data_source, verification,
                limitations, created_at, updated_at, accuracy, compensation, done_when, lag_days)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14,
                $17, $18, $19, $20) RETURNING id"
        }
        Some(_) => {
            "UPDATE measures SET goal_id = $1, objective_id = $2, strategy_id = $3,
                name = $4, unit = $5, direction = $6, kind = $7, aggregation = $8,
                baseline_value = $9, baseline_fy = $10, data_source = $11, verification = $12,
                limitations = $13, updated_at = $14, version = version + 1,
                accuracy = $17, compensation = $18, done_when = $19, lag_days = $20
             WHERE id = $15 AND version = $16 RETURNING id"
        }
    };
    let saved: Option<(i64,)> = sqlx::query_as(sql)
        .bind(at.0)
        .bind(at.1)
        .bind(at.2)
        .bind(input.name.trim())
        .bind(input.unit.trim())
        .bind(fields.rule.direction.as_str())
        .bind(fields.rule.kind.as_str())
        .bind(fields.rule.aggregation.as_str())
        .bind(fields.baseline_value)
        .bind(fields.baseline_fy.map(i64::from))
        .bind(input.data_source.trim())
        .bind(input.verification.trim())
        .bind(input.limitations.trim())
        .bind(now)
        .bind(id.unwrap_or_default())
        .bind(version)
        .bind(input.accuracy.trim())
        .bind(input.compensation.trim())
        .bind(input.done_when.trim())
        .bind(fields.lag_days.map(i64::from))
        .fetch_optional(&mut **tx)
        .await?;
    Ok(saved.map(|(id,)| id))
}

/// One stored target.
#[derive(sqlx::FromRow)]
struct TargetRow {
    measure_id: i64,
    fiscal_year: i64,
    #[sqlx(try_from = "i64")]
    period: Period,
    value: f64,
}

/// Every measure's targets in some fiscal years, by measure id.
pub async fn targets(db: &Db, years: (i32, i32)) -> Result<HashMap<i64, Targets>, Error> {
    targets_in(db.pool(), years).await
}

/// Every measure's targets in some years, read through `ex` (a pool or a transaction).
pub async fn targets_in<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    years: (i32, i32),
) -> Result<HashMap<i64, Targets>, Error> {
    let rows: Vec<TargetRow> = sqlx::query_as(
        "SELECT measure_id, fiscal_year, period, value FROM targets
         WHERE fiscal_year BETWEEN $1 AND $2",
    )
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .fetch_all(ex)
    .await?;
    let mut all: HashMap<i64, Targets> = HashMap::new();
    for r in rows {
        let of = all.entry(r.measure_id).or_default();
        of.0.insert((r.fiscal_year as i32, r.period), r.value);
    }
    Ok(all)
}

/// One measure's targets in every year.
pub async fn targets_of(db: &Db, measure: i64) -> Result<Targets, Error> {
    targets_of_in(db.pool(), measure).await
}

/// One measure's targets in every year, read through `ex` (a pool or a transaction).
pub async fn targets_of_in<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    measure: i64,
) -> Result<Targets, Error> {
    let rows: Vec<TargetRow> = sqlx::query_as(
        "SELECT measure_id, fiscal_year, period, value FROM targets WHERE measure_id = $1",
    )
    .bind(measure)
    .fetch_all(ex)
    .await?;
    Ok(Targets(
        rows.into_iter()
            .map(|r| ((r.fiscal_year as i32, r.period), r.value))
            .collect(),
    ))
}

/// Sets (or with `None` removes) one target and logs the change with its reason.
#[allow(clippy::too_many_arguments)]
pub async fn set_target(
    tx: &mut Tx,
    measure: i64,
    fy: i32,
    period: Period,
    old: Option<f64>,
    new: Option<f64>,
    reason: &str,
    author: &str,
) -> Result<(), Error> {
    sqlx::query("DELETE FROM targets WHERE measure_id = $1 AND fiscal_year = $2 AND period = $3")
        .bind(measure)
        .bind(fy as i64)
        .bind(period.code())
        .execute(&mut **tx)
        .await?;
    if let Some(v) = new {
        sqlx::query(
            "INSERT INTO targets (measure_id, fiscal_year, period, value) VALUES ($1, $2, $3, $4)",
        )
        .bind(measure)
        .bind(fy as i64)
        .bind(period.code())
        .bind(v)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO target_changes (measure_id, fiscal_year, period, old_value, new_value,
            reason, author_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(period.code())
    .bind(old)
    .bind(new)
    .bind(reason)
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One entry of the target change log, as stored.
#[derive(sqlx::FromRow)]
pub struct TargetChangeRow {
    pub fiscal_year: i64,
    #[sqlx(try_from = "i64")]
    pub period: Period,
    pub old_value: Option<f64>,
    pub new_value: Option<f64>,
    pub reason: String,
    pub author_name: String,
    pub created_at: String,
}

/// A measure's target change log, newest first.
pub async fn target_log(db: &Db, measure: i64) -> Result<Vec<TargetChangeRow>, Error> {
    sqlx::query_as(
        "SELECT fiscal_year, period, old_value, new_value, reason, author_name, created_at
         FROM target_changes WHERE measure_id = $1 ORDER BY id DESC",
    )
    .bind(measure)
    .fetch_all(db.pool())
    .await
}

fn reading_of(value: Option<f64>, lag: i64) -> Reading {
    match (value, lag) {
        (_, 1) => Reading::Lag,
        (Some(v), _) => Reading::Value(v),
        (None, _) => Reading::Missing,
    }
}

/// One recorded actual (a version of a measure's quarter).
#[derive(sqlx::FromRow)]
struct ActualRow {
    measure_id: i64,
    fiscal_year: i64,
    quarter: i64,
    version: i64,
    value: Option<f64>,
    data_lag: i64,
}

impl ActualRow {
    /// (measure, FY, quarter).
    fn key(&self) -> (i64, i32, u8) {
        (self.measure_id, self.fiscal_year as i32, self.quarter as u8)
    }

    fn reading(&self) -> Reading {
        reading_of(self.value, self.data_lag)
    }
}

/// The current actual of every measure and quarter in some fiscal years (from the
/// `actual_current` summary: one row per quarter, whatever the corrections).
async fn actual_rows(db: &Db, years: (i32, i32)) -> Result<Vec<ActualRow>, Error> {
    sqlx::query_as(
        "SELECT measure_id, fiscal_year, quarter, version, value, data_lag FROM actual_current
         WHERE fiscal_year BETWEEN $1 AND $2",
    )
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .fetch_all(db.pool())
    .await
}

/// The latest actual of every measure and quarter in some fiscal years:
/// (measure, FY, quarter) → reading.
pub async fn actuals(
    db: &Db,
    years: (i32, i32),
) -> Result<HashMap<(i64, i32, u8), Reading>, Error> {
    let rows = actual_rows(db, years).await?;
    Ok(rows.into_iter().map(|r| (r.key(), r.reading())).collect())
}

/// [`actuals`] of one measure only: (measure, FY, quarter) → reading.
pub async fn actuals_of(
    db: &Db,
    measure: i64,
    years: (i32, i32),
) -> Result<HashMap<(i64, i32, u8), Reading>, Error> {
    let rows: Vec<ActualRow> = sqlx::query_as(
        "SELECT measure_id, fiscal_year, quarter, version, value, data_lag FROM actual_current
         WHERE measure_id = $1 AND fiscal_year BETWEEN $2 AND $3",
    )
    .bind(measure)
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| (r.key(), r.reading())).collect())
}

/// One version of a quarter's actual, as stored.
#[derive(sqlx::FromRow)]
pub struct ActualHistoryRow {
    pub fiscal_year: i64,
    pub quarter: i64,
    pub version: i64,
    pub value: Option<f64>,
    pub data_lag: i64,
    pub note: String,
    pub author_name: String,
    pub created_at: String,
}

impl ActualHistoryRow {
    /// The value, the lag flag or nothing.
    pub fn reading(&self) -> Reading {
        reading_of(self.value, self.data_lag)
    }
}

/// Every actual ever recorded for a measure, newest quarter and version first.
pub async fn actual_history(db: &Db, measure: i64) -> Result<Vec<ActualHistoryRow>, Error> {
    sqlx::query_as(
        "SELECT fiscal_year, quarter, version, value, data_lag, note, author_name, created_at
         FROM actuals WHERE measure_id = $1
         ORDER BY fiscal_year DESC, quarter DESC, version DESC",
    )
    .bind(measure)
    .fetch_all(db.pool())
    .await
}

/// The latest version and reading of one quarter's actual.
pub async fn latest_actual(
    db: &Db,
    measure: i64,
    fy: i32,
    quarter: u8,
) -> Result<Option<(i64, Reading)>, Error> {
    let row: Option<(i64, Option<f64>, i64)> = sqlx::query_as(
        "SELECT version, value, data_lag FROM actuals
         WHERE measure_id = $1 AND fiscal_year = $2 AND quarter = $3
         ORDER BY version DESC LIMIT 1",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(quarter as i64)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(version, v, lag)| (version, reading_of(v, lag))))
}

/// Records a quarter's actual as the next version; `Ok(false)` when someone else
/// recorded that version first.
#[allow(clippy::too_many_arguments)]
pub async fn insert_actual(
    tx: &mut Tx,
    measure: i64,
    fy: i32,
    quarter: u8,
    version: i64,
    reading: Reading,
    note: &str,
    author: &str,
) -> Result<bool, Error> {
    let result = sqlx::query(
        "INSERT INTO actuals (measure_id, fiscal_year, quarter, version, value, data_lag, note,
            author_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(quarter as i64)
    .bind(version)
    .bind(reading.value())
    .bind(i64::from(reading == Reading::Lag))
    .bind(note.trim())
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// A shortfall explanation, as stored.
#[derive(sqlx::FromRow)]
pub struct ShortfallRow {
    pub measure_id: i64,
    pub fiscal_year: i64,
    pub why: String,
    pub plan: String,
    pub schedule: String,
    pub infeasible: String,
    pub author_name: String,
    pub created_at: String,
}

/// Every shortfall explanation in some years, oldest first (so a map built from them
/// keeps the latest of each measure and year).
pub async fn shortfalls(db: &Db, years: (i32, i32)) -> Result<Vec<ShortfallRow>, Error> {
    sqlx::query_as(
        "SELECT measure_id, fiscal_year, why, plan, schedule, infeasible, author_name, created_at
         FROM shortfalls WHERE fiscal_year BETWEEN $1 AND $2 ORDER BY id",
    )
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .fetch_all(db.pool())
    .await
}

/// Records a shortfall explanation (a newer one supersedes, the old stays).
pub async fn insert_shortfall(
    tx: &mut Tx,
    measure: i64,
    fy: i32,
    s: &Shortfall,
    author: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO shortfalls (measure_id, fiscal_year, why, plan, schedule, infeasible,
            author_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(measure)
    .bind(fy as i64)
    .bind(s.why.trim())
    .bind(s.plan.trim())
    .bind(s.schedule.trim())
    .bind(s.infeasible.trim())
    .bind(author)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether a user is assigned to the strategy a measure is attached to.
pub async fn is_assigned(db: &Db, user_id: i64, measure: i64) -> Result<bool, Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT a.user_id FROM strategy_assignments a JOIN measures m ON m.strategy_id = a.strategy_id
         WHERE a.user_id = $1 AND m.id = $2",
    )
    .bind(user_id)
    .bind(measure)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// A goal (level 0), objective (1) or strategy (2) a measure can be attached to.
#[derive(sqlx::FromRow)]
pub struct AttachOption {
    pub level: i64,
    pub number: String,
    /// The goal's name, the objective's title or the strategy's text.
    pub text: Option<String>,
}

/// Everything a measure can be attached to, in plan order.
pub async fn attach_options(db: &Db) -> Result<Vec<AttachOption>, Error> {
    sqlx::query_as(
        "SELECT CAST(0 AS BIGINT) AS level, g.number, g.name AS text,
                g.seq AS gs, -1 AS os, -1 AS ss FROM goals g
         UNION ALL
         SELECT CAST(1 AS BIGINT), o.number, o.title, g.seq, o.seq, -1
         FROM objectives o JOIN goals g ON g.id = o.goal_id
         UNION ALL
         SELECT CAST(2 AS BIGINT), s.number, s.text, g.seq, o.seq, s.seq
         FROM strategies s JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id
         ORDER BY gs, os, ss",
    )
    .fetch_all(db.pool())
    .await
}

/// The latest (version, reading) of every measure and quarter in some fiscal years.
pub async fn latest_versions(
    db: &Db,
    years: (i32, i32),
) -> Result<HashMap<(i64, i32, u8), (i64, Reading)>, Error> {
    let rows = actual_rows(db, years).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.key(), (r.version, r.reading())))
        .collect())
}

/// Sets a measure's thresholds and profile (JSON; thresholds none: the plan's default)
/// if it is still at `version`; returns whether it was.
pub async fn set_scoring(
    tx: &mut Tx,
    id: i64,
    version: i64,
    thresholds: Option<&str>,
    profile: &str,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE measures SET thresholds = $1, profile = $2, version = version + 1, updated_at = $3
         WHERE id = $4 AND version = $5",
    )
    .bind(thresholds)
    .bind(profile)
    .bind(now_utc())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
