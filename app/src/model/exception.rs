//! The exceptions list: what a director reads first — every strategy at risk or off
//! track and every measure behind or not met in a quarter, with who owns it, since when,
//! why and what is being done, worst first.

use super::fiscal::FiscalQuarter;
use super::measure::TargetState;
use super::status::Status;
use serde::{Deserialize, Serialize};

/// A strategy at risk or off track in the quarter shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyException {
    pub number: String,
    pub title: String,
    pub goal: String,
    pub owner: String,
    pub status: Status,
    /// The first quarter of the unbroken run of at-risk-or-worse quarters ending here.
    pub since: FiscalQuarter,
    pub explanation: String,
    pub corrective_action: String,
}

impl StrategyException {
    /// Since when, as read beside its status in `quarter`: "this quarter" or "since
    /// FY2026 Q4".
    pub fn since_words(&self, quarter: FiscalQuarter) -> String {
        if self.since == quarter {
            "this quarter".to_string()
        } else {
            format!("since {}", self.since)
        }
    }
}

/// A measure behind or not met against its APP target in the quarter shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureException {
    pub id: i64,
    pub name: String,
    pub goal: String,
    /// What it is attached to ("Strategy 4.1.3") and that item's page.
    pub attached: (String, String),
    pub owner: String,
    pub state: TargetState,
    /// The year's actual to date against the target, as the APP page writes it.
    pub actual: String,
    pub target: String,
    /// The recorded shortfall explanation (why, and the plan to meet it), if any.
    pub why: String,
    pub plan: String,
    /// Its own reason when the forecast gives it less than an even chance of meeting
    /// the target ("30 % likely to meet the target; forecast …"); empty otherwise.
    #[serde(default)]
    pub likely_to_miss: String,
}

/// The exceptions of a quarter (the whole plan, or one goal's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Exceptions {
    pub strategies: Vec<StrategyException>,
    pub measures: Vec<MeasureException>,
}

impl Exceptions {
    /// Whether nothing is at risk, off track, behind or not met.
    pub fn is_empty(&self) -> bool {
        self.strategies.is_empty() && self.measures.is_empty()
    }

    /// Only the exceptions under goal `goal`.
    pub fn of_goal(&self, goal: &str) -> Exceptions {
        Exceptions {
            strategies: self
                .strategies
                .iter()
                .filter(|s| s.goal == goal)
                .cloned()
                .collect(),
            measures: self
                .measures
                .iter()
                .filter(|m| m.goal == goal)
                .cloned()
                .collect(),
        }
    }

    /// Sorts worst first: off track before at risk, not met before behind; within a
    /// severity the order given (plan order: by goal, then outline) is kept.
    pub fn sorted(mut self) -> Exceptions {
        self.strategies
            .sort_by_key(|s| s.status != Status::OffTrack);
        self.measures
            .sort_by_key(|m| m.state != TargetState::NotMet);
        self
    }
}

/// Whether a strategy's status makes it an exception.
pub fn is_exception(status: Status) -> bool {
    matches!(status, Status::AtRisk | Status::OffTrack)
}

/// Whether a measure's state makes it an exception.
pub fn is_measure_exception(state: TargetState) -> bool {
    matches!(state, TargetState::Behind | TargetState::NotMet)
}

/// Since when a strategy has been at risk or off track, given its status by quarter:
/// walks back from `quarter` while each earlier quarter was at risk or off track (a
/// quarter with no status ends the run).
pub fn since(
    quarter: FiscalQuarter,
    status_in: impl Fn(FiscalQuarter) -> Option<Status>,
) -> FiscalQuarter {
    let mut first = quarter;
    // Ten years back at most.
    for _ in 0..40 {
        let before = first.previous();
        match status_in(before) {
            Some(s) if is_exception(s) => first = before,
            _ => break,
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: i32, quarter: u8) -> FiscalQuarter {
        FiscalQuarter { year, quarter }
    }

    #[test]
    fn since_walks_back_over_a_year_boundary_and_stops_at_a_gap_or_a_good_quarter() {
        let history = [
            (q(2026, 2), Status::AtRisk),
            (q(2026, 3), Status::OnTrack),
            (q(2026, 4), Status::AtRisk),
            (q(2027, 1), Status::OffTrack),
        ];
        let at = |fq: FiscalQuarter| history.iter().find(|(h, _)| *h == fq).map(|(_, s)| *s);
        assert_eq!(since(q(2027, 1), at), q(2026, 4));
        assert_eq!(since(q(2026, 2), at), q(2026, 2));
        let gap = |fq: FiscalQuarter| (fq != q(2026, 4)).then_some(Status::AtRisk);
        assert_eq!(since(q(2027, 2), gap), q(2027, 1));
    }

    fn strategy(number: &str, goal: &str, status: Status) -> StrategyException {
        StrategyException {
            number: number.into(),
            title: format!("Strategy {number}"),
            goal: goal.into(),
            owner: String::new(),
            status,
            since: q(2027, 1),
            explanation: String::new(),
            corrective_action: String::new(),
        }
    }

    #[test]
    fn off_track_comes_before_at_risk_and_plan_order_is_kept_within_each() {
        let list = Exceptions {
            strategies: vec![
                strategy("1.1.1", "1", Status::AtRisk),
                strategy("2.1.1", "2", Status::OffTrack),
                strategy("3.1.1", "3", Status::AtRisk),
                strategy("4.1.1", "4", Status::OffTrack),
            ],
            measures: Vec::new(),
        }
        .sorted();
        let order: Vec<&str> = list.strategies.iter().map(|s| s.number.as_str()).collect();
        assert_eq!(order, ["2.1.1", "4.1.1", "1.1.1", "3.1.1"]);
        assert_eq!(list.of_goal("4").strategies.len(), 1);
        assert!(list.of_goal("9").is_empty());
    }

    #[test]
    fn only_at_risk_off_track_behind_and_not_met_are_exceptions() {
        let flagged: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| is_exception(*s))
            .collect();
        assert_eq!(flagged, [Status::AtRisk, Status::OffTrack]);
        let measures: Vec<TargetState> = TargetState::ALL
            .into_iter()
            .filter(|s| is_measure_exception(*s))
            .collect();
        assert_eq!(measures, [TargetState::Behind, TargetState::NotMet]);
    }
}
