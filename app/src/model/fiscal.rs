//! The fiscal calendar: fiscal years that start on a configurable month (1 October by
//! default, so FY2027 Q1 is 1 October – 31 December 2026) and their quarters.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A fiscal year and quarter, e.g. FY2027 Q1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalQuarter {
    /// The fiscal year, named for the calendar year in which it ends.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

impl FiscalQuarter {
    /// Reads the address form "2027-Q1".
    pub fn parse(s: &str) -> Option<FiscalQuarter> {
        let (year, quarter) = s.split_once("-Q").or_else(|| s.split_once("-q"))?;
        let year: i32 = year.parse().ok()?;
        let quarter: u8 = quarter.parse().ok()?;
        ((1..=4).contains(&quarter) && (1900..=9999).contains(&year))
            .then_some(FiscalQuarter { year, quarter })
    }

    /// The address form: "2027-Q1".
    pub fn slug(self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }

    /// The quarter before this one.
    pub fn previous(self) -> FiscalQuarter {
        if self.quarter == 1 {
            FiscalQuarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            FiscalQuarter {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }

    /// The quarter after this one.
    pub fn next(self) -> FiscalQuarter {
        if self.quarter == 4 {
            FiscalQuarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            FiscalQuarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }
}

impl std::fmt::Display for FiscalQuarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FY{} Q{}", self.year, self.quarter)
    }
}

/// The organisation's fiscal calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalCalendar {
    /// The month (1–12) on whose first day the fiscal year starts.
    pub start_month: u32,
}

impl Default for FiscalCalendar {
    fn default() -> Self {
        FiscalCalendar { start_month: 10 }
    }
}

impl FiscalCalendar {
    /// A calendar whose year starts on the first of `start_month` (1–12).
    pub fn new(start_month: u32) -> Option<FiscalCalendar> {
        (1..=12)
            .contains(&start_month)
            .then_some(FiscalCalendar { start_month })
    }

    /// The fiscal quarter a date falls in.
    pub fn quarter_of(self, date: NaiveDate) -> FiscalQuarter {
        let months_in = (date.month() + 12 - self.start_month) % 12;
        // A year starting in January is the calendar year; otherwise it is named for
        // the calendar year in which it ends.
        let year = if self.start_month == 1 || date.month() < self.start_month {
            date.year()
        } else {
            date.year() + 1
        };
        FiscalQuarter {
            year,
            quarter: (months_in / 3 + 1) as u8,
        }
    }

    /// The first day of a fiscal quarter.
    pub fn start_of(self, fq: FiscalQuarter) -> NaiveDate {
        let first_year = if self.start_month == 1 {
            fq.year
        } else {
            fq.year - 1
        };
        let month0 = self.start_month - 1 + (fq.quarter as u32 - 1) * 3;
        let (year, month) = (first_year + (month0 / 12) as i32, month0 % 12 + 1);
        NaiveDate::from_ymd_opt(year, month, 1).expect("valid first of month")
    }

    /// The last day of a fiscal quarter.
    pub fn end_of(self, fq: FiscalQuarter) -> NaiveDate {
        self.start_of(fq.next()).pred_opt().expect("a day before")
    }

    /// An RFC 3339 timestamp as a date with its fiscal quarter: "28 Nov 2026, FY2027 Q1".
    pub fn label_timestamp(self, timestamp: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(timestamp) {
            Ok(t) => {
                let day = t.date_naive();
                format!("{}, {}", day.format("%-d %b %Y"), self.quarter_of(day))
            }
            Err(_) => timestamp.to_string(),
        }
    }

    /// How many of fiscal year `fy`'s quarters have ended by `today` (0 to 4).
    pub fn quarters_over(self, fy: i32, today: NaiveDate) -> u8 {
        (1..=4u8)
            .filter(|&q| {
                self.end_of(FiscalQuarter {
                    year: fy,
                    quarter: q,
                }) < today
            })
            .count() as u8
    }

    /// "1 Oct 2026 – 30 Sep 2027".
    pub fn describe_year(self, fy: i32) -> String {
        let start = self.start_of(FiscalQuarter {
            year: fy,
            quarter: 1,
        });
        let end = self.end_of(FiscalQuarter {
            year: fy,
            quarter: 4,
        });
        format!(
            "{} – {}",
            start.format("%-d %b %Y"),
            end.format("%-d %b %Y")
        )
    }

    /// "FY2027 Q1 (1 Oct – 31 Dec 2026)".
    pub fn describe(self, fq: FiscalQuarter) -> String {
        let (start, end) = (self.start_of(fq), self.end_of(fq));
        format!(
            "{fq} ({} – {})",
            start.format("%-d %b %Y"),
            end.format("%-d %b %Y")
        )
    }
}

/// The fiscal years a plan can hold.
pub const PLAN_YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// A quarter as people read it ("FY2027 Q1") from its address form ("2027-Q1"); any
/// other text as it is. Text on a page uses this form, addresses the other.
pub fn quarter_words(text: &str) -> String {
    quarter_in_address(text).map_or_else(|_| text.to_string(), |q| q.to_string())
}

