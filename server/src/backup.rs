//! `plantrack backup FILE` and `plantrack restore FILE` for the SQLite database.
//! PostgreSQL deployments use `pg_dump` / `pg_restore` (README, "Backups").

use anyhow::{bail, Context};
use app::db::{Backend, Db};
use app::queries::backup::{backup_sqlite, integrity_check};
use std::path::Path;

/// Writes a consistent copy of the live database to `file`.
pub async fn backup(database_url: &str, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} exists already; choose a new file name", file.display());
    }
    let db = Db::connect(database_url).await?;
    if db.backend() == Backend::Postgres {
        bail!("for PostgreSQL use pg_dump, e.g. pg_dump -Fc -f plantrack.dump \"$DATABASE_URL\"");
    }
    backup_sqlite(&db, file)
        .await
        .context("writing the backup")?;
    db.close().await;
    let copy = Db::connect(&format!("sqlite://{}", file.display())).await?;
    let check = integrity_check(&copy).await?;
    copy.close().await;
    if check != "ok" {
        bail!("the backup failed its integrity check: {check}");
    }
    println!("backed up to {} (integrity check: ok)", file.display());
    Ok(())
}

/// Replaces the database at `database_url` with the backup `file` (app stopped).
pub async fn restore(database_url: &str, file: &Path) -> anyhow::Result<()> {
    if !database_url.starts_with("sqlite:") {
        bail!("for PostgreSQL use pg_restore, e.g. pg_restore --clean -d \"$DATABASE_URL\" plantrack.dump");
    }
    if !file.exists() {
        bail!("{} does not exist", file.display());
    }
    let source = Db::connect(&format!("sqlite://{}", file.display())).await?;
    let check = integrity_check(&source).await?;
    if check != "ok" {
        bail!("{} failed its integrity check: {check}", file.display());
    }
    let target = sqlite_path(database_url);
    let staging = target.with_extension("restoring");
    let _ = std::fs::remove_file(&staging);
    backup_sqlite(&source, &staging).await?;
    source.close().await;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&staging, &target).context("replacing the database file")?;
    println!("restored {} from {}", target.display(), file.display());
    Ok(())
}

fn sqlite_path(url: &str) -> std::path::PathBuf {
    url.trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
        .into()
}
