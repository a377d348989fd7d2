//! Reminders of the quarterly data call: when an owner is reminded of what they have not
//! submitted (a set number of days before the due date, on it, and every few days while
//! overdue until the quarter locks), and what the digest says.

use super::call::CallSchedule;
use super::fiscal::{FiscalCalendar, FiscalQuarter};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// When reminders go out, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// Days before the due date of the first reminder (0: none before).
    pub days_before: u32,
    /// Days between reminders once overdue (0: none after the due date).
    pub every: u32,
}

impl Default for ReminderSettings {
    /// A week before, on the day, then every three days.
    fn default() -> Self {
        ReminderSettings {
            days_before: 7,
            every: 3,
        }
    }
}

/// Which reminder an owner gets on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reminder {
    /// The due date is `days_before` away.
    Soon,
    /// Today is the due date.
    DueToday,
    /// The due date passed `days` days ago.
    Overdue { days: i64 },
}

impl Reminder {
    /// The stored kind.
    pub fn kind(self) -> super::notify::MessageKind {
        use super::notify::MessageKind;
        match self {
            Reminder::Soon => MessageKind::ReminderSoon,
            Reminder::DueToday => MessageKind::ReminderDue,
            Reminder::Overdue { .. } => MessageKind::ReminderOverdue,
        }
    }
}

/// The most days either reminder setting may be.
pub const MAX_REMINDER_DAYS: u32 = 60;

impl ReminderSettings {
    /// Settings from what an administrator typed, or why they cannot be.
    pub fn parse(days_before: &str, every: &str) -> Result<ReminderSettings, String> {
        let read = |v: &str, what: &str| {
            v.trim()
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= MAX_REMINDER_DAYS)
                .ok_or_else(|| {
                    format!(
                        "\"{}\" is not a number of days {what}: use 0 (none) to {MAX_REMINDER_DAYS}.",
                        v.trim()
                    )
                })
        };
        Ok(ReminderSettings {
            days_before: read(days_before, "before the due date")?,
            every: read(every, "between reminders while overdue")?,
        })
    }

    /// The settings in words.
    pub fn describe(self) -> String {
        let before = match self.days_before {
            0 => String::new(),
            1 => "1 day before the due date, ".into(),
            d => format!("{d} days before the due date, "),
        };
        let after = match self.every {
            0 => String::new(),
            1 => " and every day while overdue".into(),
            d => format!(" and every {d} days while overdue"),
        };
        format!("Owners with updates not submitted are reminded {before}on the due date{after}, until the quarter locks.")
    }

    /// The reminder owners with items not submitted for `q` get on `today`, if any.
    pub fn on(
        self,
        schedule: CallSchedule,
        cal: FiscalCalendar,
        q: FiscalQuarter,
        today: NaiveDate,
    ) -> Option<Reminder> {
        let due = schedule.due(cal, q);
        if today >= schedule.lock(cal, q) || today < cal.start_of(q) {
            return None;
        }
        let days = (today - due).num_days();
        match days {
            0 => Some(Reminder::DueToday),
            d if d < 0 && self.days_before > 0 && -d == self.days_before as i64 => {
                Some(Reminder::Soon)
            }
            d if d > 0 && self.every > 0 && d % self.every as i64 == 0 => {
                Some(Reminder::Overdue { days: d })
            }
            _ => None,
        }
    }
}

/// The day the working group gets its summary of quarter `q`'s call: the day after the
/// due date.
pub fn summary_day(schedule: CallSchedule, cal: FiscalCalendar, q: FiscalQuarter) -> NaiveDate {
    schedule.due(cal, q) + Days::new(1)
}

/// The quarters whose call may remind anyone on `today`: last quarter until it locks,
/// and this one.
pub fn quarters_in_call(
    schedule: CallSchedule,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Vec<FiscalQuarter> {
    let now = cal.quarter_of(today);
    let last = now.previous();
    let mut all = Vec::new();
    if today < schedule.lock(cal, last) {
        all.push(last);
    }
    all.push(now);
    all
}

/// One item a digest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// "Strategy 4.1.3: Develop protocols" or "Measure: Cases closed (strategy 4.1.3)".
    pub label: String,
    /// "Draft", "Returned: …", "Not started".
    pub state: String,
}

