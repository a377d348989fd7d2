//! "My updates" (`/my`): what the signed-in person owns and still has to report.

use crate::model::call::{CallTracker, MyUpdates};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in person's strategies and measures for this quarter.
#[server(input = GetUrl)]
pub async fn get_my_updates() -> Result<MyUpdates, AppError> {
    let user = crate::auth::authorize("get_my_updates")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    Ok(crate::services::my::my_updates(&db, &user, cal, today).await?)
}

/// A quarter's data call for the working group: who has recorded what ("2027-Q1").
#[server(input = GetUrl)]
pub async fn get_call_tracker(quarter: String) -> Result<CallTracker, AppError> {
    crate::auth::authorize("get_call_tracker").await?;
    let quarter = crate::model::fiscal::FiscalQuarter::parse(&quarter).ok_or_else(|| {
        AppError::NotFound(format!("\"{quarter}\" is not a quarter (use 2027-Q1)."))
    })?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    Ok(crate::services::my::tracker(&db, quarter, cal, today).await?)
}
