//! Budget alignment: a fiscal year's budget requests, the share of each that supports a
//! strategy, and the roll-up of amounts requested and funded by goal and objective.

use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// Where a budget request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BudgetStatus {
    Proposed,
    Submitted,
    Funded,
    NotFunded,
}

impl BudgetStatus {
    /// Every status, in the order a request moves through them.
    pub const ALL: [BudgetStatus; 4] = [
        BudgetStatus::Proposed,
        BudgetStatus::Submitted,
        BudgetStatus::Funded,
        BudgetStatus::NotFunded,
    ];

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetStatus::Proposed => "proposed",
            BudgetStatus::Submitted => "submitted",
            BudgetStatus::Funded => "funded",
            BudgetStatus::NotFunded => "not_funded",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<BudgetStatus> {
        BudgetStatus::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The words people read.
    pub fn words(self) -> &'static str {
        match self {
            BudgetStatus::Proposed => "Proposed",
            BudgetStatus::Submitted => "Submitted",
            BudgetStatus::Funded => "Funded",
            BudgetStatus::NotFunded => "Not funded",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            BudgetStatus::Proposed => Mark::NotYet,
            BudgetStatus::Submitted => Mark::Sent,
            BudgetStatus::Funded => Mark::Done,
            BudgetStatus::NotFunded => Mark::Failed,
        }
    }

    /// The words with their symbol, so the status never rests on colour.
    pub fn label(self) -> String {
        self.mark().with(self.words())
    }
}

/// How many strategy-share rows the request form offers.
pub const SHARE_ROWS: usize = 4;

/// What the request form sent, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetInput {
    pub title: String,
    pub amount: String,
    pub office: String,
    pub status: String,
    /// (strategy number, percent) per share row, as typed.
    pub shares: Vec<(String, String)>,
    pub version: i64,
}

/// A request that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub title: String,
    pub cents: i64,
    pub office: String,
    pub status: BudgetStatus,
    /// (strategy number, percent), each strategy once, percents adding up to at most 100.
    pub shares: Vec<(String, i64)>,
}

/// Parses "$1,250,000.50" (dollars, cents optional) into cents.
pub fn parse_amount(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let (whole, cents) = match t.split_once('.') {
        Some((w, c)) if c.len() <= 2 && c.bytes().all(|b| b.is_ascii_digit()) => {
            (w, format!("{c:0<2}").parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (t.as_str(), 0),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 13 {
        return None;
    }
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

/// Cents as dollars: "$1,250,000" or "$12.50".
pub fn dollars(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match cents % 100 {
        0 => format!("${grouped}"),
        c => format!("${grouped}.{c:02}"),
    }
}

/// The fiscal year whose budget is being formulated during fiscal year `fy`: the next
/// one (the planning cycle builds FY+1's budget in FY's second quarter,
/// `model::cycle::milestones`), which `/budget` opens.
pub fn formulated_in(fy: i32) -> i32 {
    fy + 1
}

/// A total's row heading: "Goal 4: Operational Excellence", or the label alone.
pub fn total_heading(t: &Total) -> String {
    if t.name.trim().is_empty() {
        t.label.clone()
    } else {
        format!("{}: {}", t.label, t.name.trim())
    }
}

/// Checks a typed request against the plan's strategy numbers; every problem by field.
pub fn check(input: &BudgetInput, strategies: &[String]) -> Result<Checked, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let title = input.title.trim().to_string();
    if title.is_empty() {
        errors.push(("title".into(), "Give the request a title.".into()));
    } else if title.chars().count() > 200 {
        errors.push((
            "title".into(),
            "Keep the title under 200 characters.".into(),
        ));
    }
    let cents = parse_amount(&input.amount);
    if cents.is_none() {
        errors.push((
            "amount".into(),
            format!(
                "\"{}\" is not an amount in dollars, like 125,000 or 1250.50.",
                input.amount.trim()
            ),
        ));
    }
    let status = BudgetStatus::parse(&input.status);
    if status.is_none() {
        errors.push(("status".into(), "Choose the request's status.".into()));
    }
    let mut shares: Vec<(String, i64)> = Vec::new();
    for (i, (number, percent)) in input.shares.iter().enumerate() {
        let (number, percent) = (number.trim(), percent.trim());
        if number.is_empty() && percent.is_empty() {
            continue;
        }
        let field = format!("share_{}", i + 1);
        if !strategies.iter().any(|s| s == number) {
            errors.push((
                field,
                format!("Choose a strategy of the plan for share {}.", i + 1),
            ));
            continue;
        }
        match percent.trim_end_matches('%').trim().parse::<i64>() {
            Ok(p) if (1..=100).contains(&p) => {
                if shares.iter().any(|(n, _)| n == number) {
                    errors.push((field, format!("Strategy {number} is listed twice.")));
                } else {
                    shares.push((number.to_string(), p));
                }
            }
            _ => errors.push((
                field,
                format!("Give strategy {number}'s share as a whole percent from 1 to 100."),
            )),
        }
    }
    if shares.iter().map(|(_, p)| p).sum::<i64>() > 100 {
        errors.push((
            "share_1".into(),
            "The shares add up to more than 100%.".into(),
        ));
    }
    match (errors.is_empty(), cents, status) {
        (true, Some(cents), Some(status)) => Ok(Checked {
            title,
            cents,
            office: input.office.trim().to_string(),
            status,
            shares,
        }),
        _ => Err(errors),
    }
}

/// A stored request with its shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: i64,
    pub title: String,
    pub cents: i64,
    pub office: String,
    pub status: BudgetStatus,
    pub shares: Vec<(String, i64)>,
    pub version: i64,
    pub updated: String,
}

/// A strategy of the plan and where it sits: (number, objective, goal, label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub number: String,
    pub objective: String,
    pub goal: String,
}

/// One row of the roll-up: a goal or objective and its amounts (cents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    /// "Goal 4" or "Objective 4.1".
    pub label: String,
    /// The goal's name or the objective's title ("" when it has none).
    #[serde(default)]
    pub name: String,
    pub is_goal: bool,
    pub requested: i64,
    pub funded: i64,
}

