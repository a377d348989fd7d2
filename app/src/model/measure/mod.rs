//! Performance measures, their actuals, and how an actual is judged against a target.

mod assess;
mod form;
mod to_date;

pub use assess::*;
pub use form::*;
pub use to_date::{show_year, show_year_short, targets_beside, ToDate};

use serde::{Deserialize, Serialize};

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
}

/// A number to reach, or a milestone that is done or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Quantitative,
    Milestone,
}

/// How quarterly actuals make a year: added up (a count), or the latest level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    Sum,
    Latest,
}

macro_rules! stored_enum {
    ($t:ty { $($v:ident => $s:literal, $label:literal;)+ }) => {
        impl $t {
            /// The stored form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s,)+ }
            }
            /// Reads the stored form.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
            /// The words people read.
            pub fn label(self) -> &'static str {
                match self { $(Self::$v => $label,)+ }
            }
        }
    };
}

stored_enum!(Direction {
    Higher => "higher", "Higher is better";
    Lower => "lower", "Lower is better";
});
stored_enum!(Kind {
    Quantitative => "quantitative", "Quantitative";
    Milestone => "milestone", "Milestone (done or not done)";
});
stored_enum!(Aggregation {
    Sum => "sum", "Quarters add up to the year";
    Latest => "latest", "The latest quarter is the year's level";
});

/// How a measure's actuals are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub direction: Direction,
    pub kind: Kind,
    pub aggregation: Aggregation,
}

impl Rule {
    /// Does `actual` reach `target`?
    pub fn reaches(self, actual: f64, target: f64) -> bool {
        match (self.kind, self.direction) {
            (Kind::Milestone, _) => actual >= 1.0,
            (_, Direction::Higher) => actual >= target,
            (_, Direction::Lower) => actual <= target,
        }
    }
}

/// A performance measure and its data-quality record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: i64,
    /// Changes with every edit of the definition; the edit form sends back the one it showed.
    pub version: i64,
    pub name: String,
    pub unit: String,
    pub rule: Rule,
    pub baseline_value: Option<f64>,
    pub baseline_fy: Option<i32>,
    pub data_source: String,
    pub verification: String,
    pub limitations: String,
    /// The accuracy its use requires.
    #[serde(default)]
    pub accuracy: String,
    /// How its limitations are compensated for.
    #[serde(default)]
    pub compensation: String,
    /// A milestone's definition of done: what "done" means.
    #[serde(default)]
    pub done_when: String,
    /// Days after a quarter ends before its data are available (none: not recorded).
    #[serde(default)]
    pub lag_days: Option<i32>,
    /// Its own thresholds (none: the plan-wide default).
    #[serde(default)]
    pub thresholds: Option<crate::model::thresholds::Thresholds>,
    /// How its year is expected to build up when the IP gives no quarterly targets.
    #[serde(default)]
    pub profile: crate::model::thresholds::Profile,
    /// The goal it belongs to ("4") and its name.
    pub goal: String,
    pub goal_name: Option<String>,
    /// What it is attached to: "Goal 4", "Objective 4.1" or "Strategy 4.1.3".
    pub attached_label: String,
    /// The page of what it is attached to.
    pub attached_href: String,
    /// The objective number when attached to an objective or a strategy under one.
    pub objective: Option<String>,
    /// The strategy number when attached to a strategy.
    pub strategy: Option<String>,
}

/// When a quarter's data are available: "As the quarter ends", "45 days after the
/// quarter ends", or "Not recorded".
pub fn lag_words(lag_days: Option<i32>) -> String {
    match lag_days {
        None => "Not recorded".into(),
        Some(0) => "As the quarter ends".into(),
        Some(1) => "1 day after the quarter ends".into(),
        Some(d) => format!("{d} days after the quarter ends"),
    }
}

/// Whether a unit is a share ("%", "percent", "per cent"), which never adds up over quarters.
pub fn is_share(unit: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    unit.contains('%') || unit.contains("percent") || unit.contains("per cent")
}

impl Measure {
    /// Whether the measure belongs under goal or objective `number` ("4", "4.1"):
    /// attached to it or to anything beneath it.
    pub fn under(&self, number: &str) -> bool {
        if !number.contains('.') {
            return self.goal == number;
        }
        self.attached_href == format!("/objectives/{number}")
            || self
                .strategy
                .as_deref()
                .is_some_and(|s| s.starts_with(&format!("{number}.")))
    }

    /// A value as people read it: "42 cases", "Done".
    pub fn show(&self, value: f64) -> String {
        show_value(self.rule.kind, &self.unit, value)
    }

    /// A reading as people read it: a value, "Data not yet available" or "—".
    pub fn show_reading(&self, r: Reading) -> String {
        match r {
            Reading::Missing => "—".into(),
            Reading::Lag => "Data not yet available".into(),
            Reading::Value(v) => self.show(v),
        }
    }

    /// A value as typed into a form or a CSV file: a plain number, or done / not done.
    pub fn plain(&self, value: f64) -> String {
        plain_value(self.rule.kind, value)
    }
}

