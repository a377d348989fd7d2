//! The Annual Performance Report of a fiscal year.

use crate::model::report::Report;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Year `fy`'s report (empty: the last fiscal year that has ended).
#[server(input = GetUrl)]
pub async fn get_report(fy: String) -> Result<Report, AppError> {
    use crate::{auth::authorize, queries::status::calendar, state::db};
    authorize(crate::auth::UseCase::GetReport).await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let today = crate::state::clock().today();
    let fy = if fy.trim().is_empty() {
        crate::model::report::latest_closed(cal, today)
    } else {
        crate::model::fiscal::parse_year(&fy).ok_or_else(|| {
            AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027)."))
        })?
    };
    Ok(crate::services::read::report::report(&db, fy, cal, today).await?)
}
