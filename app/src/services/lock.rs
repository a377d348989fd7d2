//! The quarter lock: once a quarter locks (the data-call schedule), its status and actuals
//! are refused, unless a working-group member unlocks one strategy or measure with a
//! reason; the owner's next save locks it again.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::call::{check_reason, locked_message, CallState, LockState, Lockable};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::queries::audit::Actor;
use crate::queries::{measure as mq, settings, unlocks};
use chrono::NaiveDate;
use sqlx::Error;

/// Whether `item`'s quarter `q`, whose latest version is `latest_version`, takes updates
/// on `today`.
pub async fn state(
    db: &Db,
    item: Lockable,
    q: FiscalQuarter,
    latest_version: i64,
    today: (FiscalCalendar, NaiveDate),
) -> Result<LockState, Error> {
    let mut all = states(db, item, &[(q, latest_version)], today).await?;
    Ok(all.pop().unwrap_or(LockState::Open))
}

/// [`state`] of each (quarter, latest version) of `item`, reading the schedule once.
pub async fn states(
    db: &Db,
    item: Lockable,
    quarters: &[(FiscalQuarter, i64)],
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Vec<LockState>, Error> {
    let schedule = settings::call_schedule(db).await?;
    let mut all = Vec::with_capacity(quarters.len());
    for &(q, latest_version) in quarters {
        if schedule.state(cal, q, today) != CallState::Locked {
            all.push(LockState::Open);
            continue;
        }
        all.push(match unlocks::latest(db, item, q).await? {
            Some(u) if u.after_version == latest_version => LockState::Unlocked {
                reason: u.reason,
                by: u.author_name,
            },
            _ => LockState::Locked {
                since: schedule.lock(cal, q).format("%-d %B %Y").to_string(),
            },
        });
    }
    Ok(all)
}

/// The refusal of a save to `item`'s quarter `q` (`what` names it for people), if it
/// is locked. The command line (no user) is never refused: it is the server's operator.
pub async fn refusal(
    db: &Db,
    actor: &Actor,
    (item, what): (Lockable, &str),
    q: FiscalQuarter,
    latest_version: i64,
    today: (FiscalCalendar, NaiveDate),
) -> Result<Option<String>, Error> {
    if actor.user_id.is_none() {
        return Ok(None);
    }
    Ok(match state(db, item, q, latest_version, today).await? {
        LockState::Locked { since } => Some(locked_message(what, q, &since)),
        _ => None,
    })
}

/// The latest version of `item`'s quarter `q` (0 when nothing is recorded).
async fn latest_version(db: &Db, item: Lockable, q: FiscalQuarter) -> Result<i64, Error> {
    Ok(match item {
        // A strategy's unlock holds until its owner submits (not on a draft).
        Lockable::Strategy(id) => crate::queries::reviews::latest_submitted(db, id, q)
            .await?
            .unwrap_or(0),
        Lockable::Measure(id) => mq::latest_actual(db, id, q.year, q.quarter)
            .await?
            .map_or(0, |(v, _)| v),
    })
}

/// Unlocks `item`'s locked quarter `q` until its next save, for `reason`; `key` names
/// the item in the audit trail ("4.1.3", "measure 7").
pub async fn unlock(
    db: &Db,
    actor: &Actor,
    (item, key): (Lockable, &str),
    q: FiscalQuarter,
    reason: &str,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<(), Refused> {
    let reason = check_reason(reason).map_err(|e| Refused::Invalid(vec![("reason".into(), e)]))?;
    let schedule = settings::call_schedule(db).await?;
    if schedule.state(cal, q, today) != CallState::Locked {
        let message = format!("{q} is not locked: its updates are still taken.");
        return Err(Refused::Invalid(vec![("quarter".into(), message)]));
    }
    let version = latest_version(db, item, q).await?;
    let mut tx = db.begin_write().await?;
    unlocks::insert(&mut tx, item, q, version, &reason, &actor.username).await?;
    let event = Event::Unlock {
        kind: item.kind(),
        key: format!("{key} {}", q.slug()),
        reason: reason.clone(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    tracing::info!(item = key, quarter = %q, "quarter unlocked");
    Ok(())
}
