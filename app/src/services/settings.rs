//! Settings an administrator changes: how status rolls up, when the fiscal year starts.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::status::RollupRule;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::status as q;

/// Chooses how objectives, goals and the plan roll up, and (when given) the share of
/// strategies, in percent, that must report before a roll-up gives a headline status.
pub async fn set_rollup_settings(
    db: &Db,
    actor: &Actor,
    rule: RollupRule,
    min_coverage: Option<&str>,
) -> Result<(), AppError> {
    let before = q::rollup_settings(db).await?;
    let coverage = match min_coverage.map(str::trim) {
        None | Some("") => before.min_coverage,
        Some(v) => v.parse::<u8>().ok().filter(|v| *v <= 100).ok_or_else(|| {
            AppError::Invalid(format!(
                "\"{v}\" is not a share of strategies: enter a whole percent from 0 to 100."
            ))
        })?,
    };
    let mut tx = db.begin_write().await?;
    if rule != before.rule {
        q::set_setting(&mut tx, "rollup_rule", rule.as_str()).await?;
        let event = Event::Setting {
            key: "rollup_rule",
            before: before.rule.as_str().into(),
            after: rule.as_str().into(),
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    if coverage != before.min_coverage {
        q::set_setting(&mut tx, "rollup_min_coverage", &coverage.to_string()).await?;
        let event = Event::Setting {
            key: "rollup_min_coverage",
            before: before.min_coverage.into(),
            after: coverage.into(),
        };
        audit::write(&mut tx, actor, &event).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets the month (1–12) on whose first day the fiscal year starts.
pub async fn set_fiscal_start_month(db: &Db, actor: &Actor, month: u32) -> Result<(), AppError> {
    if FiscalCalendar::new(month).is_none() {
        return Err(AppError::Invalid("Choose a month from 1 to 12.".into()));
    }
    let before = q::calendar(db).await?.start_month;
    let mut tx = db.begin_write().await?;
    q::set_setting(&mut tx, "fiscal_start_month", &month.to_string()).await?;
    let event = Event::Setting {
        key: "fiscal_start_month",
        before: before.into(),
        after: month.into(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
