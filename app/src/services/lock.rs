//! The quarter lock: once a quarter locks (the data-call schedule), its status and actuals
//! are refused, unless a working-group member unlocks one strategy or measure with a
//! reason; it stays open for its owner, drafts and all, until they submit.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::call::CallState;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::lock::{check_reason, locked_message, LockState, Lockable};
use crate::queries::audit::Actor;
use crate::queries::{measure as mq, settings, unlocks};
use chrono::NaiveDate;
use sqlx::Error;

/// Whether `item`'s quarter `q` takes updates on `today`.
pub async fn state(
    db: &Db,
    item: Lockable,
    q: FiscalQuarter,
    today: (FiscalCalendar, NaiveDate),
) -> Result<LockState, Error> {
    let mut all = states(db, item, &[q], today).await?;
    Ok(all.pop().unwrap_or(LockState::Open))
}

/// [`state`] of each quarter of `item`, reading the schedule once. An unlock holds while
/// the version it was made after is still the latest that counts ([`holding_version`]):
/// drafts saved since do not end it, a submitted update does.
pub async fn states(
    db: &Db,
    item: Lockable,
    quarters: &[FiscalQuarter],
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Vec<LockState>, Error> {
    let schedule = settings::call_schedule(db).await?;
    let mut all = Vec::with_capacity(quarters.len());
    for &q in quarters {
        if schedule.state(cal, q, today) != CallState::Locked {
            all.push(LockState::Open);
            continue;
        }
        let locked = LockState::Locked {
            since: schedule.lock(cal, q).format("%-d %B %Y").to_string(),
        };
        all.push(match unlocks::latest(db, item, q).await? {
            Some(u) if u.after_version == holding_version(db, item, q).await? => {
                LockState::Unlocked {
                    reason: u.reason,
                    by: u.author_name,
                }
            }
            _ => locked,
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
    today: (FiscalCalendar, NaiveDate),
) -> Result<Option<String>, Error> {
    if actor.user_id.is_none() {
        return Ok(None);
    }
    Ok(match state(db, item, q, today).await? {
        LockState::Locked { since } => Some(locked_message(what, q, &since)),
        _ => None,
    })
}

/// The version an unlock of `item`'s quarter `q` is made after and holds while it stays
/// the latest (0 when nothing is recorded): for a strategy its latest *submitted*
/// update, so drafts saved before or after the unlock do not end it; for a measure its
/// latest actual (actuals have no drafts).
async fn holding_version(db: &Db, item: Lockable, q: FiscalQuarter) -> Result<i64, Error> {
    Ok(match item {
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
    let version = holding_version(db, item, q).await?;
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
