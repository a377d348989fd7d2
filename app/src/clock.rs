//! The time the app runs at: the system clock in production, a fixed and settable instant
//! in tests and end-to-end runs (`PLANTRACK_NOW`), so nothing depends on the day it runs.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::{Arc, RwLock};

/// Where "now" comes from; cheap to clone, clones share a fixed instant.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<RwLock<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that stays at `at` until [`Clock::set`] moves it.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock {
            fixed: Some(Arc::new(RwLock::new(at))),
        }
    }

    /// Reads `PLANTRACK_NOW` ("2027-01-01" or an RFC 3339 instant): a fixed clock when set,
    /// else the system clock; an unreadable value is an error, never silently ignored.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("PLANTRACK_NOW") {
            Ok(text) if !text.trim().is_empty() => parse_instant(&text).map(Clock::fixed),
            _ => Ok(Clock::system()),
        }
    }

    /// Moves a fixed clock to `at` (a system clock cannot be moved: nothing happens).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(fixed) = &self.fixed {
            *fixed.write().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            Some(fixed) => *fixed.read().unwrap_or_else(|e| e.into_inner()),
            None => Utc::now(),
        }
    }

    /// Today's date (UTC).
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Whether this clock is fixed (tests, `PLANTRACK_NOW`).
    pub fn is_fixed(&self) -> bool {
        self.fixed.is_some()
    }
}

/// "2027-01-01" (midday UTC, clear of any time-zone edge) or "2027-01-01T09:30:00Z".
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("\"{text}\" is not a date (2027-01-01) or an RFC 3339 instant"))
}

/// The stored-timestamp form of `ago` before now by the clock record
/// timestamps are stamped with ([`crate::db::now_utc`]): for windows over such rows, like
/// recent sign-in failures.
pub fn utc_ago(ago: chrono::Duration) -> String {
    (crate::db::stamp_instant() - ago).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn a_fixed_clock_stays_put_until_moved_and_clones_move_with_it() {
        let clock = Clock::fixed(parse_instant("2026-09-30").unwrap());
        let shared = clock.clone();
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        shared.set(parse_instant("2026-10-01T00:00:00Z").unwrap());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        assert!(clock.is_fixed());
    }

    #[test]
    fn instants_are_read_as_dates_or_rfc3339_and_nonsense_is_refused() {
        assert_eq!(
            parse_instant("2028-02-29").unwrap().to_rfc3339(),
            "2028-02-29T12:00:00+00:00"
        );
        assert_eq!(
            parse_instant("2026-12-31T23:59:59-05:00")
                .unwrap()
                .to_rfc3339(),
            "2027-01-01T04:59:59+00:00"
        );
        assert!(parse_instant("2027-02-29").is_err());
        assert!(parse_instant("next tuesday").is_err());
    }

    #[test]
    fn the_system_clock_cannot_be_moved() {
        let clock = Clock::system();
        clock.set(parse_instant("2000-01-01").unwrap());
        assert!(clock.today().year_ce().1 > 2000);
        assert!(!clock.is_fixed());
    }
}