/// The amounts requested and funded by goal and objective, in outline order: each
/// request's share of its amount goes to its strategy's objective and goal. A request
/// not funded adds to requested only.
pub fn roll_up(requests: &[Request], strategies: &[Placed]) -> Vec<Total> {
    let mut rows: Vec<Total> = Vec::new();
    let mut add = |label: String, is_goal: bool, requested: i64, funded: i64| match rows
        .iter_mut()
        .find(|r| r.label == label)
    {
        Some(r) => {
            r.requested += requested;
            r.funded += funded;
        }
        None => rows.push(Total {
            label,
            name: String::new(),
            is_goal,
            requested,
            funded,
        }),
    };
    for s in strategies {
        let mut requested = 0;
        let mut funded = 0;
        for r in requests {
            for (n, p) in &r.shares {
                if *n == s.number {
                    let part = r.cents * p / 100;
                    requested += part;
                    if r.status == BudgetStatus::Funded {
                        funded += part;
                    }
                }
            }
        }
        add(format!("Goal {}", s.goal), true, requested, funded);
        add(
            format!("Objective {}", s.objective),
            false,
            requested,
            funded,
        );
    }
    rows
}

/// The strategies no request supports.
pub fn unsupported(requests: &[Request], strategies: &[Placed]) -> Vec<String> {
    strategies
        .iter()
        .filter(|s| {
            !requests
                .iter()
                .any(|r| r.shares.iter().any(|(n, _)| *n == s.number))
        })
        .map(|s| s.number.clone())
        .collect()
}

/// The budget page of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetPage {
    pub fiscal_year: i32,
    pub requests: Vec<Request>,
    pub totals: Vec<Total>,
    /// Requests that support no strategy.
    pub exceptions: Vec<Request>,
    pub unsupported: Vec<String>,
    /// The chart of requested and funded by goal, drawn.
    pub chart: Option<super::chart::DrawnChart>,
    /// Every strategy's number and text, for the form.
    pub strategies: Vec<(String, String)>,
    pub can_edit: bool,
    /// The request being edited (`?edit=7`).
    pub editing: Option<Request>,
    pub returned: Option<super::form::Returned<BudgetInput>>,
}

/// A year's sums in cents: every request, and what the goals' totals count as aligned
/// with strategies (requested and funded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sums {
    pub all: i64,
    pub requested: i64,
    pub funded: i64,
}

