//! The five-year business plan: per strategy and fiscal year (the current one and the
//! next four), whether it is worked on, its planned milestones, what it needs (dollars,
//! FTE, and operational requirements by kind) and the offices that lead and contribute
//! (31 U.S.C. 1115(b)(5)–(6)); and how each year's budget requests compare with it.

use super::budget::{dollars, parse_amount};
use serde::{Deserialize, Serialize};

/// How many fiscal years the business plan covers.
pub const YEARS: i32 = 5;
/// Longest text of a requirement or an office list.
pub const MAX_TEXT: usize = 2_000;
/// Longest milestone text, and how many milestones a year holds.
pub const MAX_MILESTONE: usize = 300;
pub const MAX_MILESTONES: usize = 12;
/// Most FTE a strategy's year may need.
pub const MAX_FTE: f64 = 10_000.0;

/// The fiscal years of the business plan that starts with `first`.
pub fn years(first: i32) -> std::ops::RangeInclusive<i32> {
    first..=first + YEARS - 1
}

/// The kinds of operational requirement, as (field, label).
pub const NEEDS: [(&str, &str); 5] = [
    ("staff", "Staff and skills"),
    ("it", "Information technology"),
    ("facilities", "Facilities"),
    ("training", "Training"),
    ("contracts", "Contracts"),
];

/// A strategy's year as typed in the form (or a CSV row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInput {
    pub strategy: String,
    pub fiscal_year: String,
    /// The version the form showed (0: a new entry).
    pub version: i64,
    /// "on" when the strategy is worked on that year.
    pub active: String,
    /// One milestone a line: "Q2: Pilot complete".
    pub milestones: String,
    pub dollars: String,
    pub fte: String,
    /// The operational requirements, in [`NEEDS`] order.
    pub needs: [String; 5],
    pub lead_office: String,
    pub contributing: String,
}

/// A strategy's year, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub fiscal_year: i32,
    pub active: bool,
    /// (quarter 1–4, text), in quarter order.
    pub milestones: Vec<(u8, String)>,
    pub cents: Option<i64>,
    pub fte: Option<f64>,
    pub needs: [String; 5],
    pub lead_office: String,
    pub contributing: String,
}

