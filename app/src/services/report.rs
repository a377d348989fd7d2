//! The Annual Performance Report's writes: a goal's evaluation of the year (one
//! transaction with its audit event).

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::report::{check_evaluation, NarrativeInput};
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