impl BudgetPage {
    /// The year's sums: aligned amounts add up the goals' totals only, so a request
    /// shared between objectives of one goal is counted once.
    pub fn sums(&self) -> Sums {
        let goals = self.totals.iter().filter(|t| t.is_goal);
        Sums {
            all: self.requests.iter().map(|r| r.cents).sum(),
            requested: goals.clone().map(|t| t.requested).sum(),
            funded: goals.map(|t| t.funded).sum(),
        }
    }
}

crate::stored_as_text!(
    BudgetStatus,
    BudgetStatus::parse,
    "budget_requests.status",
    "budget status"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(n: &str) -> Placed {
        let parts: Vec<&str> = n.split('.').collect();
        Placed {
            number: n.into(),
            objective: format!("{}.{}", parts[0], parts[1]),
            goal: parts[0].into(),
        }
    }

    fn request(cents: i64, status: BudgetStatus, shares: &[(&str, i64)]) -> Request {
        Request {
            id: 1,
            title: "r".into(),
            cents,
            office: String::new(),
            status,
            shares: shares.iter().map(|(n, p)| (n.to_string(), *p)).collect(),
            version: 1,
            updated: String::new(),
        }
    }

    #[test]
    fn amounts_parse_with_dollar_signs_commas_and_cents() {
        assert_eq!(parse_amount("$1,250,000"), Some(125_000_000));
        assert_eq!(parse_amount("12.5"), Some(1250));
        assert_eq!(parse_amount("0"), Some(0));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("12.345"), None);
        assert_eq!(parse_amount("lots"), None);
        assert_eq!(dollars(125_000_000), "$1,250,000");
        assert_eq!(dollars(1250), "$12.50");
        assert_eq!(dollars(99_900), "$999");
    }

    #[test]
    fn a_request_is_checked_field_by_field() {
        let strategies = vec!["4.1.1".to_string(), "4.1.2".to_string()];
        let input = BudgetInput {
            title: " Case system ".into(),
            amount: "100,000".into(),
            status: "submitted".into(),
            shares: vec![
                ("4.1.1".into(), "60".into()),
                ("".into(), "".into()),
                ("4.1.2".into(), "40%".into()),
            ],
            ..Default::default()
        };
        let c = check(&input, &strategies).unwrap();
        assert_eq!(c.title, "Case system");
        assert_eq!(
            c.shares,
            vec![("4.1.1".to_string(), 60), ("4.1.2".to_string(), 40)]
        );
        let bad = BudgetInput {
            shares: vec![
                ("4.1.1".into(), "80".into()),
                ("4.1.2".into(), "30".into()),
                ("9.9.9".into(), "5".into()),
            ],
            status: "maybe".into(),
            ..input
        };
        let fields: Vec<String> = check(&bad, &strategies)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["status", "share_3", "share_1"]);
    }

    #[test]
    fn the_roll_up_splits_each_request_by_its_shares_and_counts_funded_ones_as_funded() {
        let strategies = vec![
            placed("4.1.1"),
            placed("4.1.2"),
            placed("4.2.1"),
            placed("5.1.1"),
        ];
        let requests = vec![
            request(
                100_000,
                BudgetStatus::Funded,
                &[("4.1.1", 60), ("4.2.1", 40)],
            ),
            request(50_000, BudgetStatus::Submitted, &[("4.1.2", 100)]),
            request(7_000, BudgetStatus::NotFunded, &[]),
        ];
        let rows = roll_up(&requests, &strategies);
        let got: Vec<(&str, i64, i64)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.requested, r.funded))
            .collect();
        assert_eq!(
            got,
            [
                ("Goal 4", 150_000, 100_000),
                ("Objective 4.1", 110_000, 60_000),
                ("Objective 4.2", 40_000, 40_000),
                ("Goal 5", 0, 0),
                ("Objective 5.1", 0, 0),
            ]
        );
        assert_eq!(unsupported(&requests, &strategies), ["5.1.1"]);
        let page = BudgetPage {
            fiscal_year: 2027,
            totals: rows,
            requests,
            exceptions: Vec::new(),
            unsupported: Vec::new(),
            chart: None,
            strategies: Vec::new(),
            can_edit: false,
            editing: None,
            returned: None,
        };
        // Aligned sums count the goals' rows only (not again through their objectives);
        // the request that supports no strategy counts in `all` alone.
        assert_eq!(
            page.sums(),
            Sums {
                all: 157_000,
                requested: 150_000,
                funded: 100_000
            }
        );
    }
}
