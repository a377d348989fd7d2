//! Quarterly status: recording a strategy's update for a quarter (or correcting it).

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::status::{validate, StatusInput, StatusUpdate};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::status as q;

/// Why a status update wrote nothing.
#[derive(Debug)]
pub enum StatusRefused {
    /// The input has problems, each naming its field.
    Invalid(Vec<(String, String)>),
    /// Someone else saved since the form was opened: theirs, the latest.
    Conflict(Option<Box<StatusUpdate>>),
    /// Anything else.
    Error(AppError),
}

impl From<sqlx::Error> for StatusRefused {
    fn from(e: sqlx::Error) -> Self {
        StatusRefused::Error(e.into())
    }
}

/// The message shown with a conflicting save.
pub const CONFLICT: &str =
    "Someone else saved an update for this strategy and quarter while you were editing. \
     Their update is shown below; your text is kept. Save again to record yours as a correction.";

/// Records a status update of strategy `number` (id `strategy_id`) for `fq`, which may
/// not be after `now`, the current quarter by the calendar `cal`. A second update for the same quarter
/// corrects the latest one; `input.base_version` must be the version the form showed.
/// Returns the new update's id.
pub async fn record_status(
    db: &Db,
    actor: &Actor,
    (strategy_id, number): (i64, &str),
    fq: FiscalQuarter,
    input: &StatusInput,
    (cal, now): (FiscalCalendar, FiscalQuarter),
) -> Result<i64, StatusRefused> {
    let mut errors = validate(input).err().unwrap_or_default();
    if fq > now {
        errors.push((
            "quarter".into(),
            format!("{fq} has not started yet; record status for this quarter or an earlier one."),
        ));
    }
    let (status, percent) = match validate(input) {
        Ok(ok) if errors.is_empty() => ok,
        _ => return Err(StatusRefused::Invalid(errors)),
    };
    let latest = q::latest(db, strategy_id, fq, cal).await?;
    if latest.as_ref().map_or(0, |l| l.version) != input.base_version {
        return Err(StatusRefused::Conflict(latest.map(Box::new)));
    }
    let mut tx = db.begin_write().await?;
    let new = q::NewUpdate {
        strategy_id,
        quarter: fq,
        version: input.base_version + 1,
        status,
        percent,
        input,
        corrects_id: latest.as_ref().map(|l| l.id),
        author_id: actor.user_id,
        author_name: &actor.username,
    };
    let Some(update_id) = q::insert(&mut tx, &new).await? else {
        drop(tx);
        let theirs = q::latest(db, strategy_id, fq, cal).await?;
        return Err(StatusRefused::Conflict(theirs.map(Box::new)));
    };
    let event = Event::Status {
        number: number.to_string(),
        quarter: fq,
        before: latest
            .as_ref()
            .map(|l| (l.status.as_str().to_string(), l.percent, l.version)),
        after: (status.as_str().to_string(), percent, new.version),
        corrects: latest.as_ref().map(|l| l.id),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    tracing::info!(strategy = %number, quarter = %fq, update_id, "status recorded");
    Ok(update_id)
}
