//! The Annual Performance Report's narratives: one evaluation per fiscal year and goal.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, FromRow, Transaction};

/// The goals of plan `plan`: (id, number).
pub async fn goals(db: &Db, plan: i64) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as("SELECT id, number FROM goals WHERE plan_id = $1 ORDER BY seq")
        .bind(plan)
        .fetch_all(db.pool())
        .await
}

/// A goal's evaluation in a year's report.
#[derive(Debug, Clone, FromRow)]
pub struct NarrativeRow {
    pub goal_id: i64,
    pub evaluation: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// Every goal's evaluation of year `fy`.
pub async fn narratives(db: &Db, fy: i32) -> Result<Vec<NarrativeRow>, Error> {
    sqlx::query_as(
        "SELECT goal_id, evaluation, version, updated_by, updated_at
         FROM report_narratives WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// Saves goal `goal`'s evaluation of `fy` over `version` (0: the first); `Ok(false)` when
/// someone saved it since.
pub async fn save(
    tx: &mut Transaction<'static, Any>,
    (fy, goal): (i32, i64),
    version: i64,
    (evaluation, by): (&str, &str),
) -> Result<bool, Error> {
    let sql = if version == 0 {
        "INSERT INTO report_narratives (evaluation, updated_by, updated_at, fiscal_year, goal_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (fiscal_year, goal_id) DO NOTHING"
    } else {
        "UPDATE report_narratives SET evaluation = $1, updated_by = $2, updated_at = $3,
            version = version + 1
         WHERE fiscal_year = $4 AND goal_id = $5 AND version = $6"
    };
    let query = sqlx::query(sql)
        .bind(evaluation)
        .bind(by)
        .bind(now_utc())
        .bind(fy as i64)
        .bind(goal);
    let query = if version == 0 {
        query
    } else {
        query.bind(version)
    };
    Ok(query.execute(&mut **tx).await?.rows_affected() == 1)
}

/// A year's report state, as stored (no row: a draft).
#[derive(Debug, Clone, FromRow)]
pub struct StateRow {
    #[sqlx(try_from = "String")]
    pub state: crate::model::report::ReportState,
    pub transmittal: String,
    pub signed_by: Option<String>,
    pub signer_title: Option<String>,
    pub signed_on: Option<String>,
    pub version: i64,
}

/// Year `fy`'s report state, if it has left the draft.
pub async fn state(db: &Db, fy: i32) -> Result<Option<StateRow>, Error> {
    sqlx::query_as(
        "SELECT state, transmittal, signed_by, signer_title, signed_on, version
         FROM performance_reports WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_optional(db.pool())
    .await
}

/// Moves year `fy`'s report from `version` (0: the draft, no row yet) to `state`, with
/// the signature when it is signed; `Ok(false)` when someone moved it since.
pub async fn set_state(
    tx: &mut Transaction<'static, Any>,
    (fy, version): (i32, i64),
    state: &str,
    signature: Option<(&str, &str, &str, &str)>,
    by: &str,
) -> Result<bool, Error> {
    let done = if version == 0 {
        sqlx::query(
            "INSERT INTO performance_reports (fiscal_year, state, updated_by, updated_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (fiscal_year) DO NOTHING",
        )
        .bind(fy as i64)
        .bind(state)
        .bind(by)
        .bind(now_utc())
        .execute(&mut **tx)
        .await?
    } else if let Some((transmittal, signer, title, on)) = signature {
        sqlx::query(
            "UPDATE performance_reports SET state = $1, transmittal = $2, signed_by = $3,
                signer_title = $4, signed_on = $5, updated_by = $6, updated_at = $7,
                version = version + 1
             WHERE fiscal_year = $8 AND version = $9",
        )
        .bind(state)
        .bind(transmittal)
        .bind(signer)
        .bind(title)
        .bind(on)
        .bind(by)
        .bind(now_utc())
        .bind(fy as i64)
        .bind(version)
        .execute(&mut **tx)
        .await?
    } else {
        sqlx::query(
            "UPDATE performance_reports SET state = $1, updated_by = $2, updated_at = $3,
                version = version + 1
             WHERE fiscal_year = $4 AND version = $5",
        )
        .bind(state)
        .bind(by)
        .bind(now_utc())
        .bind(fy as i64)
        .bind(version)
        .execute(&mut **tx)
        .await?
    };
    Ok(done.rows_affected() == 1)
}
