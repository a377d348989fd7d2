//! The planning cycle: marking its milestones done or reopening them.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::cycle::milestones;
use crate::model::fiscal::check_year;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::cycle as cq;

/// Marks planning-cycle milestone `key` of a year done (with who) or reopens it; writes
/// nothing when it is already so.
pub async fn mark_cycle(
    db: &Db,
    actor: &Actor,
    fiscal_year: i32,
    key: &str,
    done: bool,
) -> Result<(), AppError> {
    check_year(fiscal_year)?;
    if !milestones(fiscal_year).iter().any(|m| m.key == key) {
        return Err(AppError::Invalid(format!(
            "\"{key}\" is not a milestone of the planning cycle."
        )));
    }
    let mut tx = db.begin_write().await?;
    let changed = if done {
        cq::mark(&mut tx, fiscal_year, key, &actor.username).await?
    } else {
        cq::unmark(&mut tx, fiscal_year, key).await?
    };
    if changed {
        let event = Event::Done {
            object_type: "cycle",
            key: format!("FY{fiscal_year} {key}"),
            done,
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    tx.commit().await?;
    Ok(())
}
