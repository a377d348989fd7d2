//! All SQL lives here, as plain async functions over the [`Db`](crate::db::Db).

pub mod annual;
pub mod audit;
pub mod backup;
pub mod budget;
pub mod business_plan;
pub mod changes;
pub mod comments;
pub mod cycle;
pub mod dashboard;
pub mod demo;
pub mod evidence;
pub mod import;
pub mod links;
pub mod measure;
pub mod meetings;
pub mod outbox;
pub mod ownership;
pub mod plan;
pub mod plan_year;
pub mod program_evaluation;
pub mod public;
pub mod report;
pub mod reviews;
pub mod schedule;
pub mod settings;
pub mod sso;
pub mod status;
pub mod stratml;
pub mod summary;
pub mod tokens;
pub mod unlocks;
pub mod users;
pub mod whole;
pub mod year_start;

/// An insert's new id, or `None` when a unique key already held the row (someone else
/// saved it first, or the name is taken).
pub fn unless_taken(inserted: Result<(i64,), sqlx::Error>) -> Result<Option<i64>, sqlx::Error> {
    match inserted {
        Ok((id,)) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Asks the database to answer `SELECT 1` (the health checks).
pub async fn ping(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(db.pool()).await.map(|_| ())
}

/// On PostgreSQL, locks `table` against other writers until `tx` ends, so a check made
/// inside `tx` (a count, a version) still holds at commit. SQLite's write transactions
/// (`BEGIN IMMEDIATE`) hold the whole database already.
pub async fn lock_for_write(
    db: &crate::db::Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &str,
) -> Result<(), sqlx::Error> {
    if db.backend() == crate::db::Backend::Postgres {
        sqlx::query(&format!("LOCK TABLE {table} IN EXCLUSIVE MODE"))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
