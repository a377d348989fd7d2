//! The planning cycle: a fiscal year's milestones from the plan, due at the end of their
//! quarter by the fiscal calendar.

use super::call::CallSchedule;
use super::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::glossary::Mark;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A milestone of the planning cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// Stable key, e.g. "app_developed" or "wg_review_q2".
    pub key: String,
    pub title: String,
    pub description: String,
    pub quarter: u8,
}

/// The milestones of fiscal year `fy`, in date order: a working-group review every
/// quarter, the next year's APP (Q1), budget (Q2), the mid-year review and IP
/// preparation (Q3), and the IP's distribution (Q4).
pub fn milestones(fy: i32) -> Vec<Milestone> {
    let next = fy + 1;
    let step = |key: &str, title: String, description: String, quarter: u8| Milestone {
        key: key.into(),
        title,
        description,
        quarter,
    };
    let mut list = vec![
        step(
            "app_developed",
            format!("FY{next} Annual Performance Plan developed"),
            format!("Performance measures and annual targets for FY{next} drafted."),
            1,
        ),
        step(
            "apr_published",
            format!("FY{} Annual Performance Report published", fy - 1),
            format!(
                "How FY{} went against its APP, published within {} days of the year's end (31 U.S.C. 1116).",
                fy - 1,
                super::report::DAYS_TO_PUBLISH
            ),
            2,
        ),
        step(
            "budget_built",
            format!("FY{next} budget built"),
            format!("The FY{next} budget is built around the plan's strategies."),
            2,
        ),
        step(
            "midyear_review",
            format!("FY{fy} mid-year performance review"),
            format!("Performance so far reviewed; the FY{fy} APP revised where needed."),
            3,
        ),
        step(
            "ip_prepared",
            format!("FY{next} Implementation Plan prepared"),
            format!("Quarterly targets and milestones for FY{next} prepared."),
            3,
        ),
        step(
            "ip_distributed",
            format!("FY{next} Implementation Plan distributed"),
            format!("The IP goes out, to be executed from the first day of FY{next}."),
            4,
        ),
    ];
    for q in 1..=4u8 {
        list.push(step(
            &format!("wg_review_q{q}"),
            format!("Working group review, FY{fy} Q{q}"),
            "The Strategic Plan Working Group reviews performance and recommends changes to strategies, measures and the plan.".into(),
            q,
        ));
    }
    list.sort_by_key(|m| (m.quarter, m.key.starts_with("wg_")));
    list
}

/// Where the work of milestone `key` of year `fy` is done: (address, link text).
pub fn link(key: &str, fy: i32) -> Option<(String, String)> {
    let next = fy + 1;
    match key {
        "app_developed" => Some((format!("/app/{next}"), format!("FY{next} APP"))),
        "budget_built" => Some((
            format!("/budget/{next}"),
            format!("FY{next} budget requests"),
        )),
        "midyear_review" => Some((format!("/app/{fy}"), format!("FY{fy} APP"))),
        "apr_published" => Some((
            format!("/reports/{}", fy - 1),
            format!("FY{} performance report", fy - 1),
        )),
        "ip_prepared" | "ip_distributed" => Some((format!("/ip/{next}"), format!("FY{next} IP"))),
        k => k
            .strip_prefix("wg_review_q")
            .map(|q| (format!("/reviews/{fy}-Q{q}"), format!("FY{fy} Q{q} review"))),
    }
}

/// When milestone `m` of year `fy` is open: from its quarter's first day to its last — a
/// working-group review from the day after its quarter ends (when the data call opens)
/// to the day the quarter locks, so the review is due after the data are.
pub fn window(
    m: &Milestone,
    schedule: CallSchedule,
    cal: FiscalCalendar,
    fy: i32,
) -> (NaiveDate, NaiveDate) {
    let fq = FiscalQuarter {
        year: fy,
        quarter: m.quarter,
    };
    if m.key.starts_with("wg_review_q") {
        (cal.end_of(fq) + Days::new(1), schedule.lock(cal, fq))
    } else if m.key == "apr_published" {
        // From the day after last year ends to 150 days after.
        let q1 = FiscalQuarter {
            year: fy,
            quarter: 1,
        };
        (cal.start_of(q1), super::report::due(cal, fy - 1))
    } else {
        (cal.start_of(fq), cal.end_of(fq))
    }
}

