//! The database handle: one pool for SQLite or PostgreSQL, chosen by URL.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The default database when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/plantrack.db";

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool plus the backend it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    pool_size: u32,
}

impl Db {
    /// Connects to `url` with [`pool_size`] connections; a SQLite file and its folder are
    /// created when missing.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        Self::connect_with(url, pool_size()).await
    }

    /// Connects to `url` with at most `pool_size` connections (at least one).
    pub async fn connect_with(url: &str, pool_size: u32) -> Result<Db, sqlx::Error> {
        let pool_size = pool_size.max(1);
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(pool_size)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        Ok(Db {
            pool,
            backend,
            pool_size,
        })
    }

    /// Applies the migrations for this backend.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so writers queue up front).
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// `url` as this module connects to it (SQLite: with `mode=rwc`), for other pools.
    pub fn url_with_mode(&self, url: &str) -> String {
        match self.backend {
            Backend::Sqlite => prepare_sqlite_url(url).unwrap_or_else(|_| url.to_string()),
            Backend::Postgres => url.to_string(),
        }
    }

    /// The pool, for reads.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The most connections this pool opens.
    pub fn pool_size(&self) -> u32 {
        self.pool_size
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (graceful shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn backend_of(url: &str) -> Result<Backend, sqlx::Error> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
    } else {
        Err(sqlx::Error::Configuration(
            "DATABASE_URL must start with sqlite: or postgres:".into(),
        ))
    }
}

/// Adds `mode=rwc` and creates the file's folder, so a first run needs no set-up.
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if !path.is_empty() && path != ":memory:" {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
        }
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Connections per pool: `PLANTRACK_DB_POOL_SIZE`, or 8.
pub fn pool_size() -> u32 {
    std::env::var("PLANTRACK_DB_POOL_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(8)
}

tokio::task_local! {
    /// The app's clock for the work in hand (a request, a job's round, a command).
    static STAMP_CLOCK: crate::clock::Clock;
}

/// Runs `work` with stored timestamps taken from `clock`: every request the router
/// handles, every background round and every command runs inside one, so a review
/// signed off on the app's 19 January 2027 reads "19 January 2027" whatever the
/// system clock says.
pub async fn with_clock<F: std::future::Future>(clock: crate::clock::Clock, work: F) -> F::Output {
    STAMP_CLOCK.scope(clock, work).await
}

/// The instant stored timestamps are stamped with: the app's clock of the work in hand
/// ([`with_clock`]), else the system clock.
pub fn stamp_instant() -> chrono::DateTime<chrono::Utc> {
    STAMP_CLOCK
        .try_with(|c| c.now())
        .unwrap_or_else(|_| chrono::Utc::now())
}

/// The current UTC time as RFC 3339 text, the form every timestamp column stores (from
/// the app's clock: [`stamp_instant`]).
pub fn now_utc() -> String {
    stamp_instant().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
