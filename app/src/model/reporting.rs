//! The reporting quarter: the quarter every page shows by default. It is the last quarter
//! that has ended — its data call is open, or it is locked and in review, or its review
//! is signed off and it stays the latest reported quarter until the next one ends. "Now"
//! is only the date: the quarter under way has no results to read yet.

use super::call::CallSchedule;
use super::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::glossary::Mark;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The quarter pages show when no quarter is asked for.
pub fn reporting_quarter(cal: FiscalCalendar, today: NaiveDate) -> FiscalQuarter {
    cal.quarter_of(today).previous()
}

/// The quarter status and actuals are recorded for by default: last quarter until it
/// locks, then the quarter under way.
pub fn recording_quarter(
    schedule: CallSchedule,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> FiscalQuarter {
    super::reminder::quarters_in_call(schedule, cal, today)[0]
}

/// The quarter a page shows: the one in its address (`?quarter=2027-Q1`) if it reads as
/// one, else the reporting quarter.
pub fn shown_quarter(asked: Option<&str>, cal: FiscalCalendar, today: NaiveDate) -> FiscalQuarter {
    asked
        .and_then(|q| FiscalQuarter::parse(q.trim()))
        .unwrap_or_else(|| reporting_quarter(cal, today))
}

/// Where a quarter's reporting stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The quarter has not begun.
    Upcoming,
    /// The quarter is under way; its updates are due after it ends.
    InProgress,
    /// The quarter has ended and its updates are being collected, up to the due date.
    CallOpen,
    /// The due date has passed; updates are still taken until the lock.
    PastDue,
    /// Locked: the working group's review is not yet signed off.
    InReview,
    /// The review is signed off.
    SignedOff,
}

impl Phase {
    /// Where quarter `q` stands on `today`, given whether its review is signed off.
    pub fn of(
        schedule: CallSchedule,
        cal: FiscalCalendar,
        q: FiscalQuarter,
        today: NaiveDate,
        signed_off: bool,
    ) -> Phase {
        use super::call::CallState;
        // The call schedule's dates, with its open call split at the quarter's end.
        match schedule.state(cal, q, today) {
            _ if signed_off => Phase::SignedOff,
            CallState::Upcoming => Phase::Upcoming,
            CallState::Open if today <= cal.end_of(q) => Phase::InProgress,
            CallState::Open => Phase::CallOpen,
            CallState::PastDue => Phase::PastDue,
            CallState::Locked => Phase::InReview,
        }
    }

    /// Every phase, in the order a quarter moves through them.
    pub const ALL: [Phase; 6] = [
        Phase::Upcoming,
        Phase::InProgress,
        Phase::CallOpen,
        Phase::PastDue,
        Phase::InReview,
        Phase::SignedOff,
    ];

    /// The phase in a few words, for the glossary.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Upcoming => "Not begun",
            Phase::InProgress => "Under way",
            Phase::CallOpen => "Data call open",
            Phase::PastDue => "Data call past due",
            Phase::InReview => "Locked, in review",
            Phase::SignedOff => "Review signed off",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            Phase::Upcoming => Mark::NotYet,
            Phase::InProgress => Mark::Partly,
            Phase::CallOpen => Mark::Going,
            Phase::PastDue => Mark::Warning,
            Phase::InReview => Mark::Closed,
            Phase::SignedOff => Mark::Done,
        }
    }

    /// A symbol beside the words.
    pub fn symbol(self) -> &'static str {
        self.mark().glyph()
    }
}

/// A quarter with where it stands, as a page's heading names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterPhase {
    pub quarter: FiscalQuarter,
    pub phase: Phase,
    /// "15 January 2027".
    pub due: String,
    /// "14 February 2027".
    pub locks: String,
    /// Whether this is the reporting quarter (the one shown by default).
    pub reporting: bool,
    /// The quarters a page's picker offers (empty where there is no picker).
    #[serde(default)]
    pub picker: Vec<FiscalQuarter>,
}

impl QuarterPhase {
    /// Quarter `q` on `today`.
    pub fn of(
        schedule: CallSchedule,
        cal: FiscalCalendar,
        q: FiscalQuarter,
        today: NaiveDate,
        signed_off: bool,
    ) -> QuarterPhase {
        let day = |d: NaiveDate| d.format("%-d %B %Y").to_string();
        QuarterPhase {
            quarter: q,
            phase: Phase::of(schedule, cal, q, today, signed_off),
            due: day(schedule.due(cal, q)),
            locks: day(schedule.lock(cal, q)),
            reporting: q == reporting_quarter(cal, today),
            picker: Vec::new(),
        }
    }

    /// What the phase means in words: "data call open, due 15 January 2027".
    pub fn words(&self) -> String {
        match self.phase {
            Phase::Upcoming => "not begun".into(),
            Phase::InProgress => format!("under way, updates due {}", self.due),
            Phase::CallOpen => format!("data call open, due {}", self.due),
            Phase::PastDue => format!(
                "data call past due (due {}), locks {}",
                self.due, self.locks
            ),
            Phase::InReview => "locked, review not yet signed off".into(),
            Phase::SignedOff => "review signed off".into(),
        }
    }

