//! The working group's call tracker: who has recorded what for a quarter, by owner and
//! by goal (the tracker page, review agendas and reminder mail read it).

use crate::db::Db;
use crate::model::call::{order_owners, CallState, CallTracker, GoalProgress, OwnerProgress};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::Reading;
use crate::model::review::UpdateState;
use crate::queries::reviews::ReviewRow;
use chrono::NaiveDate;
use sqlx::Error;
use std::collections::HashMap;

/// Where strategy `number`'s update stands, from the quarter's states.
pub fn state_of(
    states: &HashMap<String, (bool, Option<ReviewRow>)>,
    number: &str,
    cal: FiscalCalendar,
) -> UpdateState {
    let (draft, review) = match states.get(number) {
        Some((draft, review)) => (Some(*draft), review.as_ref()),
        None => (None, None),
    };
    let review = review.map(|r| r.read(cal));
    UpdateState::of(draft, review.as_ref())
}

/// Quarter `quarter`'s call on `today`: each owner's recorded and missing items (overdue
/// owners first) and each goal's count.
pub async fn tracker(
    db: &Db,
    quarter: FiscalQuarter,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<CallTracker, Error> {
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let state = schedule.state(cal, quarter, today);
    let late = matches!(state, CallState::PastDue | CallState::Locked);
    let lines = crate::queries::status::strategy_lines(db).await?;
    let now = crate::queries::dashboard::current_statuses(db, quarter).await?;
    let actuals = crate::queries::measure::actuals(db, (quarter.year, quarter.year)).await?;
    let measures = crate::queries::measure::list(db).await?;
    let states = crate::queries::reviews::quarter_states(db, quarter).await?;
    let names: std::collections::HashMap<String, String> =
        crate::queries::ownership::candidates(db)
            .await?
            .into_iter()
            .map(|c| (c.username, c.display_name))
            .collect();
    let threads = crate::model::comment::open_by_update(
        &crate::queries::comments::open_threads(db, "status_update")
            .await?
            .into_iter()
            .collect(),
    );
    let mut owners: Vec<OwnerProgress> = Vec::new();
    for line in &lines {
        for username in &line.owners {
            let i = match owners.iter().position(|o| o.username == *username) {
                Some(i) => i,
                None => {
                    owners.push(OwnerProgress {
                        username: username.clone(),
                        display_name: names.get(username).cloned().unwrap_or(username.clone()),
                        strategies: 0,
                        measures: 0,
                        missing_status: Vec::new(),
                        missing_actuals: Vec::new(),
                        returned: Vec::new(),
                        overdue: false,
                        open_threads: 0,
                    });
                    owners.len() - 1
                }
            };
            let o = &mut owners[i];
            o.strategies += 1;
            o.open_threads += threads
                .get(&(line.number.clone(), quarter.year, quarter.quarter))
                .copied()
                .unwrap_or(0);
            if !now.contains_key(&line.number) {
                o.missing_status.push(line.number.clone());
            } else if matches!(
                state_of(&states, &line.number, cal),
                UpdateState::Returned { .. }
            ) {
                o.returned.push(line.number.clone());
            }
            for m in measures
                .iter()
                .filter(|m| m.strategy.as_deref() == Some(line.number.as_str()))
            {
                o.measures += 1;
                let recorded = actuals
                    .get(&(m.id, quarter.year, quarter.quarter))
                    .is_some_and(|r| *r != Reading::Missing);
                if !recorded {
                    o.missing_actuals.push((m.id, m.name.clone()));
                }
            }
        }
    }
    for o in &mut owners {
        o.overdue = late && o.missing() > 0;
    }
    order_owners(&mut owners);
    let mut goals: Vec<GoalProgress> = Vec::new();
    for line in &lines {
        if goals.last().is_none_or(|g| g.goal != line.goal) {
            goals.push(GoalProgress {
                goal: line.goal.clone(),
                name: line.goal_name.clone(),
                strategies: 0,
                recorded: 0,
                approved: 0,
                unowned: 0,
            });
        }
        if let Some(g) = goals.last_mut() {
            g.strategies += 1;
            g.recorded += usize::from(now.contains_key(&line.number));
            let approved = states
                .get(&line.number)
                .is_some_and(|(_, r)| r.as_ref().is_some_and(|r| r.decision == "approved"));
            g.approved += usize::from(approved);
            g.unowned += usize::from(line.owners.is_empty());
        }
    }
    Ok(CallTracker {
        quarter,
        due: schedule.due(cal, quarter).format("%-d %B %Y").to_string(),
        locks: schedule.lock(cal, quarter).format("%-d %B %Y").to_string(),
        state,
        owners,
        goals,
        unowned: lines
            .iter()
            .filter(|l| l.owners.is_empty())
            .map(|l| (l.number.clone(), l.text.clone()))
            .collect(),
    })
}
