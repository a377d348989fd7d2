//! The Annual Performance Report of a fiscal year (`/reports/2027`): thin server
//! functions over `services::read::report` and `services::report`.

use crate::model::report::Report;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn form_key(fy: i32) -> String {
    format!("plantrack.report.{fy}")
}

/// The anchor of goal `goal`'s evaluation form ("evaluation-4").
pub fn evaluation_anchor(goal: &str) -> String {
    format!("evaluation-{}", crate::model::redirect::enc(goal))
}

/// Year `fy`'s report (empty: the last fiscal year that has ended), with an evaluation
/// refused there (shown once).
#[server(input = GetUrl)]
pub async fn get_report(fy: String) -> Result<Report, AppError> {
    use crate::{auth::authorize, queries::status::calendar, state::db};
    let user = authorize(crate::auth::UseCase::GetReport).await?;
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
    let mut report = crate::services::read::report::report(&db, fy, cal, today).await?;
    report.can_edit =
        crate::auth::policy::allows(crate::auth::UseCase::SaveReportEvaluation, user.as_ref());
    report.returned = crate::api::form::take_returned(&form_key(fy)).await;
    Ok(report)
}

/// Records a goal's evaluation of the year's plan in light of its results.
#[server]
pub async fn save_report_evaluation(
    fy: String,
    goal: String,
    version: i64,
    #[server(default)] evaluation: String,
) -> Result<(), AppError> {
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::SaveReportEvaluation).await?;
    let year = crate::model::fiscal::parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))?;
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    let url = format!("/reports/{year}#{}", evaluation_anchor(&goal));
    let input = (goal, evaluation, version);
    let outcome = crate::services::report::save_evaluation(&db, &actor, year, &input).await;
    let (errors, error) = match outcome {
        Ok(()) => {
            let notice = format!("The FY{year} evaluation of goal {} is saved.", input.0);
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&url);
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid(input, errors);
    crate::api::form::send_back(&form_key(year), &url, returned, error).await
}
