//! The background jobs `plantrack serve` runs beside the router: expired sessions swept
//! every hour, and the outbox's round (scheduled reports and reminders queued, messages
//! sent) every minute.

use app::db::Db;
use app::state::AppState;

/// Starts the background jobs on the current runtime. Fails only when the mail
/// settings (`PLANTRACK_SMTP_URL`) do not read.
pub fn start(state: &AppState, db: &Db) -> anyhow::Result<()> {
    tokio::spawn({
        use tower_sessions::session_store::ExpiredDeletion;
        let store = state.sessions.clone();
        async move {
            let _ = store
                .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
                .await;
        }
    });
    // The outbox: reminders queued and messages sent every minute (PLANTRACK_SMTP_URL;
    // without it they stay readable in the app and the outbox says they were not sent).
    let mailer = app::services::mail::Mailer::from_env().map_err(anyhow::Error::msg)?;
    if matches!(mailer, app::services::mail::Mailer::Off) {
        tracing::info!("no PLANTRACK_SMTP_URL: messages are kept in the app, not e-mailed");
    }
    tokio::spawn({
        let (db, clock) = (db.clone(), state.clock.clone());
        let every = std::env::var("PLANTRACK_OUTBOX_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60u64);
        async move {
            let mut interval = tokio::time::interval(std::time::Duration::from_secs(every.max(1)));
            loop {
                interval.tick().await;
                let now = clock.now();
                // Scheduled reports due are queued first, so this round delivers them.
                let render = app::packet::document_pdf;
                let runs = app::services::schedule::run::run_due(&db, now, render);
                match app::db::with_clock(clock.clone(), runs).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(queued = n, "scheduled reports queued"),
                    Err(e) => tracing::warn!(error = %e, "scheduled reports not run this round"),
                }
                let round = app::services::outbox::tick(&db, &mailer, now);
                app::db::with_clock(clock.clone(), round).await;
            }
        }
    });
    Ok(())
}
