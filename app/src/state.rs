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
    /// Rendered pages kept per reader and data version (`server::kept_pages`).
    pub pages: crate::kept_pages::PageCache,
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

#[cfg(test)]
mod tests {
    use leptos::prelude::{provide_context, with_context, Owner};
    use std::sync::{mpsc, Mutex};
    use std::time::Duration;

    /// A value put in context, as `AppState` is for every request.
    struct Marker;

    /// A resource reads the request's context while the request ends on another thread:
    /// the walk up to the parent owner must not hold the child's lock when the parent's
    /// last reference goes (vendor/reactive_graph/PATCHED.md).
    #[test]
    fn a_context_read_while_its_parent_owner_goes_away_does_not_deadlock() {
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let parent = Owner::new();
            parent.with(|| provide_context(Marker));
            let child = parent.child();
            let held = Mutex::new(Some(parent));
            let found = child.with(|| {
                with_context::<Marker, _>(|_| {
                    // The request ends: its owner's last other reference goes.
                    drop(held.lock().map(|mut p| p.take()));
                })
            });
            let _ = done.send(found.is_some());
        });
        let found = finished.recv_timeout(Duration::from_secs(10));
        assert_eq!(found, Ok(true), "the context walk deadlocked");
    }
}
