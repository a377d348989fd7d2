//! Recording quarterly status, its history, and the quarter page.

use crate::model::status::{StatusFormData, StatusUpdate};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::{authorize, policy, Owned},
    model::fiscal::{FiscalCalendar, FiscalQuarter},
    model::status::{validate, ReturnedForm, StatusInput},
    queries::audit::{record, Actor, Change},
    queries::status as q,
    state::db,
};

/// The quarter today falls in, by the configured calendar.
#[cfg(feature = "ssr")]
fn current_quarter(cal: FiscalCalendar) -> FiscalQuarter {
    cal.quarter_of(crate::state::clock().today())
}

/// Reads "2027-Q1", or the current quarter when empty.
#[cfg(feature = "ssr")]
fn quarter_or_current(slug: Option<&str>, cal: FiscalCalendar) -> Result<FiscalQuarter, AppError> {
    match slug.filter(|s| !s.is_empty()) {
        None => Ok(current_quarter(cal)),
        Some(s) => FiscalQuarter::parse(s)
            .ok_or_else(|| AppError::NotFound(format!("\"{s}\" is not a quarter (use 2027-Q1)."))),
    }
}

#[cfg(feature = "ssr")]
fn form_key(number: &str, fq: FiscalQuarter) -> String {
    format!("plantrack.status_form.{number}.{}", fq.slug())
}

/// The status form for a strategy and quarter (default: the current quarter).
#[server(input = GetUrl)]
pub async fn get_status_form(
    number: String,
    quarter: Option<String>,
) -> Result<StatusFormData, AppError> {
    let user = authorize("get_status_form").await?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    let fq = quarter_or_current(quarter.as_deref(), cal)?;
    let id = q::strategy_id(&db, &number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no strategy {number} in this plan."))
    })?;
    let detail = crate::queries::plan::strategy_detail(&db, &number)
        .await?
        .ok_or(AppError::Internal)?;
    let can_edit = match &user {
        Some(u) => policy::may_act_on(&db, u, Owned::Strategy(id)).await?,
        None => false,
    };
    let returned = match leptos_axum::extract::<crate::auth::AuthSession>().await {
        Ok(auth) => auth
            .session
            .remove::<ReturnedForm>(&form_key(&number, fq))
            .await
            .ok()
            .flatten(),
        Err(_) => None,
    };
    let mut measures = Vec::new();
    for m in crate::queries::measure::attached_to(&db, &number).await? {
        let latest = crate::queries::measure::latest_actual(&db, m.id, fq.year, fq.quarter)
            .await?
            .map_or("None recorded".into(), |(_, r)| {
                crate::queries::measure::show_reading(&m, r)
            });
        let returned = crate::api::form::take_returned(&crate::api::measure::form_key(m.id))
            .await
            .filter(|r| r.value("_form") == "actual");
        measures.push(crate::model::measure::ActualSlot {
            measure: m,
            latest,
            returned,
        });
    }
    Ok(StatusFormData {
        measures,
        strategy: number,
        strategy_text: detail.strategy.text,
        quarter: fq,
        quarter_label: cal.describe(fq),
        latest: q::latest(&db, id, fq).await?,
        returned,
        can_edit,
    })
}

/// Every status update of a strategy, newest first.
#[server(input = GetUrl)]
pub async fn get_status_history(number: String) -> Result<Vec<StatusUpdate>, AppError> {
    authorize("get_status_history").await?;
    let db = db()?;
    let id = q::strategy_id(&db, &number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no strategy {number} in this plan."))
    })?;
    Ok(q::history(&db, id).await?)
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
) -> Result<(), AppError> {
    let user = authorize("save_status")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    let fq = FiscalQuarter::parse(&quarter)
        .ok_or_else(|| AppError::Invalid(format!("\"{quarter}\" is not a quarter.")))?;
    let id = q::strategy_id(&db, &number)
        .await?
        .ok_or_else(|| AppError::Invalid(format!("There is no strategy {number} in this plan.")))?;
    policy::require(&db, &user, Owned::Strategy(id)).await?;
    let input = StatusInput {
        status: status.unwrap_or_default(),
        percent,
        accomplishments,
        issues,
        next_steps,
        explanation,
        corrective_action,
        base_version,
    };
    let form_url = format!("/strategies/{number}/status?quarter={}", fq.slug());
    let send_back = |form: ReturnedForm, error: AppError| {
        let key = form_key(&number, fq);
        let url = form_url.clone();
        async move {
            if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
                let _ = auth.session.insert(&key, form).await;
            }
            // Not a 5xx, or the session (holding the returned form) would not be saved;
            // a plain form post gets the redirect's 302 instead.
            crate::model::error::set_response_status(error.status_code());
            leptos_axum::redirect(&url);
            Err(error)
        }
    };
    let mut errors = match validate(&input) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    if fq > current_quarter(cal) {
        errors.push((
            "quarter".into(),
            format!("{fq} has not started yet; record status for this quarter or an earlier one."),
        ));
    }
    if !errors.is_empty() {
        let message = errors
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let form = ReturnedForm {
            input,
            errors,
            conflict: None,
        };
        return send_back(form, AppError::Invalid(message)).await;
    }
    let (status, percent) = validate(&input).map_err(|_| AppError::Internal)?;
    let latest = q::latest(&db, id, fq).await?;
    let conflict =
        |theirs: Option<crate::model::status::StatusUpdate>, input: StatusInput| ReturnedForm {
            input: StatusInput {
                base_version: theirs.as_ref().map_or(0, |t| t.version),
                ..input
            },
            errors: Vec::new(),
            conflict: theirs,
        };
    let message = "Someone else saved an update for this strategy and quarter while you were editing. \
                   Their update is shown below; your text is kept. Save again to record yours as a correction.";
    if latest.as_ref().map_or(0, |l| l.version) != base_version {
        return send_back(conflict(latest, input), AppError::Conflict(message.into())).await;
    }
    let mut tx = db.begin_write().await?;
    let new = q::NewUpdate {
        strategy_id: id,
        quarter: fq,
        version: base_version + 1,
        status,
        percent,
        input: &input,
        corrects_id: latest.as_ref().map(|l| l.id),
        author_id: user.id,
        author_name: &user.username,
    };
    let Some(update_id) = q::insert(&mut tx, &new).await? else {
        drop(tx);
        let theirs = q::latest(&db, id, fq).await?;
        return send_back(conflict(theirs, input), AppError::Conflict(message.into())).await;
    };
    let after = serde_json::json!({
        "quarter": fq.slug(), "status": status.as_str(), "percent": percent,
        "version": base_version + 1, "corrects": latest.as_ref().map(|l| l.id),
    });
    let change = Change {
        action: if latest.is_some() { "correct" } else { "record" },
        object_type: "status",
        object_key: &format!("{number} {}", fq.slug()),
        before: latest.as_ref().map(|l| serde_json::json!({"status": l.status.as_str(), "percent": l.percent, "version": l.version})),
        after: Some(after),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    tracing::info!(strategy = %number, quarter = %fq, update_id, "status recorded");
    leptos_axum::redirect(&format!("/strategies/{number}"));
    Ok(())
}
