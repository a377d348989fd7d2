//! Where a goal or objective stands this quarter: the roll-up of its strategies with how
//! many reported, each strategy's status, its measures against this year's APP targets,
//! and a small chart of its strategies by status (also downloadable by its id).

use crate::charts::build;
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::plan::{MeasureLine, Standing};
use crate::model::status::{rollup, Status};
use crate::queries::dashboard as dq;
use crate::queries::status as sq;
use chrono::NaiveDate;
use sqlx::Error;

/// Goal or objective `number` ("4", "4.1") in `quarter` as read on `today` (the chart
/// undrawn).
pub async fn standing(
    db: &Db,
    number: &str,
    (cal, today): (FiscalCalendar, NaiveDate),
    quarter: FiscalQuarter,
) -> Result<(Standing, crate::model::chart::Chart), Error> {
    let settings = sq::rollup_settings(db).await?;
    let objective = number.contains('.');
    let all = sq::strategy_lines(db).await?;
    let lines: Vec<_> = all
        .iter()
        .filter(|l| match objective {
            true => l.objective == number,
            false => l.goal == number,
        })
        .cloned()
        .collect();
    let now = dq::current_statuses(db, quarter).await?;
    let statuses: Vec<(String, Option<Status>)> = lines
        .iter()
        .map(|l| (l.number.clone(), now.get(&l.number).copied()))
        .collect();
    let summary = rollup(
        &statuses.iter().map(|(_, s)| *s).collect::<Vec<_>>(),
        settings,
    );
    // A goal's chart has a bar per objective; an objective's, one bar.
    let mut categories: Vec<(String, String)> = Vec::new();
    for l in &lines {
        if !categories.iter().any(|(k, _)| *k == l.objective) {
            categories.push((l.objective.clone(), format!("Objective {}", l.objective)));
        }
    }
    let keyed: Vec<(String, Option<Status>)> = lines
        .iter()
        .map(|l| (l.objective.clone(), now.get(&l.number).copied()))
        .collect();
    let chart = build::status_of(number, &categories, &keyed, quarter);
    let rows =
        super::plan_year::app_rows(db, quarter.year, cal, today, |m| m.under(number)).await?;
    let measures = rows
        .into_iter()
        .map(|r| MeasureLine {
            id: r.measure.id,
            name: r.measure.name,
            target: r.target_shown,
            actual: r.actual_shown,
            state: r.state,
            standing: r.standing,
        })
        .collect();
    let exceptions = match objective {
        true => None,
        false => Some(
            super::exceptions::exceptions(db, (cal, today), quarter, &all)
                .await?
                .of_goal(number),
        ),
    };
    Ok((
        Standing {
            quarter,
            rollup: summary,
            statuses,
            measures,
            chart: None,
            shown: None,
            exceptions,
        },
        chart,
    ))
}
