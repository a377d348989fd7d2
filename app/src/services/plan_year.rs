//! A fiscal year's APP and IP: their pages, approving and revising the APP, distributing
//! the IP, its milestones.

use super::audit::{self, Event};
use crate::auth::policy::{self, Owned};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::{assess, quarter_state, year_actual, Period, Reading, TargetState};
use crate::model::plan_year::{AppPage, AppRow, IpCell, IpMilestone, IpPage, IpRow};
use crate::model::plan_year::{AppRevision, AppStep, IpState};
use crate::model::user::CurrentUser;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::queries::plan_year as pq;
use chrono::NaiveDate;

/// Refuses a fiscal year outside what a plan can hold.
pub fn check_year(fy: i32) -> Result<(), AppError> {
    if (1990..=2200).contains(&fy) {
        Ok(())
    } else {
        Err(AppError::Invalid(format!(
            "FY{fy} is not a fiscal year this plan can hold."
        )))
    }
}

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
    if pq::app_state_in(&mut tx, fiscal_year).await? != year.app_state.as_str() {
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
        before: (year.app_state, year.app_revision),
        after: (
            next,
            if snapshot.is_some() {
                revision
            } else {
                year.app_revision
            },
        ),
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
) -> Result<i64, AppError> {
    check_year(fiscal_year)?;
    let number = number.trim();
    let strategy_id = crate::queries::status::strategy_id(db, number)
        .await?
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "Choose a strategy: there is no strategy \"{number}\"."
            ))
        })?;
    let quarter: u8 = quarter
        .trim()
        .trim_start_matches('Q')
        .parse()
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| AppError::Invalid("Choose the quarter, Q1 to Q4.".into()))?;
    let description = description.trim();
    if description.is_empty() || description.chars().count() > 1_000 {
        return Err(AppError::Invalid(
            "Describe the milestone in under 1,000 characters.".into(),
        ));
    }
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

/// When the plan says a year's APP is developed, approved and revised.
pub fn app_timing(cal: FiscalCalendar, fy: i32) -> String {
    let q = |year, quarter| cal.describe(FiscalQuarter { year, quarter });
    format!(
        "The FY{fy} APP is developed in {}, approved as the baseline before FY{fy} starts, and revised at mid-year in {}.",
        q(fy - 1, 1),
        q(fy, 3)
    )
}

/// When the plan says a year's IP is distributed and executed.
pub fn ip_timing(cal: FiscalCalendar, fy: i32) -> String {
    format!(
        "The FY{fy} IP is prepared in {}, distributed in {}, and executed from {}.",
        cal.describe(FiscalQuarter {
            year: fy - 1,
            quarter: 3
        }),
        cal.describe(FiscalQuarter {
            year: fy - 1,
            quarter: 4
        }),
        cal.start_of(FiscalQuarter {
            year: fy,
            quarter: 1
        })
        .format("%-d %B %Y")
    )
}

/// Every kept revision of a year's APP, newest first.
async fn revisions(db: &Db, fy: i32, cal: FiscalCalendar) -> Result<Vec<AppRevision>, sqlx::Error> {
    Ok(pq::revisions(db, fy)
        .await?
        .into_iter()
        .map(|r| AppRevision {
            revision: r.revision,
            state: r.state,
            note: r.note,
            targets: serde_json::from_str(&r.targets).unwrap_or_default(),
            author: r.author_name,
            recorded: cal.label_timestamp(&r.created_at),
        })
        .collect())
}

/// Each measure `keep` accepts against its APP target of year `fy` on `today`: target,
/// actual, state and the five years before.
pub async fn app_rows(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
    keep: impl Fn(&crate::model::measure::Measure) -> bool,
) -> Result<Vec<AppRow>, sqlx::Error> {
    let measures = mq::list(db).await?;
    let span = (fy - 5, fy);
    let targets = mq::targets(db, span).await?;
    let actuals = mq::actuals(db, span).await?;
    let explained = super::measure_page::shortfalls(db, (fy, fy), cal).await?;
    let rows = measures
        .into_iter()
        .filter(|m| keep(m))
        .map(|m| {
            let quarters = |y: i32| -> [Reading; 4] {
                [1, 2, 3, 4].map(|q| actuals.get(&(m.id, y, q)).copied().unwrap_or_default())
            };
            let of = targets.get(&m.id).cloned().unwrap_or_default();
            let (target, ip) = (of.annual(fy), of.quarterly(fy));
            let elapsed = cal.quarters_over(fy, today);
            let state = assess(m.rule, target, ip, quarters(fy), elapsed);
            let shown_year = |y: i32| -> String {
                let q = quarters(y);
                match year_actual(m.rule, q) {
                    Some(v) => m.show(v),
                    None if q.contains(&Reading::Lag) => "Data not yet available".into(),
                    None if q.iter().all(|r| *r == Reading::Missing) => "—".into(),
                    None => "Incomplete".into(),
                }
            };
            AppRow {
                target_shown: target.map_or("No target".into(), |t| m.show(t)),
                actual_shown: shown_year(fy),
                prior: (fy - 5..fy).map(|y| (y, shown_year(y))).collect(),
                needs_explanation: state == TargetState::NotMet
                    && !explained.contains_key(&(m.id, fy)),
                state,
                target,
                measure: m,
            }
        })
        .collect();
    Ok(rows)
}