impl Entry {
    /// The milestones as stored and typed: "Q2: Pilot complete" a line.
    pub fn milestone_text(&self) -> String {
        self.milestones
            .iter()
            .map(|(q, t)| format!("Q{q}: {t}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads milestone lines: "Q2: text" (or "Q2 text", "Q2 - text"), blank lines skipped.
pub fn parse_milestones(text: &str) -> Result<Vec<(u8, String)>, String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let rest = line
            .strip_prefix('Q')
            .or_else(|| line.strip_prefix('q'))
            .ok_or_else(|| {
                format!("Start each milestone with its quarter, like \"Q2: {line}\".")
            })?;
        let mut chars = rest.chars();
        let quarter = chars
            .next()
            .and_then(|c| c.to_digit(10))
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| format!("\"{line}\": the quarter is Q1 to Q4."))?;
        let text = chars
            .as_str()
            .trim_start_matches([':', '-', '–', ' '])
            .trim();
        if text.is_empty() {
            return Err(format!("\"{line}\": say what is done that quarter."));
        }
        if text.chars().count() > MAX_MILESTONE || text.chars().any(char::is_control) {
            return Err(format!(
                "Keep each milestone to one line under {MAX_MILESTONE} characters."
            ));
        }
        out.push((quarter as u8, text.to_string()));
    }
    if out.len() > MAX_MILESTONES {
        return Err(format!("Give at most {MAX_MILESTONES} milestones a year."));
    }
    out.sort_by_key(|(q, _)| *q);
    Ok(out)
}

/// Checks a strategy's year typed in a business plan starting with `first`: a year among
/// the five, a non-negative amount and FTE, milestones by quarter, text within limits.
pub fn check(input: &EntryInput, first: i32) -> Result<Entry, Vec<(String, String)>> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut fail = |f: &str, m: String| errors.push((f.to_string(), m));
    let range = years(first);
    let fy = match super::fiscal::parse_year(&input.fiscal_year) {
        Some(y) if range.contains(&y) => Some(y),
        _ => {
            fail(
                "fiscal_year",
                format!(
                    "\"{}\" is not one of the business plan's five years (FY{} to FY{}).",
                    input.fiscal_year.trim(),
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    };
    let milestones = parse_milestones(&input.milestones).unwrap_or_else(|m| {
        fail("milestones", m);
        Vec::new()
    });
    let cents = match input.dollars.trim() {
        "" => None,
        t => match parse_amount(t) {
            Some(c) => Some(c),
            None => {
                fail(
                    "dollars",
                    format!("\"{t}\" is not an amount in dollars (like 250,000)."),
                );
                None
            }
        },
    };
    let fte = match input.fte.trim() {
        "" => None,
        t => match t.parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=MAX_FTE).contains(&v) => Some(v),
            Ok(v) if v < 0.0 => {
                fail("fte", "FTE cannot be negative.".into());
                None
            }
            _ => {
                fail(
                    "fte",
                    format!("\"{t}\" is not a number of FTE from 0 to {MAX_FTE}."),
                );
                None
            }
        },
    };
    let texts = NEEDS
        .iter()
        .map(|(f, _)| *f)
        .zip(input.needs.iter())
        .chain([
            ("lead_office", &input.lead_office),
            ("contributing", &input.contributing),
        ]);
    for (field, text) in texts {
        if text.trim().chars().count() > MAX_TEXT {
            fail(field, format!("Keep this under {MAX_TEXT} characters."));
        }
    }
    match fy {
        Some(fiscal_year) if errors.is_empty() => Ok(Entry {
            fiscal_year,
            active: matches!(input.active.trim(), "on" | "true" | "yes" | "1"),
            milestones,
            cents,
            fte,
            needs: input.needs.clone().map(|t| t.trim().to_string()),
            lead_office: input.lead_office.trim().to_string(),
            contributing: input.contributing.trim().to_string(),
        }),
        _ => Err(errors),
    }
}

/// A goal's year: what the business plan needs, and what the budget requests give.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalYear {
    pub planned_cents: i64,
    pub fte: f64,
    pub requested_cents: i64,
}

impl GoalYear {
    /// "FY2028: $1,200,000 planned for goal 4, $400,000 requested" when the year's
    /// requests fall short of the plan.
    pub fn gap(&self, fy: i32, goal: &str) -> Option<String> {
        (self.requested_cents < self.planned_cents).then(|| {
            format!(
                "FY{fy}: {} planned for goal {goal}, {} requested",
                dollars(self.planned_cents),
                dollars(self.requested_cents)
            )
        })
    }
}

/// FTE as people read it: "2", "1.5".
pub fn fte_words(fte: f64) -> String {
    let rounded = (fte * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// A strategy's row of the business plan: its entry (if any) in each of the five years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStrategy {
    pub number: String,
    pub objective: String,
    pub years: Vec<Option<Entry>>,
}

/// A goal's part of the business plan: its strategies with entries, and per year what
/// they need beside what the year's budget requests give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanGoal {
    pub goal: String,
    pub name: Option<String>,
    pub strategies: Vec<PlanStrategy>,
    pub totals: Vec<GoalYear>,
}

/// `/business-plan/2027`: five fiscal years from `first`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessPlan {
    pub first: i32,
    pub years: Vec<i32>,
    /// Goals with at least one strategy that has an entry.
    pub goals: Vec<PlanGoal>,
    /// Every year and goal whose budget requests fall short of the plan.
    pub gaps: Vec<String>,
    /// Years whose IP is distributed (their entries are frozen).
    pub frozen: Vec<i32>,
    /// The reader may plan every strategy (a manager plans their own on its page).
    pub can_plan: bool,
    /// The roadmap chart of a page of the strategies, and which page.
    #[serde(default)]
    pub roadmap: Option<super::chart::DrawnChart>,
    #[serde(default)]
    pub paging: Option<super::paging::Paging>,
}

