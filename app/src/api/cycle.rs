//! The planning-cycle page and marking its milestones done.

use crate::model::cycle::CyclePage;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize, model::cycle::items, queries::audit::Actor, queries::cycle as cq,
    queries::status::calendar, services::cycle as services, state::db,
};

/// A fiscal year's planning-cycle milestones with due dates and state.
#[server(input = GetUrl)]
pub async fn get_cycle(fy: String) -> Result<CyclePage, AppError> {
    let user = authorize(crate::auth::UseCase::GetCycle).await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fiscal_year = crate::api::plan_year::year_or_current(&fy, cal)?;
    let marks = cq::marks(&db, fiscal_year).await?;
    let today = crate::state::clock().today();
    let schedule = crate::queries::settings::call_schedule(&db).await?;
    let items = items(fiscal_year, (schedule, cal), &marks, today);
    let reminders = crate::queries::settings::reminder_settings(&db).await?;
    let reminder_form = match crate::api::form::take_returned::<crate::model::form::Fields, ()>(
        "reminders",
    )
    .await
    {
        Some(back) => (
            back.value("days_before"),
            back.value("every"),
            Some(back.message()),
        ),
        None => (
            reminders.days_before.to_string(),
            reminders.every.to_string(),
            None,
        ),
    };
    let schedule_refused =
        crate::api::form::take_returned::<crate::model::form::Fields, ()>("call_schedule")
            .await
            .map(|back| {
                (
                    back.value("due_days"),
                    back.value("lock_days"),
                    back.message(),
                )
            });
    Ok(CyclePage {
        fiscal_year,
        items,
        can_mark: crate::auth::policy::allows(crate::auth::UseCase::MarkCycle, user.as_ref()),
        calls: crate::model::call::calls(schedule, cal, fiscal_year, today),
        schedule,
        schedule_refused,
        can_set_schedule: crate::auth::policy::allows(
            crate::auth::UseCase::SetCallSchedule,
            user.as_ref(),
        ),
        approval: crate::queries::settings::approval_required(&db).await?,
        can_set_approval: crate::auth::policy::allows(
            crate::auth::UseCase::SetApproval,
            user.as_ref(),
        ),
        reminders: reminders.describe(),
        reminder_form,
    })
}

/// Sets when owners are reminded, in days before the due date and between reminders
/// while overdue (administrators); refused input comes back with why.
#[server]
pub async fn set_reminders(
    days_before: String,
    every: String,
    fiscal_year: i32,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetReminders).await?;
    let page = format!("/cycle/{fiscal_year}");
    let actor = Actor::user(&user);
    match crate::services::settings::set_reminders(&db()?, &actor, &days_before, &every).await {
        Ok(()) => {
            crate::api::notice::set_notice("Reminder schedule saved.").await;
            crate::api::form::redirect(&format!("{page}#calls-heading"));
            Ok(())
        }
        Err(AppError::Invalid(why)) => {
            let typed = crate::model::form::fields([
                ("days_before", days_before.as_str()),
                ("every", every.as_str()),
            ]);
            let errors = vec![("days_before".to_string(), why)];
            let back = format!("{page}#calls-heading");
            crate::api::form::send_invalid("reminders", &back, typed, errors).await
        }
        Err(e) => Err(e),
    }
}

/// Turns the working group's approval of submitted status updates on (`on` "true") or
/// off (administrators).
#[server]
pub async fn set_approval(on: String, fiscal_year: i32) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetApproval).await?;
    let on = on == "true";
    crate::services::settings::set_approval(&db()?, &Actor::user(&user), on).await?;
    let notice = if on {
        "Approval turned on: the working group approves or returns each submitted update."
    } else {
        "Approval turned off: submitted updates count without it."
    };
    crate::api::notice::set_notice(notice).await;
    crate::api::form::redirect(&format!("/cycle/{fiscal_year}#calls-heading"));
    Ok(())
}

/// Sets when quarters' updates are due and when quarters lock, in days after a quarter
/// ends (administrators).
#[server]
pub async fn set_call_schedule(
    due_days: String,
    lock_days: String,
    fiscal_year: i32,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetCallSchedule).await?;
    let actor = Actor::user(&user);
    let page = format!("/cycle/{fiscal_year}");
    match crate::services::settings::set_call_schedule(&db()?, &actor, &due_days, &lock_days).await
    {
        Ok(()) => {
            crate::api::notice::set_notice("Data-call schedule saved.").await;
            crate::api::form::redirect(&page);
            Ok(())
        }
        Err(AppError::Invalid(why)) => {
            let typed = crate::model::form::fields([
                ("due_days", due_days.as_str()),
                ("lock_days", lock_days.as_str()),
            ]);
            let errors = vec![("due_days".to_string(), why)];
            crate::api::form::send_invalid(
                "call_schedule",
                &format!("{page}#calls-heading"),
                typed,
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// Marks a planning-cycle milestone done (`done` = "true") or reopens it.
#[server]
pub async fn mark_cycle(fiscal_year: i32, milestone: String, done: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::MarkCycle).await?;
    let actor = Actor::user(&user);
    services::mark_cycle(&db()?, &actor, fiscal_year, &milestone, done == "true").await?;
    let said = if done == "true" {
        "marked done"
    } else {
        "reopened"
    };
    crate::api::notice::set_notice(&format!("Milestone {said} for FY{fiscal_year}.")).await;
    crate::api::form::redirect(&format!("/cycle/{fiscal_year}"));
    Ok(())
}
