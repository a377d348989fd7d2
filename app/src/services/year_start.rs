//! Starting the next fiscal year from this one ("start FY2028 from FY2027"): the
//! measures' annual and quarterly targets copied as the new year's draft APP and IP
//! targets, the IP milestones not done copied to the same quarters, and the business
//! plan's milestones for the new year (its IP is prepared from it), shown before it is
//! done; refused once the new year has targets. One transaction, audited.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::measure::Period;
use crate::model::year_start::{refusal, YearStart};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::year_start as q;
use serde_json::json;

/// The milestones year `to` gets: the open ones of the year before, then the business
/// plan's for `to` that are not among them: (strategy id, number, quarter, text, from the
/// business plan).
async fn milestones_for(
    conn: &mut sqlx::AnyConnection,
    to: i32,
) -> Result<Vec<(i64, String, i64, String, bool)>, sqlx::Error> {
    let mut all: Vec<(i64, String, i64, String, bool)> = q::open_milestones(&mut *conn, to - 1)
        .await?
        .into_iter()
        .map(|(s, n, quarter, d)| (s, n, quarter, d, false))
        .collect();
    for (strategy, number, lines) in q::planned_milestones(&mut *conn, to).await? {
        for (quarter, text) in
            crate::model::business_plan::parse_milestones(&lines).unwrap_or_default()
        {
            let quarter = i64::from(quarter);
            let known = all.iter().any(|(s, _, q, d, _)| {
                *s == strategy && *q == quarter && d.eq_ignore_ascii_case(&text)
            });
            if !known {
                all.push((strategy, number.clone(), quarter, text, true));
            }
        }
    }
    Ok(all)
}

fn period_label(period: Period) -> String {
    match period {
        Period::Annual => "Annual".into(),
        p => p.short(),
    }
}

/// What starting year `to` from the year before copies, and whether it may be done.
pub async fn preview(db: &Db, to: i32, can_start: bool) -> Result<YearStart, AppError> {
    crate::model::fiscal::check_year(to)?;
    let from = to - 1;
    let targets = q::targets(db.pool(), from).await?;
    let existing = q::targets(db.pool(), to).await?.len() as i64;
    let mut conn = db.pool().acquire().await?;
    let milestones = milestones_for(&mut conn, to).await?;
    drop(conn);
    Ok(YearStart {
        from,
        to,
        refused: refusal(to, existing, targets.len(), milestones.len()),
        targets: targets
            .into_iter()
            .map(|t| {
                (
                    format!("{} (measure {})", t.name, t.measure_id),
                    period_label(t.period),
                    crate::model::chart::trim(t.value),
                )
            })
            .collect(),
        milestones: milestones
            .into_iter()
            .map(|(_, n, quarter, d, planned)| {
                let d = if planned {
                    format!("{d} (from the business plan)")
                } else {
                    d
                };
                (n, quarter as u8, d)
            })
            .collect(),
        actions: q::open_actions(db.pool()).await?,
        can_start,
    })
}

/// Starts year `to` from the year before: copies its targets (logged "Copied from
/// FY2027") and open milestones, all or nothing; returns (targets, milestones) copied.
pub async fn start(db: &Db, actor: &Actor, to: i32) -> Result<(usize, usize), AppError> {
    crate::model::fiscal::check_year(to)?;
    let from = to - 1;
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "targets").await?;
    let existing = q::targets(&mut *tx, to).await?.len() as i64;
    let targets = q::targets(&mut *tx, from).await?;
    let milestones = milestones_for(&mut tx, to).await?;
    if let Some(why) = refusal(to, existing, targets.len(), milestones.len()) {
        return Err(AppError::Invalid(why));
    }
    crate::queries::plan_year::ensure_year(&mut tx, to).await?;
    let reason = format!("Copied from FY{from} as the FY{to} draft");
    for t in &targets {
        crate::queries::measure::set_target(
            &mut tx,
            t.measure_id,
            to,
            t.period,
            None,
            Some(t.value),
            &reason,
            &actor.username,
        )
        .await?;
    }
    for (strategy, _, quarter, description, _) in &milestones {
        q::insert_milestone(&mut tx, *strategy, (to, *quarter), description).await?;
    }
    let event = Event::Change {
        action: "start_year",
        object: "plan_year",
        key: format!("FY{to}"),
        after: json!({ "from": from, "targets": targets.len(), "milestones": milestones.len() }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok((targets.len(), milestones.len()))
}