/// The latest version of each quarter a form offers, as it travels in a hidden field:
/// "2027-Q1:3,2026-Q4:0".
pub fn encode_versions(quarters: &[(String, i64)]) -> String {
    quarters
        .iter()
        .map(|(q, v)| format!("{q}:{v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The version [`encode_versions`] gave `quarter` (0: none recorded, or not offered).
pub fn version_in(encoded: &str, quarter: &str) -> i64 {
    encoded
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .find(|(q, _)| *q == quarter)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

/// A value for CSV and forms: a plain number, or done / not done for a milestone.
pub fn plain_value(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Milestone => show_value(kind, "", v).to_lowercase(),
        Kind::Quantitative => v.to_string(),
    }
}

/// A value with its unit, or Done / Not done for milestones.
pub fn show_value(kind: Kind, unit: &str, value: f64) -> String {
    if kind == Kind::Milestone {
        return if value >= 1.0 { "Done" } else { "Not done" }.into();
    }
    let number = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{:.2}", value)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    match unit {
        "" => number,
        "%" => format!("{number}%"),
        u => format!("{number} {u}"),
    }
}

/// One quarter's actual.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Reading {
    /// Nothing recorded.
    #[default]
    Missing,
    /// Recorded as "data not yet available".
    Lag,
    /// A value (1 or 0 for a milestone done / not done).
    Value(f64),
}

impl Reading {
    /// The value, if there is one.
    pub fn value(self) -> Option<f64> {
        match self {
            Reading::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Reads what someone typed as an actual: a number, "done" / "not done" for a milestone,
/// or "n/a" / "not available" for data not yet available.
pub fn parse_reading(kind: Kind, text: &str) -> Result<Reading, String> {
    let t = text.trim().to_lowercase();
    if [
        "n/a",
        "na",
        "not available",
        "data not yet available",
        "lag",
    ]
    .contains(&t.as_str())
    {
        return Ok(Reading::Lag);
    }
    if t.is_empty() {
        return Err("Enter the actual, or mark the data as not yet available.".into());
    }
    if kind == Kind::Milestone {
        return match t.as_str() {
            "done" | "yes" | "1" => Ok(Reading::Value(1.0)),
            "not done" | "no" | "0" => Ok(Reading::Value(0.0)),
            _ => Err(format!("\"{}\" is not done or not done.", text.trim())),
        };
    }
    parse_number(&t)
        .map(Reading::Value)
        .ok_or_else(|| format!("\"{}\" is not a number.", text.trim()))
}

/// The label and address of what a measure is attached to: its strategy if it has one,
/// else its objective, else its goal.
pub fn attachment(goal: &str, objective: Option<&str>, strategy: Option<&str>) -> (String, String) {
    match (strategy, objective) {
        (Some(s), _) => (format!("Strategy {s}"), format!("/strategies/{s}")),
        (None, Some(o)) => (format!("Objective {o}"), format!("/objectives/{o}")),
        (None, None) => (format!("Goal {goal}"), format!("/goals/{goal}")),
    }
}

/// Which target: the APP's annual one, or an IP quarter's (1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Period {
    Annual,
    Quarter(u8),
}

impl Period {
    /// Annual, then Q1..Q4: the order of the target form's fields.
    pub const ALL: [Period; 5] = [
        Period::Annual,
        Period::Quarter(1),
        Period::Quarter(2),
        Period::Quarter(3),
        Period::Quarter(4),
    ];

    /// As stored: 0 for annual, 1–4 for a quarter.
    pub fn code(self) -> i64 {
        match self {
            Period::Annual => 0,
            Period::Quarter(q) => q as i64,
        }
    }

    /// From its stored code; `None` for anything but 0–4.
    pub fn from_code(code: i64) -> Option<Period> {
        match code {
            0 => Some(Period::Annual),
            1..=4 => Some(Period::Quarter(code as u8)),
            _ => None,
        }
    }

    /// "annual" or "Q2" (audit keys).
    pub fn short(self) -> String {
        match self {
            Period::Annual => "annual".into(),
            Period::Quarter(q) => format!("Q{q}"),
        }
    }
}

/// One measure's targets, by fiscal year and period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets(pub std::collections::HashMap<(i32, Period), f64>);

impl Targets {
    /// The target of one year and period.
    pub fn get(&self, fy: i32, period: Period) -> Option<f64> {
        self.0.get(&(fy, period)).copied()
    }

    /// A year's annual (APP) target.
    pub fn annual(&self, fy: i32) -> Option<f64> {
        self.get(fy, Period::Annual)
    }

    /// A year's quarterly (IP) targets, Q1..Q4.
    pub fn quarterly(&self, fy: i32) -> [Option<f64>; 4] {
        [1, 2, 3, 4].map(|q| self.get(fy, Period::Quarter(q)))
    }

    /// The years that have any target.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.keys().map(|(y, _)| *y)
    }
}

/// A finite number, allowing thousands separators and a trailing %.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    cleaned
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() < 1e12)
}

/// One recorded actual (a version of a quarter's actual).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActualEntry {
    pub fiscal_year: i32,
    pub quarter: u8,
    pub version: i64,
    pub reading: Reading,
    pub shown: String,
    pub note: String,
    pub author: String,
    pub recorded: String,
}

/// One entry of the target change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChange {
    pub fiscal_year: i32,
    pub period: Period,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: String,
    pub author: String,
    pub recorded: String,
}

impl TargetChange {
    /// "FY2027 annual target" or "FY2027 Q2 target".
    pub fn what(&self) -> String {
        match self.period {
            Period::Annual => format!("FY{} annual target (APP)", self.fiscal_year),
            Period::Quarter(q) => format!("FY{} Q{q} target (IP)", self.fiscal_year),
        }
    }
}

crate::stored_as_text!(
    Direction,
    Direction::parse,
    "measures.direction",
    "direction"
);
crate::stored_as_text!(Kind, Kind::parse, "measures.kind", "measure kind");
crate::stored_as_text!(
    Aggregation,
    Aggregation::parse,
    "measures.aggregation",
    "aggregation"
);
crate::stored_as_number!(Period, Period::from_code, "targets.period", "period");

#[cfg(test)]
mod tests;
