//! StratML: one fiscal year of the plan exported as a Part 2 document, and a document's
//! measures, targets, actuals, status and owners written into a plan just imported
//! from it (the plan tree itself goes through the plan import and its preview).

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::status::Status;
use crate::model::stratml::{
    period_words, status_of, status_words, Document, Goal, Indicator, Item, Level, MeasureFacts,
    Measured, Outcome,
};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::stratml::{self as q, NewMeasure, NewStatus};
use chrono::NaiveDate;
use serde_json::json;
use sqlx::{Any, Transaction};
use std::collections::HashMap;

/// The plan and fiscal year `fy` as a StratML document, published `today`.
pub async fn export(db: &Db, fy: i32, today: NaiveDate) -> Result<String, AppError> {
    let (doc, _) = document(db, fy, today).await?;
    Ok(crate::model::stratml::write(&doc))
}

/// Year `fy`'s Annual Performance Report as a StratML document of type
/// `Performance_Report`: the plan's document with each measure's result for the year
/// (met or not, and for a target not met why and the plan to meet it) and the
/// transmittal statement once signed.
pub async fn export_report(db: &Db, fy: i32, today: NaiveDate) -> Result<String, AppError> {
    let (mut doc, places) = document(db, fy, today).await?;
    let cal: FiscalCalendar = crate::queries::status::calendar(db).await?;
    let report = super::read::report::report(db, fy, cal, today).await?;
    doc.report = true;
    doc.description = match &report.signed {
        Some(s) => format!(
            "Annual Performance Report for FY{fy}: {} Transmittal statement: {} Signed off by {}.",
            report.counts, s.transmittal, s.by
        ),
        None => format!(
            "Annual Performance Report for FY{fy} ({}): {}",
            report.state.label().to_lowercase(),
            report.counts
        ),
    };
    let year = (
        cal.start_of(FiscalQuarter {
            year: fy,
            quarter: 1,
        }),
        cal.end_of(FiscalQuarter {
            year: fy,
            quarter: 4,
        }),
    );
    for m in report.goals.iter().flat_map(|g| &g.measures) {
        let Some(&(gi, ii, k)) = places.get(&m.row.measure.id) else {
            continue;
        };
        doc.goals[gi].items[ii].indicators[k]
            .results
            .push(report_result(fy, m, year));
    }
    Ok(crate::model::stratml::write(&doc))
}

/// A measure's result for the report's year as a StratML actual result for the whole
/// year, its descriptors the judgement and any explanation.
fn report_result(
    fy: i32,
    m: &crate::model::report::ReportMeasure,
    (start, end): (NaiveDate, NaiveDate),
) -> Outcome {
    let mut descriptors = vec![("Result".to_string(), m.row.state.label().to_string())];
    if let Some(day) = &m.available {
        descriptors.push(("Data available".into(), day.clone()));
    }
    if let Some(s) = &m.shortfall {
        for (name, text) in [
            ("Why it was not met", &s.why),
            ("Plan to meet it", &s.plan),
            ("Schedule", &s.schedule),
            ("Why it is impractical or infeasible", &s.infeasible),
        ] {
            if !text.trim().is_empty() {
                descriptors.push((name.to_string(), text.clone()));
            }
        }
    }
    Outcome {
        actual: true,
        fiscal_year: fy,
        period: 0,
        start,
        end,
        units: m.row.values.last().copied().flatten(),
        descriptors,
        description: format!(
            "FY{fy} result: {} against a target of {}",
            m.row.actual_shown, m.row.target_shown
        ),
    }
}

/// Where each measure's indicator sits: (goal, item, indicator) by measure id.
type Places = HashMap<i64, (usize, usize, usize)>;

