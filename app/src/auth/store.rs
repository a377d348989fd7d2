//! Session storage in the app's own database, SQLite or PostgreSQL.

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The sqlx session store for whichever database plantrack runs on.
#[derive(Debug, Clone)]
pub enum AppSessionStore {
    Sqlite(SqliteStore, sqlx::SqlitePool),
    Postgres(PostgresStore, sqlx::PgPool),
}

impl AppSessionStore {
    /// Opens a pool of its own (at most `pool_size` connections) on `url` and creates the
    /// session table.
    pub async fn connect(url: &str, pool_size: u32) -> Result<AppSessionStore, sqlx::Error> {
        let pool_size = pool_size.max(1);
        use std::str::FromStr;
        let store = if url.starts_with("sqlite:") {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .busy_timeout(std::time::Duration::from_secs(5));
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(pool_size)
                .acquire_timeout(std::time::Duration::from_secs(5))
                .connect_with(options)
                .await?;
            let store = SqliteStore::new(pool.clone());
            store.migrate().await?;
            AppSessionStore::Sqlite(store, pool)
        } else {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(pool_size)
                .acquire_timeout(std::time::Duration::from_secs(5))
                .connect(url)
                .await?;
            let store = PostgresStore::new(pool.clone());
            store.migrate().await?;
            AppSessionStore::Postgres(store, pool)
        };
        Ok(store)
    }

    /// Closes the store's connections.
    pub async fn close(&self) {
        match self {
            AppSessionStore::Sqlite(_, pool) => pool.close().await,
            AppSessionStore::Postgres(_, pool) => pool.close().await,
        }
    }
}

/// Whether `record` holds something shown once ([`crate::kept_pages::ONE_TIME_KEY`]).
fn holds_one_time(record: &Record) -> bool {
    crate::kept_pages::holds_one_time(record.data.keys())
}

/// Whether the record's mark says what it holds: a mark exactly when something in it is
/// shown once.
fn one_time_mark_is_right(record: &Record) -> bool {
    record.data.contains_key(crate::kept_pages::ONE_TIME_KEY) == holds_one_time(record)
}

/// Marks a record that holds something shown once, so a page read for its session is
/// rendered afresh (and takes it) instead of served kept; unmarks one that no longer does.
fn mark_one_time(record: &mut Record) {
    if holds_one_time(record) {
        record
            .data
            .insert(crate::kept_pages::ONE_TIME_KEY.into(), true.into());
    } else {
        record.data.remove(crate::kept_pages::ONE_TIME_KEY);
    }
}

#[async_trait]
impl SessionStore for AppSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        mark_one_time(record);
        match self {
            AppSessionStore::Sqlite(s, _) => s.create(record).await,
            AppSessionStore::Postgres(s, _) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let marked;
        let record = if one_time_mark_is_right(record) {
            record
        } else {
            let mut copy = record.clone();
            mark_one_time(&mut copy);
            marked = copy;
            &marked
        };
        match self {
            AppSessionStore::Sqlite(s, _) => s.save(record).await,
            AppSessionStore::Postgres(s, _) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            AppSessionStore::Sqlite(s, _) => s.load(id).await,
            AppSessionStore::Postgres(s, _) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            AppSessionStore::Sqlite(s, _) => s.delete(id).await,
            AppSessionStore::Postgres(s, _) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for AppSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            AppSessionStore::Sqlite(s, _) => s.delete_expired().await,
            AppSessionStore::Postgres(s, _) => s.delete_expired().await,
        }
    }
}
