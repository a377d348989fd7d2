//! The exceptions list of a quarter: strategies at risk or off track and measures behind
//! or not met, with owner, since when, explanation and corrective action (the dashboard,
//! a goal page and the briefing packet read it).

use crate::db::Db;
use crate::model::exception::{
    is_measure_exception, since, Exceptions, MeasureException, StrategyException,
};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::status::Status;
use crate::queries::dashboard as q;
use crate::queries::status as sq;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The plan's exceptions in `quarter` as they stood at its end (or on `today`, if
/// sooner), worst first, then in plan order; `lines` are every strategy's
/// ([`strategy_lines`](sq::strategy_lines), which the caller has read already). A fixed
/// number of queries, whatever the plan's size.
pub async fn exceptions(
    db: &Db,
    (cal, today): (FiscalCalendar, NaiveDate),
    quarter: FiscalQuarter,
    lines: &[sq::StrategyLine],
) -> Result<Exceptions, sqlx::Error> {
    let rows: HashMap<String, q::ExceptionRow> = q::exceptions(db, quarter)
        .await?
        .into_iter()
        .map(|r| (r.number.clone(), r))
        .collect();
    let mut from = quarter;
    for _ in 0..40 {
        from = from.previous();
    }
    let history = q::exception_history(db, (from, quarter)).await?;
    let owners: HashMap<&str, &str> = lines
        .iter()
        .map(|l| (l.number.as_str(), l.owner_label.as_str()))
        .collect();
    let strategies = lines
        .iter()
        .filter_map(|l| {
            let r = rows.get(&l.number)?;
            let flagged = |fq: FiscalQuarter| {
                history
                    .contains(&(l.number.clone(), fq))
                    .then_some(Status::AtRisk)
            };
            Some(StrategyException {
                number: l.number.clone(),
                title: l.text.clone(),
                goal: l.goal.clone(),
                owner: l.owner_label.clone(),
                status: r.status,
                since: since(quarter, flagged),
                explanation: r.explanation.clone(),
                corrective_action: r.corrective_action.clone(),
            })
        })
        .collect();
    // Measures as they stood when the quarter ended (its year's quarters so far).
    let end = cal.start_of(quarter.next()).min(today);
    let fy = quarter.year;
    let rows = super::plan_year::app_rows(db, fy, cal, end, |_| true).await?;
    let explained = super::shortfalls::shortfalls(db, (fy, fy), cal).await?;
    let measures = rows
        .into_iter()
        .filter(|r| is_measure_exception(r.state) || r.standing.likely_to_miss())
        .map(|r| {
            let likely_to_miss = match (r.standing.likely_to_miss(), &r.standing.outlook) {
                (true, o) => format!(
                    "Likely to miss: {}; {}",
                    crate::model::standing::chance(o)
                        .map(crate::model::standing::chance_words)
                        .unwrap_or_default(),
                    crate::model::standing::outlook_words(o, &|v| r.measure.show(v)).to_lowercase()
                ),
                (false, _) => String::new(),
            };
            let m = r.measure;
            let why = explained.get(&(m.id, fy));
            MeasureException {
                id: m.id,
                owner: m
                    .strategy
                    .as_deref()
                    .and_then(|s| owners.get(s))
                    .map_or(String::new(), |o| o.to_string()),
                goal: m.goal.clone(),
                attached: (m.attached_label.clone(), m.attached_href.clone()),
                state: r.state,
                actual: r.actual_shown,
                target: r.target_shown,
                why: why.map_or(String::new(), |w| w.why.clone()),
                plan: why.map_or(String::new(), |w| w.plan.clone()),
                likely_to_miss,
                name: m.name,
            }
        })
        .collect();
    Ok(Exceptions {
        strategies,
        measures,
    }
    .sorted())
}