/// The plan and year `fy` as a document, with where each measure went.
async fn document(db: &Db, fy: i32, today: NaiveDate) -> Result<(Document, Places), AppError> {
    if !(1900..=9999).contains(&fy) {
        return Err(AppError::Invalid(format!("{fy} is not a fiscal year.")));
    }
    let Some((_, plan)) = crate::queries::plan::current_plan(db).await? else {
        return Err(AppError::NotFound(
            "There is no plan to export yet: import one first.".into(),
        ));
    };
    let cal: FiscalCalendar = crate::queries::status::calendar(db).await?;
    let quarter = |q: u8| FiscalQuarter {
        year: fy,
        quarter: q,
    };
    let mut doc = Document {
        name: plan.title,
        organisation: plan.organisation,
        fiscal_year: fy,
        start: Some(cal.start_of(quarter(1))),
        end: Some(cal.end_of(quarter(4))),
        published: Some(today),
        goals: Vec::new(),
        ..Document::default()
    };
    let mut places = Places::new();
    let objectives = q::objectives(db).await?;
    let strategies = q::strategies(db).await?;
    // (goal index, item index) of each goal's, objective's and strategy's element.
    let mut place: HashMap<(u8, String), (usize, usize)> = HashMap::new();
    let mut strategy_place: HashMap<i64, (usize, usize)> = HashMap::new();
    for g in q::goals(db).await? {
        let gi = doc.goals.len();
        let mut goal = Goal {
            number: g.number.clone(),
            name: g.text,
            statement: g.statement,
            items: Vec::new(),
        };
        for o in objectives.iter().filter(|o| o.parent == g.number) {
            place.insert((2, o.number.clone()), (gi, goal.items.len()));
            place
                .entry((1, g.number.clone()))
                .or_insert((gi, goal.items.len()));
            goal.items.push(Item {
                number: o.number.clone(),
                text: o.text.clone(),
                ..Item::default()
            });
            for s in strategies.iter().filter(|s| s.parent == o.number) {
                place.insert((3, s.number.clone()), (gi, goal.items.len()));
                strategy_place.insert(s.id, (gi, goal.items.len()));
                goal.items.push(Item {
                    number: s.number.clone(),
                    strategy: true,
                    text: s.text.clone(),
                    owner_office: s.office.clone(),
                    owner_person: s.person.clone(),
                    indicators: Vec::new(),
                });
            }
        }
        doc.goals.push(goal);
    }
    let mut targets: HashMap<i64, Vec<(u8, f64)>> = HashMap::new();
    for (m, period, value) in q::targets(db, fy).await? {
        targets.entry(m).or_default().push((period as u8, value));
    }
    let mut actuals: HashMap<i64, Vec<q::ActualRow>> = HashMap::new();
    for a in q::actuals(db, fy).await? {
        actuals.entry(a.measure_id).or_default().push(a);
    }
    for m in crate::queries::measure::list_by_id(db).await? {
        let (level, number) = match (&m.strategy, &m.objective) {
            (Some(s), _) => (3, s.clone()),
            (None, Some(o)) => (2, o.clone()),
            (None, None) => (1, m.goal.clone()),
        };
        let Some(&(gi, ii)) = place.get(&(level, number)) else {
            continue; // attached to a retired item, or a goal with no objective
        };
        let span = |p: u8| match p {
            0 => (cal.start_of(quarter(1)), cal.end_of(quarter(4))),
            q => (cal.start_of(quarter(q)), cal.end_of(quarter(q))),
        };
        let mut results = Vec::new();
        for &(period, value) in targets.get(&m.id).into_iter().flatten() {
            let (start, end) = span(period);
            results.push(Outcome {
                actual: false,
                fiscal_year: fy,
                period,
                start,
                end,
                units: Some(value),
                descriptors: Vec::new(),
                description: period_words(fy, period, false),
            });
        }
        for a in actuals.get(&m.id).into_iter().flatten() {
            let period = a.quarter as u8;
            let (start, end) = span(period);
            let descriptors = match a.value {
                Some(_) => Vec::new(),
                None => vec![("Data".to_string(), "Not yet available".to_string())],
            };
            let description = if a.note.trim().is_empty() {
                period_words(fy, period, true)
            } else {
                a.note.clone()
            };
            results.push(Outcome {
                actual: true,
                fiscal_year: fy,
                period,
                start,
                end,
                units: a.value,
                descriptors,
                description,
            });
        }
        let facts = MeasureFacts {
            kind: m.rule.kind,
            direction: m.rule.direction,
            aggregation: m.rule.aggregation,
            baseline: m.baseline_value.map(|v| (v, m.baseline_fy)),
            data_source: m.data_source,
            verification: m.verification,
            limitations: m.limitations,
            attached: (level == 1).then(|| (Level::Goal, m.goal.clone())),
        };
        let at = &mut doc.goals[gi].items[ii].indicators;
        places.insert(m.id, (gi, ii, at.len()));
        at.push(Indicator {
            name: m.name,
            unit: m.unit,
            measured: Measured::Measure(facts),
            results,
        });
    }
    let mut by_strategy: HashMap<i64, Vec<Outcome>> = HashMap::new();
    for s in q::statuses(db, fy).await? {
        let qn = s.quarter as u8;
        let status = s.status.label().to_string();
        let mut descriptors = vec![("Status".to_string(), status)];
        for (name, text) in [
            ("Issues", &s.issues),
            ("Next steps", &s.next_steps),
            ("Explanation", &s.explanation),
            ("Corrective action", &s.corrective_action),
        ] {
            if !text.trim().is_empty() {
                descriptors.push((name.to_string(), text.clone()));
            }
        }
        let description = if s.accomplishments.trim().is_empty() {
            status_words(fy, qn)
        } else {
            s.accomplishments.clone()
        };
        by_strategy.entry(s.strategy_id).or_default().push(Outcome {
            actual: true,
            fiscal_year: fy,
            period: qn,
            start: cal.start_of(quarter(qn)),
            end: cal.end_of(quarter(qn)),
            units: Some(s.percent as f64),
            descriptors,
            description,
        });
    }
    for (id, results) in by_strategy {
        if let Some(&(gi, ii)) = strategy_place.get(&id) {
            doc.goals[gi].items[ii].indicators.push(Indicator {
                name: "Quarterly status".into(),
                unit: "Percent complete".into(),
                measured: Measured::Status,
                results,
            });
        }
    }
    Ok((doc, places))
}