/// A strategy's five years as its planning page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyPlan {
    pub number: String,
    pub text: String,
    pub first: i32,
    /// (year, entry with its version and "saved by", frozen).
    pub years: Vec<StrategyYear>,
    pub can_edit: bool,
    /// An entry refused, as typed (shown once, at its year).
    pub returned: Option<super::form::Returned<EntryInput>>,
}

/// One year of a strategy's planning page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyYear {
    pub fiscal_year: i32,
    pub entry: Option<Entry>,
    pub version: i64,
    /// "Pat Lee, 3 January 2027" (empty: not planned yet).
    pub updated: String,
    pub frozen: bool,
}

impl StrategyYear {
    /// The form's fields as the entry stands (or empty for a year not planned yet).
    pub fn input(&self, number: &str) -> EntryInput {
        let e = self.entry.as_ref();
        EntryInput {
            strategy: number.to_string(),
            fiscal_year: self.fiscal_year.to_string(),
            version: self.version,
            active: if e.is_none_or(|e| e.active) { "on" } else { "" }.into(),
            milestones: e.map(Entry::milestone_text).unwrap_or_default(),
            dollars: e
                .and_then(|e| e.cents)
                .map(|c| dollars(c).trim_start_matches('$').to_string())
                .unwrap_or_default(),
            fte: e.and_then(|e| e.fte).map(fte_words).unwrap_or_default(),
            needs: e.map(|e| e.needs.clone()).unwrap_or_default(),
            lead_office: e.map(|e| e.lead_office.clone()).unwrap_or_default(),
            contributing: e.map(|e| e.contributing.clone()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(fy: &str) -> EntryInput {
        EntryInput {
            strategy: "4.1.3".into(),
            fiscal_year: fy.into(),
            active: "on".into(),
            milestones: "Q3: Go live\nq1 - Pilot\n\n".into(),
            dollars: "$250,000".into(),
            fte: "1.5".into(),
            ..EntryInput::default()
        }
    }

    #[test]
    fn an_entry_is_one_of_the_five_years_with_milestones_by_quarter() {
        let e = check(&typed("2029"), 2027).unwrap();
        assert_eq!(e.fiscal_year, 2029);
        assert!(e.active);
        assert_eq!(
            e.milestones,
            vec![(1, "Pilot".to_string()), (3, "Go live".to_string())]
        );
        assert_eq!(e.milestone_text(), "Q1: Pilot\nQ3: Go live");
        assert_eq!((e.cents, e.fte), (Some(25_000_000), Some(1.5)));
        for outside in ["2026", "2032", "next year"] {
            let errors = check(&typed(outside), 2027).unwrap_err();
            assert_eq!(errors[0].0, "fiscal_year", "{outside}");
            assert!(errors[0].1.contains("FY2027 to FY2031"), "{}", errors[0].1);
        }
    }

    #[test]
    fn negative_fte_bad_amounts_and_unquartered_milestones_are_refused() {
        let mut input = typed("2027");
        input.fte = "-1".into();
        input.dollars = "lots".into();
        input.milestones = "Pilot".into();
        input.needs[1] = "x".repeat(MAX_TEXT + 1);
        let fields: Vec<String> = check(&input, 2027)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["milestones", "dollars", "fte", "it"]);
        assert!(parse_milestones("Q5: Later").is_err());
        assert!(parse_milestones("Q2:").is_err());
        assert!(parse_milestones("Q2: a\u{7}b").is_err());
    }

    #[test]
    fn a_year_whose_requests_fall_short_of_the_plan_is_a_gap() {
        let short = GoalYear {
            planned_cents: 120_000_000,
            fte: 3.0,
            requested_cents: 40_000_000,
        };
        assert_eq!(
            short.gap(2028, "4").as_deref(),
            Some("FY2028: $1,200,000 planned for goal 4, $400,000 requested")
        );
        let covered = GoalYear {
            requested_cents: 120_000_000,
            ..short
        };
        assert_eq!(covered.gap(2028, "4"), None);
        assert_eq!(fte_words(2.0), "2");
        assert_eq!(fte_words(1.25), "1.25");
    }
}
