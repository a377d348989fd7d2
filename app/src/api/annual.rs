//! The annual strategic review (`/annual-reviews/2027`): thin server functions over
//! `services::annual`.

use crate::model::annual::AnnualReview;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn year_of(fy: &str) -> Result<i32, AppError> {
    crate::model::fiscal::parse_year(fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))
}

#[cfg(feature = "ssr")]
fn form_key(fy: i32) -> String {
    format!("plantrack.annual.{fy}")
}

/// The anchor of objective `number`'s part of the page ("objective-4-1").
pub fn objective_anchor(number: &str) -> String {
    format!(
        "objective-{}",
        crate::model::redirect::enc(&number.replace('.', "-"))
    )
}

/// Year `fy`'s annual review, with a form refused there (shown once).
#[server(input = GetUrl)]
pub async fn get_annual_review(fy: String) -> Result<AnnualReview, AppError> {
    let user = crate::auth::authorize(crate::auth::UseCase::GetAnnualReview).await?;
    let fy = year_of(&fy)?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    let can_edit =
        crate::auth::policy::allows(crate::auth::UseCase::SaveAnnualReview, user.as_ref());
    let mut review = crate::services::annual::review(&db, fy, can_edit, (cal, today)).await?;
    review.returned = crate::api::form::take_returned(&form_key(fy)).await;
    Ok(review)
}

/// Records an objective's annual review: progress, evidence reviewed and its gaps, risks,
/// improvement strategies and the rating.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_annual_review(
    fy: String,
    objective: String,
    version: i64,
    #[server(default)] progress: String,
    #[server(default)] evidence_reviewed: String,
    #[server(default)] evidence_gaps: String,
    #[server(default)] risks: String,
    #[server(default)] improvement: String,
    #[server(default)] rating: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveAnnualReview).await?;
    let year = year_of(&fy)?;
    let input = crate::model::annual::AnnualInput {
        progress,
        evidence_reviewed,
        evidence_gaps,
        risks,
        improvement,
        rating,
        version,
    };
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    let url = format!("/annual-reviews/{year}#{}", objective_anchor(&objective));
    let outcome = crate::services::annual::save(&db, &actor, year, &objective, &input).await;
    let (errors, error) = match outcome {
        Ok(()) => {
            let notice = format!("The FY{year} review of objective {objective} is saved.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&url);
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid((objective, input), errors);
    crate::api::form::send_back(&form_key(year), &url, returned, error).await
}
