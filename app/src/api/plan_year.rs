//! A fiscal year's APP and IP pages and their lifecycle steps.

use crate::model::plan_year::{AppPage, IpPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::{authorize, policy},
    model::plan_year::AppStep,
    model::user::CurrentUser,
    queries::audit::Actor,
    queries::status::calendar,
    services::plan_year as services,
    state::db,
};

/// The year in an address, or the current fiscal year when the address has none.
#[cfg(feature = "ssr")]
pub fn year_or_current(
    text: &str,
    cal: crate::model::fiscal::FiscalCalendar,
) -> Result<i32, AppError> {
    if text.trim().is_empty() {
        return Ok(cal.quarter_of(crate::state::clock().today()).year);
    }
    parse_year(text)
        .ok_or_else(|| AppError::NotFound(format!("\"{text}\" is not a fiscal year (use 2027).")))
}

#[cfg(feature = "ssr")]
pub use crate::model::fiscal::{check_year, parse_year};

#[cfg(feature = "ssr")]
fn edits(user: &Option<CurrentUser>) -> bool {
    policy::allows(crate::auth::UseCase::SetTargets, user.as_ref())
}

/// The APP of a fiscal year: every measure with its annual target, actual and state.
#[server(input = GetUrl)]
pub async fn get_app(fy: String) -> Result<AppPage, AppError> {
    let user = authorize(crate::auth::UseCase::GetApp).await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fy = year_or_current(&fy, cal)?;
    let mut page =
        crate::services::read::plan_year::app_page(&db, fy, cal, crate::state::clock().today())
            .await?;
    page.can_edit = edits(&user);
    Ok(page)
}

/// Where a refused "Add a milestone" waits for its IP page.
#[cfg(feature = "ssr")]
fn milestone_key(fy: i32) -> String {
    format!("plantrack.ip_milestone.{fy}")
}

/// Takes an APP one step through its lifecycle (approve, start or publish a revision);
/// approving and publishing keep the targets as a numbered revision.
#[server]
pub async fn change_app_state(
    fiscal_year: i32,
    step: String,
    note: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::ChangeAppState).await?;
    let step = AppStep::parse(&step)
        .ok_or_else(|| AppError::Invalid(format!("\"{step}\" is not a step of the APP.")))?;
    services::change_app_state(&db()?, &Actor::user(&user), fiscal_year, step, &note).await?;
    crate::api::notice::set_notice(&step.done(fiscal_year)).await;
    crate::api::form::redirect(&format!("/app/{fiscal_year}"));
    Ok(())
}

/// The IP of a fiscal year: quarterly targets and actuals per measure, and milestones.
#[server(input = GetUrl)]
pub async fn get_ip(fy: String) -> Result<IpPage, AppError> {
    let user = authorize(crate::auth::UseCase::GetIp).await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fy = year_or_current(&fy, cal)?;
    let mut page =
        crate::services::read::plan_year::ip_page(&db, fy, cal, crate::state::clock().today())
            .await?;
    page.can_edit = edits(&user);
    page.returned = crate::api::form::take_returned(&milestone_key(fy)).await;
    Ok(page)
}

/// Marks a year's IP distributed.
#[server]
pub async fn distribute_ip(fiscal_year: i32) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::DistributeIp).await?;
    services::distribute_ip(&db()?, &Actor::user(&user), fiscal_year).await?;
    crate::api::notice::set_notice(&format!("FY{fiscal_year} Implementation Plan distributed."))
        .await;
    crate::api::form::redirect(&format!("/ip/{fiscal_year}"));
    Ok(())
}

/// Adds a quarterly milestone for a strategy to a year's IP.
#[server]
pub async fn add_ip_milestone(
    fiscal_year: i32,
    strategy: String,
    quarter: String,
    description: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::AddIpMilestone).await?;
    let actor = Actor::user(&user);
    let db = db()?;
    let added =
        services::add_ip_milestone(&db, &actor, fiscal_year, &strategy, &quarter, &description)
            .await;
    if let Err(why) = added {
        let typed = crate::model::form::fields([
            ("strategy", strategy.as_str()),
            ("quarter", quarter.as_str()),
            ("description", description.as_str()),
        ]);
        let back = format!("/ip/{fiscal_year}#add-milestone");
        return crate::api::form::refused(why, (&milestone_key(fiscal_year), &back, ""), typed)
            .await;
    }
    crate::api::notice::set_notice(&format!(
        "Milestone added to strategy {strategy} in the FY{fiscal_year} IP."
    ))
    .await;
    crate::api::form::redirect(&format!("/ip/{fiscal_year}#milestones"));
    Ok(())
}

/// Marks an IP milestone done or not done (managers: only their strategies').
#[server]
pub async fn set_ip_milestone_done(id: i64, done: String) -> Result<(), AppError> {
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::SetIpMilestoneDone).await?;
    let fy = services::set_ip_milestone_done(&db()?, &user, id, done == "true").await?;
    let said = if done == "true" {
        "marked done"
    } else {
        "reopened"
    };
    crate::api::notice::set_notice(&format!("IP milestone {said}.")).await;
    crate::api::form::redirect(&format!("/ip/{fy}#milestones"));
    Ok(())
}

/// What starting year `fy` from the year before would copy.
#[server(input = GetUrl)]
pub async fn get_year_start(fy: String) -> Result<crate::model::year_start::YearStart, AppError> {
    let user = authorize(crate::auth::UseCase::GetYearStart).await?;
    let fy = parse_year(&fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2028).")))?;
    let can_start = crate::auth::policy::allows(crate::auth::UseCase::StartYear, user.as_ref());
    let mut page = crate::services::year_start::preview(&db()?, fy, can_start).await?;
    if let Some(m) = crate::api::form::take_returned::<crate::model::form::Fields, ()>(&format!(
        "plantrack.year_start.{fy}"
    ))
    .await
    {
        page.refused = Some(m.message());
    }
    Ok(page)
}

/// Starts year `fy` from the year before: its targets as the draft APP and IP, its open
/// milestones; refused once `fy` has targets.
#[server]
pub async fn start_year(fy: i32) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::StartYear).await?;
    let actor = Actor::user(&user);
    match crate::services::year_start::start(&db()?, &actor, fy).await {
        Ok((targets, milestones)) => {
            let notice = format!("FY{fy} is started from FY{}: {targets} targets copied as the draft APP and IP, {milestones} milestones copied.", fy - 1);
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&format!("/app/{fy}"));
            Ok(())
        }
        Err(AppError::Invalid(m)) => {
            let url = format!("/app/{fy}/start");
            let errors = vec![("fy".to_string(), m)];
            crate::api::form::send_invalid(
                &format!("plantrack.year_start.{fy}"),
                &url,
                crate::model::form::Fields::new(),
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
