//! Scheduled reports: the schedules page, saving, pausing and resuming a schedule, "send
//! now" and the preview (administrators and the working group; only administrators
//! send to outside addresses).

#[cfg(feature = "ssr")]
use crate::model::schedule::form::ScheduleInput;
use crate::model::schedule::view::{Preview, RunLine, SchedulesPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Where a refused schedule form waits for its page.
#[cfg(feature = "ssr")]
const FORM_KEY: &str = "plantrack.schedule_form";

/// The schedule id in an address or a form ("" or "new": none).
#[cfg(feature = "ssr")]
fn id_of(typed: &str) -> Result<Option<i64>, AppError> {
    match typed.trim() {
        "" | "new" => Ok(None),
        t => t
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::NotFound("There is no such schedule.".into())),
    }
}

/// The schedules page, with a refused schedule form as typed (shown once).
#[server(input = GetUrl)]
pub async fn get_schedules() -> Result<SchedulesPage, AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::GetSchedules).await?;
    let db = crate::state::db()?;
    let outside = user.role == crate::model::user::Role::Admin;
    let mut page = crate::services::schedule::page(&db, outside).await?;
    page.returned = crate::api::form::take_returned(FORM_KEY).await;
    Ok(page)
}

/// Saves a new schedule (`id` "new") or a change to one; refused, what was typed comes
/// back beside each problem.
#[allow(clippy::too_many_arguments)]
#[server]
pub async fn save_schedule(
    id: String,
    #[server(default)] version: String,
    #[server(default)] name: String,
    #[server(default)] report: String,
    #[server(default)] every: String,
    #[server(default)] day: String,
    #[server(default)] month: String,
    #[server(default)] days_after: String,
    #[server(default)] hour: String,
    #[server(default)] format: String,
    #[server(default)] roles: Option<Vec<String>>,
    #[server(default)] users: String,
    #[server(default)] outside: String,
    #[server(default)] covering: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveSchedule).await?;
    let db = crate::state::db()?;
    let schedule = id_of(&id)?;
    let input = ScheduleInput {
        version,
        name,
        report,
        every,
        day,
        month,
        days_after,
        hour,
        format,
        roles: roles.unwrap_or_default(),
        users,
        outside,
        covering,
    };
    let now = crate::state::clock().now();
    let back = match schedule {
        Some(id) => format!("/admin/schedules/{id}"),
        None => "/admin/schedules#new-schedule".to_string(),
    };
    match crate::services::schedule::save(&db, &user, schedule, &input, now).await {
        Ok(_) => {
            crate::api::notice::set_notice(&format!(
                "The schedule \"{}\" is saved.",
                input.name.trim()
            ))
            .await;
            crate::api::form::redirect("/admin/schedules");
            Ok(())
        }
        Err(why) => {
            let (errors, error) = crate::api::form::field_errors(why)?;
            let form = schedule.map_or("new".to_string(), |id| id.to_string());
            let returned = crate::model::form::Returned::<ScheduleInput>::invalid(input, errors)
                .of_form(&form);
            crate::api::form::send_back(FORM_KEY, &back, returned, error).await
        }
    }
}

/// Pauses (`active` "no") or resumes ("yes") schedule `id` from `version`.
#[server]
pub async fn set_schedule_active(
    id: String,
    version: String,
    active: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetScheduleActive).await?;
    let db = crate::state::db()?;
    let id = id_of(&id)?.ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    let version = version.trim().parse::<i64>().unwrap_or(-1);
    let active = match active.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::Invalid(
                "Choose to pause or resume the schedule.".into(),
            ))
        }
    };
    let actor = crate::queries::audit::Actor::user(&user);
    let now = crate::state::clock().now();
    let name =
        crate::services::schedule::set_active(&db, &actor, (id, version), active, now).await?;
    crate::api::notice::set_notice(&if active {
        format!("The schedule \"{name}\" is running again.")
    } else {
        format!("The schedule \"{name}\" is paused: nothing goes out until it is resumed.")
    })
    .await;
    crate::api::form::redirect("/admin/schedules");
    Ok(())
}

/// Runs schedule `id` now ("send now"): its messages are queued in the outbox.
#[server]
pub async fn send_schedule_now(id: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SendScheduleNow).await?;
    let db = crate::state::db()?;
    let id = id_of(&id)?.ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    let actor = crate::queries::audit::Actor::user(&user);
    let now = crate::state::clock().now();
    let render = crate::packet::document_pdf;
    let r = crate::services::schedule::run::send_now(&db, &actor, id, (now, render)).await?;
    let text = match r.queued {
        0 => format!("\"{}\" sent nothing: {}", r.name, r.detail),
        1 => format!("\"{}\": 1 message is in the outbox.", r.name),
        n => format!("\"{}\": {n} messages are in the outbox.", r.name),
    };
    crate::api::notice::set_notice(&text).await;
    crate::api::form::redirect("/admin/schedules");
    Ok(())
}

/// What schedule `id`'s next run would send, were it made now.
#[server(input = GetUrl)]
pub async fn preview_schedule(id: String) -> Result<Preview, AppError> {
    crate::auth::policy::authorize_user(crate::auth::UseCase::PreviewSchedule).await?;
    let db = crate::state::db()?;
    let id = id_of(&id)?.ok_or_else(|| AppError::NotFound("There is no such schedule.".into()))?;
    let now = crate::state::clock().now();
    crate::services::schedule::run::preview(&db, id, (now, crate::packet::document_pdf)).await
}

/// The scheduled runs that went wrong, for the outbox page (administrators).
#[server(input = GetUrl)]
pub async fn get_schedule_problems() -> Result<Vec<RunLine>, AppError> {
    crate::auth::policy::authorize_user(crate::auth::UseCase::GetScheduleProblems).await?;
    let db = crate::state::db()?;
    crate::services::schedule::problems(&db).await
}
