//! Scheduled reports: what goes out (a report), how often (a recurrence), to whom, and
//! when next — computed in the organisation's time zone, so "the 1st at 8:00" stays 8:00
//! across daylight-saving changes and "the 31st" is a short month's last day.

pub mod form;
pub mod view;

use crate::model::call::CallSchedule;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::user::Role;
use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// What a schedule sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The briefing packet of the reporting quarter.
    Packet,
    /// The exceptions list: what is off track, behind target or overdue.
    Exceptions,
    /// The APP progress table of the fiscal year under way.
    AppProgress,
    /// The Annual Performance Report (draft) of the last fiscal year that ended.
    AnnualReport,
}

impl ReportKind {
    /// Every report, in the order the form offers them.
    pub const ALL: [ReportKind; 4] = [
        ReportKind::Packet,
        ReportKind::Exceptions,
        ReportKind::AppProgress,
        ReportKind::AnnualReport,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Packet => "packet",
            ReportKind::Exceptions => "exceptions",
            ReportKind::AppProgress => "app_progress",
            ReportKind::AnnualReport => "annual_report",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Packet => "Briefing packet of the reporting quarter",
            ReportKind::Exceptions => "Exceptions list",
            ReportKind::AppProgress => "APP progress table",
            ReportKind::AnnualReport => "Annual Performance Report (draft)",
        }
    }
}

/// How often a schedule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Recurrence {
    /// Every month on this day (1–31; past a short month's end, its last day).
    Monthly { day: u32 },
    /// Every quarter, this many days after its data call locks.
    AfterLock { days: u32 },
    /// Every year on this month and day (29 February: the 28th in other years).
    Yearly { month: u32, day: u32 },
}

impl Recurrence {
    /// How it reads: "Monthly on day 31", "Quarterly, 5 days after the data call locks".
    pub fn describe(self) -> String {
        match self {
            Recurrence::Monthly { day } => format!("Monthly on day {day}"),
            Recurrence::AfterLock { days: 0 } => {
                "Quarterly, the day the data call locks".to_string()
            }
            Recurrence::AfterLock { days: 1 } => {
                "Quarterly, 1 day after the data call locks".to_string()
            }
            Recurrence::AfterLock { days } => {
                format!("Quarterly, {days} days after the data call locks")
            }
            Recurrence::Yearly { month, day } => {
                let name = NaiveDate::from_ymd_opt(2000, month, 1)
                    .map(|d| d.format("%B").to_string())
                    .unwrap_or_default();
                format!("Yearly on {day} {name}")
            }
        }
    }
}

/// Longest a schedule may wait after a lock (a quarter).
pub const MAX_DAYS_AFTER_LOCK: u32 = 90;

/// The last day of `year`-`month`.
fn month_end(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(28, |d| d.day())
}

/// `day` of `year`-`month`, or the month's last day when it is shorter.
fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day.min(month_end(year, month)))
}

/// The instant of `hour`:00 on `day` in `tz`: in a daylight-saving gap, the first instant
/// after it; when the hour happens twice, the first.
pub fn at_local<Z: TimeZone>(tz: &Z, day: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    let local: NaiveDateTime = day.and_hms_opt(hour.min(23), 0, 0)?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        // A gap is at most a few hours: the first local time after it.
        LocalResult::None => (1..=4).find_map(|h| {
            match tz.from_local_datetime(&(local + chrono::Duration::hours(h))) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    Some(t.with_timezone(&Utc))
                }
                LocalResult::None => None,
            }
        }),
    }
}

/// The days a recurrence falls on, from the one containing `from` on (a year and more of
/// them: enough to find the next run).
fn days_from(
    r: Recurrence,
    from: NaiveDate,
    (cal, call): (FiscalCalendar, CallSchedule),
) -> Vec<NaiveDate> {
    match r {
        Recurrence::Monthly { day } => (0..14)
            .filter_map(|i| {
                let m0 = from.month0() as i32 + i - 1;
                let year = from.year() + m0.div_euclid(12);
                clamped(year, m0.rem_euclid(12) as u32 + 1, day)
            })
            .collect(),
        Recurrence::Yearly { month, day } => (-1..=1)
            .filter_map(|i| clamped(from.year() + i, month, day))
            .collect(),
        Recurrence::AfterLock { days } => {
            // Quarters whose lock (plus the wait) can fall near `from`.
            let mut q: FiscalQuarter = cal.quarter_of(from);
            for _ in 0..3 {
                q = q.previous();
            }
            (0..8)
                .map(|_| {
                    let day = call.lock(cal, q) + Days::new(u64::from(days));
                    q = q.next();
                    day
                })
                .collect()
        }
    }
}

/// The first run strictly after `after`: the recurrence's next day at `hour`:00 in `tz`.
pub fn next_run<Z: TimeZone>(
    r: Recurrence,
    hour: u32,
    tz: &Z,
    after: DateTime<Utc>,
    calendars: (FiscalCalendar, CallSchedule),
) -> Option<DateTime<Utc>> {
    let local_day = after.with_timezone(tz).date_naive();
    let mut days = days_from(r, local_day, calendars);
    days.sort_unstable();
    days.into_iter()
        .filter_map(|d| at_local(tz, d, hour))
        .find(|t| *t > after)
}

