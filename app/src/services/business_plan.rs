//! The five-year business plan's writes: a strategy's year saved as typed (one
//! transaction with its audit event), refused once that year's IP is distributed.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::business_plan::{check, EntryInput};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::business_plan::{self as q, Fields};
use serde_json::json;

/// Saves strategy `input.strategy`'s year in the business plan starting with `first`, over
/// the version the form had. The caller has checked the reader may act on the strategy.
pub async fn save_entry(
    db: &Db,
    actor: &Actor,
    input: &EntryInput,
    first: i32,
) -> Result<(), Refused> {
    let number = input.strategy.trim();
    let strategy = q::strategy_id(db, number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no strategy {number} in the plan.")))?;
    let entry = check(input, first).map_err(Refused::Invalid)?;
    let fy = entry.fiscal_year;
    if q::ip_distributed(db, fy).await? {
        return Err(Refused::Error(AppError::Conflict(format!(
            "The FY{fy} Implementation Plan is distributed: its business plan is frozen. Propose a change to the plan instead."
        ))));
    }
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
    let mut tx = db.begin_write().await?;
    if !q::save(
        &mut tx,
        (strategy, fy),
        input.version,
        &fields,
        &actor.username,
    )
    .await?
    {
        return Err(Refused::Error(AppError::Conflict(format!(
            "Someone else saved strategy {number}'s FY{fy} since you opened it: nothing was saved. The page now shows theirs beside what you typed."
        ))));
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
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
