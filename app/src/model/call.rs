//! The quarterly data call: a quarter's updates are due a set number of days after it
//! ends, and the quarter locks a set number of days after that. Where each quarter's
//! call stands on a day follows from those two settings and the fiscal calendar.

use super::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::glossary::Mark;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days after a quarter ends that its updates are due, and that it locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSchedule {
    pub due_days: u32,
    pub lock_days: u32,
}

impl Default for CallSchedule {
    /// Due 15 days after the quarter, locked after 45.
    fn default() -> Self {
        CallSchedule {
            due_days: 15,
            lock_days: 45,
        }
    }
}

/// The longest either setting may be (a year).
pub const MAX_CALL_DAYS: u32 = 365;

impl CallSchedule {
    /// A schedule from what an administrator typed, or why it cannot be one.
    pub fn parse(due_days: &str, lock_days: &str) -> Result<CallSchedule, String> {
        let read = |v: &str, what: &str| {
            v.trim()
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= MAX_CALL_DAYS)
                .ok_or_else(|| {
                    format!(
                        "\"{}\" is not a number of days for {what}: use 0 to {MAX_CALL_DAYS}.",
                        v.trim()
                    )
                })
        };
        let due_days = read(due_days, "when updates are due")?;
        let lock_days = read(lock_days, "when the quarter locks")?;
        if lock_days < due_days {
            return Err(format!(
                "A quarter cannot lock ({lock_days} days) before its updates are due ({due_days} days)."
            ));
        }
        Ok(CallSchedule {
            due_days,
            lock_days,
        })
    }

    /// The day quarter `q`'s updates are due.
    pub fn due(self, cal: FiscalCalendar, q: FiscalQuarter) -> NaiveDate {
        cal.end_of(q) + Days::new(self.due_days as u64)
    }

    /// The day quarter `q` locks: from then on its status and actuals are refused.
    pub fn lock(self, cal: FiscalCalendar, q: FiscalQuarter) -> NaiveDate {
        cal.end_of(q) + Days::new(self.lock_days as u64)
    }

    /// Where quarter `q`'s call stands on `today`.
    pub fn state(self, cal: FiscalCalendar, q: FiscalQuarter, today: NaiveDate) -> CallState {
        if today < cal.start_of(q) {
            CallState::Upcoming
        } else if today <= self.due(cal, q) {
            CallState::Open
        } else if today < self.lock(cal, q) {
            CallState::PastDue
        } else {
            CallState::Locked
        }
    }
}

/// Where a quarter's data call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// The quarter has not begun.
    Upcoming,
    /// Updates are being recorded, up to the due date.
    Open,
    /// The due date has passed; updates are still taken until the lock.
    PastDue,
    /// The quarter is locked: status and actuals are refused.
    Locked,
}

impl CallState {
    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            CallState::Upcoming => "Upcoming",
            CallState::Open => "Open",
            CallState::PastDue => "Past due, not yet locked",
            CallState::Locked => "Locked",
        }
    }

    /// Every state, in the order a call moves through them.
    pub const ALL: [CallState; 4] = [
        CallState::Upcoming,
        CallState::Open,
        CallState::PastDue,
        CallState::Locked,
    ];

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            CallState::Upcoming => Mark::NotYet,
            CallState::Open => Mark::Going,
            CallState::PastDue => Mark::Warning,
            CallState::Locked => Mark::Closed,
        }
    }

    /// A symbol beside the words.
    pub fn symbol(self) -> &'static str {
        self.mark().glyph()
    }

    /// The CSS form.
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Upcoming => "upcoming",
            CallState::Open => "open",
            CallState::PastDue => "past_due",
            CallState::Locked => "locked",
        }
    }
}

/// One quarter's call as the planning-cycle page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterCall {
    pub quarter: FiscalQuarter,
    pub due: String,
    pub locks: String,
    pub state: CallState,
}

/// The four calls of fiscal year `fy` on `today`.
pub fn calls(
    schedule: CallSchedule,
    cal: FiscalCalendar,
    fy: i32,
    today: NaiveDate,
) -> Vec<QuarterCall> {
    (1..=4u8)
        .map(|quarter| {
            let q = FiscalQuarter { year: fy, quarter };
            QuarterCall {
                quarter: q,
                due: schedule.due(cal, q).format("%-d %b %Y").to_string(),
                locks: schedule.lock(cal, q).format("%-d %b %Y").to_string(),
                state: schedule.state(cal, q, today),
            }
        })
        .collect()
}

/// A person's updates for this quarter: their strategies and the measures attached to
/// them, with the quarter's call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyUpdates {
    pub quarter: FiscalQuarter,
    pub due: String,
    pub locks: String,
    pub state: CallState,
    pub strategies: Vec<MyStrategy>,
    pub measures: Vec<MyMeasure>,
    /// Whether submitted updates await the working group's approval.
    pub approval: bool,
    /// Each strategy's form for the quarter, with its measures' actual forms.
    pub forms: Vec<super::view::StatusFormData>,
    /// The quarters whose call is open today (last quarter's until it locks, and this one).
    pub open: Vec<FiscalQuarter>,
    /// Follow-up actions from the working group's reviews that I own and are open.
    #[serde(default)]
    pub actions: Vec<super::meeting::Action>,
    /// Comments that mention me, newest first.
    #[serde(default)]
    pub mentions: Vec<super::comment::MentionLine>,
}

/// One of my strategies: this quarter's status, if recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyStrategy {
    pub number: String,
    pub text: String,
    /// The submitted status that counts, if any.
    pub status: Option<super::status::Status>,
    /// Where this quarter's update stands: draft, submitted, returned (with the comment).
    pub state: super::review::UpdateState,
}

