//! A fiscal year's APP and IP: their pages, approving and revising the APP, distributing
//! the IP, its milestones.

use super::audit::{self, AppMark, Event};
use crate::auth::policy::{self, Owned};
use crate::db::Db;
use crate::model::fiscal::check_year;
use crate::model::plan_year::{AppStep, IpState};
use crate::model::user::CurrentUser;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::queries::plan_year as pq;

/// Takes a year's APP one step through its lifecycle (approve, start or publish a
/// revision); approving and publishing keep the targets as a numbered revision.
pub async fn change_app_state(
    db: &Db,
    actor: &Actor,
    fiscal_year: i32,
    step: AppStep,
    note: &str,
) -> Result<(), AppError> {
    check_year(fiscal_year)?;
    let year = pq::plan_year(db, fiscal_year).await?;
    let next = year.app_state.after(step).map_err(AppError::Invalid)?;
    let note = note.trim();
    if note.chars().count() > 2_000 {
        return Err(AppError::Invalid(
            "Keep the note under 2,000 characters.".into(),
        ));
    }
    let revision = year.app_revision + 1;
    let mut tx = db.begin_write().await?;
    // Target changes wait until this commits (PostgreSQL; SQLite's write lock already
    // holds), so the kept revision is exactly the targets the state change applies to.
    crate::queries::lock_for_write(db, &mut tx, "targets").await?;
    // The lifecycle row is re-read inside the write transaction: a second click that
    // raced the first finds the state already moved and changes nothing.
    pq::ensure_year(&mut tx, fiscal_year).await?;
    if pq::app_state_in(&mut tx, fiscal_year).await? != year.app_state {
        return Err(AppError::Conflict(
            "Someone else changed this APP's state just now; reload the page.".into(),
        ));
    }
    let snapshot = match step {
        AppStep::StartRevision => None,
        _ => Some(snapshot(&mut tx, fiscal_year).await?),
    };
    let kept = snapshot.as_deref().map(|t| (revision, note, t));
    pq::set_app_state(&mut tx, fiscal_year, next, kept, &actor.username).await?;
    let event = Event::AppStep {
        fiscal_year,
        step,
        before: AppMark {
            stage: year.app_state,
            revision: year.app_revision,
        },
        after: AppMark {
            stage: next,
            revision: if snapshot.is_some() {
                revision
            } else {
                year.app_revision
            },
        },
        note: note.to_string(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks a year's IP distributed (once).
pub async fn distribute_ip(db: &Db, actor: &Actor, fiscal_year: i32) -> Result<(), AppError> {
    check_year(fiscal_year)?;
    if pq::plan_year(db, fiscal_year).await?.ip_state == IpState::Distributed {
        return Err(AppError::Invalid(format!(
            "The FY{fiscal_year} IP was already distributed."
        )));
    }
    let mut tx = db.begin_write().await?;
    pq::distribute_ip(&mut tx, fiscal_year, &actor.username).await?;
    audit::write(&mut tx, actor, &Event::IpDistributed { fiscal_year }).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a quarterly milestone (quarter typed "2" or "Q2") for strategy `number` to a
/// year's IP; returns its id.
pub async fn add_ip_milestone(
    db: &Db,
    actor: &Actor,
    fiscal_year: i32,
    number: &str,
    quarter: &str,
    description: &str,
) -> Result<i64, super::Refused> {
    check_year(fiscal_year)?;
    let number = number.trim();
    let mut problems: Vec<(String, String)> = Vec::new();
    let strategy_id = crate::queries::status::strategy_id(db, number).await?;
    if strategy_id.is_none() {
        problems.push((
            "strategy".into(),
            format!("Choose a strategy: there is no strategy \"{number}\"."),
        ));
    }
    let quarter: Option<u8> = quarter
        .trim()
        .trim_start_matches('Q')
        .parse()
        .ok()
        .filter(|q| (1..=4).contains(q));
    if quarter.is_none() {
        problems.push(("quarter".into(), "Choose the quarter, Q1 to Q4.".into()));
    }
    let description = description.trim();
    if description.is_empty() || description.chars().count() > 1_000 {
        problems.push((
            "description".into(),
            "Describe the milestone in under 1,000 characters.".into(),
        ));
    }
    let (Some(strategy_id), Some(quarter), true) = (strategy_id, quarter, problems.is_empty())
    else {
        return Err(super::Refused::Invalid(problems));
    };
    let mut tx = db.begin_write().await?;
    pq::ensure_year(&mut tx, fiscal_year).await?;
    let id = pq::add_milestone(&mut tx, strategy_id, fiscal_year, quarter, description).await?;
    let event = Event::IpMilestoneAdded {
        id,
        number: number.to_string(),
        fiscal_year,
        quarter,
        description: description.to_string(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Marks IP milestone `id` done or not done (a manager: only their strategies'); returns
/// its fiscal year.
pub async fn set_ip_milestone_done(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    done: bool,
) -> Result<i32, AppError> {
    let m = pq::milestone(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no IP milestone {id}.")))?;
    policy::require(db, user, Owned::Strategy(m.strategy_id)).await?;
    let was_done = m.done_at.is_some();
    if done != was_done {
        let actor = Actor::user(user);
        let mut tx = db.begin_write().await?;
        pq::set_milestone_done(&mut tx, id, done.then_some(user.username.as_str())).await?;
        let event = Event::Done {
            object_type: "ip_milestone",
            key: format!("{id} (strategy {})", m.number),
            done,
        };
        audit::write(&mut tx, &actor, &event).await?;
        tx.commit().await?;
    }
    Ok(m.fiscal_year as i32)
}

/// The year's annual targets as JSON, for a kept revision: [[measure id, name, shown]],
/// read inside the transaction that keeps it.
pub async fn snapshot(tx: &mut mq::Tx, fy: i32) -> Result<String, sqlx::Error> {
    let measures = mq::list_in(&mut **tx).await?;
    let targets = mq::targets_in(&mut **tx, (fy, fy)).await?;
    let list: Vec<(i64, String, String)> = measures
        .iter()
        .filter_map(|m| {
            targets
                .get(&m.id)
                .and_then(|t| t.annual(fy))
                .map(|v| (m.id, m.name.clone(), m.show(v)))
        })
        .collect();
    Ok(serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()))
}
