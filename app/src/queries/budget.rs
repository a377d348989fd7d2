//! SQL for budget requests and the strategies they support.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// A stored request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub title: String,
    pub amount_cents: i64,
    pub office: String,
    #[sqlx(try_from = "String")]
    pub status: crate::model::budget::BudgetStatus,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

/// Year `fy`'s requests, largest first.
pub async fn requests(db: &Db, fy: i32) -> Result<Vec<RequestRow>, Error> {
    sqlx::query_as(
        "SELECT id, title, amount_cents, office, status, version, updated_by, updated_at
           FROM budget_requests WHERE fiscal_year = $1 ORDER BY amount_cents DESC, id",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// Year `fy`'s shares: (request id, strategy number, percent).
pub async fn shares(db: &Db, fy: i32) -> Result<Vec<(i64, String, i64)>, Error> {
    sqlx::query_as(
        "SELECT b.request_id, s.number, b.percent FROM budget_shares b
           JOIN budget_requests r ON r.id = b.request_id
           JOIN strategies s ON s.id = b.strategy_id
          WHERE r.fiscal_year = $1 ORDER BY b.request_id, s.seq",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await
}

/// The strategies of the plan in outline order: (number, objective, goal); retired ones
/// left out.
pub async fn strategies(db: &Db) -> Result<Vec<(String, String, String)>, Error> {
    sqlx::query_as(
        "SELECT s.number, o.number, g.number FROM strategies s
           JOIN objectives o ON o.id = s.objective_id JOIN goals g ON g.id = o.goal_id
          WHERE s.retired_in IS NULL ORDER BY g.seq, o.seq, s.seq",
    )
    .fetch_all(db.pool())
    .await
}

/// The fields a request is saved with.
pub struct Fields<'a> {
    pub title: &'a str,
    pub cents: i64,
    pub office: &'a str,
    pub status: &'a str,
    pub by: &'a str,
}

type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

impl<'a> Fields<'a> {
    /// Binds the fields as $1–$6 (title, amount, office, status, who, when).
    fn bind(&self, sql: &'a str) -> AnyQuery<'a> {
        sqlx::query(sql)
            .bind(self.title)
            .bind(self.cents)
            .bind(self.office)
            .bind(self.status)
            .bind(self.by)
            .bind(now_utc())
    }
}

/// Adds a request to year `fy`; returns its id.
pub async fn insert(tx: &mut Tx, fy: i32, f: &Fields<'_>) -> Result<i64, Error> {
    use sqlx::Row;
    let row = f
        .bind(
            "INSERT INTO budget_requests (title, amount_cents, office, status, updated_by,
                updated_at, fiscal_year) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(fy as i64)
        .fetch_one(&mut **tx)
        .await?;
    row.try_get(0)
}

/// Updates request `id` of year `fy` if still at `version`; false when someone saved it
/// first (or it is not there).
pub async fn update(
    tx: &mut Tx,
    (fy, id, version): (i32, i64, i64),
    f: &Fields<'_>,
) -> Result<bool, Error> {
    let done = f
        .bind(
            "UPDATE budget_requests SET title = $1, amount_cents = $2, office = $3, status = $4,
                updated_by = $5, updated_at = $6, version = version + 1
              WHERE id = $7 AND fiscal_year = $8 AND version = $9",
        )
        .bind(id)
        .bind(fy as i64)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces request `id`'s shares: (strategy number, percent).
pub async fn set_shares(tx: &mut Tx, id: i64, shares: &[(String, i64)]) -> Result<(), Error> {
    sqlx::query("DELETE FROM budget_shares WHERE request_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (number, percent) in shares {
        sqlx::query(
            "INSERT INTO budget_shares (request_id, strategy_id, percent)
             SELECT $1, id, $2 FROM strategies WHERE number = $3",
        )
        .bind(id)
        .bind(*percent)
        .bind(number)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
