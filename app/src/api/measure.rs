//! Performance measures: their page, definition, targets, actuals and shortfalls.

use crate::model::view::{MeasureForm, MeasurePage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{local_path, send_back, send_invalid, take_returned},
    auth::{authorize, policy, Owned},
    model::form::Returned,
    model::measure::{
        assess, check_actual, year_actual, MeasureInput, Period, Shortfall, TargetState,
    },
    model::view::MeasureYear,
    queries::audit::Actor,
    queries::measure as mq,
    queries::plan_year as pq,
    queries::status::calendar,
    services::audit::Via,
    services::measure::{
        self as services, measure_or_404, record_actuals, NewActual, RecordFailure, TargetsInput,
        TARGET_FIELDS,
    },
    services::Refused,
    state::db,
};

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    crate::state::clock().today()
}

/// The session key of a measure's returned form.
#[cfg(feature = "ssr")]
pub fn form_key(id: i64) -> String {
    format!("plantrack.form.measure.{id}")
}

/// The measure page; `fy` picks the year the target form edits (default: this year).
#[server(input = GetUrl)]
pub async fn get_measure(id: i64, fy: Option<String>) -> Result<MeasurePage, AppError> {
    let user = authorize("get_measure").await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let m = measure_or_404(&db, id).await?;
    let now = cal.quarter_of(today());
    let target_year = fy
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (1990..=2200).contains(y))
        .unwrap_or(now.year);
    let targets = mq::targets_of(&db, id).await?;
    let history = mq::actual_history(&db, &m, cal).await?;
    let first = targets
        .years()
        .chain(history.iter().map(|a| a.fiscal_year))
        .min()
        .unwrap_or(now.year)
        .max(now.year - 9);
    let last = targets.years().max().unwrap_or(now.year).max(now.year);
    let actuals = mq::actuals(&db, (first, last)).await?;
    let shortfalls = mq::shortfalls(&db, (first, last), cal).await?;
    let mut years = Vec::new();
    for y in (first..=last).rev() {
        let annual = targets.annual(y);
        let ip = targets.quarterly(y);
        let q = [1, 2, 3, 4].map(|q| actuals.get(&(id, y, q)).copied().unwrap_or_default());
        let elapsed = cal.quarters_over(y, today());
        let state = assess(m.rule, annual, ip, q, elapsed);
        let plan = pq::plan_year(&db, y).await?;
        years.push(MeasureYear {
            fiscal_year: y,
            app_state: plan.app_state.label().into(),
            annual: annual.map(|v| m.show(v)),
            quarterly: ip
                .iter()
                .map(|t| t.map_or("—".into(), |v| m.show(v)))
                .collect(),
            actuals: q.iter().map(|r| mq::show_reading(&m, *r)).collect(),
            year_actual: year_actual(m.rule, q).map_or("—".into(), |v| m.show(v)),
            state,
            closed: elapsed == 4,
            shortfall: shortfalls.get(&(id, y)).cloned(),
            needs_explanation: state == TargetState::NotMet,
        });
    }
    let plan = pq::plan_year(&db, target_year).await?;
    let plain = |p: Period| {
        targets
            .get(target_year, p)
            .map(|v| mq::plain_value(m.rule.kind, v))
            .unwrap_or_default()
    };
    let (can_edit, can_record) = match &user {
        Some(u) => (
            policy::allows("save_measure", Some(u)),
            policy::may_act_on(&db, u, Owned::Measure(id)).await?,
        ),
        None => (false, false),
    };
    let mut quarters = Vec::new();
    let mut fq = now;
    for _ in 0..8 {
        quarters.push(fq.slug());
        fq = fq.previous();
    }
    let target_values = Period::ALL.into_iter().map(plain).collect();
    let charts = crate::services::dashboard::measure_charts(&db, &m, cal, today()).await?;
    let charts = crate::api::dashboard::draw(&db, charts).await?;
    Ok(MeasurePage {
        charts,
        target_log: mq::target_log(&db, &m, cal).await?,
        measure: m,
        years,
        history,
        target_year,
        target_values,
        annual_closed: (!plan.app_state.targets_open()).then(|| {
            format!(
                "The FY{target_year} APP is {}: annual targets change only during a mid-year revision (start one on the APP page).",
                plan.app_state.label().to_lowercase()
            )
        }),
        quarters,
        can_edit,
        can_record,
        returned: take_returned(&form_key(id)).await,
    })
}

