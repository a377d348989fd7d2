//! The dashboard and the charts: what leadership sees this quarter, each measure's charts,
//! a goal's heat map, and any chart rebuilt by its id for a download.

use super::read::charts;
use crate::charts::build;
use crate::db::Db;
use crate::model::axis::trend_window;
use crate::model::chart::{Chart, ChartId};
use crate::model::cycle::{items, window, CycleItem, MilestoneState};
use crate::model::dashboard::Turned;
use crate::model::exception::Exceptions;
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
    pub exceptions: Exceptions,
}

/// Everything the dashboard needs for `quarter` (the reporting quarter unless another is
/// picked) on `today`.
pub async fn dashboard(
    db: &Db,
    cal: FiscalCalendar,
    today: NaiveDate,
    quarter: FiscalQuarter,
) -> Result<DashboardParts, Error> {
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
    // How many of each goal's strategies reported: the average is of those only.
    let coverage: Vec<(String, usize, usize)> = goals
        .iter()
        .map(|(g, _)| {
            let of: Vec<_> = statuses.iter().filter(|(sg, _)| sg == g).collect();
            let n = of.iter().filter(|(_, s)| s.is_some()).count();
            (g.clone(), n, of.len())
        })
        .filter(|(_, _, of)| *of > 0)
        .collect();
    // The trend runs from the first quarter with data (at least four quarters).
    let longest = charts::last_quarters(quarter, TREND_QUARTERS);
    let points = q::percent_points(db, longest[0]).await?;
    let first = points.iter().map(|(_, q, _)| *q).min();
    let quarters = trend_window(quarter, first, TREND_AT_LEAST, TREND_QUARTERS);
    let states = super::read::plan_year::app_states(db, quarter.year, cal, today).await?;
    let open = open_milestones(db, cal, today).await?;
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
            build::percent_trend(&goals, &points, &quarters, (quarter, &coverage)),
            build::app_scorecard(&goals, &states, quarter.year),
        ],
        milestones: open,
        turned,
        exceptions: super::read::exceptions::exceptions(db, (cal, today), quarter, &lines).await?,
    })
}

/// The planning-cycle milestones not yet done that fall in the fiscal year under way
/// (last year's Q4 review falls in it), overdue first, none further off than next quarter.
async fn open_milestones(
    db: &Db,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Vec<CycleItem>, Error> {
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let now = cal.quarter_of(today);
    let year_began = cal.start_of(FiscalQuarter {
        year: now.year,
        quarter: 1,
    });
    let mut open = Vec::new();
    for fy in [now.year - 1, now.year] {
        let marks = crate::queries::cycle::marks(db, fy).await?;
        open.extend(
            items(fy, (schedule, cal), &marks, today)
                .into_iter()
                .filter(|i| window(&i.milestone, schedule, cal, fy).1 >= year_began)
                .filter(|i| match i.state {
                    MilestoneState::Done => false,
                    MilestoneState::Overdue | MilestoneState::Due => true,
                    MilestoneState::Upcoming => i.milestone.quarter <= now.quarter + 1,
                }),
        );
    }
    open.sort_by_key(|i| (i.state != MilestoneState::Overdue, i.milestone.quarter));
    Ok(open)
}

/// Rebuilds a chart by its id as shown for `quarter` (for downloads); `None` when there
/// is no such chart.
pub async fn chart_by_id(
    db: &Db,
    id: &str,
    (cal, today): (FiscalCalendar, NaiveDate),
    quarter: FiscalQuarter,
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
            let list = charts::last_quarters(quarter, quarters);
            let (chart, paging) = charts::heat_map(db, &goal, &list, Some(page)).await?;
            // A page past the end names no chart (it would draw the last page).
            return Ok((paging.page == page).then_some(chart));
        }
        ChartId::Roadmap { first, page } => {
            let plan = super::read::business_plan::business_plan(db, first).await?;
            let (chart, paging) = super::read::business_plan::roadmap(&plan, Some(page));
            return Ok((paging.page == page && !plan.goals.is_empty()).then_some(chart));
        }
        ChartId::MeasureApp(m) | ChartId::MeasureIp(m) => {
            let Some(m) = crate::queries::measure::get(db, m).await? else {
                return Ok(None);
            };
            charts::measure_charts(db, &m, cal, today).await?.0
        }
        ChartId::StatusOf(number) => {
            if crate::queries::plan::goal_or_objective_exists(db, &number).await? {
                vec![
                    super::read::standing::standing(db, &number, (cal, today), quarter)
                        .await?
                        .1,
                ]
            } else {
                Vec::new()
            }
        }
        ChartId::StatusByGoal | ChartId::PercentTrend | ChartId::AppScorecard => {
            dashboard(db, cal, today, quarter).await?.charts
        }
    };
    Ok(found.into_iter().find(|c| c.id == wanted))
}
