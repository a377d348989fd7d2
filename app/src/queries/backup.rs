//! Online backup and restore of the SQLite database.

use crate::db::{Backend, Db};
use sqlx::Error;
use std::path::Path;

/// Writes a consistent copy of the live database to `target` (which must not exist),
/// without stopping writers: SQLite's `VACUUM INTO` reads one snapshot.
pub async fn backup_sqlite(db: &Db, target: &Path) -> Result<(), Error> {
    if db.backend() != Backend::Sqlite {
        return Err(Error::Configuration(
            "backup covers SQLite; for PostgreSQL use pg_dump (see README)".into(),
        ));
    }
    sqlx::query("VACUUM INTO $1")
        .bind(target.to_string_lossy().to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// `PRAGMA integrity_check` of a SQLite database: `"ok"` when sound.
pub async fn integrity_check(db: &Db) -> Result<String, Error> {
    let (result,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await?;
    Ok(result)
}
