//! Checking the summaries kept on write against a recomputation from history.

use crate::db::Db;
use crate::queries::summary::{self as q, ActualCurrentRow, CurrentRow, GoalQuarterRow};
use sqlx::Error;

/// Each difference between a summary and history, in words; empty when they agree.
pub async fn check(db: &Db) -> Result<Vec<String>, Error> {
    let mut found = status_check(db).await?;
    found.extend(actual_check(db).await?);
    found.extend(goal_check(db).await?);
    Ok(found)
}

/// Differences between `goal_quarter` and `status_current`.
async fn goal_check(db: &Db) -> Result<Vec<String>, Error> {
    let (stale, missing) = q::goal_differences(db).await?;
    let describe = |r: &GoalQuarterRow| {
        format!(
            "goal #{} FY{} Q{}: {} reported, percent sum {}",
            r.goal_id, r.fiscal_year, r.quarter, r.reported, r.percent_sum
        )
    };
    Ok(stale
        .iter()
        .map(|r| {
            format!(
                "goal_quarter holds {}, status_current does not",
                describe(r)
            )
        })
        .chain(
            missing
                .iter()
                .map(|r| format!("status_current says {}, goal_quarter does not", describe(r))),
        )
        .collect())
}

/// Differences between `actual_current` and the actuals' history.
async fn actual_check(db: &Db) -> Result<Vec<String>, Error> {
    let (stale, missing) = q::actual_differences(db).await?;
    let describe = |r: &ActualCurrentRow| {
        let reading = match r.value {
            Some(v) => v.to_string(),
            None => "data lag".to_string(),
        };
        format!(
            "measure #{} FY{} Q{}: {reading} (version {})",
            r.measure_id, r.fiscal_year, r.quarter, r.version
        )
    };
    Ok(stale
        .iter()
        .map(|r| format!("actual_current holds {}, history does not", describe(r)))
        .chain(
            missing
                .iter()
                .map(|r| format!("history says {}, actual_current does not", describe(r))),
        )
        .collect())
}

/// Differences between `status_current` and the status updates' history.
async fn status_check(db: &Db) -> Result<Vec<String>, Error> {
    let (stale, missing) = q::status_differences(db).await?;
    if stale.is_empty() && missing.is_empty() {
        return Ok(Vec::new());
    }
    let numbers = q::strategy_numbers(db).await?;
    let describe = |r: &CurrentRow| {
        format!(
            "strategy {} FY{} Q{}: {} {} % (version {})",
            numbers
                .get(&r.strategy_id)
                .map_or_else(|| format!("#{}", r.strategy_id), String::clone),
            r.fiscal_year,
            r.quarter,
            r.status,
            r.percent,
            r.version
        )
    };
    Ok(stale
        .iter()
        .map(|r| format!("status_current holds {}, history does not", describe(r)))
        .chain(
            missing
                .iter()
                .map(|r| format!("history says {}, status_current does not", describe(r))),
        )
        .collect())
}

/// Recomputes the summaries from history (after a check found differences).
pub async fn repair(db: &Db) -> Result<(), Error> {
    q::rebuild_status(db).await?;
    q::rebuild_actuals(db).await?;
    q::rebuild_goals(db).await
}
