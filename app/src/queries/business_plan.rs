//! The five-year business plan's entries: one per strategy and fiscal year.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, FromRow, Transaction};

/// A stored entry with its strategy's place in the plan.
#[derive(Debug, Clone, FromRow)]
pub struct EntryRow {
    pub strategy: String,
    pub objective: String,
    pub goal: String,
    pub fiscal_year: i64,
    pub active: i64,
    pub milestones: String,
    pub amount_cents: Option<i64>,
    pub fte: Option<f64>,
    pub staff: String,
    pub it: String,
    pub facilities: String,
    pub training: String,
    pub contracts: String,
    pub lead_office: String,
    pub contributing: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

const COLUMNS: &str = "s.number AS strategy, o.number AS objective, g.number AS goal,
    e.fiscal_year, e.active, e.milestones, e.amount_cents, e.fte, e.staff, e.it,
    e.facilities, e.training, e.contracts, e.lead_office, e.contributing, e.version,
    e.updated_by, e.updated_at";

const FROM: &str = "FROM business_plan_entries e JOIN strategies s ON s.id = e.strategy_id
    JOIN objectives o ON o.id = s.objective_id JOIN goals g ON g.id = o.goal_id";

/// Every entry of fiscal years `first` to `last`, in plan order.
pub async fn entries(db: &Db, (first, last): (i32, i32)) -> Result<Vec<EntryRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE e.fiscal_year BETWEEN $1 AND $2
         ORDER BY g.seq, o.seq, s.seq, e.fiscal_year"
    ))
    .bind(first as i64)
    .bind(last as i64)
    .fetch_all(db.pool())
    .await
}

/// Strategy `number`'s entries of fiscal years `first` to `last`.
pub async fn of_strategy(
    db: &Db,
    number: &str,
    (first, last): (i32, i32),
) -> Result<Vec<EntryRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE s.number = $1 AND s.retired_in IS NULL
           AND e.fiscal_year BETWEEN $2 AND $3 ORDER BY e.fiscal_year"
    ))
    .bind(number)
    .bind(first as i64)
    .bind(last as i64)
    .fetch_all(db.pool())
    .await
}

/// What an entry is saved with.
pub struct Fields<'a> {
    pub active: bool,
    pub milestones: &'a str,
    pub cents: Option<i64>,
    pub fte: Option<f64>,
    pub needs: &'a [String; 5],
    pub lead_office: &'a str,
    pub contributing: &'a str,
}

/// Saves strategy `strategy`'s year `fy` over `version` (0: a new entry); `Ok(false)` when
/// someone saved it since.
pub async fn save(
    tx: &mut Transaction<'static, Any>,
    (strategy, fy): (i64, i32),
    version: i64,
    f: &Fields<'_>,
    by: &str,
) -> Result<bool, Error> {
    let sql = if version == 0 {
        "INSERT INTO business_plan_entries (active, milestones, amount_cents, fte, staff, it,
            facilities, training, contracts, lead_office, contributing, updated_by, updated_at,
            strategy_id, fiscal_year)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (strategy_id, fiscal_year) DO NOTHING"
    } else {
        "UPDATE business_plan_entries SET active = $1, milestones = $2, amount_cents = $3,
            fte = $4, staff = $5, it = $6, facilities = $7, training = $8, contracts = $9,
            lead_office = $10, contributing = $11, updated_by = $12, updated_at = $13,
            version = version + 1
         WHERE strategy_id = $14 AND fiscal_year = $15 AND version = $16"
    };
    let [staff, it, facilities, training, contracts] = f.needs;
    let query = sqlx::query(sql)
        .bind(i64::from(f.active))
        .bind(f.milestones)
        .bind(f.cents)
        .bind(f.fte)
        .bind(staff.as_str())
        .bind(it.as_str())
        .bind(facilities.as_str())
        .bind(training.as_str())
        .bind(contracts.as_str())
        .bind(f.lead_office)
        .bind(f.contributing)
        .bind(by)
        .bind(now_utc())
        .bind(strategy)
        .bind(fy as i64);
    let query = if version == 0 {
        query
    } else {
        query.bind(version)
    };
    Ok(query.execute(&mut **tx).await?.rows_affected() == 1)
}

/// The id of strategy `number` in the plan (retired ones left out).
pub async fn strategy_id(db: &Db, number: &str) -> Result<Option<i64>, Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM strategies WHERE number = $1 AND retired_in IS NULL")
            .bind(number)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(id,)| id))
}

/// Whether year `fy`'s IP has been distributed (its business plan entries are frozen).
pub async fn ip_distributed(db: &Db, fy: i32) -> Result<bool, Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT ip_state FROM plan_years WHERE fiscal_year = $1")
            .bind(fy as i64)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some_and(|(s,)| s == "distributed"))
}

/// The stored version of strategy `strategy`'s year `fy` (0: none), read in `tx`.
pub async fn version_in(
    tx: &mut Transaction<'static, Any>,
    strategy: i64,
    fy: i32,
) -> Result<i64, Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT version FROM business_plan_entries WHERE strategy_id = $1 AND fiscal_year = $2",
    )
    .bind(strategy)
    .bind(fy as i64)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map_or(0, |(v,)| v))
}

/// Sets strategy `number`'s year `fy` from an approved change: worked on, with these
/// milestones, dollars and FTE (added when it had no entry; its other fields kept).
/// `Ok(false)` when there is no such strategy.
pub async fn set_from_proposal(
    tx: &mut Transaction<'static, Any>,
    (number, fy): (&str, i32),
    (milestones, cents, fte): (&str, Option<i64>, Option<f64>),
    by: &str,
) -> Result<bool, Error> {
    let id: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM strategies WHERE number = $1 AND retired_in IS NULL")
            .bind(number)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((strategy,)) = id else {
        return Ok(false);
    };
    let version = version_in(tx, strategy, fy).await?;
    let sql = if version == 0 {
        "INSERT INTO business_plan_entries (active, milestones, amount_cents, fte, updated_by,
            updated_at, strategy_id, fiscal_year)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7)"
    } else {
        "UPDATE business_plan_entries SET active = 1, milestones = $1, amount_cents = $2,
            fte = $3, updated_by = $4, updated_at = $5, version = version + 1
         WHERE strategy_id = $6 AND fiscal_year = $7"
    };
    sqlx::query(sql)
        .bind(milestones)
        .bind(cents)
        .bind(fte)
        .bind(by)
        .bind(now_utc())
        .bind(strategy)
        .bind(fy as i64)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// The text of strategy `number` in the plan (retired ones left out).
pub async fn strategy_text(db: &Db, number: &str) -> Result<Option<String>, Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT text FROM strategies WHERE number = $1 AND retired_in IS NULL")
            .bind(number)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(t,)| t))
}
