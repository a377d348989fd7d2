//! Charts several pages read: a measure's APP and IP charts and a goal's heat map.

use crate::charts::build;
use crate::db::Db;
use crate::model::chart::{Chart, HEAT_MAP_ROWS};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::paging::Paging;
use crate::queries::dashboard as q;
use chrono::NaiveDate;
use sqlx::Error;

/// The status heat map of one goal's strategies over `quarters` (two queries).
pub async fn heat_map(
    db: &Db,
    goal: &str,
    quarters: &[FiscalQuarter],
    page: Option<usize>,
) -> Result<(Chart, Paging), Error> {
    let strategies = q::goal_strategies(db, goal).await?;
    let paging = Paging::of(strategies.len(), HEAT_MAP_ROWS, page);
    let strategies = paging.take(strategies);
    let from = quarters.first().copied().unwrap_or(FiscalQuarter {
        year: 0,
        quarter: 1,
    });
    let latest = q::goal_statuses(db, goal, from).await?;
    let chart = build::heat_map(goal, &strategies, paging, quarters, |s, q| {
        latest.get(&(s.to_string(), q)).copied()
    });
    Ok((chart, paging))
}

/// The last `n` quarters up to `current`, oldest first.
pub fn last_quarters(current: FiscalQuarter, n: usize) -> Vec<FiscalQuarter> {
    let mut list = vec![current];
    while list.len() < n.max(1) {
        list.push(list[list.len() - 1].previous());
    }
    list.reverse();
    list
}
/// A measure's APP chart (five years back to this one) and IP chart (this year, with
/// its forecast), and this year's standing the forecast came from.
pub async fn measure_charts(
    db: &Db,
    m: &crate::model::measure::Measure,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<(Vec<Chart>, crate::model::standing::Standing), Error> {
    use crate::model::measure::{year_actual, Reading, ToDate};
    let now = cal.quarter_of(today);
    let targets = crate::queries::measure::targets_of(db, m.id).await?;
    let actuals = crate::queries::measure::actuals_of(db, m.id, (now.year - 5, now.year)).await?;
    let quarters = |y: i32| -> [Reading; 4] {
        [1, 2, 3, 4].map(|q| actuals.get(&(m.id, y, q)).copied().unwrap_or_default())
    };
    let years: Vec<(i32, Option<f64>, Option<f64>)> = (now.year - 5..=now.year)
        .map(|y| (y, year_actual(m.rule, quarters(y)), targets.annual(y)))
        .collect();
    let ip = targets.quarterly(now.year);
    // While the year runs (no annual actual yet), its actual so far beside its target so far.
    let to_date = years
        .last()
        .filter(|(_, actual, _)| actual.is_none())
        .and_then(|(y, _, target)| ToDate::of(m.rule, *target, ip, quarters(*y)));
    let mut ip_chart = build::measure_ip(
        m,
        now.year,
        ip,
        quarters(now.year),
        Some(now.quarter as usize - 1),
    );
    // The year's forecast, dashed to Q4 from the last quarter recorded, its range shaded.
    let standing = super::plan_year::measure_standing(db, m, now.year, cal, today).await?;
    if let (crate::model::forecast::Outlook::Forecast(f), Some(d)) =
        (standing.outlook, to_date.as_ref())
    {
        ip_chart.forecast = (d.through < 4).then_some(crate::model::chart::ChartForecast {
            from: usize::from(d.through) - 1,
            point: f.point,
            low: f.low,
            high: f.high,
        });
    }
    Ok((
        vec![build::measure_app(m, &years, to_date.as_ref()), ip_chart],
        standing,
    ))
}
