//! The working group's approvals and returns of submitted status updates.

use crate::db::{now_utc, Db};
use crate::model::fiscal::FiscalQuarter;
use sqlx::{Any, Error, FromRow, Transaction};
use std::collections::HashMap;

/// One approval or return as stored.
#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    pub fiscal_year: i64,
    pub quarter: i64,
    pub version: i64,
    pub decision: String,
    pub comment: String,
    pub author_name: String,
    pub created_at: String,
}

impl ReviewRow {
    /// The review as people read it, its time by the calendar `cal`.
    pub fn read(&self, cal: crate::model::fiscal::FiscalCalendar) -> crate::model::review::Review {
        crate::model::review::Review {
            approved: self.decision == "approved",
            comment: self.comment.clone(),
            by: self.author_name.clone(),
            when: cal.label_timestamp(&self.created_at),
        }
    }
}

/// The latest submitted version of a strategy's quarter (what counts), if any.
pub async fn latest_submitted(
    db: &Db,
    strategy_id: i64,
    q: FiscalQuarter,
) -> Result<Option<i64>, Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT version FROM status_current
         WHERE strategy_id = $1 AND fiscal_year = $2 AND quarter = $3",
    )
    .bind(strategy_id)
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(v,)| v))
}

/// The review of the latest submitted version of a strategy's quarter, if any.
pub async fn of_latest_submitted(
    db: &Db,
    strategy_id: i64,
    q: FiscalQuarter,
) -> Result<Option<ReviewRow>, Error> {
    sqlx::query_as(
        "SELECT r.fiscal_year, r.quarter, r.version, r.decision, r.comment, r.author_name,
                r.created_at
         FROM status_current c
         JOIN status_reviews r ON r.strategy_id = c.strategy_id AND r.fiscal_year = c.fiscal_year
              AND r.quarter = c.quarter AND r.version = c.version
         WHERE c.strategy_id = $1 AND c.fiscal_year = $2 AND c.quarter = $3",
    )
    .bind(strategy_id)
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_optional(db.pool())
    .await
}

/// Every review of a strategy's updates.
pub async fn of_strategy(db: &Db, strategy_id: i64) -> Result<Vec<ReviewRow>, Error> {
    sqlx::query_as(
        "SELECT fiscal_year, quarter, version, decision, comment, author_name, created_at
         FROM status_reviews WHERE strategy_id = $1",
    )
    .bind(strategy_id)
    .fetch_all(db.pool())
    .await
}

/// Per strategy number in quarter `q`: whether its latest version is a draft, and the
/// review of its latest submitted version.
pub async fn quarter_states(
    db: &Db,
    q: FiscalQuarter,
) -> Result<HashMap<String, (bool, Option<ReviewRow>)>, Error> {
    let latest: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.number, u.state FROM status_updates u
         JOIN strategies s ON s.id = u.strategy_id
         JOIN (SELECT strategy_id, MAX(version) AS v FROM status_updates
               WHERE fiscal_year = $1 AND quarter = $2 GROUP BY strategy_id) m
           ON m.strategy_id = u.strategy_id AND m.v = u.version
         WHERE u.fiscal_year = $1 AND u.quarter = $2",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    #[derive(FromRow)]
    struct Reviewed {
        number: String,
        #[sqlx(flatten)]
        review: ReviewRow,
    }
    let reviewed: Vec<Reviewed> = sqlx::query_as(
        "SELECT s.number, r.fiscal_year, r.quarter, r.version, r.decision, r.comment,
                r.author_name, r.created_at
         FROM status_current c
         JOIN status_reviews r ON r.strategy_id = c.strategy_id AND r.fiscal_year = c.fiscal_year
              AND r.quarter = c.quarter AND r.version = c.version
         JOIN strategies s ON s.id = c.strategy_id
         WHERE c.fiscal_year = $1 AND c.quarter = $2",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    let mut reviews: HashMap<String, ReviewRow> =
        reviewed.into_iter().map(|r| (r.number, r.review)).collect();
    Ok(latest
        .into_iter()
        .map(|(number, state)| {
            let review = reviews.remove(&number);
            (number, (state == "draft", review))
        })
        .collect())
}

/// Records an approval or a return of a version; `Ok(None)` when it was reviewed already.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    strategy_id: i64,
    q: FiscalQuarter,
    version: i64,
    approved: bool,
    comment: &str,
    (author_id, author_name): (Option<i64>, &str),
) -> Result<Option<i64>, Error> {
    let result: Result<(i64,), Error> = sqlx::query_as(
        "INSERT INTO status_reviews (strategy_id, fiscal_year, quarter, version, decision,
            comment, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(strategy_id)
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .bind(version)
    .bind(if approved { "approved" } else { "returned" })
    .bind(comment)
    .bind(author_id)
    .bind(author_name)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await;
    super::unless_taken(result)
}
