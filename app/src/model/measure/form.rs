//! Checking what a person typed for a measure: its definition, an actual, the
//! explanation of a missed target.

use super::{is_share, parse_reading, Aggregation, Direction, Kind, Reading, Rule};
use serde::{Deserialize, Serialize};

/// Longest note kept with an actual or a status.
pub const NOTE_LIMIT: usize = 2_000;

/// Checks one actual as a person typed it, on the measure form or in a CSV row: the
/// quarter (not after `now`, the current quarter), the reading or a data lag (`lag`), and
/// the note. Each problem names its field: `quarter`, `actual` or `note`.
pub fn check_actual(
    kind: Kind,
    quarter: &str,
    actual: &str,
    lag: bool,
    note: &str,
    now: crate::model::fiscal::FiscalQuarter,
) -> Result<(crate::model::fiscal::FiscalQuarter, Reading), Vec<(String, String)>> {
    use crate::model::fiscal::FiscalQuarter;
    let mut errors = Vec::new();
    let fq = FiscalQuarter::parse(quarter.trim());
    match fq {
        None => errors.push((
            "quarter".to_string(),
            format!("\"{}\" is not a quarter (use 2027-Q1).", quarter.trim()),
        )),
        Some(fq) if fq > now => errors.push((
            "quarter".to_string(),
            format!("{fq} has not started yet; record actuals for this quarter or an earlier one."),
        )),
        Some(_) => {}
    }
    let reading = match (lag, actual.trim().is_empty()) {
        (true, true) => Some(Reading::Lag),
        (true, false) => {
            errors.push((
                "actual".to_string(),
                "Leave the actual empty when its data is not yet available.".to_string(),
            ));
            None
        }
        (false, _) => parse_reading(kind, actual)
            .map_err(|e| errors.push(("actual".to_string(), e)))
            .ok(),
    };
    if note.chars().count() > NOTE_LIMIT {
        errors.push((
            "note".to_string(),
            "Keep the note under 2,000 characters.".to_string(),
        ));
    }
    match (fq, reading) {
        (Some(fq), Some(reading)) if errors.is_empty() => Ok((fq, reading)),
        _ => Err(errors),
    }
}

/// What was typed in the measure form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureInput {
    /// The version the edit form showed ("" for a new measure).
    pub version: String,
    /// "4", "4.1" or "4.1.3": the goal, objective or strategy it is attached to.
    pub attach_to: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub kind: String,
    pub aggregation: String,
    pub baseline_value: String,
    pub baseline_fy: String,
    pub data_source: String,
    pub verification: String,
    pub limitations: String,
    pub accuracy: String,
    pub compensation: String,
    pub done_when: String,
    /// Days after a quarter ends before its data are available ("" : not recorded).
    pub lag_days: String,
}

/// A checked measure form.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureFields {
    pub rule: Rule,
    pub baseline_value: Option<f64>,
    pub baseline_fy: Option<i32>,
    pub lag_days: Option<i32>,
}

/// Longest text accepted in a measure's fields.
pub const MAX_MEASURE_TEXT: usize = 5_000;

