//! The quarter page: every strategy's status in a quarter and the one before, the
//! roll-ups of objectives, goals and the plan, and who has not reported.

use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::paging::Paging;
use crate::model::status::{rollup, Status};
use crate::model::view::{GoalRollup, QuarterRow, QuarterView, Reported};
use crate::model::AppError;
use crate::queries::status as q;
use chrono::NaiveDate;

/// Which quarter ("2027-Q1"; none or empty: the current one) and which rows to show.
#[derive(Debug, Clone, Default)]
pub struct QuarterFilter {
    pub quarter: Option<String>,
    pub goal: Option<String>,
    pub owner: Option<String>,
    pub status: Option<String>,
    /// Which page of the table (1-based; none: the first).
    pub page: Option<usize>,
}

/// Strategies per page of the quarter page's table.
pub const ROWS_PER_PAGE: usize = 100;

/// One quarter ("2027-Q1"; empty: the current one), filtered by goal, owner and status.
pub async fn quarter_page(
    db: &Db,
    filter: &QuarterFilter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<QuarterView, AppError> {
    let QuarterFilter {
        quarter,
        goal,
        owner,
        status,
        page,
    } = filter;
    let current = cal.quarter_of(today);
    // Without a quarter in the address, the quarter being reported.
    let fq = match quarter.as_deref().filter(|s| !s.is_empty()) {
        None => crate::model::reporting::reporting_quarter(cal, today),
        Some(s) => crate::model::fiscal::quarter_in_address(s)?,
    };
    let settings = q::rollup_settings(db).await?;
    let lines = q::strategy_lines(db).await?;
    let now = q::reported_in_quarter(db, fq).await?;
    let before = crate::queries::dashboard::current_statuses(db, fq.previous()).await?;
    let mut owners: Vec<String> = lines.iter().flat_map(|l| l.owners.clone()).collect();
    owners.sort();
    owners.dedup();

    // Roll-ups and missing updates always cover the whole plan; filters narrow the table.
    let status_of = |n: &str| now.get(n).map(|u| u.status);
    let plan = rollup(
        &lines
            .iter()
            .map(|l| status_of(&l.number))
            .collect::<Vec<_>>(),
        settings,
    );
    let mut goals: Vec<GoalRollup> = Vec::new();
    for line in &lines {
        if goals.last().is_none_or(|g| g.goal != line.goal) {
            let in_goal: Vec<_> = lines.iter().filter(|l| l.goal == line.goal).collect();
            let mut objectives: Vec<String> = in_goal.iter().map(|l| l.objective.clone()).collect();
            objectives.dedup();
            goals.push(GoalRollup {
                goal: line.goal.clone(),
                name: line.goal_name.clone(),
                rollup: rollup(
                    &in_goal
                        .iter()
                        .map(|l| status_of(&l.number))
                        .collect::<Vec<_>>(),
                    settings,
                ),
                objectives: objectives
                    .into_iter()
                    .map(|o| {
                        let statuses: Vec<_> = in_goal
                            .iter()
                            .filter(|l| l.objective == o)
                            .map(|l| status_of(&l.number))
                            .collect();
                        (o, rollup(&statuses, settings))
                    })
                    .collect(),
            });
        }
    }
    let missing = owners
        .iter()
        .map(|o| {
            let numbers: Vec<String> = lines
                .iter()
                .filter(|l| l.owners.contains(o) && !now.contains_key(&l.number))
                .map(|l| l.number.clone())
                .collect();
            (o.clone(), numbers)
        })
        .filter(|(_, n)| !n.is_empty())
        .collect();
    let wanted_status = status.as_deref().and_then(Status::parse);
    let rows: Vec<_> = lines
        .into_iter()
        .filter(|l| goal.as_deref().is_none_or(|g| g.is_empty() || l.goal == g))
        .filter(|l| {
            owner
                .as_deref()
                .is_none_or(|o| o.is_empty() || l.owners.iter().any(|x| x == o))
        })
        .filter(|l| {
            status.as_deref().is_none_or(|s| s.is_empty())
                || (status.as_deref() == Some("none") && !now.contains_key(&l.number))
                || wanted_status.is_some_and(|w| status_of(&l.number) == Some(w))
        })
        .collect();
    let paging = Paging::of(rows.len(), ROWS_PER_PAGE, *page);
    let rows: Vec<QuarterRow> = paging
        .take(rows)
        .into_iter()
        .map(|l| QuarterRow {
            this_quarter: now.get(&l.number).map(|u| Reported {
                status: u.status,
                percent: u.percent,
                author: u.author_name.clone(),
                recorded: cal.label_timestamp(&u.created_at),
            }),
            last_quarter: before.get(&l.number).copied(),
            number: l.number,
            text: l.text,
            goal: l.goal,
            objective: l.objective,
            owner: l.owner_label,
            owners: l.owners,
        })
        .collect();
    Ok(QuarterView {
        quarter: fq,
        label: cal.describe(fq),
        is_current: fq == current,
        phase: Some(super::reporting::phase(db, fq, (cal, today)).await?).map(|p| {
            let note = if p.reporting {
                " (the reporting quarter)"
            } else {
                ""
            };
            (
                p.phase.symbol().to_string(),
                format!("{}{note}", p.heading()),
            )
        }),
        rule: settings.rule,
        min_coverage: settings.min_coverage,
        start_month: cal.start_month,
        plan,
        goals,
        rows,
        paging,
        missing,
        owners,
        record_all: false,
        reader: String::new(),
        settings_refused: None,
        rollup_typed: Default::default(),
        shares: (settings.on_track_share, settings.at_risk_share),
        rule_text: settings.describe(),
    })
}
