//! A fiscal year's APP and IP as pages read them: each measure against its target, the
//! scorecard's states, the IP's quarters and milestones, and the plan's timing.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::{
    assess, quarter_state, show_year, show_year_short, Period, Reading, TargetState, ToDate,
};
use crate::model::plan_year::IpState;
use crate::model::plan_year::{AppPage, AppRevision, AppRow, IpCell, IpMilestone, IpPage, IpRow};
use crate::queries::measure as mq;
use crate::queries::plan_year as pq;
use chrono::NaiveDate;

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
    let mut kept = Vec::new();
    for r in pq::revisions(db, fy).await? {
        let targets =
            serde_json::from_str(&r.targets).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        kept.push(AppRevision {
            revision: r.revision,
            state: r.state,
            note: r.note,
            targets,
            author: r.author_name,
            recorded: cal.label_timestamp(&r.created_at),
        });
    }
    Ok(kept)
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
    let targets = mq::targets(db, (fy - 5, fy)).await?;
    // The forecast learns from up to ten earlier years.
    let history = crate::model::forecast::MAX_YEARS as i32;
    let actuals = mq::actuals(db, (fy - history, fy)).await?;
    let explained = super::shortfalls::shortfalls(db, (fy, fy), cal).await?;
    let plan_bands = crate::queries::settings::default_thresholds(db).await?;
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
            let past: Vec<[Reading; 4]> = (fy - history..fy).map(quarters).collect();
            let standing = crate::model::standing::standing(
                m.rule,
                m.thresholds.as_ref().unwrap_or(&plan_bands),
                m.profile,
                target,
                ip,
                quarters(fy),
                &past,
                elapsed,
            );
            AppRow {
                standing,
                target_shown: target.map_or("No target".into(), |t| m.show(t)),
                actual_shown: show_year(m.rule, &m.unit, (target, ip), quarters(fy)),
                to_date: ToDate::of(m.rule, target, ip, quarters(fy)),
                prior: (fy - 5..fy)
                    .map(|y| (y, show_year_short(m.rule, &m.unit, quarters(y))))
                    .collect(),
                values: (fy - 5..=fy)
                    .map(|y| crate::model::measure::year_actual(m.rule, quarters(y)))
                    .collect(),
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
    let plan_bands = crate::queries::settings::default_thresholds(db).await?;
    let rows = measures
        .into_iter()
        .map(|m| {
            let bands = m.thresholds.as_ref().unwrap_or(&plan_bands);
            let quarters = (1..=4u8)
                .map(|q| {
                    let target = targets
                        .get(&m.id)
                        .and_then(|t| t.get(fy, Period::Quarter(q)));
                    let reading = actuals.get(&(m.id, fy, q)).copied().unwrap_or_default();
                    let over = q <= elapsed;
                    // The same reading the thresholds page previews.
                    let band = Some(crate::model::scoring::quarter_band(
                        m.rule, bands, target, reading,
                    ))
                    .filter(|c| {
                        reading.value().is_some() && c.mark != crate::model::glossary::Mark::Nothing
                    })
                    .map(|c| (c.words, c.mark));
                    IpCell {
                        band,
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
        returned: None,
        can_edit: false,
    })
}

/// Where measure `m`'s year `fy` stands on `today`: band, pace and forecast (from up to
/// ten earlier years).
pub async fn measure_standing(
    db: &Db,
    m: &crate::model::measure::Measure,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<crate::model::standing::Standing, sqlx::Error> {
    let history = crate::model::forecast::MAX_YEARS as i32;
    let targets = mq::targets_of(db, m.id).await?;
    let actuals = mq::actuals_of(db, m.id, (fy - history, fy)).await?;
    let plan_bands = crate::queries::settings::default_thresholds(db).await?;
    let quarters = |y: i32| -> [Reading; 4] {
        [1, 2, 3, 4].map(|q| actuals.get(&(m.id, y, q)).copied().unwrap_or_default())
    };
    let past: Vec<[Reading; 4]> = (fy - history..fy).map(quarters).collect();
    Ok(crate::model::standing::standing(
        m.rule,
        m.thresholds.as_ref().unwrap_or(&plan_bands),
        m.profile,
        targets.annual(fy),
        targets.quarterly(fy),
        quarters(fy),
        &past,
        cal.quarters_over(fy, today),
    ))
}
