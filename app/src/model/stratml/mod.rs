//! StratML Part 2 (`PerformancePlanOrReport`, ISO 17469, 2016 schema): one fiscal year
//! of the plan as a document: goals; objectives and strategies (strategies as objectives
//! under their goal, numbered in `SequenceIndicator`); measures as performance
//! indicators with annual and quarterly targets and actuals; each strategy's quarterly
//! status as a qualitative indicator. [`write`] makes the XML, [`read`] takes it back
//! (tolerant of the drift real files show), and [`Document::outline`] gives the plan
//! import its tree.

mod check;
mod read;
mod write;

pub use check::{problems, status_of};
pub use read::{check_shape, read, ShapeProblem, MAX_DEPTH};
pub use write::write;

use crate::model::measure::{Aggregation, Direction, Kind};
use crate::model::outline::{Outline, OutlineGoal, OutlineObjective, OutlineStrategy};
use chrono::NaiveDate;

/// The namespace of the 2016 Part 2 schema.
pub const NAMESPACE: &str = "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport";

/// One fiscal year of the plan, as StratML carries it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The plan's title.
    pub name: String,
    pub organisation: String,
    pub fiscal_year: i32,
    /// The fiscal year's first and last days.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The day the document was made.
    pub published: Option<NaiveDate>,
    pub goals: Vec<Goal>,
    /// A performance report (the year's results) rather than a plan.
    pub report: bool,
    /// What the document says of itself (empty: the plan's standard words).
    pub description: String,
}

/// A goal and the objectives and strategies under it, in plan order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Goal {
    pub number: String,
    pub name: Option<String>,
    pub statement: Option<String>,
    pub items: Vec<Item>,
}

/// An objective (`strategy` false) or a strategy, both StratML objectives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub number: String,
    pub strategy: bool,
    /// An objective's title; a strategy's text.
    pub text: Option<String>,
    pub owner_office: Option<String>,
    pub owner_person: Option<String>,
    pub indicators: Vec<Indicator>,
}

/// What an indicator measures: a performance measure, or a strategy's quarterly status.
#[derive(Debug, Clone, PartialEq)]
pub enum Measured {
    Measure(MeasureFacts),
    Status,
}

/// A measure's definition as carried in `OtherInformation`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureFacts {
    pub kind: Kind,
    pub direction: Direction,
    pub aggregation: Aggregation,
    pub baseline: Option<(f64, Option<i32>)>,
    pub data_source: String,
    pub verification: String,
    pub limitations: String,
    /// "goal 4", "objective 4.1" or "strategy 4.1.3"; `None`: the element it sits in.
    pub attached: Option<(Level, String)>,
}

/// Where a measure is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Goal,
    Objective,
    Strategy,
}

impl Level {
    /// The word used in `OtherInformation`.
    pub fn word(self) -> &'static str {
        match self {
            Level::Goal => "goal",
            Level::Objective => "objective",
            Level::Strategy => "strategy",
        }
    }
}

/// A performance indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// `MeasurementDimension`: the measure's name.
    pub name: String,
    pub unit: String,
    pub measured: Measured,
    pub results: Vec<Outcome>,
}

/// A target or an actual for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub actual: bool,
    pub fiscal_year: i32,
    /// 0 for the whole year, 1 to 4 for a quarter.
    pub period: u8,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub units: Option<f64>,
    /// `Descriptor` name and value pairs ("Status", "On track").
    pub descriptors: Vec<(String, String)>,
    pub description: String,
}

impl Outcome {
    /// The value of descriptor `name`, if present.
    pub fn descriptor(&self, name: &str) -> Option<&str> {
        self.descriptors
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a file could not be read as StratML.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct StratmlError(pub String);

/// Whether `text` looks like XML rather than plan text.
pub fn is_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// The `Identifier` of a plan item: an XML ID, so never starting with a digit.
pub fn identifier(prefix: &str, number: &str) -> String {
    format!("{prefix}-{number}")
}

/// A number as `NumberOfUnits` wants it: a plain decimal ("12.5", never "1e3").
pub fn decimal(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// How the period of a result is described by default (an actual's note replaces it).
pub fn period_words(fy: i32, period: u8, actual: bool) -> String {
    match (period, actual) {
        (0, false) => format!("FY{fy} annual target (APP)"),
        (0, true) => format!("FY{fy} annual result"),
        (q, false) => format!("FY{fy} Q{q} target (IP)"),
        (q, true) => format!("FY{fy} Q{q} actual"),
    }
}

/// The default description of a quarter's status with no accomplishments written.
pub fn status_words(fy: i32, quarter: u8) -> String {
    format!("FY{fy} Q{quarter} status")
}

impl Document {
    /// The plan tree for the plan import: goals, objectives and strategies.
    pub fn outline(&self) -> Outline {
        let goals = self
            .goals
            .iter()
            .map(|g| {
                let mut objectives: Vec<OutlineObjective> = Vec::new();
                for item in &g.items {
                    if !item.strategy {
                        objectives.push(OutlineObjective {
                            number: item.number.clone(),
                            title: item.text.clone(),
                            strategies: Vec::new(),
                        });
                        continue;
                    }
                    // A strategy whose objective the file never named gets an untitled one.
                    let parent = parent_of(&item.number);
                    let at = match objectives.iter().position(|o| o.number == parent) {
                        Some(at) => at,
                        None => {
                            objectives.push(OutlineObjective {
                                number: parent,
                                title: None,
                                strategies: Vec::new(),
                            });
                            objectives.len() - 1
                        }
                    };
                    objectives[at].strategies.push(OutlineStrategy {
                        number: item.number.clone(),
                        text: item.text.clone().unwrap_or_default(),
                    });
                }
                OutlineGoal {
                    number: g.number.clone(),
                    name: g.name.clone(),
                    statement: g.statement.clone(),
                    objectives,
                }
            })
            .collect();
        Outline {
            title: Some(self.name.clone()).filter(|t| !t.is_empty()),
            goals,
            narrative: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Every measure indicator with the level and number it is attached to.
    pub fn measures(&self) -> Vec<(Level, String, &Indicator, &MeasureFacts)> {
        let mut out = Vec::new();
        for g in &self.goals {
            for item in &g.items {
                for ind in &item.indicators {
                    if let Measured::Measure(facts) = &ind.measured {
                        let (level, number) = facts.attached.clone().unwrap_or(if item.strategy {
                            (Level::Strategy, item.number.clone())
                        } else {
                            (Level::Objective, item.number.clone())
                        });
                        out.push((level, number, ind, facts));
                    }
                }
            }
        }
        out
    }
}

/// "4.1" for "4.1.3"; "4" for "4.1".
pub fn parent_of(number: &str) -> String {
    number
        .rsplit_once('.')
        .map_or_else(String::new, |(p, _)| p.to_string())
}

#[cfg(test)]
mod tests;
