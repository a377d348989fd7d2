//! The five-year business plan's writes: a strategy's year saved as typed, or many from a
//! CSV, each checked by the same rules (one transaction, an audit event per entry) and
//! refused once that year's IP is distributed.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::business_plan::{check, Entry, EntryInput};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::business_plan::{self as q, Fields};
use serde_json::json;
use sqlx::{Any, Transaction};

/// A checked entry ready to write: (strategy number, strategy id, entry).
type Ready = (String, i64, Entry);

/// Checks `input` for the business plan starting with `first`: the strategy exists, the
/// form's rules hold, and its year's IP is not distributed yet.
async fn prepare(db: &Db, input: &EntryInput, first: i32) -> Result<Ready, Refused> {
    let number = input.strategy.trim();
    let strategy = q::strategy_id(db, number).await?.ok_or_else(|| {
        Refused::Invalid(vec![(
            "strategy".into(),
            format!("There is no strategy {number} in the plan."),
        )])
    })?;
    let entry = check(input, first).map_err(Refused::Invalid)?;
    let fy = entry.fiscal_year;
    if q::ip_distributed(db, fy).await? {
        return Err(Refused::Error(AppError::Conflict(format!(
            "The FY{fy} Implementation Plan is distributed: its business plan is frozen. Propose a change to the plan instead."
        ))));
    }
    Ok((number.to_string(), strategy, entry))
}

/// Writes a checked entry over `version` with its audit event; `Ok(false)` when someone
/// saved it since.
async fn write(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    (number, strategy, entry): &Ready,
    version: i64,
) -> Result<bool, sqlx::Error> {
    let fy = entry.fiscal_year;
    let milestones = entry.milestone_text();
    let fields = Fields {
        active: entry.active,
        milestones: &milestones,
        cents: entry.cents,
        fte: entry.fte,
        needs: &entry.needs,
        lead_office: &entry.lead_office,
        contributing: &entry.contributing,
    };
    if !q::save(tx, (*strategy, fy), version, &fields, &actor.username).await? {
        return Ok(false);
    }
    let event = Event::Meeting {
        action: "business_plan_entry",
        key: format!("strategy {number} FY{fy}"),
        after: json!({
            "active": entry.active,
            "milestones": milestones,
            "dollars": entry.cents.map(crate::model::budget::dollars),
            "fte": entry.fte,
            "lead office": entry.lead_office,
            "contributing": entry.contributing,
        }),
    };
    audit::write(tx, actor, &event).await?;
    Ok(true)
}

/// Saves strategy `input.strategy`'s year in the business plan starting with `first`, over
/// the version the form had. The caller has checked the reader may act on the strategy.
pub async fn save_entry(
    db: &Db,
    actor: &Actor,
    input: &EntryInput,
    first: i32,
) -> Result<(), Refused> {
    let ready = prepare(db, input, first).await?;
    let mut tx = db.begin_write().await?;
    if !write(&mut tx, actor, &ready, input.version).await? {
        return Err(Refused::Error(AppError::Conflict(format!(
            "Someone else saved strategy {}'s FY{} since you opened it: nothing was saved. The page now shows theirs beside what you typed.",
            ready.0, ready.2.fiscal_year
        ))));
    }
    tx.commit().await?;
    Ok(())
}

/// Saves every row of a CSV (each as its strategy's year, over what is stored), checked
/// by the form's rules; nothing is written unless every row is good. Returns (line,
/// problem) for each bad row, or how many entries were saved.
pub async fn import(
    db: &Db,
    actor: &Actor,
    rows: Vec<(usize, EntryInput)>,
    first: i32,
) -> Result<Result<usize, Vec<(usize, String)>>, AppError> {
    let mut ready = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (line, input) in rows {
        match prepare(db, &input, first).await {
            Ok(r) if !seen.insert((r.1, r.2.fiscal_year)) => problems.push((
                line,
                format!("Strategy {} FY{} is given twice.", r.0, r.2.fiscal_year),
            )),
            Ok(r) => ready.push((line, r)),
            Err(Refused::Invalid(errors)) => problems.extend(
                errors
                    .into_iter()
                    .map(|(field, e)| (line, format!("{field}: {e}"))),
            ),
            Err(Refused::Error(e @ (AppError::Internal | AppError::Unavailable))) => return Err(e),
            Err(Refused::Error(e)) => problems.push((line, e.to_string())),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    if ready.is_empty() {
        return Ok(Err(vec![(1, "The file has no entries to save.".into())]));
    }
    let mut tx = db.begin_write().await?;
    for (line, r) in &ready {
        let version = q::version_in(&mut tx, r.1, r.2.fiscal_year).await?;
        if !write(&mut tx, actor, r, version).await? {
            tx.rollback().await?;
            return Ok(Err(vec![(
                *line,
                "Someone saved this strategy's year while the file was read: nothing was written. Import it again.".into(),
            )]));
        }
    }
    tx.commit().await?;
    Ok(Ok(ready.len()))
}
