//! Opening the database on start-up: migrations, then the first-run plan.

use app::auth::store::AppSessionStore;
use app::auth::AuthSettings;
use app::db::Db;
use app::outline::parse_plan_text;
use app::queries::audit::Actor;
use app::queries::import::is_empty;
use app::services::import::{apply_outline, PlanFields};
use app::state::AppState;
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;

/// The excerpt of the DRO strategic plan, imported into an empty database.
pub const BUNDLED_PLAN: &str = include_str!("../../app/plans/dro-strategic-plan-excerpt.txt");

/// What to put into an empty database.
#[derive(Debug, Clone)]
pub enum FirstRunPlan {
    /// The bundled DRO excerpt.
    Bundled,
    /// A plan text file.
    File(PathBuf),
    /// Nothing: start empty.
    Empty,
}

/// Connects, migrates, and on an empty database imports the first-run plan.
pub async fn open_database(url: &str, first_run: &FirstRunPlan) -> anyhow::Result<Db> {
    open_database_with(url, first_run, app::db::pool_size()).await
}

/// [`open_database`] with a pool of at most `pool_size` connections.
pub async fn open_database_with(
    url: &str,
    first_run: &FirstRunPlan,
    pool_size: u32,
) -> anyhow::Result<Db> {
    let db = Db::connect_with(url, pool_size).await?;
    db.migrate().await?;
    if is_empty(&db).await? {
        let (text, fields) = match first_run {
            FirstRunPlan::Empty => return Ok(db),
            FirstRunPlan::Bundled => (BUNDLED_PLAN.to_string(), bundled_fields()),
            FirstRunPlan::File(path) => (std::fs::read_to_string(path)?, PlanFields::default()),
        };
        let outline = parse_plan_text(&text)?;
        let summary = apply_outline(&db, &outline, &fields, &Actor::system()).await?;
        tracing::info!(%summary, "empty database: imported the first-run plan");
    }
    Ok(db)
}

/// Header fields for the bundled excerpt, whose first line is a page marker.
fn bundled_fields() -> PlanFields {
    PlanFields {
        title: Some("DRO Strategic Plan".into()),
        organisation: Some("Detention and Removal Operations (DRO)".into()),
    }
}

/// Everything the router needs: the database, a session store on the same database,
/// rendering options and sign-in settings.
pub async fn app_state(
    url: &str,
    db: Db,
    leptos_options: LeptosOptions,
    auth: AuthSettings,
    clock: app::clock::Clock,
) -> anyhow::Result<AppState> {
    let sessions = AppSessionStore::connect(&db.url_with_mode(url), db.pool_size().min(4)).await?;
    Ok(AppState {
        leptos_options,
        db,
        sessions,
        auth,
        charts: Default::default(),
        downloads: Default::default(),
        pages: Default::default(),
        clock,
    })
}
