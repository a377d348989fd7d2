//! The working group's approval inbox for a quarter: every strategy's update awaiting
//! approval, returned to its owner, approved or missing, with its actuals, and the
//! counts the filters show.

use super::fiscal::FiscalQuarter;
use super::status::StatusUpdate;
use serde::{Deserialize, Serialize};

/// Where a strategy's update for the quarter stands, as the inbox files it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Submitted, not reviewed yet.
    Awaiting,
    /// Returned to its owner with a comment; not corrected and resubmitted yet.
    Returned,
    /// Nothing submitted (a draft does not count).
    Missing,
    /// Approved.
    Approved,
}

/// Which rows the inbox shows (`?show=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Show {
    /// Awaiting approval (the default: the working group's work).
    Awaiting,
    /// Returned to their owners.
    Returned,
    /// Missing a status update or an actual.
    Missing,
    /// Approved.
    Approved,
    /// Every strategy.
    All,
}

impl Show {
    /// Every filter, in the order the page offers them.
    pub const ALL: [Show; 5] = [
        Show::Awaiting,
        Show::Returned,
        Show::Missing,
        Show::Approved,
        Show::All,
    ];

    /// The word in the address.
    pub fn as_str(self) -> &'static str {
        match self {
            Show::Awaiting => "awaiting",
            Show::Returned => "returned",
            Show::Missing => "missing",
            Show::Approved => "approved",
            Show::All => "all",
        }
    }

    /// Reads `?show=` (anything else: awaiting).
    pub fn parse(text: &str) -> Show {
        Show::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .unwrap_or(Show::Awaiting)
    }

    /// The filter's name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Show::Awaiting => "Awaiting approval",
            Show::Returned => "Returned",
            Show::Missing => "Missing",
            Show::Approved => "Approved",
            Show::All => "All strategies",
        }
    }
}

/// One measure's actual for the quarter, as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActualLine {
    /// The measure's id (its page).
    pub measure: i64,
    /// Its name.
    pub name: String,
    /// The value as people read it ("72 cases"), or `None` when nothing is recorded.
    pub value: Option<String>,
}

/// One strategy's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// "4.1.3".
    pub number: String,
    /// The strategy's text.
    pub title: String,
    /// Who owns it, as every page writes it.
    pub owner: String,
    /// Where its update stands.
    pub standing: Standing,
    /// The latest submitted update (its text, numbers and version), if any.
    pub update: Option<StatusUpdate>,
    /// Who returned it and why (a returned update).
    pub returned: Option<(String, String)>,
    /// The actuals of the measures attached to it.
    pub actuals: Vec<ActualLine>,
    /// Discussion threads still open on its update of the quarter (any version).
    #[serde(default)]
    pub open_threads: i64,
}

impl Row {
    /// Whether a measure of it has no actual for the quarter.
    pub fn missing_actual(&self) -> bool {
        self.actuals.iter().any(|a| a.value.is_none())
    }

    /// Whether filter `show` lists it.
    pub fn shown_by(&self, show: Show) -> bool {
        match show {
            Show::Awaiting => self.standing == Standing::Awaiting,
            Show::Returned => self.standing == Standing::Returned,
            Show::Missing => self.standing == Standing::Missing || self.missing_actual(),
            Show::Approved => self.standing == Standing::Approved,
            Show::All => true,
        }
    }
}

/// Rows on one page of the inbox: each row carries an update's narrative, actuals and
/// review form, and a plan of thousands of strategies would otherwise be one page of
/// megabytes.
pub const PAGE_SIZE: usize = 25;

/// One page of a quarter's inbox, as a filter lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    /// The quarter it is for.
    pub quarter: FiscalQuarter,
    /// Whether updates need approval (an administrator's setting).
    pub approval: bool,
    /// The filter shown.
    pub show: Show,
    /// The rows of the page shown, in plan order.
    pub rows: Vec<Row>,
    /// How many rows each filter lists, in the order of [`Show::ALL`].
    pub counts: Vec<usize>,
    /// The page shown, from 1.
    pub page: usize,
    /// Refused review forms, by strategy number (shown in place, once).
    #[serde(default)]
    pub returned_forms: Vec<(String, super::form::Returned)>,
}