/// What [`import_data`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataCounts {
    pub measures: usize,
    pub targets: usize,
    pub actuals: usize,
    pub status_updates: usize,
}

const AUTHOR: &str = "StratML import";

/// Writes `doc`'s owners, measures, targets, actuals and quarterly status into the plan
/// just imported from it, in the caller's transaction, with one audit entry.
pub async fn import_data(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    doc: &Document,
) -> Result<DataCounts, AppError> {
    let mut counts = DataCounts::default();
    let reason = format!("Imported from StratML (FY{})", doc.fiscal_year);
    for item in doc.goals.iter().flat_map(|g| &g.items) {
        if !item.strategy {
            continue;
        }
        let Some((_, _, sid)) = q::item_id(tx, 3, &item.number).await? else {
            continue;
        };
        if item.owner_office.is_some() || item.owner_person.is_some() {
            let (office, person) = (item.owner_office.as_deref(), item.owner_person.as_deref());
            q::set_owners(tx, sid, office, person).await?;
        }
        for ind in item
            .indicators
            .iter()
            .filter(|i| i.measured == Measured::Status)
        {
            for r in ind.results.iter().filter(|r| r.actual && r.period > 0) {
                // `read` refused a file with an unknown status.
                let status = status_of(r).unwrap_or(Status::NotStarted);
                let accomplishments = if r.description == status_words(r.fiscal_year, r.period) {
                    ""
                } else {
                    r.description.as_str()
                };
                let text = |n: &str| r.descriptor(n).unwrap_or("");
                let new = NewStatus {
                    strategy_id: sid,
                    fiscal_year: r.fiscal_year,
                    quarter: r.period,
                    status: status.as_str(),
                    percent: r.units.unwrap_or(0.0).round().clamp(0.0, 100.0) as i64,
                    texts: [
                        accomplishments,
                        text("Issues"),
                        text("Next steps"),
                        text("Explanation"),
                        text("Corrective action"),
                    ],
                };
                q::insert_status(tx, &new, AUTHOR).await?;
                counts.status_updates += 1;
            }
        }
    }
    for (level, number, ind, facts) in doc.measures() {
        let level_no = match level {
            Level::Goal => 1,
            Level::Objective => 2,
            Level::Strategy => 3,
        };
        let Some(ids) = q::item_id(tx, level_no, &number).await? else {
            return Err(AppError::Invalid(format!(
                "The measure \"{}\" is attached to {} {number}, which the file does not have.",
                ind.name,
                level.word()
            )));
        };
        let new = NewMeasure {
            ids,
            name: &ind.name,
            unit: &ind.unit,
            direction: facts.direction.as_str(),
            kind: facts.kind.as_str(),
            aggregation: facts.aggregation.as_str(),
            baseline: facts.baseline,
            data_source: &facts.data_source,
            verification: &facts.verification,
            limitations: &facts.limitations,
        };
        let id = q::insert_measure(tx, &new).await?;
        counts.measures += 1;
        let mut seen = std::collections::HashSet::new();
        for r in &ind.results {
            // A file may repeat a period; the first one counts.
            if !seen.insert((r.actual, r.fiscal_year, r.period)) {
                continue;
            }
            let key = (id, r.fiscal_year, r.period);
            match (r.actual, r.period) {
                (false, _) => {
                    let Some(value) = r.units else { continue };
                    q::insert_target(tx, key, value, (&reason, AUTHOR)).await?;
                    counts.targets += 1;
                }
                (true, 0) => {} // a year's result is the quarters'
                (true, _) => {
                    let note = if r.description == period_words(r.fiscal_year, r.period, true) {
                        ""
                    } else {
                        r.description.as_str()
                    };
                    q::insert_actual(tx, key, r.units, (note, AUTHOR)).await?;
                    counts.actuals += 1;
                }
            }
        }
    }
    let event = Event::Change {
        action: "import_data",
        object: "plan",
        key: format!("StratML FY{}", doc.fiscal_year),
        after: json!({
            "measures": counts.measures,
            "targets": counts.targets,
            "actuals": counts.actuals,
            "status_updates": counts.status_updates,
        }),
    };
    audit::write(tx, actor, &event).await?;
    Ok(counts)
}
