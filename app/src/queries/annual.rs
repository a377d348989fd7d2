//! The annual strategic review: one row per fiscal year and objective.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, FromRow, Transaction};

/// An objective of plan `plan`, with its goal: (id, number, title, goal number).
pub async fn objectives(
    db: &Db,
    plan: i64,
) -> Result<Vec<(i64, String, Option<String>, String)>, Error> {
    sqlx::query_as(
        "SELECT o.id, o.number, o.title, g.number FROM objectives o JOIN goals g ON g.id = o.goal_id
         WHERE o.plan_id = $1 ORDER BY g.seq, o.seq",
    )
    .bind(plan)
    .fetch_all(db.pool())
    .await
}

/// A year's review of one objective.
#[derive(Debug, Clone, FromRow)]
pub struct AnnualRow {
    pub objective_id: i64,
    pub progress: String,
    pub evidence_reviewed: String,
    pub evidence_gaps: String,
    pub risks: String,
    pub improvement: String,
    #[sqlx(try_from = "String")]
    pub rating: crate::model::annual::Rating,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// Every objective's review of year `fy`.
pub async fn of_year(db: &Db, fy: i32) -> Result<Vec<AnnualRow>, Error> {
    sqlx::query_as(
        "SELECT objective_id, progress, evidence_reviewed, evidence_gaps, risks, improvement,
            rating, version, updated_by, updated_at
         FROM annual_reviews WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// What is saved for an objective.
pub struct AnnualRecord<'a> {
    pub progress: &'a str,
    pub evidence_reviewed: &'a str,
    pub evidence_gaps: &'a str,
    pub risks: &'a str,
    pub improvement: &'a str,
    pub rating: &'a str,
    pub by: &'a str,
}

/// Saves objective `objective`'s review of `fy` over `version` (0: the first);
/// `Ok(false)` when someone saved it since.
pub async fn save(
    tx: &mut Transaction<'static, Any>,
    (fy, objective): (i32, i64),
    version: i64,
    r: &AnnualRecord<'_>,
) -> Result<bool, Error> {
    let sql = if version == 0 {
        "INSERT INTO annual_reviews (progress, evidence_reviewed, evidence_gaps, risks,
            improvement, rating, updated_by, updated_at, fiscal_year, objective_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (fiscal_year, objective_id) DO NOTHING"
    } else {
        "UPDATE annual_reviews SET progress = $1, evidence_reviewed = $2, evidence_gaps = $3,
            risks = $4, improvement = $5, rating = $6, updated_by = $7, updated_at = $8,
            version = version + 1
         WHERE fiscal_year = $9 AND objective_id = $10 AND version = $11"
    };
    let query = sqlx::query(sql)
        .bind(r.progress)
        .bind(r.evidence_reviewed)
        .bind(r.evidence_gaps)
        .bind(r.risks)
        .bind(r.improvement)
        .bind(r.rating)
        .bind(r.by)
        .bind(now_utc())
        .bind(fy as i64)
        .bind(objective);
    let query = if version == 0 {
        query
    } else {
        query.bind(version)
    };
    let done = query.execute(&mut **tx).await?;
    Ok(done.rows_affected() == 1)
}
