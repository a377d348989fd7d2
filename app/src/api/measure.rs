//! Performance measures: their page, definition, targets, actuals and shortfalls.

use crate::model::view::{MeasureForm, MeasurePage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{respond, send_back, send_invalid, take_returned},
    auth::{authorize, policy, Owned},
    model::form::{self, fields, Returned},
    model::measure::{MeasureInput, Shortfall},
    model::redirect::local_path,
    queries::audit::Actor,
    queries::measure as mq,
    queries::status::calendar,
    services::audit::Via,
    services::measure::{
        self as services, measure_or_404, ActualInput, Base, SavedActual, TargetsInput,
        TARGET_FIELDS,
    },
    services::measure_page as page,
    services::Refused,
    state::db,
};

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    crate::state::clock().today()
}

/// The session key of a measure page's returned form (actual, targets, shortfall).
#[cfg(feature = "ssr")]
pub fn form_key(id: i64) -> String {
    format!("plantrack.form.measure.{id}")
}

/// The session key of a returned add or edit form (`id` 0: a new measure).
#[cfg(feature = "ssr")]
fn edit_key(id: i64) -> String {
    format!("plantrack.form.measure_edit.{id}")
}

/// The measure page; `fy` picks the year the target form edits (default: this year).
#[server(input = GetUrl)]
pub async fn get_measure(id: i64, fy: Option<String>) -> Result<MeasurePage, AppError> {
    let user = authorize(crate::auth::UseCase::GetMeasure).await?;
    let db = db()?;
    let when = (calendar(&db).await?, today());
    let (mut page, charts) =
        page::measure_page(&db, user.as_ref(), id, fy.as_deref(), when).await?;
    page.charts = crate::api::dashboard::draw(&db, charts, None).await?;
    page.returned = take_returned(&form_key(id)).await;
    let item = crate::model::lock::Lockable::Measure(id);
    page.evidence = crate::api::evidence::evidence_of(&db, user.as_ref(), item).await?;
    let subject = crate::model::comment::Subject::Measure(id);
    page.discussion =
        Some(crate::api::comment::discussion_for(&db, &subject, user.as_ref()).await?);
    Ok(page)
}

/// The add or edit form of a measure (`attach_to` preselects where a new one hangs).
#[server(input = GetUrl)]
pub async fn get_measure_form(
    id: Option<i64>,
    attach_to: Option<String>,
) -> Result<MeasureForm, AppError> {
    authorize(crate::auth::UseCase::GetMeasureForm).await?;
    let mut form = page::measure_form(&db()?, id, attach_to).await?;
    if let Some(r) = take_returned::<MeasureInput, ()>(&edit_key(id.unwrap_or(0))).await {
        form.input = r.input;
        form.errors = r.errors;
    }
    Ok(form)
}