/// Checks a measure form; returns the parsed parts or (field, message) errors.
pub fn validate_measure(input: &MeasureInput) -> Result<MeasureFields, Vec<(String, String)>> {
    let mut errors: Vec<(String, String)> = Vec::new();
    if input.attach_to.trim().is_empty() {
        fail(
            &mut errors,
            "attach_to",
            "Choose the goal, objective or strategy it measures.".into(),
        );
    }
    let name = input.name.trim();
    if name.is_empty() {
        fail(&mut errors, "name", "Give the measure a name.".into());
    } else if name.chars().count() > 300 {
        fail(
            &mut errors,
            "name",
            "Keep the name under 300 characters.".into(),
        );
    }
    if input.unit.trim().chars().count() > 40 {
        fail(
            &mut errors,
            "unit",
            "Keep the unit under 40 characters.".into(),
        );
    }
    let direction = Direction::parse(&input.direction);
    if direction.is_none() {
        fail(
            &mut errors,
            "direction",
            "Choose whether higher or lower is better.".into(),
        );
    }
    let kind = Kind::parse(&input.kind);
    if kind.is_none() {
        fail(
            &mut errors,
            "kind",
            "Choose quantitative or milestone.".into(),
        );
    }
    // A milestone is done or not: the latest quarter is its year, whatever was chosen.
    let aggregation = match kind {
        Some(Kind::Milestone) => Some(Aggregation::Latest),
        _ => Aggregation::parse(&input.aggregation),
    };
    if aggregation.is_none() {
        fail(
            &mut errors,
            "aggregation",
            "Choose how quarters make the year.".into(),
        );
    }
    if aggregation == Some(Aggregation::Sum) && is_share(&input.unit) {
        fail(
            &mut errors,
            "aggregation",
            "A percentage does not add up over the quarters: choose \"The latest quarter is the \
             year's level\"."
                .into(),
        );
    }
    let baseline_value = match input.baseline_value.trim() {
        "" => None,
        t => match (kind, parse_reading(kind.unwrap_or(Kind::Quantitative), t)) {
            (_, Ok(Reading::Value(v))) => Some(v),
            _ => {
                fail(
                    &mut errors,
                    "baseline_value",
                    format!("\"{t}\" is not a number."),
                );
                None
            }
        },
    };
    let baseline_fy = match input.baseline_fy.trim() {
        "" => None,
        t => match t.trim_start_matches("FY").parse::<i32>() {
            Ok(y) if (1990..=2200).contains(&y) => Some(y),
            _ => {
                fail(
                    &mut errors,
                    "baseline_fy",
                    format!("\"{t}\" is not a fiscal year (use 2024)."),
                );
                None
            }
        },
    };
    if baseline_value.is_some() != baseline_fy.is_some() && errors.is_empty() {
        fail(
            &mut errors,
            "baseline_fy",
            "Give both the baseline value and its fiscal year, or neither.".into(),
        );
    }
    for (field, text) in [
        ("data_source", &input.data_source),
        ("verification", &input.verification),
        ("limitations", &input.limitations),
        ("accuracy", &input.accuracy),
        ("compensation", &input.compensation),
        ("done_when", &input.done_when),
    ] {
        if text.chars().count() > MAX_MEASURE_TEXT {
            fail(
                &mut errors,
                field,
                format!("Keep this under {MAX_MEASURE_TEXT} characters."),
            );
        }
    }
    let lag_days = match input.lag_days.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(d) if (0..=730).contains(&d) => Some(d),
            _ => {
                fail(
                    &mut errors,
                    "lag_days",
                    format!("\"{t}\" is not a number of days from 0 to 730."),
                );
                None
            }
        },
    };
    match (direction, kind, aggregation) {
        (Some(direction), Some(kind), Some(aggregation)) if errors.is_empty() => {
            Ok(MeasureFields {
                rule: Rule {
                    direction,
                    kind,
                    aggregation,
                },
                baseline_value,
                baseline_fy,
                lag_days,
            })
        }
        _ => Err(errors),
    }
}

fn fail(errors: &mut Vec<(String, String)>, field: &str, message: String) {
    errors.push((field.into(), message));
}

/// The structured explanation of a missed annual target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// Why the target was not met.
    pub why: String,
    /// The plan to meet it.
    pub plan: String,
    /// The schedule for that plan.
    pub schedule: String,
    /// Or: why meeting it is impractical or infeasible.
    pub infeasible: String,
    pub author: String,
    pub recorded: String,
}

/// Checks a shortfall explanation: the reason, and either a plan with its schedule or
/// why the target is impractical or infeasible.
pub fn validate_shortfall(s: &Shortfall) -> Result<(), Vec<(String, String)>> {
    let mut errors = Vec::new();
    if s.why.trim().is_empty() {
        errors.push(("why".into(), "Say why the target was not met.".into()));
    }
    let has_plan = !s.plan.trim().is_empty();
    let has_schedule = !s.schedule.trim().is_empty();
    let infeasible = !s.infeasible.trim().is_empty();
    if has_plan != has_schedule {
        let (field, what) = if has_plan {
            ("schedule", "Give the schedule for the plan.")
        } else {
            ("plan", "Describe the plan this schedule is for.")
        };
        errors.push((field.into(), what.into()));
    } else if !has_plan && !infeasible {
        errors.push((
            "plan".into(),
            "Give the plan and schedule to meet the target, or say why it is impractical or infeasible.".into(),
        ));
    }
    for (field, text) in [
        ("why", &s.why),
        ("plan", &s.plan),
        ("schedule", &s.schedule),
        ("infeasible", &s.infeasible),
    ] {
        if text.chars().count() > MAX_MEASURE_TEXT {
            errors.push((
                field.into(),
                format!("Keep this under {MAX_MEASURE_TEXT} characters."),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
