//! Program evaluations of a fiscal year, as its Annual Performance Report lists them.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, FromRow, Transaction};

/// A stored program evaluation.
#[derive(Debug, Clone, FromRow)]
pub struct ProgramRow {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub evidence_url: String,
    pub completed_on: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Year `fy`'s evaluations, in the order they were completed.
pub async fn of_year(db: &Db, fy: i32) -> Result<Vec<ProgramRow>, Error> {
    sqlx::query_as(
        "SELECT id, title, summary, evidence_url, completed_on, recorded_by, recorded_at
         FROM program_evaluations WHERE fiscal_year = $1 ORDER BY completed_on, id",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// Records an evaluation of year `fy`: (title, summary, link, completed on); its id.
pub async fn add(
    tx: &mut Transaction<'static, Any>,
    fy: i32,
    (title, summary, link, on): (&str, &str, &str, &str),
    by: &str,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO program_evaluations (fiscal_year, title, summary, evidence_url,
            completed_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(fy as i64)
    .bind(title)
    .bind(summary)
    .bind(link)
    .bind(on)
    .bind(by)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Removes evaluation `id` of year `fy`; its title, or `None` when there was none.
pub async fn remove(
    tx: &mut Transaction<'static, Any>,
    fy: i32,
    id: i64,
) -> Result<Option<String>, Error> {
    let title: Option<(String,)> = sqlx::query_as(
        "DELETE FROM program_evaluations WHERE id = $1 AND fiscal_year = $2 RETURNING title",
    )
    .bind(id)
    .bind(fy as i64)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(title.map(|(t,)| t))
}
