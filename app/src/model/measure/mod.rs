//! Performance measures, their actuals, and how an actual is judged against a target.

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
    /// The goal it belongs to ("4") and its name.
    pub goal: String,
    pub goal_name: Option<String>,
    /// What it is attached to: "Goal 4", "Objective 4.1" or "Strategy 4.1.3".
    pub attached_label: String,
    /// The page of what it is attached to.
    pub attached_href: String,
    /// The strategy number when attached to a strategy.
    pub strategy: Option<String>,
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

/// Where a measure stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    Met,
    OnTrack,
    Behind,
    NotMet,
    DataLag,
    NotReported,
    NoTarget,
}

impl TargetState {
    /// Every state, in the order legends list them.
    pub const ALL: [TargetState; 7] = [
        TargetState::Met,
        TargetState::OnTrack,
        TargetState::Behind,
        TargetState::NotMet,
        TargetState::DataLag,
        TargetState::NotReported,
        TargetState::NoTarget,
    ];

    /// The stored / CSS form.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetState::Met => "met",
            TargetState::OnTrack => "on_track",
            TargetState::Behind => "behind",
            TargetState::NotMet => "not_met",
            TargetState::DataLag => "data_lag",
            TargetState::NotReported => "not_reported",
            TargetState::NoTarget => "no_target",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<TargetState> {
        TargetState::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            TargetState::Met => "Met",
            TargetState::OnTrack => "On track",
            TargetState::Behind => "Behind target",
            TargetState::NotMet => "Not met",
            TargetState::DataLag => "Data not yet available",
            TargetState::NotReported => "Not reported",
            TargetState::NoTarget => "No target",
        }
    }

    /// A symbol beside the words, so the state never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            TargetState::Met => "✔",
            TargetState::OnTrack => "●",
            TargetState::Behind => "▲",
            TargetState::NotMet => "✖",
            TargetState::DataLag => "⧗",
            TargetState::NotReported => "○",
            TargetState::NoTarget => "–",
        }
    }
}

/// The year's actual from its quarters: the sum of all four, or the last quarter's level
/// (a milestone: done in any quarter). `None` while a quarter it needs is missing.
pub fn year_actual(rule: Rule, q: [Reading; 4]) -> Option<f64> {
    match (rule.kind, rule.aggregation) {
        (Kind::Milestone, _) => {
            if q.iter().any(|r| r.value().is_some_and(|v| v >= 1.0)) {
                Some(1.0)
            } else {
                q[3].value()
            }
        }
        (_, Aggregation::Sum) => q.iter().map(|r| r.value()).sum(),
        (_, Aggregation::Latest) => q[3].value(),
    }
}

/// The actual so far, through the latest quarter with a value: the running total or the
/// latest level. `None` when no quarter has a value.
pub fn to_date_actual(rule: Rule, q: [Reading; 4]) -> Option<(usize, f64)> {
    let last = (0..4).rev().find(|&i| q[i].value().is_some())?;
    let value = match (rule.kind, rule.aggregation) {
        (Kind::Milestone, _) => {
            if q[..=last]
                .iter()
                .any(|r| r.value().is_some_and(|v| v >= 1.0))
            {
                1.0
            } else {
                0.0
            }
        }
        (_, Aggregation::Sum) => q[..=last].iter().filter_map(|r| r.value()).sum(),
        (_, Aggregation::Latest) => q[last].value().unwrap_or_default(),
    };
    Some((last, value))
}

/// The target through quarter index `last` (0-based): IP quarterly targets when set
/// (running total or that quarter's level), else the annual target spread evenly
/// (sum) or the annual level itself (latest).
pub fn to_date_target(rule: Rule, annual: f64, quarterly: [Option<f64>; 4], last: usize) -> f64 {
    match rule.aggregation {
        Aggregation::Sum if rule.kind == Kind::Quantitative => {
            if quarterly[..=last].iter().all(Option::is_some) {
                quarterly[..=last].iter().flatten().sum()
            } else {
                annual * (last + 1) as f64 / 4.0
            }
        }
        _ => quarterly[last].unwrap_or(annual),
    }
}

/// Judges a measure's year against its APP target. `elapsed` is the number of the
/// year's quarters that are over (4: the year is closed and the judgement final).
pub fn assess(
    rule: Rule,
    annual: Option<f64>,
    quarterly: [Option<f64>; 4],
    q: [Reading; 4],
    elapsed: u8,
) -> TargetState {
    let Some(annual) = annual else {
        return TargetState::NoTarget;
    };
    let elapsed = elapsed.min(4) as usize;
    if elapsed == 4 {
        return match year_actual(rule, q) {
            Some(v) if rule.reaches(v, annual) => TargetState::Met,
            Some(_) if rule.kind == Kind::Milestone && q[3] == Reading::Lag => TargetState::DataLag,
            Some(_) => TargetState::NotMet,
            None if q.contains(&Reading::Lag) => TargetState::DataLag,
            None => TargetState::NotReported,
        };
    }
    if rule.kind == Kind::Milestone && to_date_actual(rule, q).is_some_and(|(_, v)| v >= 1.0) {
        return TargetState::Met;
    }
    if elapsed > 0 && q[elapsed - 1] == Reading::Lag {
        return TargetState::DataLag;
    }
    let Some((last, actual)) = to_date_actual(rule, q) else {
        return TargetState::NotReported;
    };
    if elapsed > 0 && last + 1 < elapsed {
        return TargetState::NotReported;
    }
    if rule.kind == Kind::Milestone {
        let due = quarterly[..elapsed]
            .iter()
            .any(|t| t.is_some_and(|t| t >= 1.0));
        return if due {
            TargetState::Behind
        } else {
            TargetState::OnTrack
        };
    }
    if rule.reaches(actual, to_date_target(rule, annual, quarterly, last)) {
        TargetState::OnTrack
    } else {
        TargetState::Behind
    }
}

/// One IP quarter against its quarterly target; `over` when the quarter has ended.
pub fn quarter_state(rule: Rule, target: Option<f64>, reading: Reading, over: bool) -> TargetState {
    let Some(target) = target else {
        return TargetState::NoTarget;
    };
    match reading {
        Reading::Lag => TargetState::DataLag,
        Reading::Missing => TargetState::NotReported,
        Reading::Value(v) if rule.reaches(v, target) => TargetState::Met,
        Reading::Value(_) if over => TargetState::NotMet,
        Reading::Value(_) => TargetState::Behind,
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
}

/// A checked measure form.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureFields {
    pub rule: Rule,
    pub baseline_value: Option<f64>,
    pub baseline_fy: Option<i32>,
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
    ] {
        if text.chars().count() > MAX_MEASURE_TEXT {
            fail(
                &mut errors,
                field,
                format!("Keep this under {MAX_MEASURE_TEXT} characters."),
            );
        }
    }
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
            })
        }
        _ => Err(errors),
    }
}

fn fail(errors: &mut Vec<(String, String)>, field: &str, message: String) {
    errors.push((field.into(), message));
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

#[cfg(test)]
mod tests;