    /// The heading a page gives it: "FY2027 Q1 — data call open, due 15 January 2027".
    pub fn heading(&self) -> String {
        format!("{} — {}", self.quarter, self.words())
    }
}

/// The quarters a picker offers: the eight up to the reporting quarter, the quarter under
/// way, and `shown` if it is none of those; newest first.
pub fn picker(cal: FiscalCalendar, today: NaiveDate, shown: FiscalQuarter) -> Vec<FiscalQuarter> {
    let mut q = cal.quarter_of(today);
    let mut all = Vec::with_capacity(10);
    for _ in 0..9 {
        all.push(q);
        q = q.previous();
    }
    if !all.contains(&shown) {
        all.push(shown);
        all.sort_by(|a, b| b.cmp(a));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn q(year: i32, quarter: u8) -> FiscalQuarter {
        FiscalQuarter { year, quarter }
    }

    const CAL: FiscalCalendar = FiscalCalendar { start_month: 10 };

    #[test]
    fn the_reporting_quarter_is_the_last_one_ended_from_its_first_day_after_to_the_next_end() {
        assert_eq!(reporting_quarter(CAL, day("2027-01-01")), q(2027, 1));
        assert_eq!(reporting_quarter(CAL, day("2027-01-20")), q(2027, 1));
        assert_eq!(reporting_quarter(CAL, day("2027-03-31")), q(2027, 1));
        assert_eq!(reporting_quarter(CAL, day("2027-04-01")), q(2027, 2));
        // A fiscal-year boundary: on 1 October FY2026 Q4 is reported.
        assert_eq!(reporting_quarter(CAL, day("2026-10-01")), q(2026, 4));
        assert_eq!(reporting_quarter(CAL, day("2026-09-30")), q(2026, 3));
    }

    #[test]
    fn a_quarter_moves_from_under_way_to_call_open_past_due_in_review_and_signed_off() {
        let s = CallSchedule::default();
        let at = |d: &str| Phase::of(s, CAL, q(2027, 1), day(d), false);
        assert_eq!(at("2026-09-30"), Phase::Upcoming);
        assert_eq!(at("2026-10-01"), Phase::InProgress);
        assert_eq!(at("2026-12-31"), Phase::InProgress);
        assert_eq!(at("2027-01-01"), Phase::CallOpen);
        assert_eq!(at("2027-01-15"), Phase::CallOpen);
        assert_eq!(at("2027-01-16"), Phase::PastDue);
        assert_eq!(at("2027-02-13"), Phase::PastDue);
        assert_eq!(at("2027-02-14"), Phase::InReview);
        assert_eq!(
            Phase::of(s, CAL, q(2027, 1), day("2027-01-20"), true),
            Phase::SignedOff,
            "a review signed off before the lock is signed off"
        );
    }

    #[test]
    fn the_heading_names_the_quarter_and_its_due_date() {
        let s = CallSchedule::default();
        let p = QuarterPhase::of(s, CAL, q(2027, 1), day("2027-01-05"), false);
        assert_eq!(
            p.heading(),
            "FY2027 Q1 — data call open, due 15 January 2027"
        );
        assert!(p.reporting);
        let p = QuarterPhase::of(s, CAL, q(2027, 1), day("2027-01-20"), false);
        assert_eq!(
            p.heading(),
            "FY2027 Q1 — data call past due (due 15 January 2027), locks 14 February 2027"
        );
        let now = QuarterPhase::of(s, CAL, q(2027, 2), day("2027-01-20"), false);
        assert_eq!(
            now.heading(),
            "FY2027 Q2 — under way, updates due 15 April 2027"
        );
        assert!(!now.reporting);
    }

    #[test]
    fn forms_record_last_quarter_until_it_locks_then_this_one() {
        let s = CallSchedule::default();
        assert_eq!(recording_quarter(s, CAL, day("2027-02-13")), q(2027, 1));
        assert_eq!(recording_quarter(s, CAL, day("2027-02-14")), q(2027, 2));
    }

    #[test]
    fn an_address_picks_the_quarter_and_anything_else_falls_back_to_the_reporting_one() {
        let today = day("2027-01-20");
        assert_eq!(shown_quarter(Some("2026-Q3"), CAL, today), q(2026, 3));
        assert_eq!(shown_quarter(Some("junk"), CAL, today), q(2027, 1));
        assert_eq!(shown_quarter(None, CAL, today), q(2027, 1));
        let offered = picker(CAL, today, q(2020, 1));
        assert_eq!(offered[0], q(2027, 2), "the quarter under way first");
        assert_eq!(offered[1], q(2027, 1));
        assert_eq!(
            offered.last(),
            Some(&q(2020, 1)),
            "an older quarter asked for"
        );
        assert_eq!(offered.len(), 10);
    }
}
