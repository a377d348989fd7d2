//! SQL for a fiscal year's APP and IP: lifecycle rows, kept revisions, IP milestones.

use super::measure::Tx;
use crate::db::{now_utc, Db};
use crate::model::plan_year::{AppStage, IpState};
use sqlx::Error;

/// A year's lifecycle row.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanYear {
    pub app_state: AppStage,
    pub app_revision: i64,
    pub ip_state: IpState,
    pub ip_distributed: Option<(String, String)>,
}

/// The year's lifecycle (a draft APP and IP when nothing is recorded yet).
pub async fn plan_year(db: &Db, fy: i32) -> Result<PlanYear, Error> {
    plan_year_in(db.pool(), fy).await
}

/// A year's lifecycle, read through `ex` (a pool or a transaction).
pub async fn plan_year_in<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    fy: i32,
) -> Result<PlanYear, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "String")]
        app_state: AppStage,
        app_revision: i64,
        #[sqlx(try_from = "String")]
        ip_state: IpState,
        ip_distributed_at: Option<String>,
        ip_distributed_by: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT app_state, app_revision, ip_state, ip_distributed_at, ip_distributed_by
         FROM plan_years WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_optional(ex)
    .await?;
    Ok(match row {
        None => PlanYear {
            app_state: AppStage::Draft,
            app_revision: 0,
            ip_state: IpState::Draft,
            ip_distributed: None,
        },
        Some(r) => PlanYear {
            app_state: r.app_state,
            app_revision: r.app_revision,
            ip_state: r.ip_state,
            ip_distributed: r.ip_distributed_at.zip(r.ip_distributed_by),
        },
    })
}

/// Makes sure the year has a lifecycle row.
pub async fn ensure_year(tx: &mut Tx, fy: i32) -> Result<(), Error> {
    sqlx::query("INSERT INTO plan_years (fiscal_year) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(fy as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves the APP to `state`; when `snapshot` is given, keeps it as the next revision.
pub async fn set_app_state(
    tx: &mut Tx,
    fy: i32,
    state: AppStage,
    snapshot: Option<(i64, &str, &str)>,
    author: &str,
) -> Result<(), Error> {
    ensure_year(tx, fy).await?;
    sqlx::query("UPDATE plan_years SET app_state = $1 WHERE fiscal_year = $2")
        .bind(state.as_str())
        .bind(fy as i64)
        .execute(&mut **tx)
        .await?;
    if let Some((revision, note, targets)) = snapshot {
        sqlx::query("UPDATE plan_years SET app_revision = $1 WHERE fiscal_year = $2")
            .bind(revision)
            .bind(fy as i64)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO app_revisions (fiscal_year, revision, state, note, targets, author_name,
                created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(fy as i64)
        .bind(revision)
        .bind(state.as_str())
        .bind(note)
        .bind(targets)
        .bind(author)
        .bind(now_utc())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A kept APP revision, as stored (`targets` is JSON).
#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    pub revision: i64,
    #[sqlx(try_from = "String")]
    pub state: crate::model::plan_year::AppStage,
    pub note: String,
    pub targets: String,
    pub author_name: String,
    pub created_at: String,
}

/// Every kept revision of a year's APP, newest first.
pub async fn revisions(db: &Db, fy: i32) -> Result<Vec<RevisionRow>, Error> {
    sqlx::query_as(
        "SELECT revision, state, note, targets, author_name, created_at FROM app_revisions
         WHERE fiscal_year = $1 ORDER BY revision DESC",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// Marks the IP distributed.
pub async fn distribute_ip(tx: &mut Tx, fy: i32, author: &str) -> Result<(), Error> {
    ensure_year(tx, fy).await?;
    sqlx::query(
        "UPDATE plan_years SET ip_state = 'distributed', ip_distributed_at = $1,
            ip_distributed_by = $2 WHERE fiscal_year = $3",
    )
    .bind(now_utc())
    .bind(author)
    .bind(fy as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a strategy's quarterly milestone to a year's IP; returns its id.
pub async fn add_milestone(
    tx: &mut Tx,
    strategy_id: i64,
    fy: i32,
    quarter: u8,
    description: &str,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO ip_milestones (strategy_id, fiscal_year, quarter, description, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(strategy_id)
    .bind(fy as i64)
    .bind(quarter as i64)
    .bind(description.trim())
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// An IP milestone, if there is one with this id.
pub async fn milestone(db: &Db, id: i64) -> Result<Option<MilestoneRow>, Error> {
    sqlx::query_as(
        "SELECT m.strategy_id, s.number, m.fiscal_year, m.done_at FROM ip_milestones m
         JOIN strategies s ON s.id = m.strategy_id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// An IP milestone's strategy, year and whether it is done.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneRow {
    pub strategy_id: i64,
    /// The strategy's number ("4.1.3").
    pub number: String,
    pub fiscal_year: i64,
    pub done_at: Option<String>,
}

/// A year's APP state as stored, read inside a write transaction (to see a racing change).
pub async fn app_state_in(tx: &mut Tx, fy: i32) -> Result<AppStage, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "String")]
        app_state: AppStage,
    }
    let row: Row = sqlx::query_as("SELECT app_state FROM plan_years WHERE fiscal_year = $1")
        .bind(fy as i64)
        .fetch_one(&mut **tx)
        .await?;
    Ok(row.app_state)
}

/// Marks a milestone done (with who) or not done.
pub async fn set_milestone_done(tx: &mut Tx, id: i64, done_by: Option<&str>) -> Result<(), Error> {
    sqlx::query("UPDATE ip_milestones SET done_at = $1, done_by = $2 WHERE id = $3")
        .bind(done_by.map(|_| now_utc()))
        .bind(done_by)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Goals in plan order: (number, name).
pub async fn goals(db: &Db) -> Result<Vec<(String, Option<String>)>, Error> {
    sqlx::query_as("SELECT number, name FROM goals ORDER BY seq")
        .fetch_all(db.pool())
        .await
}

/// A year's IP milestones in quarter and plan order, with their strategy and goal numbers.
pub async fn milestones_of(db: &Db, fy: i32) -> Result<Vec<MilestoneListRow>, Error> {
    sqlx::query_as(
        "SELECT m.id, s.number AS strategy, g.number AS goal, m.quarter, m.description,
                m.done_at, m.done_by
         FROM ip_milestones m JOIN strategies s ON s.id = m.strategy_id
         JOIN objectives o ON o.id = s.objective_id JOIN goals g ON g.id = o.goal_id
         WHERE m.fiscal_year = $1 ORDER BY m.quarter, g.seq, o.seq, s.seq, m.id",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// One IP milestone as the IP page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneListRow {
    pub id: i64,
    pub strategy: String,
    pub goal: String,
    pub quarter: i64,
    pub description: String,
    pub done_at: Option<String>,
    pub done_by: Option<String>,
}

/// Every strategy number in plan order.
pub async fn strategy_numbers(db: &Db) -> Result<Vec<String>, Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT s.number FROM strategies s JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id ORDER BY g.seq, o.seq, s.seq",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}
