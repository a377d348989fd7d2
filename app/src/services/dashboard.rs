//! The dashboard and the charts: what leadership sees this quarter, each measure's charts,
//! a goal's heat map, and any chart rebuilt by its id for a download.

use super::read::charts;
use crate::charts::build;
use crate::db::Db;
use crate::model::axis::trend_window;
use crate::model::chart::{Chart, ChartId};
use crate::model::cycle::{due_date, milestones, CycleItem, MilestoneState};
use crate::model::dashboard::Turned;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::status::{rollup, Rollup, Status};
use crate::queries::dashboard as q;
use crate::queries::plan_year as pq;
use crate::queries::status as sq;
use chrono::NaiveDate;
use sqlx::Error;

/// The most quarters a trend or heat map shows (ten years).
pub const TREND_QUARTERS: usize = 40;

/// The fewest quarters the percent-complete trend shows.
pub const TREND_AT_LEAST: usize = 4;

/// The dashboard's parts, before drawing.
pub struct DashboardParts {
    pub quarter: FiscalQuarter,
    pub plan: Rollup,
    pub charts: Vec<Chart>,
    pub milestones: Vec<CycleItem>,
    pub turned: Vec<Turned>,
}

/// Everything the dashboard needs, for the quarter `today` falls in.
pub async fn dashboard(
    db: &Db,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<DashboardParts, Error> {
    let quarter = cal.quarter_of(today);
    let rule = sq::rollup_settings(db).await?;
    let goals = pq::goals(db).await?;
    let lines = sq::strategy_lines(db).await?;
    let now = q::current_statuses(db, quarter).await?;
    let before = q::current_statuses(db, quarter.previous()).await?;
    let statuses: Vec<(String, Option<Status>)> = lines
        .iter()
        .map(|l| (l.goal.clone(), now.get(&l.number).copied()))
        .collect();
    let plan = rollup(&statuses.iter().map(|(_, s)| *s).collect::<Vec<_>>(), rule);
    // The trend runs from the first quarter with data (at least four quarters).
    let longest = charts::last_quarters(quarter, TREND_QUARTERS);
    let points = q::percent_points(db, longest[0]).await?;
    let first = points.iter().map(|(_, q, _)| *q).min();
    let quarters = trend_window(quarter, first, TREND_AT_LEAST, TREND_QUARTERS);
    let states = super::read::plan_year::app_states(db, quarter.year, cal, today).await?;
    let marks = crate::queries::cycle::marks(db, quarter.year).await?;
    let mut open: Vec<CycleItem> = milestones(quarter.year)
        .into_iter()
        .filter(|m| !marks.contains_key(&m.key))
        .map(|m| CycleItem {
            due: due_date(cal, quarter.year, m.quarter)
                .format("%-d %b %Y")
                .to_string(),
            state: MilestoneState::of(cal, quarter.year, m.quarter, false, today),
            done: None,
            milestone: m,
        })
        .filter(|i| {
            i.state != MilestoneState::Upcoming || i.milestone.quarter <= quarter.quarter + 1
        })
        .collect();
    open.sort_by_key(|i| (i.state != MilestoneState::Overdue, i.milestone.quarter));
    let turned = lines
        .iter()
        .filter_map(|l| {
            let status = *now.get(&l.number)?;
            let was = before.get(&l.number).copied();
            (matches!(status, Status::AtRisk | Status::OffTrack) && was != Some(status)).then(
                || Turned {
                    number: l.number.clone(),
                    text: l.text.clone(),
                    status,
                    before: was,
                },
            )
        })
        .collect();
    Ok(DashboardParts {
        quarter,
        plan,
        charts: vec![
            build::status_by_goal(&goals, &statuses, quarter),
            build::percent_trend(&goals, &points, &quarters, quarter),
            build::app_scorecard(&goals, &states, quarter.year),
        ],
        milestones: open,
        turned,
    })
}

/// Rebuilds a chart by its id (for downloads); `None` when there is no such chart.
pub async fn chart_by_id(
    db: &Db,
    id: &str,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Option<Chart>, Error> {
    let Some(id) = ChartId::parse(id) else {
        return Ok(None);
    };
    let wanted = id.to_string();
    let found = match id {
        ChartId::HeatMap {
            goal,
            quarters,
            page,
        } => {
            if !(1..=TREND_QUARTERS).contains(&quarters) {
                return Ok(None);
            }
            let list = charts::last_quarters(cal.quarter_of(today), quarters);
            let (chart, paging) = charts::heat_map(db, &goal, &list, Some(page)).await?;
            // A page past the end names no chart (it would draw the last page).
            return Ok((paging.page == page).then_some(chart));
        }
        ChartId::MeasureApp(m) | ChartId::MeasureIp(m) => {
            let Some(m) = crate::queries::measure::get(db, m).await? else {
                return Ok(None);
            };
            charts::measure_charts(db, &m, cal, today).await?
        }
        ChartId::StatusOf(number) => {
            if crate::queries::plan::goal_or_objective_exists(db, &number).await? {
                vec![
                    super::read::standing::standing(db, &number, cal, today)
                        .await?
                        .1,
                ]
            } else {
                Vec::new()
            }
        }
        ChartId::StatusByGoal | ChartId::PercentTrend | ChartId::AppScorecard => {
            dashboard(db, cal, today).await?.charts
        }
    };
    Ok(found.into_iter().find(|c| c.id == wanted))
}
