//! The Annual Performance Report's writes: a goal's evaluation of the year, its steps to
//! publication, and the program evaluations it summarises (each one transaction with
//! its audit event).

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::program_evaluation::{self, ProgramInput};
use crate::model::report::{
    check_evaluation, check_signature, NarrativeInput, ReportStep, Signature,
};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::program_evaluation as pq;
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
    still_open(db, fy).await?;
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

/// Refuses a change to year `fy`'s report once it is signed off.
async fn still_open(db: &Db, fy: i32) -> Result<(), Refused> {
    if q::state(db, fy).await?.is_some_and(|s| s.state.signed()) {
        return Err(Refused::Error(AppError::Conflict(format!(
            "The FY{fy} report is signed off: it is read-only."
        ))));
    }
    Ok(())
}

/// Records a program evaluation completed in year `fy`, as typed.
pub async fn add_program_evaluation(
    db: &Db,
    actor: &Actor,
    fy: i32,
    input: &ProgramInput,
    cal: FiscalCalendar,
) -> Result<i64, Refused> {
    let (title, summary, link, on) =
        program_evaluation::check(input, cal, fy).map_err(Refused::Invalid)?;
    still_open(db, fy).await?;
    let on = on.format("%Y-%m-%d").to_string();
    let mut tx = db.begin_write().await?;
    let id = pq::add(&mut tx, fy, (&title, &summary, &link, &on), &actor.username).await?;
    let event = Event::Meeting {
        action: "program_evaluation_added",
        key: format!("FY{fy} program evaluation {id}"),
        after: json!({ "title": title, "completed": on, "evidence": link }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes program evaluation `id` from year `fy`'s report (while it is not signed off).
pub async fn remove_program_evaluation(
    db: &Db,
    actor: &Actor,
    fy: i32,
    id: i64,
) -> Result<String, Refused> {
    still_open(db, fy).await?;
    let mut tx = db.begin_write().await?;
    let Some(title) = pq::remove(&mut tx, fy, id).await? else {
        return Err(Refused::Error(AppError::Conflict(
            "That program evaluation is no longer in the report: someone removed it already."
                .into(),
        )));
    };
    let event = Event::Meeting {
        action: "program_evaluation_removed",
        key: format!("FY{fy} program evaluation {id}"),
        after: json!({ "title": title }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(title)
}