/// A quarter named in an address ("2027-Q1"), or a 404 saying how to write one.
pub fn quarter_in_address(text: &str) -> Result<FiscalQuarter, super::AppError> {
    FiscalQuarter::parse(text).ok_or_else(|| {
        super::AppError::NotFound(format!("\"{text}\" is not a quarter (use 2027-Q1)."))
    })
}

/// A quarter sent by a form, or a 422.
pub fn quarter_in_form(text: &str) -> Result<FiscalQuarter, super::AppError> {
    FiscalQuarter::parse(text)
        .ok_or_else(|| super::AppError::Invalid(format!("\"{text}\" is not a quarter.")))
}

/// Reads a fiscal year from an address ("2027" or "FY2027").
pub fn parse_year(text: &str) -> Option<i32> {
    text.trim()
        .trim_start_matches("FY")
        .trim_start_matches("fy")
        .parse()
        .ok()
        .filter(|y| PLAN_YEARS.contains(y))
}

/// Why fiscal year `fy` is not one a plan can hold, if it is not.
pub fn year_problem(fy: i32) -> Option<String> {
    (!PLAN_YEARS.contains(&fy)).then(|| format!("FY{fy} is not a fiscal year this plan can hold."))
}

/// Refuses a fiscal year outside what a plan can hold.
pub fn check_year(fy: i32) -> Result<(), super::AppError> {
    year_problem(fy).map_or(Ok(()), |m| Err(super::AppError::Invalid(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fq(year: i32, quarter: u8) -> FiscalQuarter {
        FiscalQuarter { year, quarter }
    }

    #[test]
    fn october_start_boundaries() {
        let cal = FiscalCalendar::default();
        assert_eq!(cal.quarter_of(d(2026, 9, 30)), fq(2026, 4));
        assert_eq!(cal.quarter_of(d(2026, 10, 1)), fq(2027, 1));
        assert_eq!(cal.quarter_of(d(2026, 12, 31)), fq(2027, 1));
        assert_eq!(cal.quarter_of(d(2027, 1, 1)), fq(2027, 2));
        assert_eq!(cal.quarter_of(d(2027, 7, 1)), fq(2027, 4));
        assert_eq!(cal.start_of(fq(2027, 1)), d(2026, 10, 1));
        assert_eq!(cal.end_of(fq(2027, 1)), d(2026, 12, 31));
        assert_eq!(cal.end_of(fq(2027, 4)), d(2027, 9, 30));
        assert_eq!(
            cal.describe(fq(2027, 1)),
            "FY2027 Q1 (1 Oct 2026 – 31 Dec 2026)"
        );
    }

    #[test]
    fn leap_day_and_quarter_ends() {
        let cal = FiscalCalendar::default();
        assert_eq!(cal.quarter_of(d(2028, 2, 29)), fq(2028, 2));
        assert_eq!(cal.end_of(fq(2028, 2)), d(2028, 3, 31));
        assert_eq!(cal.start_of(fq(2028, 2)), d(2028, 1, 1));
    }

    #[test]
    fn other_start_months() {
        let july = FiscalCalendar::new(7).unwrap();
        assert_eq!(july.quarter_of(d(2026, 6, 30)), fq(2026, 4));
        assert_eq!(july.quarter_of(d(2026, 7, 1)), fq(2027, 1));
        assert_eq!(july.start_of(fq(2027, 3)), d(2027, 1, 1));
        let january = FiscalCalendar::new(1).unwrap();
        assert_eq!(january.quarter_of(d(2026, 1, 1)), fq(2026, 1));
        assert_eq!(january.quarter_of(d(2026, 12, 31)), fq(2026, 4));
        assert_eq!(january.end_of(fq(2026, 4)), d(2026, 12, 31));
        assert!(FiscalCalendar::new(13).is_none());
    }

    #[test]
    fn every_day_lies_inside_its_quarter() {
        for start in 1..=12 {
            let cal = FiscalCalendar::new(start).unwrap();
            let mut day = d(2027, 1, 1);
            while day < d(2029, 1, 1) {
                let q = cal.quarter_of(day);
                assert!(
                    cal.start_of(q) <= day && day <= cal.end_of(q),
                    "{day} {start}"
                );
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn timestamps_show_their_fiscal_quarter() {
        let cal = FiscalCalendar::default();
        assert_eq!(
            cal.label_timestamp("2026-11-28T01:50:00.000Z"),
            "28 Nov 2026, FY2027 Q1"
        );
        assert_eq!(
            cal.label_timestamp("2026-09-30T23:59:59Z"),
            "30 Sep 2026, FY2026 Q4"
        );
        assert_eq!(cal.label_timestamp("garbage"), "garbage");
    }

    #[test]
    fn slugs_round_trip_and_neighbours() {
        assert_eq!(FiscalQuarter::parse("2027-Q1"), Some(fq(2027, 1)));
        assert_eq!(fq(2027, 1).slug(), "2027-Q1");
        assert_eq!(FiscalQuarter::parse("2027-Q5"), None);
        assert_eq!(FiscalQuarter::parse("Q1"), None);
        assert_eq!(fq(2027, 1).previous(), fq(2026, 4));
        assert_eq!(fq(2026, 4).next(), fq(2027, 1));
    }
}
