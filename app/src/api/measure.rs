//! Performance measures: their page, definition, targets, actuals and shortfalls.

use crate::model::measure::{MeasureForm, MeasurePage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{local_path, send_back, take_returned},
    auth::{authorize, policy, Owned},
    db::Db,
    model::fiscal::FiscalCalendar,
    model::form::Returned,
    model::measure::{
        assess, check_actual, parse_reading, validate_measure, validate_shortfall, year_actual,
        Measure, MeasureInput, MeasureYear, Reading, Shortfall, TargetState,
    },
    queries::audit::{record, Actor, Change},
    queries::measure as mq,
    queries::plan_year as pq,
    queries::status::calendar,
    services::audit::Via,
    services::measure::{record_actuals, NewActual, RecordFailure},
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

#[cfg(feature = "ssr")]
async fn measure_or_404(db: &Db, id: i64) -> Result<Measure, AppError> {
    mq::get(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no measure {id}.")))
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
        .keys()
        .map(|(y, _)| *y)
        .chain(history.iter().map(|a| a.fiscal_year))
        .min()
        .unwrap_or(now.year)
        .max(now.year - 9);
    let last = targets
        .keys()
        .map(|(y, _)| *y)
        .max()
        .unwrap_or(now.year)
        .max(now.year);
    let actuals = mq::actuals(&db, (first, last)).await?;
    let shortfalls = mq::shortfalls(&db, (first, last), cal).await?;
    let mut years = Vec::new();
    for y in (first..=last).rev() {
        let annual = targets.get(&(y, 0)).copied();
        let ip = [1, 2, 3, 4].map(|q| targets.get(&(y, q)).copied());
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
    let plain = |p: u8| {
        targets
            .get(&(target_year, p))
            .map(|v| mq::plain_value(m.rule.kind, *v))
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
    let target_values = (0..=4).map(plain).collect();
    let charts = crate::queries::dashboard::measure_charts(&db, &m, cal, today()).await?;
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
    let db = db()?;
    let id: Option<i64> = id.trim().parse().ok();
    let before = match id {
        Some(id) => Some(measure_or_404(&db, id).await?),
        None => None,
    };
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
    let mut errors = validate_measure(&input).err().unwrap_or_default();
    let attachment = mq::resolve(&db, &input.attach_to).await?;
    if attachment.is_none() && !input.attach_to.trim().is_empty() {
        errors.push((
            "attach_to".into(),
            format!(
                "There is no goal, objective or strategy {}.",
                input.attach_to.trim()
            ),
        ));
    }
    let (fields, attachment) = match (validate_measure(&input), attachment) {
        (Ok(f), Some(a)) if errors.is_empty() => (f, a),
        _ => {
            let url = match id {
                Some(id) => format!("/measures/{id}/edit"),
                None => format!("/measures/new?attach_to={}", input.attach_to.trim()),
            };
            let json = serde_json::to_string(&input).unwrap_or_default();
            let returned = Returned::new([("input", json.as_str())], errors);
            let message = returned.message();
            return send_back(
                &form_key(id.unwrap_or(0)),
                &url,
                returned,
                AppError::Invalid(message),
            )
            .await;
        }
    };
    let mut tx = db.begin_write().await?;
    let saved = mq::save(&mut tx, id, attachment, &input, &fields).await?;
    let after = serde_json::json!({
        "name": input.name.trim(), "unit": input.unit.trim(), "attached_to": input.attach_to.trim(),
        "direction": fields.rule.direction.as_str(), "kind": fields.rule.kind.as_str(),
        "aggregation": fields.rule.aggregation.as_str(), "baseline": fields.baseline_value,
        "baseline_fy": fields.baseline_fy,
    });
    let change = Change {
        action: if id.is_some() { "update" } else { "create" },
        object_type: "measure",
        object_key: &saved.to_string(),
        before: before.map(|m| serde_json::json!({"name": m.name, "unit": m.unit, "attached_to": m.attached_label})),
        after: Some(after),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/measures/{saved}"));
    Ok(())
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
    let db = db()?;
    let m = measure_or_404(&db, measure_id).await?;
    let typed = [annual, q1, q2, q3, q4];
    let names = ["annual", "q1", "q2", "q3", "q4"];
    let year = pq::plan_year(&db, fiscal_year).await?;
    let current = mq::targets_of(&db, measure_id).await?;
    let mut errors = Vec::new();
    let mut changes = Vec::new();
    if !(1990..=2200).contains(&fiscal_year) {
        errors.push((
            "fiscal_year".into(),
            format!("FY{fiscal_year} is not a fiscal year this plan can hold."),
        ));
    }
    for (p, text) in typed.iter().enumerate() {
        let new = match text.trim() {
            "" => None,
            t => match parse_reading(m.rule.kind, t) {
                Ok(Reading::Value(v)) => Some(v),
                _ => {
                    let what = if m.rule.kind == crate::model::measure::Kind::Milestone {
                        "done or not done"
                    } else {
                        "a number"
                    };
                    errors.push((names[p].into(), format!("\"{t}\" is not {what}.")));
                    continue;
                }
            },
        };
        let old = current.get(&(fiscal_year, p as u8)).copied();
        if old != new {
            changes.push((p as u8, old, new));
        }
    }
    let annual_changes = changes.iter().any(|(p, _, _)| *p == 0);
    if annual_changes && !year.app_state.targets_open() {
        errors.push((
            "annual".into(),
            format!(
                "The FY{fiscal_year} APP is {}: start the mid-year revision on the APP page before changing annual targets.",
                year.app_state.label().to_lowercase()
            ),
        ));
    }
    let first_draft = changes.iter().all(|(p, old, _)| {
        old.is_none()
            && if *p == 0 {
                year.app_state == crate::model::plan_year::AppState::Draft
            } else {
                year.ip_state == crate::model::plan_year::IpState::Draft
            }
    });
    let reason = reason.trim().to_string();
    if errors.is_empty() && changes.is_empty() {
        errors.push(("annual".into(), "No target changed.".into()));
    }
    if reason.is_empty() && !first_draft && errors.is_empty() {
        errors.push(("reason".into(), "Say why the target changes: every change after the first draft is logged with its reason.".into()));
    }
    if reason.chars().count() > 2_000 {
        errors.push((
            "reason".into(),
            "Keep the reason under 2,000 characters.".into(),
        ));
    }
    let url = format!("/measures/{measure_id}?fy={fiscal_year}#targets");
    if !errors.is_empty() {
        let mut values: Vec<(&str, &str)> = names
            .iter()
            .copied()
            .zip(typed.iter().map(String::as_str))
            .collect();
        values.push(("reason", &reason));
        values.push(("_form", "targets"));
        let returned = Returned::new(values, errors);
        let message = returned.message();
        return send_back(
            &form_key(measure_id),
            &url,
            returned,
            AppError::Invalid(message),
        )
        .await;
    }
    let reason = if reason.is_empty() {
        "First draft".to_string()
    } else {
        reason
    };
    let mut tx = db.begin_write().await?;
    pq::ensure_year(&mut tx, fiscal_year).await?;
    for (p, old, new) in &changes {
        mq::set_target(
            &mut tx,
            measure_id,
            fiscal_year,
            *p,
            *old,
            *new,
            &reason,
            &user.username,
        )
        .await?;
        let what = if *p == 0 {
            "annual".to_string()
        } else {
            format!("Q{p}")
        };
        let change = Change {
            action: "set_target",
            object_type: "target",
            object_key: &format!("measure {measure_id} FY{fiscal_year} {what}"),
            before: old.map(|v| serde_json::json!({"value": v})),
            after: Some(serde_json::json!({"value": new, "reason": reason})),
        };
        record(&mut tx, &Actor::user(&user), change).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect(&url);
    Ok(())
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
    let m = measure_or_404(&db, measure_id).await?;
    policy::require(&db, &user, Owned::Measure(measure_id)).await?;
    let cal: FiscalCalendar = calendar(&db).await?;
    let targets = mq::targets_of(&db, measure_id).await?;
    let actuals = mq::actuals(&db, (fiscal_year, fiscal_year)).await?;
    let q = [1, 2, 3, 4].map(|q| {
        actuals
            .get(&(measure_id, fiscal_year, q))
            .copied()
            .unwrap_or_default()
    });
    let ip = [1, 2, 3, 4].map(|p| targets.get(&(fiscal_year, p)).copied());
    let state = assess(
        m.rule,
        targets.get(&(fiscal_year, 0)).copied(),
        ip,
        q,
        cal.quarters_over(fiscal_year, today()),
    );
    let s = Shortfall {
        why,
        plan,
        schedule,
        infeasible,
        ..Default::default()
    };
    let mut errors = validate_shortfall(&s).err().unwrap_or_default();
    if state != TargetState::NotMet {
        errors.insert(0, ("why".into(), format!("FY{fiscal_year}'s target is not a closed-year miss ({}), so there is nothing to explain.", state.label())));
    }
    if !errors.is_empty() {
        let fy = fiscal_year.to_string();
        let returned = Returned::new(
            [
                ("_form", "shortfall"),
                ("fiscal_year", fy.as_str()),
                ("why", s.why.as_str()),
                ("plan", s.plan.as_str()),
                ("schedule", s.schedule.as_str()),
                ("infeasible", s.infeasible.as_str()),
            ],
            errors,
        );
        let message = returned.message();
        let url = format!("/measures/{measure_id}#fy{fiscal_year}");
        return send_back(
            &form_key(measure_id),
            &url,
            returned,
            AppError::Invalid(message),
        )
        .await;
    }
    let mut tx = db.begin_write().await?;
    mq::insert_shortfall(&mut tx, measure_id, fiscal_year, &s, &user.username).await?;
    let change = Change {
        action: "explain",
        object_type: "shortfall",
        object_key: &format!("measure {measure_id} FY{fiscal_year}"),
        before: None,
        after: Some(
            serde_json::json!({"why": s.why.trim(), "plan": s.plan.trim(), "schedule": s.schedule.trim(), "infeasible": s.infeasible.trim()}),
        ),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/measures/{measure_id}#fy{fiscal_year}"));
    Ok(())
}

/// The session key holding the last actuals import's outcome.
pub const ACTUALS_IMPORT_KEY: &str = "plantrack.actuals_import";

/// The outcome of the last CSV import of actuals in this session (shown once).
#[server(input = GetUrl)]
pub async fn get_actuals_import() -> Result<crate::model::measure::ActualsImport, AppError> {
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