/// A reminder digest's subject and body for `name`'s `items` of quarter `q`.
pub fn digest(
    name: &str,
    q: FiscalQuarter,
    (due, locks): (&str, &str),
    reminder: Option<Reminder>,
    items: &[Pending],
    link: &str,
) -> (String, String) {
    let n = items.len();
    let things = if n == 1 { "update" } else { "updates" };
    let subject = match reminder {
        Some(Reminder::Overdue { .. }) => format!("Overdue: {n} {things} for {q} (due {due})"),
        Some(Reminder::DueToday) => format!("Due today: {n} {things} for {q}"),
        _ => format!("{n} {things} for {q} due {due}"),
    };
    let mut body = format!(
        "Hello {name},\n\nThese items of yours are not submitted for {q} (due {due}; the quarter locks {locks}):\n\n"
    );
    for item in items {
        body.push_str(&format!("- {} ({})\n", item.label, item.state));
    }
    body.push_str(&format!("\nRecord and submit them on My updates: {link}\n"));
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn owners_are_reminded_a_week_before_on_the_day_and_every_three_days_until_the_lock() {
        let (schedule, cal) = (CallSchedule::default(), FiscalCalendar::default());
        let q = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        // FY2027 Q1 ends 31 Dec 2026: due 15 Jan 2027, locks 14 Feb 2027.
        let r = ReminderSettings::default();
        let on = |d: &str| r.on(schedule, cal, q, day(d));
        assert_eq!(on("2027-01-07"), None);
        assert_eq!(on("2027-01-08"), Some(Reminder::Soon));
        assert_eq!(on("2027-01-15"), Some(Reminder::DueToday));
        assert_eq!(on("2027-01-16"), None);
        assert_eq!(on("2027-01-18"), Some(Reminder::Overdue { days: 3 }));
        assert_eq!(on("2027-02-11"), Some(Reminder::Overdue { days: 27 }));
        assert_eq!(on("2027-02-14"), None, "locked: nothing more to ask");
        assert_eq!(summary_day(schedule, cal, q), day("2027-01-16"));
        let none = ReminderSettings {
            days_before: 0,
            every: 0,
        };
        assert_eq!(none.on(schedule, cal, q, day("2027-01-18")), None);
        assert_eq!(
            none.on(schedule, cal, q, day("2027-01-15")),
            Some(Reminder::DueToday)
        );
    }

    #[test]
    fn reminder_settings_are_read_from_what_an_administrator_types() {
        let r = ReminderSettings::parse(" 3 ", "0").unwrap();
        assert_eq!(
            r,
            ReminderSettings {
                days_before: 3,
                every: 0
            }
        );
        assert_eq!(
            r.describe(),
            "Owners with updates not submitted are reminded 3 days before the due date, on the due date, until the quarter locks."
        );
        assert!(ReminderSettings::parse("x", "3")
            .unwrap_err()
            .contains("\"x\""));
        assert!(ReminderSettings::parse("3", "61").is_err());
    }

    #[test]
    fn last_quarter_is_in_call_until_it_locks() {
        let (schedule, cal) = (CallSchedule::default(), FiscalCalendar::default());
        let q = |y, n| FiscalQuarter {
            year: y,
            quarter: n,
        };
        assert_eq!(
            quarters_in_call(schedule, cal, day("2026-11-13")),
            vec![q(2026, 4), q(2027, 1)]
        );
        assert_eq!(
            quarters_in_call(schedule, cal, day("2026-11-14")),
            vec![q(2027, 1)]
        );
    }

    #[test]
    fn a_digest_lists_each_item_with_where_it_stands() {
        let q = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let items = vec![
            Pending {
                label: "Strategy 4.1.3: Develop protocols".into(),
                state: "Draft".into(),
            },
            Pending {
                label: "Measure: Cases closed (strategy 4.1.3)".into(),
                state: "Not started".into(),
            },
        ];
        let (subject, body) = digest(
            "Ana Ruiz",
            q,
            ("15 January 2027", "14 February 2027"),
            Some(Reminder::Overdue { days: 3 }),
            &items,
            "https://plan.example.gov/my",
        );
        assert_eq!(
            subject,
            "Overdue: 2 updates for FY2027 Q1 (due 15 January 2027)"
        );
        assert!(body.starts_with("Hello Ana Ruiz,"));
        assert!(body.contains("- Strategy 4.1.3: Develop protocols (Draft)\n"));
        assert!(body.contains("https://plan.example.gov/my"));
    }
}