/// The add or edit form of a measure (`attach_to` preselects where a new one hangs).
#[server(input = GetUrl)]
pub async fn get_measure_form(
    id: Option<i64>,
    attach_to: Option<String>,
) -> Result<MeasureForm, AppError> {
    authorize("get_measure_form").await?;
    let db = db()?;
    let key = form_key(id.unwrap_or(0));
    let returned = take_returned(&key).await;
    let input = match (&returned, id) {
        (Some(r), _) => serde_json::from_str(&r.value("input")).unwrap_or_default(),
        (None, Some(id)) => {
            let m = measure_or_404(&db, id).await?;
            MeasureInput {
                attach_to: m
                    .attached_label
                    .split_once(' ')
                    .map(|(_, n)| n.to_string())
                    .unwrap_or_default(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                direction: m.rule.direction.as_str().into(),
                kind: m.rule.kind.as_str().into(),
                aggregation: m.rule.aggregation.as_str().into(),
                baseline_value: m
                    .baseline_value
                    .map(|v| mq::plain_value(m.rule.kind, v))
                    .unwrap_or_default(),
                baseline_fy: m.baseline_fy.map(|y| y.to_string()).unwrap_or_default(),
                data_source: m.data_source.clone(),
                verification: m.verification.clone(),
                limitations: m.limitations.clone(),
            }
        }
        (None, None) => MeasureInput {
            attach_to: attach_to.unwrap_or_default(),
            direction: "higher".into(),
            kind: "quantitative".into(),
            aggregation: "sum".into(),
            ..Default::default()
        },
    };
    Ok(MeasureForm {
        id,
        input,
        errors: returned.map(|r| r.errors).unwrap_or_default(),
        options: mq::attach_options(&db).await?,
    })
}

/// Adds a measure (empty `id`) or changes one.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_measure(
    id: String,
    attach_to: String,
    name: String,
    unit: String,
    direction: String,
    kind: String,
    aggregation: String,
    baseline_value: String,
    baseline_fy: String,
    data_source: String,
    verification: String,
    limitations: String,
) -> Result<(), AppError> {
    let user = authorize("save_measure")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let id: Option<i64> = id.trim().parse().ok();
    let input = MeasureInput {
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
    };
    match services::save_measure(&db()?, &Actor::user(&user), id, &input).await {
        Ok(saved) => {
            leptos_axum::redirect(&format!("/measures/{saved}"));
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let url = match id {
                Some(id) => format!("/measures/{id}/edit"),
                None => format!("/measures/new?attach_to={}", input.attach_to.trim()),
            };
            let json = serde_json::to_string(&input).unwrap_or_default();
            let key = form_key(id.unwrap_or(0));
            send_invalid(&key, &url, [("input", json.as_str())], errors).await
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
) -> Result<(), AppError> {
    let user = authorize("set_targets")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let input = TargetsInput {
        measure: measure_id,
        fiscal_year,
        typed: [annual, q1, q2, q3, q4],
        reason,
    };
    let url = format!("/measures/{measure_id}?fy={fiscal_year}#targets");
    match services::set_targets(&db()?, &Actor::user(&user), &input).await {
        Ok(()) => {
            leptos_axum::redirect(&url);
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let mut values: Vec<(&str, &str)> = TARGET_FIELDS
                .iter()
                .copied()
                .zip(input.typed.iter().map(String::as_str))
                .collect();
            values.push(("reason", input.reason.trim()));
            values.push(("_form", "targets"));
            send_invalid(&form_key(measure_id), &url, values, errors).await
        }
        Err(Refused::Error(e)) => Err(e),
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
) -> Result<(), AppError> {
    let user = authorize("save_actual")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = db()?;
    let m = measure_or_404(&db, measure_id).await?;
    policy::require(&db, &user, Owned::Measure(measure_id)).await?;
    let cal = calendar(&db).await?;
    let back = local_path(back.as_deref(), &format!("/measures/{measure_id}"));
    let lag = data_lag.is_some_and(|v| !v.is_empty());
    let checked = check_actual(
        m.rule.kind,
        &quarter,
        &actual,
        lag,
        &note,
        cal.quarter_of(today()),
    );
    let send = |errors: Vec<(String, String)>, error: AppError| {
        let returned = Returned::new(
            [
                ("_form", "actual"),
                ("quarter", quarter.as_str()),
                ("actual", actual.as_str()),
                ("data_lag", if lag { "on" } else { "" }),
                ("note", note.as_str()),
            ],
            errors,
        );
        let back = back.clone();
        async move { send_back(&form_key(measure_id), &back, returned, error).await }
    };
    let (fq, reading) = match checked {
        Ok(ok) => ok,
        Err(errors) => {
            let message = errors
                .iter()
                .map(|(_, e)| e.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            return send(errors, AppError::Invalid(message)).await;
        }
    };
    let new = NewActual {
        measure: &m,
        quarter: fq,
        reading,
        note: note.clone(),
    };
    match record_actuals(&db, &Actor::user(&user), &[new], Via::Form).await {
        Ok(_) => {}
        Err(failure @ RecordFailure::Conflict(_)) => {
            return send(Vec::new(), failure.into()).await;
        }
        Err(failure) => return Err(failure.into()),
    }
    crate::api::notice::set_notice(&format!(
        "Actual for {fq} recorded: {}.",
        mq::show_reading(&m, reading)
    ))
    .await;
    leptos_axum::redirect(&back);
    Ok(())
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
    let user = authorize("save_shortfall")
        .await?
        .ok_or(AppError::Unauthorized)?;
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
            leptos_axum::redirect(&url);
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let fy = fiscal_year.to_string();
            send_invalid(
                &form_key(measure_id),
                &url,
                [
                    ("_form", "shortfall"),
                    ("fiscal_year", fy.as_str()),
                    ("why", s.why.as_str()),
                    ("plan", s.plan.as_str()),
                    ("schedule", s.schedule.as_str()),
                    ("infeasible", s.infeasible.as_str()),
                ],
                errors,
            )
            .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// The session key holding the last actuals import's outcome.
pub const ACTUALS_IMPORT_KEY: &str = "plantrack.actuals_import";

/// The outcome of the last CSV import of actuals in this session (shown once).
#[server(input = GetUrl)]
pub async fn get_actuals_import() -> Result<crate::model::view::ActualsImport, AppError> {
    authorize("get_actuals_import").await?;
    let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await else {
        return Ok(Default::default());
    };
    Ok(auth
        .session
        .remove(ACTUALS_IMPORT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default())
}

/// The measures attached to a goal, objective or strategy ("4", "4.1", "4.1.3").
#[server(input = GetUrl)]
pub async fn list_measures(
    attached_to: String,
) -> Result<Vec<crate::model::measure::Measure>, AppError> {
    authorize("list_measures").await?;
    Ok(mq::attached_to(&db()?, attached_to.trim()).await?)
}