/// The APP page of year `fy` as it stands on `today`.
pub async fn app_page(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<AppPage, sqlx::Error> {
    let year = pq::plan_year(db, fy).await?;
    let rows = app_rows(db, fy, cal, today, |_| true).await?;
    Ok(AppPage {
        fiscal_year: fy,
        state: year.app_state,
        revision: year.app_revision,
        timing: app_timing(cal, fy),
        revisions: revisions(db, fy, cal).await?,
        goals: pq::goals(db).await?,
        rows,
        can_edit: false,
    })
}

/// Each measure with a target in year `fy`: its goal and where it stands against the
/// target on `today` (the dashboard's scorecard; reads that year only).
pub async fn app_states(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Vec<(String, TargetState)>, sqlx::Error> {
    let measures = mq::list(db).await?;
    let targets = mq::targets(db, (fy, fy)).await?;
    let actuals = mq::actuals(db, (fy, fy)).await?;
    let elapsed = cal.quarters_over(fy, today);
    Ok(measures
        .into_iter()
        .filter_map(|m| {
            let of = targets.get(&m.id)?;
            let target = of.annual(fy)?;
            let quarters =
                [1, 2, 3, 4].map(|q| actuals.get(&(m.id, fy, q)).copied().unwrap_or_default());
            let state = assess(m.rule, Some(target), of.quarterly(fy), quarters, elapsed);
            Some((m.goal.clone(), state))
        })
        .collect())
}

/// The IP page of year `fy` as it stands on `today`.
pub async fn ip_page(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<IpPage, sqlx::Error> {
    let year = pq::plan_year(db, fy).await?;
    let measures = mq::list(db).await?;
    let targets = mq::targets(db, (fy, fy)).await?;
    let actuals = mq::actuals(db, (fy, fy)).await?;
    let elapsed = cal.quarters_over(fy, today);
    let rows = measures
        .into_iter()
        .map(|m| {
            let quarters = (1..=4u8)
                .map(|q| {
                    let target = targets
                        .get(&m.id)
                        .and_then(|t| t.get(fy, Period::Quarter(q)));
                    let reading = actuals.get(&(m.id, fy, q)).copied().unwrap_or_default();
                    let over = q <= elapsed;
                    IpCell {
                        target,
                        target_shown: target.map_or("—".into(), |t| m.show(t)),
                        reading,
                        actual_shown: m.show_reading(reading),
                        state: quarter_state(m.rule, target, reading, over),
                        over,
                    }
                })
                .collect();
            IpRow {
                measure: m,
                quarters,
            }
        })
        .collect();
    let milestones = pq::milestones_of(db, fy)
        .await?
        .into_iter()
        .map(|r| IpMilestone {
            overdue: r.done_at.is_none() && (r.quarter as u8) <= elapsed,
            done: r
                .done_at
                .zip(r.done_by)
                .map(|(at, by)| format!("{by}, {}", cal.label_timestamp(&at))),
            id: r.id,
            strategy: r.strategy,
            goal: r.goal,
            quarter: r.quarter as u8,
            description: r.description,
        })
        .collect();
    let strategies = pq::strategy_numbers(db).await?;
    // The IP is executed from the year's first day: a draft after that is overdue.
    let first_day = cal.start_of(FiscalQuarter {
        year: fy,
        quarter: 1,
    });
    let overdue = (year.ip_state == IpState::Draft && today >= first_day)
        .then(|| first_day.format("%-d %B %Y").to_string());
    Ok(IpPage {
        fiscal_year: fy,
        state: year.ip_state,
        overdue,
        distributed: year
            .ip_distributed
            .map(|(at, by)| format!("{by}, {}", cal.label_timestamp(&at))),
        timing: ip_timing(cal, fy),
        goals: pq::goals(db).await?,
        rows,
        milestones,
        strategies,
        can_edit: false,
    })
}
