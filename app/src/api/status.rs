//! Recording quarterly status, its history, and the quarter page.

use crate::model::view::{StatusFormData, StatusHistory};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{send_back, take_returned},
    api::measure::form_key as measure_form_key,
    auth::authorize,
    model::fiscal::{FiscalCalendar, FiscalQuarter},
    model::form::{self, Returned},
    model::redirect::local_path,
    model::status::StatusInput,
    queries::audit::Actor,
    queries::status as q,
    services::outcome::Outcome,
    services::status::{self as services, CONFLICT},
    state::db,
};

/// Today, by the app's clock.
#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    crate::state::clock().today()
}

/// Reads "2027-Q1", or when empty the quarter being recorded (last quarter until it
/// locks, then this one).
#[cfg(feature = "ssr")]
async fn quarter_or_recording(
    db: &crate::db::Db,
    slug: Option<&str>,
    cal: FiscalCalendar,
) -> Result<FiscalQuarter, AppError> {
    match slug.filter(|s| !s.is_empty()) {
        None => Ok(crate::services::reporting::recording(db, (cal, today())).await?),
        Some(s) => crate::model::fiscal::quarter_in_address(s),
    }
}

/// The session key of a strategy's refused status form for a quarter.
#[cfg(feature = "ssr")]
pub fn form_key(number: &str, fq: FiscalQuarter) -> String {
    format!("plantrack.status_form.{number}.{}", fq.slug())
}

/// The status form for a strategy and quarter (default: the quarter being recorded).
#[server(input = GetUrl)]
pub async fn get_status_form(
    number: String,
    quarter: Option<String>,
) -> Result<StatusFormData, AppError> {
    let user = authorize(crate::auth::UseCase::GetStatusForm).await?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    let fq = quarter_or_recording(&db, quarter.as_deref(), cal).await?;
    let mut form = services::status_form(&db, user.as_ref(), &number, fq, (cal, today())).await?;
    form.returned = take_returned(&form_key(&number, fq)).await;
    let unlock_key = crate::api::lock::strategy_unlock_key(&number, &fq.slug());
    form.unlock_returned = take_returned(&unlock_key).await;
    for slot in &mut form.measures {
        slot.returned = take_returned::<form::Fields, ()>(&measure_form_key(slot.measure.id))
            .await
            .filter(|r| r.is_form("actual"));
    }
    Ok(form)
}

/// Every status update of a strategy, newest first, with approvals and returns.
#[server(input = GetUrl)]
pub async fn get_status_history(number: String) -> Result<StatusHistory, AppError> {
    let user = authorize(crate::auth::UseCase::GetStatusHistory).await?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    Ok(StatusHistory {
        updates: services::history(&db, user.as_ref(), &number, cal).await?,
        approval: crate::queries::settings::approval_required(&db).await?,
    })
}

/// The session key of a strategy's refused review form.
#[cfg(feature = "ssr")]
pub fn review_key(number: &str) -> String {
    format!("plantrack.review.{number}")
}

/// Approves (`decision` "approve") or returns (`decision` "return", with a comment) the
/// latest submitted update of a strategy for a quarter, at the version the reviewer saw.
#[server]
pub async fn review_status(
    number: String,
    quarter: String,
    version: i64,
    decision: String,
    #[server(default)] comment: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::ReviewStatus).await?;
    let db = db()?;
    let fq = crate::model::fiscal::quarter_in_form(&quarter)?;
    let id = services::strategy_or_404(&db, &number).await?;
    let comment = match decision.as_str() {
        "approve" => None,
        "return" => Some(comment.as_str()),
        other => return Err(AppError::Invalid(format!("\"{other}\" is not a decision."))),
    };
    // Back to the page the form was on (the strategy's, or the approval inbox).
    let page = format!("/strategies/{}", crate::model::redirect::enc(&number));
    let back =
        crate::model::redirect::local_path(Some(back.as_str()).filter(|b| !b.is_empty()), &page);
    let outcome = crate::services::review::review(
        &db,
        &Actor::user(&user),
        (id, &number),
        fq,
        (version, crate::state::clock().now()),
        comment,
    )
    .await;
    match outcome {
        Ok(()) => {
            let done = if comment.is_some() {
                "returned to its owner"
            } else {
                "approved"
            };
            let notice = format!("Status of strategy {number} for {fq} {done}.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&back);
            Ok(())
        }
        Err(why) => {
            let version = version.to_string();
            let typed = form::fields([
                ("quarter", quarter.as_str()),
                ("version", version.as_str()),
                ("comment", comment.unwrap_or_default()),
            ]);
            // Back at the form's own place, the problem beside it.
            let anchor = crate::model::review::form_id(
                &number,
                &fq.slug(),
                version.parse().unwrap_or_default(),
            );
            let back = format!("{}#{anchor}", back.split('#').next().unwrap_or("/"));
            crate::api::form::refused(why, (&review_key(&number), &back, ""), typed).await
        }
    }
}

/// Records a status update. A second update for the same quarter is a correction of the
/// latest one; if someone else saved since the form was opened, nothing is written and
/// the form comes back with their update beside the typed text.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_status(
    number: String,
    quarter: String,
    base_version: i64,
    status: Option<String>,
    percent: String,
    accomplishments: String,
    issues: String,
    next_steps: String,
    explanation: String,
    corrective_action: String,
    #[server(default)] intent: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveStatus).await?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    let fq = crate::model::fiscal::quarter_in_form(&quarter)?;
    // Where the form was (My updates sends each row back to itself), else the strategy.
    let asked = Some(back.as_str()).filter(|b| !b.is_empty());
    let input = StatusInput {
        status: status.unwrap_or_default(),
        percent,
        accomplishments,
        issues,
        next_steps,
        explanation,
        corrective_action,
        base_version,
        draft: intent == "draft",
    };
    let via = crate::services::audit::Via::Form;
    let outcome =
        services::save_status(&db, Some(&user), &number, fq, (&input, via), (cal, today())).await?;
    let (form, error) = match outcome {
        Outcome::Saved(_) => {
            let notice = if input.draft {
                format!(
                    "Draft of strategy {number}'s status for {fq} saved: it counts once submitted."
                )
            } else {
                format!("Status of strategy {number} for {fq} submitted.")
            };
            crate::api::notice::set_notice(&notice).await;
            let done = format!("/strategies/{number}");
            crate::api::form::redirect(&local_path(asked, &done));
            return Ok(());
        }
        Outcome::Invalid(errors) => {
            let message = form::message(&errors);
            (Returned::invalid(input, errors), AppError::Invalid(message))
        }
        Outcome::Locked(message) => {
            let errors = vec![("quarter".to_string(), message.clone())];
            (Returned::invalid(input, errors), AppError::Invalid(message))
        }
        Outcome::Conflict { theirs, .. } => {
            let input = StatusInput {
                base_version: theirs.as_ref().map_or(0, |t| t.version),
                ..input
            };
            let form = Returned::conflict(input, theirs.map(|t| *t));
            (form, AppError::Conflict(CONFLICT.into()))
        }
    };
    let url = format!(
        "/strategies/{}/status?quarter={}",
        crate::model::redirect::enc(&number),
        fq.slug()
    );
    send_back(
        &form_key(&number, fq),
        &local_path(asked, &url),
        form,
        error,
    )
    .await
}
