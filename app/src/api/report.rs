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
    report.can_sign = crate::auth::policy::allows(crate::auth::UseCase::SignReport, user.as_ref());
    report.returned = crate::api::form::take_returned(&form_key(fy)).await;
    report.step_returned = crate::api::form::take_returned(&step_key(fy)).await;
    report.program_returned = crate::api::form::take_returned(&program_key(fy)).await;
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

/// Takes the report one step and answers the form: a notice, or the signature as typed
/// beside what is wrong.
#[cfg(feature = "ssr")]
async fn take_step(
    use_case: crate::auth::UseCase,
    (fy, version): (String, i64),
    step: crate::model::report::ReportStep,
    signature: crate::model::report::Signature,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(use_case).await?;
    let year = crate::model::fiscal::parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    let actor = crate::queries::audit::Actor::user(&user);
    let url = format!("/reports/{year}#report-state");
    let outcome = crate::services::report::change_state(
        &db,
        &actor,
        (year, version),
        step,
        &signature,
        (cal, today),
    )
    .await;
    let (errors, error) = match outcome {
        Ok(()) => {
            let done = match step {
                crate::model::report::ReportStep::Finalise => "finalised and sent for sign-off",
                crate::model::report::ReportStep::Sign => "signed off",
                crate::model::report::ReportStep::Publish => "published",
            };
            crate::api::notice::set_notice(&format!("The FY{year} performance report is {done}."))
                .await;
            crate::api::form::redirect(&url);
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid(signature, errors);
    crate::api::form::send_back(&step_key(year), &url, returned, error).await
}

#[cfg(feature = "ssr")]
fn step_key(fy: i32) -> String {
    format!("plantrack.report_step.{fy}")
}

/// The working group finalises the draft and sends it for sign-off (refused while a
/// target not met has no explanation).
#[server]
pub async fn finalise_report(fy: String, version: i64) -> Result<(), AppError> {
    use crate::model::report::{ReportStep, Signature};
    take_step(
        crate::auth::UseCase::FinaliseReport,
        (fy, version),
        ReportStep::Finalise,
        Signature::default(),
    )
    .await
}

/// The head of the organisation signs the report off with the transmittal statement;
/// it is read-only from then on.
#[server]
pub async fn sign_report(
    fy: String,
    version: i64,
    #[server(default)] transmittal: String,
    #[server(default)] signer: String,
    #[server(default)] title: String,
) -> Result<(), AppError> {
    use crate::model::report::{ReportStep, Signature};
    let signature = Signature {
        transmittal,
        signer,
        title,
    };
    take_step(
        crate::auth::UseCase::SignReport,
        (fy, version),
        ReportStep::Sign,
        signature,
    )
    .await
}

/// An administrator publishes the signed report.
#[server]
pub async fn publish_report(fy: String, version: i64) -> Result<(), AppError> {
    use crate::model::report::{ReportStep, Signature};
    take_step(
        crate::auth::UseCase::PublishReport,
        (fy, version),
        ReportStep::Publish,
        Signature::default(),
    )
    .await
}

/// Year `fy`'s published report as anyone may read it, signed in or not: no owners' or
/// authors' names, internal notes or evidence. Not found until it is published.
#[server(input = GetUrl)]
pub async fn get_public_report(fy: String) -> Result<Report, AppError> {
    use crate::{auth::authorize, queries::status::calendar, state::db};
    authorize(crate::auth::UseCase::GetPublicReport).await?;
    let db = db()?;
    let year = crate::model::fiscal::parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))?;
    crate::services::read::report::published(
        &db,
        year,
        calendar(&db).await?,
        crate::state::clock().today(),
    )
    .await?
    .ok_or_else(|| {
        AppError::NotFound(format!(
            "The FY{year} performance report has not been published."
        ))
    })
}

#[cfg(feature = "ssr")]
fn program_key(fy: i32) -> String {
    format!("plantrack.report_program.{fy}")
}

/// The anchor of the report's program evaluations.
pub const PROGRAMS_ANCHOR: &str = "report-programs";

/// Records a program evaluation completed in the year.
#[server]
pub async fn add_program_evaluation(
    fy: String,
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] evidence_url: String,
    #[server(default)] completed_on: String,
) -> Result<(), AppError> {
    use crate::model::program_evaluation::ProgramInput;
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::AddProgramEvaluation).await?;
    let year = crate::model::fiscal::parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let actor = crate::queries::audit::Actor::user(&user);
    let url = format!("/reports/{year}#{PROGRAMS_ANCHOR}");
    let input = ProgramInput {
        title,
        summary,
        evidence_url,
        completed_on,
    };
    let outcome =
        crate::services::report::add_program_evaluation(&db, &actor, year, &input, cal).await;
    let (errors, error) = match outcome {
        Ok(_) => {
            let notice = format!(
                "The program evaluation \"{}\" is added to the FY{year} report.",
                input.title.trim()
            );
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&url);
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid(input, errors);
    crate::api::form::send_back(&program_key(year), &url, returned, error).await
}

/// Removes a program evaluation from the year's report (until it is signed off).
#[server]
pub async fn remove_program_evaluation(fy: String, id: i64) -> Result<(), AppError> {
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::RemoveProgramEvaluation).await?;
    let year = crate::model::fiscal::parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))?;
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    let url = format!("/reports/{year}#{PROGRAMS_ANCHOR}");
    match crate::services::report::remove_program_evaluation(&db, &actor, year, id).await {
        Ok(title) => {
            let notice =
                format!("The program evaluation \"{title}\" is removed from the FY{year} report.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&url);
            Ok(())
        }
        Err(why) => {
            let (errors, error) = crate::api::form::field_errors(why)?;
            let returned = crate::model::form::Returned::<_, ()>::invalid(
                crate::model::program_evaluation::ProgramInput::default(),
                errors,
            );
            crate::api::form::send_back(&program_key(year), &url, returned, error).await
        }
    }
}
