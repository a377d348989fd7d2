//! Quarterly status: recording a strategy's update for a quarter (or correcting it).

use super::audit::{self, Event, StatusMark, Via};
use super::lock;
use super::outcome::Outcome;
use crate::auth::policy::{self, Owned};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::lock::Lockable;
use crate::model::review::UpdateState;
use crate::model::status::{validate, StatusInput, StatusUpdate};
use crate::model::user::CurrentUser;
use crate::model::view::{ActualSlot, StatusFormData};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::queries::reviews;
use crate::queries::status as q;
use chrono::NaiveDate;

/// How saving a status update ended: saved (the update's id), or refused; a conflict
/// carries the update someone else saved first, for the form to show beside yours.
pub type StatusOutcome = Outcome<i64, Option<Box<StatusUpdate>>>;

/// The message shown with a conflicting save.
pub const CONFLICT: &str =
    "Someone else saved an update for this strategy and quarter while you were editing. \
     Their update is shown below; your text is kept. Save again to record yours as a correction.";

/// Records `user`'s status update of strategy `number` for `fq` (`None`: the system, the
/// command line): the strategy or a 404, the policy's object rule (a manager records
/// only what is assigned to them), then the checks — not after the quarter `today` falls
/// in (by the calendar `cal`), not locked, not retired, a valid update. A second update
/// for the same quarter corrects the latest one; `input.base_version` must be the
/// version the form showed; `via` is the door it came in by (audited).
pub async fn save_status(
    db: &Db,
    user: Option<&CurrentUser>,
    number: &str,
    fq: FiscalQuarter,
    (input, via): (&StatusInput, Via),
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<StatusOutcome, AppError> {
    let (strategy_id, retired) = q::strategy_and_retirement(db, number)
        .await?
        .ok_or_else(|| no_strategy(number))?;
    if let Some(user) = user {
        policy::require(db, user, Owned::Strategy(strategy_id)).await?;
    }
    let actor = &user.map_or_else(Actor::system, Actor::user);
    let now = cal.quarter_of(today);
    let mut errors = validate(input).err().unwrap_or_default();
    if fq > now {
        errors.push((
            "quarter".into(),
            format!("{fq} has not started yet; record status for this quarter or an earlier one."),
        ));
    }
    let latest = q::latest(db, strategy_id, fq).await?;
    let item = (
        Lockable::Strategy(strategy_id),
        &*format!("the status of strategy {number}"),
    );
    if let Some(locked) = lock::refusal(db, actor, item, fq, (cal, today)).await? {
        errors.push(("quarter".into(), locked));
    }
    if let Some(revision) = retired {
        errors.push((
            "quarter".into(),
            format!("Strategy {number} was retired in plan revision {revision}: it takes no more status updates."),
        ));
    }
    let (status, percent) = match validate(input) {
        Ok(ok) if errors.is_empty() => ok,
        _ => return Ok(Outcome::Invalid(errors)),
    };
    if latest.as_ref().map_or(0, |l| l.version) != input.base_version {
        return Ok(conflict(latest, number, fq, cal));
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
        draft: input.draft,
    };
    let Some(update_id) = q::insert(&mut tx, &new).await? else {
        drop(tx);
        let theirs = q::latest(db, strategy_id, fq).await?;
        return Ok(conflict(theirs, number, fq, cal));
    };
    let event = Event::Status {
        number: number.to_string(),
        quarter: fq,
        before: latest.as_ref().map(|l| StatusMark {
            status: l.status,
            percent: l.percent,
            version: l.version,
        }),
        after: StatusMark {
            status,
            percent,
            version: new.version,
        },
        corrects: latest.as_ref().map(|l| l.id),
        draft: input.draft,
        via,
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    tracing::info!(strategy = %number, quarter = %fq, update_id, "status recorded");
    Ok(Outcome::Saved(update_id))
}

/// A refusal showing the update someone else saved first.
fn conflict(
    theirs: Option<StatusUpdate>,
    number: &str,
    fq: FiscalQuarter,
    cal: FiscalCalendar,
) -> StatusOutcome {
    Outcome::Conflict {
        what: format!("strategy {number}'s {} status", fq.slug()),
        theirs: theirs.map(|t| Box::new(t.labelled(cal))),
    }
}

/// A strategy's id, or 404 naming the number.
pub async fn strategy_or_404(db: &Db, number: &str) -> Result<i64, AppError> {
    q::strategy_id(db, number)
        .await?
        .ok_or_else(|| no_strategy(number))
}

/// The 404 for a strategy number the plan does not have.
fn no_strategy(number: &str) -> AppError {
    AppError::NotFound(format!("There is no strategy {number} in this plan."))
}

/// Whether `user` may record the status of the strategy with id `id` (the policy's
/// object rule; nobody signed out may).
pub async fn may_record(db: &Db, user: Option<&CurrentUser>, id: i64) -> Result<bool, AppError> {
    match user {
        Some(u) => policy::may_act_on(db, u, Owned::Strategy(id)).await,
        None => Ok(false),
    }
}

/// Every status update of a strategy, newest first, each with its approval or return;
/// the latest submitted version of each quarter is `reviewable` when `user` may review
/// it and approval is on.
pub async fn history(
    db: &Db,
    user: Option<&CurrentUser>,
    number: &str,
    cal: FiscalCalendar,
) -> Result<Vec<StatusUpdate>, AppError> {
    let id = strategy_or_404(db, number).await?;
    let updates = q::history(db, id).await?;
    let reviews = reviews::of_strategy(db, id).await?;
    let may_review = policy::allows(crate::auth::UseCase::ReviewStatus, user)
        && crate::queries::settings::approval_required(db).await?;
    let mut seen_submitted = std::collections::HashSet::new();
    Ok(updates
        .into_iter()
        .map(|mut u| {
            let key = (u.quarter.year as i64, u.quarter.quarter as i64);
            u.review = reviews
                .iter()
                .find(|r| (r.fiscal_year, r.quarter, r.version) == (key.0, key.1, u.version))
                .map(|r| r.read(cal));
            // Newest version first: the first submitted one of a quarter is what counts.
            let latest_submitted = !u.draft && seen_submitted.insert(key);
            u.reviewable = may_review && latest_submitted && u.review.is_none();
            u.labelled(cal)
        })
        .collect())
}

/// The status form of strategy `number` for quarter `fq` as `user` sees it, with each
/// attached measure's latest actual for that quarter, and whether the quarter is locked
/// on `today` (no returned forms yet).
pub async fn status_form(
    db: &Db,
    user: Option<&CurrentUser>,
    number: &str,
    fq: FiscalQuarter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<StatusFormData, AppError> {
    let id = strategy_or_404(db, number).await?;
    let detail = crate::queries::plan::strategy_detail(db, number)
        .await?
        .ok_or(AppError::Internal)?;
    let can_edit = may_record(db, user, id).await?;
    let mut measures = Vec::new();
    for m in mq::attached_to(db, number).await? {
        let latest = mq::latest_actual(db, m.id, fq.year, fq.quarter).await?;
        measures.push(ActualSlot {
            targets: super::measure_page::targets_beside(db, &m, fq).await?,
            latest: latest.map_or("None recorded".into(), |(_, r)| m.show_reading(r)),
            version: latest.map_or(0, |(v, _)| v),
            measure: m,
            returned: None,
        });
    }
    let latest = q::latest(db, id, fq).await?;
    let lock = lock::state(db, Lockable::Strategy(id), fq, (cal, today)).await?;
    let review = reviews::of_latest_submitted(db, id, fq)
        .await?
        .map(|r| r.read(cal));
    let state = UpdateState::of(latest.as_ref().map(|l| l.draft), review.as_ref());
    Ok(StatusFormData {
        can_unlock: policy::allows(crate::auth::UseCase::UnlockQuarter, user),
        unlock_returned: None,
        state,
        lock,
        measures,
        strategy: number.to_string(),
        strategy_text: detail.strategy.text,
        quarter: fq,
        quarter_label: cal.describe(fq),
        latest: latest.map(|u| u.labelled(cal)),
        returned: None,
        can_edit,
    })
}
