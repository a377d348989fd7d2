//! How a measure's year and quarters stand against their targets.

use super::{Aggregation, Kind, Reading, Rule};
use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

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

    /// The words for one quarter's state, naming the quarter, so an IP cell's "Not met
    /// (Q1)" is not read against the APP's year-to-date "Behind target".
    pub fn quarter_label(self, quarter: u8) -> String {
        match self {
            TargetState::Met | TargetState::NotMet => format!("{} (Q{quarter})", self.label()),
            TargetState::Behind | TargetState::OnTrack => {
                format!("{} (Q{quarter}, so far)", self.label())
            }
            _ => self.label().to_string(),
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            TargetState::Met => Mark::Done,
            TargetState::OnTrack => Mark::Going,
            TargetState::Behind => Mark::Warning,
            TargetState::NotMet => Mark::Failed,
            TargetState::DataLag => Mark::Waiting,
            TargetState::NotReported => Mark::NotYet,
            TargetState::NoTarget => Mark::Nothing,
        }
    }

    /// A symbol beside the words, so the state never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        self.mark().glyph()
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