/// A measure attached to one of my strategies: this quarter's actual as people read it,
/// if recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMeasure {
    pub id: i64,
    pub name: String,
    pub strategy: String,
    pub actual: Option<String>,
}

impl MyUpdates {
    /// Items not yet submitted this quarter (a draft or a returned update is not).
    pub fn missing(&self) -> usize {
        self.strategies
            .iter()
            .filter(|s| {
                !s.state.counted() || matches!(s.state, super::review::UpdateState::Returned { .. })
            })
            .count()
            + self.measures.iter().filter(|m| m.actual.is_none()).count()
    }

    /// Whether what is missing is overdue (the due date has passed).
    pub fn overdue(&self) -> bool {
        self.missing() > 0 && matches!(self.state, CallState::PastDue | CallState::Locked)
    }
}

/// The working group's view of a quarter's call: who has recorded what, by owner and by
/// goal, overdue owners first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallTracker {
    pub quarter: FiscalQuarter,
    pub due: String,
    pub locks: String,
    pub state: CallState,
    pub owners: Vec<OwnerProgress>,
    pub goals: Vec<GoalProgress>,
    /// Strategies nobody owns, so nobody is asked for their updates: (number, text).
    #[serde(default)]
    pub unowned: Vec<(String, String)>,
}

/// One owner's progress on a quarter's call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerProgress {
    pub username: String,
    pub display_name: String,
    pub strategies: usize,
    pub measures: usize,
    /// Strategy numbers with no status this quarter.
    pub missing_status: Vec<String>,
    /// Measures (id, name) with no actual this quarter.
    pub missing_actuals: Vec<(i64, String)>,
    /// Strategy numbers whose update the working group returned for correction.
    #[serde(default)]
    pub returned: Vec<String>,
    /// Something is missing and the due date has passed.
    pub overdue: bool,
    /// Discussion threads still open on their updates of the quarter.
    #[serde(default)]
    pub open_threads: i64,
}

impl OwnerProgress {
    /// Items still missing.
    pub fn missing(&self) -> usize {
        self.missing_status.len() + self.missing_actuals.len() + self.returned.len()
    }
}

/// One goal's progress on a quarter's call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalProgress {
    pub goal: String,
    pub name: Option<String>,
    pub strategies: usize,
    /// Strategies with a submitted status this quarter.
    pub recorded: usize,
    /// Of those, approved by the working group.
    #[serde(default)]
    pub approved: usize,
    /// Strategies nobody owns (no one is asked for them).
    pub unowned: usize,
}

/// Overdue owners first, then those with most missing, then by name.
pub fn order_owners(owners: &mut [OwnerProgress]) {
    owners.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.missing().cmp(&a.missing()))
            .then(a.username.cmp(&b.username))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_quarter_is_due_fifteen_days_after_it_ends_and_locks_after_forty_five() {
        let cal = FiscalCalendar::default();
        let q1 = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let s = CallSchedule::default();
        // FY2027 Q1 is October to December 2026.
        assert_eq!(s.due(cal, q1), day(2027, 1, 15));
        assert_eq!(s.lock(cal, q1), day(2027, 2, 14));
        assert_eq!(s.state(cal, q1, day(2026, 9, 30)), CallState::Upcoming);
        assert_eq!(s.state(cal, q1, day(2026, 10, 1)), CallState::Open);
        assert_eq!(
            s.state(cal, q1, day(2027, 1, 15)),
            CallState::Open,
            "the due day"
        );
        assert_eq!(s.state(cal, q1, day(2027, 1, 16)), CallState::PastDue);
        assert_eq!(s.state(cal, q1, day(2027, 2, 13)), CallState::PastDue);
        assert_eq!(
            s.state(cal, q1, day(2027, 2, 14)),
            CallState::Locked,
            "the lock day"
        );
        let calls = calls(s, cal, 2027, day(2027, 1, 20));
        let states: Vec<_> = calls.iter().map(|c| c.state).collect();
        assert_eq!(
            states,
            [
                CallState::PastDue,
                CallState::Open,
                CallState::Upcoming,
                CallState::Upcoming
            ]
        );
        assert_eq!(calls[0].due, "15 Jan 2027");
    }

    #[test]
    fn overdue_owners_come_first_then_those_with_most_missing() {
        let owner = |name: &str, missing: usize, overdue: bool| OwnerProgress {
            username: name.into(),
            display_name: name.into(),
            strategies: 3,
            measures: 0,
            missing_status: (0..missing).map(|i| format!("4.1.{i}")).collect(),
            missing_actuals: Vec::new(),
            returned: Vec::new(),
            overdue,
            open_threads: 0,
        };
        let mut list = vec![
            owner("ana", 0, false),
            owner("bo", 1, true),
            owner("cy", 3, false),
            owner("di", 2, true),
        ];
        order_owners(&mut list);
        let names: Vec<_> = list.iter().map(|o| o.username.as_str()).collect();
        assert_eq!(names, ["di", "bo", "cy", "ana"]);
    }

    #[test]
    fn a_schedule_is_read_and_checked() {
        assert_eq!(
            CallSchedule::parse(" 10 ", "30"),
            Ok(CallSchedule {
                due_days: 10,
                lock_days: 30
            })
        );
        assert!(
            CallSchedule::parse("0", "0").is_ok(),
            "due and locked at once"
        );
        assert!(CallSchedule::parse("30", "10")
            .unwrap_err()
            .contains("cannot lock"));
        assert!(CallSchedule::parse("x", "10")
            .unwrap_err()
            .contains("\"x\""));
        assert!(CallSchedule::parse("10", "400").is_err());
        assert!(CallSchedule::parse("-1", "10").is_err());
    }
}