/// Adds a measure (empty `id`) or changes one.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_measure(
    id: String,
    #[server(default)] version: String,
    attach_to: String,
    name: String,
    unit: String,
    direction: String,
    kind: String,
    // A radio group left unchosen sends nothing: the form says so, not the decoder.
    #[server(default)] aggregation: String,
    baseline_value: String,
    baseline_fy: String,
    data_source: String,
    verification: String,
    limitations: String,
    #[server(default)] accuracy: String,
    #[server(default)] compensation: String,
    #[server(default)] done_when: String,
    #[server(default)] lag_days: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveMeasure).await?;
    let id: Option<i64> = id.trim().parse().ok();
    let input = MeasureInput {
        version,
        attach_to,
        name,
        unit,
        direction,
        kind,
        aggregation,
        baseline_value,
        baseline_fy,
        data_source,
        verification,
        limitations,
        accuracy,
        compensation,
        done_when,
        lag_days,
    };
    match services::save_measure(&db()?, &Actor::user(&user), id, &input).await {
        Ok(saved) => {
            crate::api::notice::set_notice("Measure saved.").await;
            crate::api::form::redirect(&format!("/measures/{saved}"));
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let url = match id {
                Some(id) => format!("/measures/{id}/edit"),
                None => format!(
                    "/measures/new?attach_to={}",
                    crate::api::account::urlencode(input.attach_to.trim())
                ),
            };
            send_invalid(&edit_key(id.unwrap_or(0)), &url, input, errors).await
        }
        Err(Refused::Error(AppError::Conflict(message))) => {
            // Keep what was typed, now at their version, with what they saved beside it.
            let id = id.unwrap_or_default();
            let theirs = services::measure_or_404(&db()?, id).await?;
            let input = MeasureInput {
                version: theirs.version.to_string(),
                ..input
            };
            let returned =
                Returned::<_, ()>::invalid(input, vec![("version".into(), message.clone())]);
            let url = format!("/measures/{id}/edit");
            send_back(&edit_key(id), &url, returned, AppError::Conflict(message)).await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// Sets a year's annual (APP) and quarterly (IP) targets of a measure. Each change is
/// logged with its reason; annual targets change only in a draft APP or during a
/// mid-year revision; a reason is required except when first drafting a target.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn set_targets(
    measure_id: i64,
    fiscal_year: i32,
    annual: String,
    q1: String,
    q2: String,
    q3: String,
    q4: String,
    reason: String,
    #[server(default)] shown: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetTargets).await?;
    let input = TargetsInput {
        measure: measure_id,
        fiscal_year,
        typed: [annual, q1, q2, q3, q4],
        shown,
        reason,
    };
    let url = format!("/measures/{measure_id}?fy={fiscal_year}#targets");
    match services::set_targets(&db()?, &Actor::user(&user), &input).await {
        Ok(()) => {
            crate::api::notice::set_notice(&format!("FY{fiscal_year} targets saved.")).await;
            crate::api::form::redirect(&url);
            Ok(())
        }
        Err(refused) => {
            let (errors, error) = crate::api::form::field_errors(refused)?;
            let mut values: Vec<(&str, &str)> = TARGET_FIELDS
                .iter()
                .copied()
                .zip(input.typed.iter().map(String::as_str))
                .collect();
            values.push(("reason", input.reason.trim()));
            let returned = Returned::<_, ()>::invalid(fields(values), errors).of_form("targets");
            send_back(&form_key(measure_id), &url, returned, error).await
        }
    }
}

/// Records a quarter's actual (or that its data is not yet available) for a measure.
#[server]
pub async fn save_actual(
    measure_id: i64,
    quarter: String,
    actual: String,
    data_lag: Option<String>,
    note: String,
    back: Option<String>,
    #[server(default)] versions: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveActual).await?;
    let db = db()?;
    let back = local_path(back.as_deref(), &format!("/measures/{measure_id}"));
    let lag = data_lag.is_some_and(|v| !v.is_empty());
    let input = ActualInput {
        measure: measure_id,
        quarter,
        actual: services::Entered::Typed(actual.clone()),
        lag,
        note,
        base: Base::ByQuarter(versions),
    };
    let when = (calendar(&db).await?, today());
    let outcome = services::save_actual(&db, &user, &input, Via::Form, when).await?;
    let typed = fields([
        ("quarter", input.quarter.as_str()),
        ("actual", actual.as_str()),
        ("data_lag", if lag { "on" } else { "" }),
        ("note", input.note.as_str()),
    ]);
    let saved = |s: SavedActual| format!("Actual for {} recorded: {}.", s.quarter, s.shown);
    respond(
        outcome,
        (&form_key(measure_id), &back, "actual"),
        typed,
        saved,
    )
    .await
}

/// Records why a closed year's annual target was not met, and the plan to meet it or
/// why it is impractical or infeasible.
#[server]
pub async fn save_shortfall(
    measure_id: i64,
    fiscal_year: i32,
    why: String,
    plan: String,
    schedule: String,
    infeasible: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveShortfall).await?;
    let db = db()?;
    measure_or_404(&db, measure_id).await?;
    policy::require(&db, &user, Owned::Measure(measure_id)).await?;
    let s = Shortfall {
        why,
        plan,
        schedule,
        infeasible,
        ..Default::default()
    };
    let url = format!("/measures/{measure_id}#fy{fiscal_year}");
    let actor = Actor::user(&user);
    let when = (calendar(&db).await?, today());
    match services::explain_shortfall(&db, &actor, measure_id, fiscal_year, &s, when).await {
        Ok(()) => {
            crate::api::notice::set_notice(&format!(
                "FY{fiscal_year} shortfall explanation saved."
            ))
            .await;
            crate::api::form::redirect(&url);
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let fy = fiscal_year.to_string();
            let typed = fields([
                ("fiscal_year", fy.as_str()),
                ("why", s.why.as_str()),
                ("plan", s.plan.as_str()),
                ("schedule", s.schedule.as_str()),
                ("infeasible", s.infeasible.as_str()),
            ]);
            let message = form::message(&errors);
            let returned = Returned::<_, ()>::invalid(typed, errors).of_form("shortfall");
            send_back(
                &form_key(measure_id),
                &url,
                returned,
                AppError::Invalid(message),
            )
            .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// The measures attached to a goal, objective or strategy ("4", "4.1", "4.1.3").
#[server(input = GetUrl)]
pub async fn list_measures(
    attached_to: String,
) -> Result<Vec<crate::model::measure::Measure>, AppError> {
    authorize(crate::auth::UseCase::ListMeasures).await?;
    Ok(mq::attached_to(&db()?, attached_to.trim()).await?)
}
