//! The Annual Performance Report's writes: a goal's evaluation of the year (one
//! transaction with its audit event).

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::report::{
    check_evaluation, check_signature, NarrativeInput, ReportStep, Signature,
};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::report as q;
use serde_json::json;

/// Saves goal `input.0`'s evaluation of year `fy` as typed, over the version the form had.
pub async fn save_evaluation(
    db: &Db,
    actor: &Actor,
    fy: i32,
    (goal, text, version): &NarrativeInput,
) -> Result<(), Refused> {
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(id, _)| id)
        .ok_or_else(|| AppError::NotFound("No plan has been imported yet.".into()))?;
    let id = q::goals(db, plan)
        .await?
        .into_iter()
        .find(|(_, n)| n == goal)
        .map(|(id, _)| id)
        .ok_or_else(|| AppError::NotFound(format!("There is no goal {goal} in this plan.")))?;
    let text = check_evaluation(text).map_err(Refused::Invalid)?;
    if q::state(db, fy).await?.is_some_and(|s| s.state.signed()) {
        return Err(Refused::Error(AppError::Conflict(format!(
            "The FY{fy} report is signed off: it is read-only."
        ))));
    }
    let mut tx = db.begin_write().await?;
    if !q::save(&mut tx, (fy, id), *version, (text, &actor.username)).await? {
        return Err(Refused::Error(AppError::Conflict(
            "Someone else saved this goal's evaluation since you opened it: nothing was saved. The page now shows theirs; make your change again.".into(),
        )));
    }
    let event = Event::Meeting {
        action: "report_evaluation",
        key: format!("FY{fy} goal {goal}"),
        after: json!({ "evaluation": text }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes year `fy`'s report one step (finalise, sign with `signature`, publish) from the
/// version the form had.
pub async fn change_state(
    db: &Db,
    actor: &Actor,
    (fy, version): (i32, i64),
    step: ReportStep,
    signature: &Signature,
    (cal, today): (FiscalCalendar, chrono::NaiveDate),
) -> Result<(), Refused> {
    let report = super::read::report::report(db, fy, cal, today).await?;
    if report.version != version {
        return Err(Refused::Error(AppError::Conflict(
            "Someone else moved this report on since you opened it: nothing was changed. The page now shows where it stands.".into(),
        )));
    }
    let unexplained: Vec<String> = report.unexplained().into_iter().map(|(_, n)| n).collect();
    let next = crate::model::report::step(report.state, step, &unexplained)
        .map_err(|m| Refused::Error(AppError::Conflict(m)))?;
    let signed = if step == ReportStep::Sign {
        check_signature(signature).map_err(Refused::Invalid)?;
        Some((
            signature.transmittal.trim(),
            signature.signer.trim(),
            signature.title.trim(),
        ))
    } else {
        None
    };
    let on = today.format("%Y-%m-%d").to_string();
    let mut tx = db.begin_write().await?;
    let with = signed.map(|(t, s, title)| (t, s, title, on.as_str()));
    if !q::set_state(&mut tx, (fy, version), next.as_str(), with, &actor.username).await? {
        return Err(Refused::Error(AppError::Conflict(
            "Someone else moved this report on since you opened it: nothing was changed.".into(),
        )));
    }
    let event = Event::Meeting {
        action: "report_state",
        key: format!("FY{fy} performance report"),
        after: json!({
            "state": next.as_str(),
            "signed by": signed.map(|(_, s, t)| format!("{s}, {t}")),
        }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
