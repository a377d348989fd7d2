//! Server state handed to every route and server function.

use crate::auth::store::AppSessionStore;
use crate::auth::AuthSettings;
use crate::db::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// The application's shared state: rendering options, database, sessions, settings.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub sessions: AppSessionStore,
    pub auth: AuthSettings,
    /// Drawn charts kept per data version.
    pub charts: crate::charts::cache::ChartCache,
    /// Chart files (SVG and PNG downloads, with their names) by chart, date and format, per data version.
    pub downloads: crate::charts::cache::ChartCache<(String, Vec<u8>)>,
    /// What time it is (fixed in tests and with `PLANTRACK_NOW`).
    pub clock: crate::clock::Clock,
}

/// The app's clock from the server function or render context (the system clock outside
/// a request).
pub fn clock() -> crate::clock::Clock {
    leptos::prelude::use_context::<AppState>()
        .map(|s| s.clock)
        .unwrap_or_default()
}

/// The database from the server function or render context.
pub fn db() -> Result<Db, crate::model::AppError> {
    leptos::prelude::use_context::<AppState>()
        .map(|s| s.db)
        .ok_or(crate::model::AppError::Internal)
}
