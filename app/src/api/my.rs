//! "My updates" (`/my`): what the signed-in person owns and still has to report.

use crate::model::call::MyUpdates;
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
