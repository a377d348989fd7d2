//! The outcome pages of the CSV imports of actuals and targets (the files themselves
//! are posted to plain routes: server/src/csv_routes.rs).

use crate::model::view::ActualsImport;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::auth::{authorize, UseCase};

/// The session key holding the last actuals import's outcome.
pub const ACTUALS_IMPORT_KEY: &str = "plantrack.actuals_import";

/// The session key of the last targets import's outcome.
pub const TARGETS_IMPORT_KEY: &str = "plantrack.targets_import";
/// Where the business plan import's outcome waits for its page.
pub const BUSINESS_PLAN_IMPORT_KEY: &str = "plantrack.business_plan_import";

/// The import outcome kept under `key` in this session, taken (it is shown once).
#[cfg(feature = "ssr")]
async fn take_outcome(key: &str) -> ActualsImport {
    let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await else {
        return ActualsImport::default();
    };
    auth.session
        .remove(key)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The outcome of the last CSV import of actuals in this session (shown once).
#[server(input = GetUrl)]
pub async fn get_actuals_import() -> Result<ActualsImport, AppError> {
    authorize(UseCase::GetActualsImport).await?;
    Ok(take_outcome(ACTUALS_IMPORT_KEY).await)
}

/// The outcome of the last CSV import of targets in this session (shown once).
#[server(input = GetUrl)]
pub async fn get_targets_import() -> Result<ActualsImport, AppError> {
    authorize(UseCase::GetTargetsImport).await?;
    Ok(take_outcome(TARGETS_IMPORT_KEY).await)
}

/// The outcome of the last CSV import of business plan entries in this session (shown
/// once).
#[server(input = GetUrl)]
pub async fn get_business_plan_import() -> Result<ActualsImport, AppError> {
    authorize(UseCase::GetBusinessPlanImport).await?;
    Ok(take_outcome(BUSINESS_PLAN_IMPORT_KEY).await)
}