/// A scheduled report's attachment as data; the packet module lays it out as a PDF.
#[derive(Debug, Clone)]
pub enum Document {
    /// A review's briefing packet, its charts drawn.
    Packet(Box<crate::model::meeting::Packet>),
    /// The exceptions of a quarter, under the plan's title and the day it was made.
    Exceptions {
        plan: String,
        made: String,
        exceptions: crate::model::exception::Exceptions,
        quarter: FiscalQuarter,
    },
    /// A table under a title and an introduction (each row: its header, then its cells).
    Table {
        title: String,
        intro: String,
        headers: Vec<String>,
        rows: Vec<(String, Vec<String>)>,
    },
    /// An Annual Performance Report (or its public version).
    Report(Box<crate::model::report::Report>),
}

/// Lays a [`Document`] out as a PDF: given by the door that runs a schedule (the packet
/// module's), so the services stay below the PDF code.
pub type Render = fn(&Document) -> Result<Vec<u8>, String>;

/// Who a schedule goes to: everyone with these roles, these accounts (by username), and
/// outside addresses (each allowed by an administrator; they get the public version).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    pub roles: Vec<Role>,
    pub users: Vec<String>,
    pub outside: Vec<String>,
}

impl Recipients {
    /// Whether it names nobody.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.users.is_empty() && self.outside.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn next(r: Recurrence, hour: u32, after: &str) -> String {
        let cals = (FiscalCalendar::default(), CallSchedule::default());
        next_run(r, hour, &New_York, utc(after), cals)
            .unwrap()
            .to_rfc3339()
    }

    #[test]
    fn the_31st_is_a_short_months_last_day() {
        let r = Recurrence::Monthly { day: 31 };
        // 8:00 in New York is 13:00 UTC in winter.
        assert_eq!(
            next(r, 8, "2027-01-31T14:00:00Z"),
            "2027-02-28T13:00:00+00:00"
        );
        assert_eq!(
            next(r, 8, "2028-02-01T00:00:00Z"),
            "2028-02-29T13:00:00+00:00"
        );
        // ... and 12:00 UTC in summer; April has 30 days.
        assert_eq!(
            next(r, 8, "2027-04-01T00:00:00Z"),
            "2027-04-30T12:00:00+00:00"
        );
        // Just before the run: that run; just after: the next month's.
        assert_eq!(
            next(r, 8, "2027-03-31T11:59:59Z"),
            "2027-03-31T12:00:00+00:00"
        );
        assert_eq!(
            next(r, 8, "2027-03-31T12:00:00Z"),
            "2027-04-30T12:00:00+00:00"
        );
        // Across the year's end.
        assert_eq!(
            next(r, 8, "2027-12-31T14:00:00Z"),
            "2028-01-31T13:00:00+00:00"
        );
    }

    #[test]
    fn local_time_holds_across_daylight_saving_changes() {
        let r = Recurrence::Monthly { day: 14 };
        // 14 March 2027: clocks go forward at 2:00; 2:30 does not exist, 3:00 does.
        assert_eq!(
            next(r, 2, "2027-03-01T00:00:00Z"),
            "2027-03-14T07:00:00+00:00"
        );
        assert_eq!(
            next(r, 8, "2027-03-01T00:00:00Z"),
            "2027-03-14T12:00:00+00:00"
        );
        // 7 November 2027: 1:00 happens twice; the first is taken.
        let nov = Recurrence::Monthly { day: 7 };
        assert_eq!(
            next(nov, 1, "2027-11-01T00:00:00Z"),
            "2027-11-07T05:00:00+00:00"
        );
        assert_eq!(
            next(nov, 8, "2027-11-01T00:00:00Z"),
            "2027-11-07T13:00:00+00:00"
        );
    }

    #[test]
    fn quarterly_runs_follow_each_data_calls_lock_across_fiscal_years() {
        // FY2027 Q4 (July–September 2027) locks 45 days after 30 September: 14 November.
        let r = Recurrence::AfterLock { days: 5 };
        assert_eq!(
            next(r, 9, "2027-10-01T00:00:00Z"),
            "2027-11-19T14:00:00+00:00"
        );
        // The next is FY2028 Q1's: 31 December + 45 = 14 February, + 5.
        assert_eq!(
            next(r, 9, "2027-11-19T14:00:00Z"),
            "2028-02-19T14:00:00+00:00"
        );
        assert_eq!(
            Recurrence::AfterLock { days: 5 }.describe(),
            "Quarterly, 5 days after the data call locks"
        );
    }

    #[test]
    fn yearly_runs_take_the_28th_for_the_29th_of_february() {
        let r = Recurrence::Yearly { month: 2, day: 29 };
        assert_eq!(
            next(r, 8, "2027-01-01T00:00:00Z"),
            "2027-02-28T13:00:00+00:00"
        );
        assert_eq!(
            next(r, 8, "2027-03-01T00:00:00Z"),
            "2028-02-29T13:00:00+00:00"
        );
        let nov = Recurrence::Yearly { month: 11, day: 1 };
        assert_eq!(nov.describe(), "Yearly on 1 November");
        assert_eq!(
            next(nov, 8, "2027-11-01T12:00:00Z"),
            "2028-11-01T12:00:00+00:00"
        );
    }
}