/// Year `fy`'s milestones as a page shows them on `today`, with `marks` (key → (done at,
/// done by)) saying which are done and by whom.
pub fn items(
    fy: i32,
    (schedule, cal): (CallSchedule, FiscalCalendar),
    marks: &HashMap<String, (String, String)>,
    today: NaiveDate,
) -> Vec<CycleItem> {
    milestones(fy)
        .into_iter()
        .map(|m| {
            let (opens, due) = window(&m, schedule, cal, fy);
            let done = marks.get(&m.key);
            CycleItem {
                due: due.format("%-d %b %Y").to_string(),
                state: MilestoneState::of((opens, due), done.is_some(), today),
                done: done.map(|(at, by)| format!("{by}, {}", cal.label_timestamp(at))),
                milestone: m,
            }
        })
        .collect()
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    Done,
    /// Its window is open.
    Due,
    Overdue,
    /// Its window has not opened.
    Upcoming,
}

impl MilestoneState {
    /// Where a milestone open from `opens` to `due` stands today.
    pub fn of((opens, due): (NaiveDate, NaiveDate), done: bool, today: NaiveDate) -> Self {
        if done {
            MilestoneState::Done
        } else if today > due {
            MilestoneState::Overdue
        } else if today >= opens {
            MilestoneState::Due
        } else {
            MilestoneState::Upcoming
        }
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            MilestoneState::Done => "Done",
            MilestoneState::Due => "Due",
            MilestoneState::Overdue => "Overdue",
            MilestoneState::Upcoming => "Upcoming",
        }
    }

    /// Every state, for the glossary.
    pub const ALL: [MilestoneState; 4] = [
        MilestoneState::Upcoming,
        MilestoneState::Due,
        MilestoneState::Overdue,
        MilestoneState::Done,
    ];

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            MilestoneState::Done => Mark::Done,
            MilestoneState::Due => Mark::Going,
            MilestoneState::Overdue => Mark::Failed,
            MilestoneState::Upcoming => Mark::NotYet,
        }
    }

    /// A symbol beside the words.
    pub fn symbol(self) -> &'static str {
        self.mark().glyph()
    }

    /// The CSS form.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneState::Done => "done",
            MilestoneState::Due => "due",
            MilestoneState::Overdue => "overdue",
            MilestoneState::Upcoming => "upcoming",
        }
    }
}

/// A milestone on the cycle page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleItem {
    pub milestone: Milestone,
    pub due: String,
    pub state: MilestoneState,
    /// "alice, 3 Dec 2026, FY2027 Q1" when done.
    pub done: Option<String>,
}

