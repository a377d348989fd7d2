//! All SQL lives here, as plain async functions over the [`Db`](crate::db::Db).

pub mod audit;
pub mod backup;
pub mod cycle;
pub mod dashboard;
pub mod demo;
pub mod import;
pub mod measure;
pub mod plan;
pub mod plan_year;
pub mod status;
pub mod users;

/// Asks the database to answer `SELECT 1` (the health checks).
pub async fn ping(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db.pool()).await.map(|_| ())
}