impl Inbox {
    /// Page `page` (from 1; past the last, the last) of `all` (every strategy's row, in
    /// plan order) as filter `show` lists it.
    pub fn paged(
        (quarter, approval): (FiscalQuarter, bool),
        show: Show,
        all: Vec<Row>,
        page: usize,
    ) -> Inbox {
        let counts = Show::ALL
            .iter()
            .map(|s| all.iter().filter(|r| r.shown_by(*s)).count())
            .collect::<Vec<_>>();
        let listed = all.iter().filter(|r| r.shown_by(show)).count();
        let page = page.clamp(1, listed.div_ceil(PAGE_SIZE).max(1));
        let rows = all
            .into_iter()
            .filter(|r| r.shown_by(show))
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect();
        Inbox {
            quarter,
            approval,
            show,
            rows,
            counts,
            page,
            returned_forms: Vec::new(),
        }
    }

    /// How many rows filter `show` lists.
    pub fn count(&self, show: Show) -> usize {
        Show::ALL
            .iter()
            .position(|s| *s == show)
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The rows the page lists.
    pub fn shown(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter()
    }

    /// How many pages the filter's list has (at least one).
    pub fn pages(&self) -> usize {
        self.count(self.show).div_ceil(PAGE_SIZE).max(1)
    }

    /// The places in the filter's list of the first and last rows shown (from 1), when
    /// any are.
    pub fn range(&self) -> Option<(usize, usize)> {
        let first = (self.page - 1) * PAGE_SIZE + 1;
        (!self.rows.is_empty()).then(|| (first, first + self.rows.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: &str, standing: Standing, actuals: &[Option<&str>]) -> Row {
        Row {
            open_threads: 0,
            number: number.into(),
            title: String::new(),
            owner: String::new(),
            standing,
            update: None,
            returned: None,
            actuals: actuals
                .iter()
                .enumerate()
                .map(|(i, v)| ActualLine {
                    measure: i as i64,
                    name: format!("m{i}"),
                    value: v.map(str::to_string),
                })
                .collect(),
        }
    }

    #[test]
    fn each_filter_lists_its_rows_and_missing_includes_missing_actuals() {
        let q = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let inbox = Inbox::paged(
            (q, true),
            Show::Missing,
            vec![
                row("1.1.1", Standing::Awaiting, &[Some("3 cases")]),
                row("1.1.2", Standing::Awaiting, &[None]),
                row("1.1.3", Standing::Returned, &[]),
                row("1.1.4", Standing::Missing, &[]),
                row("1.1.5", Standing::Approved, &[Some("1")]),
            ],
            1,
        );
        assert_eq!(inbox.count(Show::Awaiting), 2);
        assert_eq!(inbox.count(Show::Returned), 1);
        assert_eq!(inbox.count(Show::Approved), 1);
        assert_eq!(inbox.count(Show::All), 5);
        let missing: Vec<&str> = inbox.shown().map(|r| r.number.as_str()).collect();
        assert_eq!(missing, ["1.1.2", "1.1.4"]);
        assert_eq!(Show::parse("returned"), Show::Returned);
        assert_eq!(Show::parse("nonsense"), Show::Awaiting);
    }

    #[test]
    fn a_long_list_is_paged_and_a_page_past_the_end_is_the_last() {
        let q = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let all = |n: usize| {
            (1..=n)
                .map(|i| {
                    let standing = if i % 2 == 0 {
                        Standing::Missing
                    } else {
                        Standing::Awaiting
                    };
                    row(&format!("1.1.{i}"), standing, &[])
                })
                .collect::<Vec<_>>()
        };
        // 60 strategies, 30 awaiting: two pages of awaiting, the second of 5.
        let second = Inbox::paged((q, true), Show::Awaiting, all(60), 2);
        assert_eq!(
            (second.pages(), second.page, second.range()),
            (2, 2, Some((26, 30)))
        );
        let numbers: Vec<&str> = second.shown().map(|r| r.number.as_str()).collect();
        assert_eq!(numbers.first(), Some(&"1.1.51"));
        assert_eq!(numbers.last(), Some(&"1.1.59"));
        assert_eq!(
            (second.count(Show::All), second.count(Show::Missing)),
            (60, 30)
        );
        let all_first = Inbox::paged((q, true), Show::All, all(60), 1);
        assert_eq!((all_first.pages(), all_first.range()), (3, Some((1, 25))));
        let past = Inbox::paged((q, true), Show::All, all(60), 99);
        assert_eq!((past.page, past.range()), (3, Some((51, 60))));
        let none = Inbox::paged((q, true), Show::Returned, all(60), 3);
        assert_eq!((none.page, none.pages(), none.range()), (1, 1, None));
    }
}