/// The cycle page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePage {
    pub fiscal_year: i32,
    pub items: Vec<CycleItem>,
    pub can_mark: bool,
    /// Each quarter's data call: due, locks, where it stands.
    #[serde(default)]
    pub calls: Vec<super::call::QuarterCall>,
    /// The schedule the calls follow (days after a quarter ends).
    #[serde(default)]
    pub schedule: super::call::CallSchedule,
    /// The schedule as an administrator typed it when it was refused: (due, lock, why).
    #[serde(default)]
    pub schedule_refused: Option<(String, String, String)>,
    /// Whether the reader may change the schedule (administrators).
    #[serde(default)]
    pub can_set_schedule: bool,
    /// Whether submitted updates await the working group's approval.
    #[serde(default)]
    pub approval: bool,
    /// Whether the reader may turn approval on or off (administrators).
    #[serde(default)]
    pub can_set_approval: bool,
    /// When owners are reminded, in words.
    #[serde(default)]
    pub reminders: String,
    /// The reminder form's values (days before, every) and, when refused, why.
    #[serde(default)]
    pub reminder_form: (String, String, Option<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_year_has_the_plans_milestones_in_quarter_order() {
        let list = milestones(2027);
        assert_eq!(list.len(), 10);
        assert_eq!(list[0].key, "app_developed");
        assert!(list[0].title.contains("FY2028"));
        let quarters: Vec<u8> = list.iter().map(|m| m.quarter).collect();
        assert!(quarters.windows(2).all(|w| w[0] <= w[1]));
        for q in 1..=4 {
            assert!(list
                .iter()
                .any(|m| m.key == format!("wg_review_q{q}") && m.quarter == q));
        }
        assert!(list
            .iter()
            .any(|m| m.key == "ip_distributed" && m.quarter == 4));
    }

    #[test]
    fn milestones_are_due_on_the_last_day_of_their_quarter_and_reviews_when_it_locks() {
        let cal = FiscalCalendar::default();
        let s = CallSchedule::default();
        let due = |key: &str, c: FiscalCalendar| {
            let m = milestones(2027).into_iter().find(|m| m.key == key).unwrap();
            window(&m, s, c, 2027)
        };
        assert_eq!(due("app_developed", cal).1, day(2026, 12, 31));
        assert_eq!(due("budget_built", cal).1, day(2027, 3, 31));
        assert_eq!(due("ip_prepared", cal).1, day(2027, 6, 30));
        assert_eq!(due("ip_distributed", cal).1, day(2027, 9, 30));
        // Last year's performance report: from the day it ends to 150 days after.
        assert_eq!(
            due("apr_published", cal),
            (day(2026, 10, 1), day(2027, 2, 27))
        );
        let july = FiscalCalendar::new(7).unwrap();
        assert_eq!(due("app_developed", july).1, day(2026, 9, 30));
        // The Q1 review opens with the data call and is due when the quarter locks, after
        // the data are due (15 January).
        assert_eq!(
            due("wg_review_q1", cal),
            (day(2027, 1, 1), day(2027, 2, 14))
        );
    }

    #[test]
    fn a_milestone_is_upcoming_then_due_then_overdue_unless_done() {
        let window = (day(2027, 1, 1), day(2027, 3, 31));
        let state = |today| MilestoneState::of(window, false, today);
        assert_eq!(state(day(2026, 12, 31)), MilestoneState::Upcoming);
        assert_eq!(state(day(2027, 1, 1)), MilestoneState::Due);
        assert_eq!(state(day(2027, 3, 31)), MilestoneState::Due);
        assert_eq!(state(day(2027, 4, 1)), MilestoneState::Overdue);
        assert_eq!(
            MilestoneState::of(window, true, day(2027, 4, 1)),
            MilestoneState::Done
        );
    }

    #[test]
    fn a_signed_off_review_is_done_with_who_and_when() {
        let mut marks = HashMap::new();
        marks.insert(
            "wg_review_q1".to_string(),
            ("2027-01-20T10:00:00Z".to_string(), "chair".to_string()),
        );
        let list = items(
            2027,
            (CallSchedule::default(), FiscalCalendar::default()),
            &marks,
            day(2027, 3, 1),
        );
        let review = list
            .iter()
            .find(|i| i.milestone.key == "wg_review_q1")
            .unwrap();
        assert_eq!(review.state, MilestoneState::Done);
        assert_eq!(
            review.done.as_deref(),
            Some("chair, 20 Jan 2027, FY2027 Q2")
        );
        let q2 = list
            .iter()
            .find(|i| i.milestone.key == "wg_review_q2")
            .unwrap();
        assert_eq!(q2.state, MilestoneState::Upcoming, "Q2 has not ended");
        assert_eq!(q2.due, "15 May 2027");
    }
}
