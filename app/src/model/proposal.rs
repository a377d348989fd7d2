//! Change proposals: what a working-group member may propose to change in the plan, the
//! checks a proposal's form must pass, and how a proposal reads in a list.

use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// The longest text kept for a plan item or a reason.
pub const TEXT_MAX: usize = 4_000;

/// A change to the plan, as proposed and, once approved, applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A goal's name, an objective's title or a strategy's text.
    Text { item: String, text: String },
    /// A strategy's owning office and owner.
    Owner {
        item: String,
        office: String,
        person: String,
    },
    /// A new goal (parent ""), objective (parent "4") or strategy (parent "4.1"); its
    /// number is the next free one when approved.
    New { parent: String, text: String },
    /// An item leaves the plan, keeping its number and history.
    Retire { item: String },
    /// A measure's definition: its name and unit.
    Measure {
        measure: i64,
        name: String,
        unit: String,
    },
    /// A measure's annual (APP) target for a fiscal year.
    Target {
        measure: i64,
        fiscal_year: i32,
        annual: f64,
    },
    /// A whole plan text re-imported (an import draft), applied as one revision.
    Import { draft: i64, source: String },
    /// A strategy's year of the five-year business plan once that year's IP is
    /// distributed (frozen to its form): milestones, dollars and FTE.
    BusinessPlan {
        item: String,
        fiscal_year: i32,
        milestones: String,
        cents: Option<i64>,
        fte: Option<f64>,
    },
}

/// The kinds a person may pick on the proposal form, with their labels.
pub const KINDS: [(&str, &str); 7] = [
    (
        "text",
        "Change the wording of a goal, objective or strategy",
    ),
    ("owner", "Change a strategy's office or owner"),
    ("new", "Add a goal, objective or strategy"),
    ("retire", "Retire a goal, objective or strategy"),
    ("measure", "Change a measure's definition"),
    ("target", "Change a measure's annual target"),
    (
        "business_plan",
        "Change a strategy's business plan for a year whose IP is distributed",
    ),
];

/// What the proposal form sent, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProposalInput {
    pub kind: String,
    pub item: String,
    pub text: String,
    pub office: String,
    pub person: String,
    pub measure: String,
    pub unit: String,
    pub fiscal_year: String,
    pub target: String,
    /// FTE (a business plan change).
    #[serde(default)]
    pub fte: String,
    pub reason: String,
}

/// The level of a dotted plan number: goal ("4"), objective ("4.1") or strategy ("4.1.3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Goal,
    Objective,
    Strategy,
}

impl Level {
    /// The level of `number`, or `None` when it is not a plan number.
    pub fn of(number: &str) -> Option<Level> {
        let parts: Vec<&str> = number.split('.').collect();
        let numeric = parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
        match (numeric, parts.len()) {
            (true, 1) => Some(Level::Goal),
            (true, 2) => Some(Level::Objective),
            (true, 3) => Some(Level::Strategy),
            _ => None,
        }
    }

    /// "Goal", "Objective" or "Strategy".
    pub fn label(self) -> &'static str {
        match self {
            Level::Goal => "Goal",
            Level::Objective => "Objective",
            Level::Strategy => "Strategy",
        }
    }
}

fn field(errors: &mut Vec<(String, String)>, name: &str, message: impl Into<String>) {
    errors.push((name.to_string(), message.into()));
}

/// Checks a typed proposal and returns the change it asks for, or each problem by field.
pub fn check(input: &ProposalInput) -> Result<Change, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let item = input.item.trim().to_string();
    let text = input.text.trim().to_string();
    let reason = input.reason.trim();
    if reason.is_empty() {
        field(&mut errors, "reason", "Say why the plan should change.");
    } else if reason.chars().count() > TEXT_MAX {
        field(
            &mut errors,
            "reason",
            "Keep the reason under 4,000 characters.",
        );
    }
    if text.chars().count() > TEXT_MAX {
        field(&mut errors, "text", "Keep the text under 4,000 characters.");
    }
    let numbered = |errors: &mut Vec<(String, String)>, levels: &[Level]| match Level::of(&item) {
        Some(l) if levels.contains(&l) => {}
        _ if item.is_empty() => field(errors, "item", "Give the item's number, like 4.1.3."),
        _ => field(
            errors,
            "item",
            format!("\"{item}\" is not the number of a {}.", names(levels)),
        ),
    };
    let measure = || input.measure.trim().parse::<i64>().ok().filter(|m| *m > 0);
    let change = match input.kind.as_str() {
        "text" => {
            numbered(
                &mut errors,
                &[Level::Goal, Level::Objective, Level::Strategy],
            );
            if text.is_empty() {
                field(&mut errors, "text", "Give the new wording.");
            }
            Change::Text { item, text }
        }
        "owner" => {
            numbered(&mut errors, &[Level::Strategy]);
            let office = input.office.trim().to_string();
            let person = input.person.trim().to_string();
            if office.is_empty() && person.is_empty() {
                field(&mut errors, "office", "Give the new office, owner or both.");
            }
            if office.chars().count() > 120 || person.chars().count() > 120 {
                field(
                    &mut errors,
                    "office",
                    "Keep the office and owner under 120 characters each.",
                );
            }
            Change::Owner {
                item,
                office,
                person,
            }
        }
        "new" => {
            if !item.is_empty() && !matches!(Level::of(&item), Some(Level::Goal | Level::Objective))
            {
                field(&mut errors, "item", format!("\"{item}\" is not a goal or objective number: leave it empty for a new goal."));
            }
            if text.is_empty() {
                field(&mut errors, "text", "Give the new item's wording.");
            }
            Change::New { parent: item, text }
        }
        "retire" => {
            numbered(
                &mut errors,
                &[Level::Goal, Level::Objective, Level::Strategy],
            );
            Change::Retire { item }
        }
        "measure" => {
            let name = text;
            if measure().is_none() {
                field(&mut errors, "measure", "Choose the measure.");
            }
            if name.is_empty() {
                field(&mut errors, "text", "Give the measure's new name.");
            }
            let unit = input.unit.trim().to_string();
            if unit.chars().count() > 60 {
                field(&mut errors, "unit", "Keep the unit under 60 characters.");
            }
            Change::Measure {
                measure: measure().unwrap_or(0),
                name,
                unit,
            }
        }
        "target" => {
            if measure().is_none() {
                field(&mut errors, "measure", "Choose the measure.");
            }
            let fy = input.fiscal_year.trim().trim_start_matches("FY");
            let fiscal_year = match fy.parse::<i32>() {
                Ok(y) if (1990..=2200).contains(&y) => y,
                _ => {
                    field(
                        &mut errors,
                        "fiscal_year",
                        "Give the fiscal year, like 2027.",
                    );
                    0
                }
            };
            let annual = match input.target.trim().replace(',', "").parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    field(
                        &mut errors,
                        "target",
                        format!("\"{}\" is not a number.", input.target.trim()),
                    );
                    0.0
                }
            };
            Change::Target {
                measure: measure().unwrap_or(0),
                fiscal_year,
                annual,
            }
        }
        "business_plan" => {
            numbered(&mut errors, &[Level::Strategy]);
            let fiscal_year = match crate::model::fiscal::parse_year(&input.fiscal_year) {
                Some(y) => y,
                None => {
                    field(
                        &mut errors,
                        "fiscal_year",
                        "Give the fiscal year, like 2027.",
                    );
                    0
                }
            };
            let milestones = match crate::model::business_plan::parse_milestones(&text) {
                Ok(m) => m
                    .iter()
                    .map(|(q, t)| format!("Q{q}: {t}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Err(m) => {
                    field(&mut errors, "text", m);
                    String::new()
                }
            };
            let cents = match input.target.trim() {
                "" => None,
                t => {
                    let c = crate::model::budget::parse_amount(t);
                    if c.is_none() {
                        field(
                            &mut errors,
                            "target",
                            format!("\"{t}\" is not an amount in dollars (like 250,000)."),
                        );
                    }
                    c
                }
            };
            let fte = match input.fte.trim() {
                "" => None,
                t => match t.parse::<f64>() {
                    Ok(v)
                        if v.is_finite()
                            && (0.0..=crate::model::business_plan::MAX_FTE).contains(&v) =>
                    {
                        Some(v)
                    }
                    _ => {
                        field(
                            &mut errors,
                            "fte",
                            format!("\"{t}\" is not a number of FTE from 0 to 10000."),
                        );
                        None
                    }
                },
            };
            Change::BusinessPlan {
                item,
                fiscal_year,
                milestones,
                cents,
                fte,
            }
        }
        _ => {
            field(&mut errors, "kind", "Choose what kind of change this is.");
            Change::Retire { item }
        }
    };
    if errors.is_empty() {
        Ok(change)
    } else {
        Err(errors)
    }
}

fn names(levels: &[Level]) -> String {
    let words: Vec<String> = levels.iter().map(|l| l.label().to_lowercase()).collect();
    words.join(" or ")
}

impl Change {
    /// The kind as stored ("text", "owner", …).
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Text { .. } => "text",
            Change::Owner { .. } => "owner",
            Change::New { .. } => "new",
            Change::Retire { .. } => "retire",
            Change::Measure { .. } => "measure",
            Change::Target { .. } => "target",
            Change::Import { .. } => "import",
            Change::BusinessPlan { .. } => "business_plan",
        }
    }

    /// One line a person reads: what changes, and to what.
    pub fn describe(&self) -> String {
        let label = |n: &str| Level::of(n).map_or(n.to_string(), |l| format!("{} {n}", l.label()));
        match self {
            Change::Text { item, text } => format!("{}: new wording \"{text}\"", label(item)),
            Change::Owner {
                item,
                office,
                person,
            } => {
                let mut parts = Vec::new();
                if !office.is_empty() {
                    parts.push(format!("office {office}"));
                }
                if !person.is_empty() {
                    parts.push(format!("owner {person}"));
                }
                format!("{}: {}", label(item), parts.join(", "))
            }
            Change::New { parent, text } => match Level::of(parent) {
                None => format!("New goal: \"{text}\""),
                Some(Level::Goal) => format!("New objective under goal {parent}: \"{text}\""),
                Some(_) => format!("New strategy under objective {parent}: \"{text}\""),
            },
            Change::Retire { item } => format!("Retire {}", label(item).to_lowercase()),
            Change::Measure {
                measure,
                name,
                unit,
            } if unit.is_empty() => {
                format!("Measure {measure}: new name \"{name}\"")
            }
            Change::Measure {
                measure,
                name,
                unit,
            } => {
                format!("Measure {measure}: new name \"{name}\", unit {unit}")
            }
            Change::Target {
                measure,
                fiscal_year,
                annual,
            } => {
                format!("Measure {measure}: FY{fiscal_year} annual target {annual}")
            }
            Change::Import { source, .. } => format!("Re-import the plan from \"{source}\""),
            Change::BusinessPlan {
                item,
                fiscal_year,
                milestones,
                cents,
                fte,
            } => {
                let mut parts = Vec::new();
                if let Some(c) = cents {
                    parts.push(crate::model::budget::dollars(*c));
                }
                if let Some(f) = fte {
                    parts.push(format!(
                        "{} FTE",
                        crate::model::business_plan::fte_words(*f)
                    ));
                }
                if !milestones.is_empty() {
                    parts.push(format!("milestones {}", milestones.replace('\n', "; ")));
                }
                if parts.is_empty() {
                    parts.push("nothing planned".into());
                }
                format!(
                    "Strategy {item}: FY{fiscal_year} business plan {}",
                    parts.join(", ")
                )
            }
        }
    }
}

/// A proposal's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalState {
    Proposed,
    Approved,
    Rejected,
}

impl ProposalState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Proposed => "proposed",
            ProposalState::Approved => "approved",
            ProposalState::Rejected => "rejected",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<ProposalState> {
        [
            ProposalState::Proposed,
            ProposalState::Approved,
            ProposalState::Rejected,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    /// Every state, for the glossary.
    pub const ALL: [ProposalState; 3] = [
        ProposalState::Proposed,
        ProposalState::Approved,
        ProposalState::Rejected,
    ];

    /// The words people read.
    pub fn words(self) -> &'static str {
        match self {
            ProposalState::Proposed => "Proposed",
            ProposalState::Approved => "Approved",
            ProposalState::Rejected => "Rejected",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            ProposalState::Proposed => Mark::Sent,
            ProposalState::Approved => Mark::Done,
            ProposalState::Rejected => Mark::Failed,
        }
    }

    /// The words with their symbol, so the state never rests on colour.
    pub fn label(self) -> String {
        self.mark().with(self.words())
    }
}

/// A proposal as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub description: String,
    pub reason: String,
    pub state: ProposalState,
    pub proposed: String,
    /// "2027-Q1 review: decision" once decided.
    pub decided: Option<String>,
    pub decision: String,
    /// The revision it made, when approved.
    pub revision: Option<i64>,
    /// The quarter ("2027-Q1") of the review that decided it.
    pub meeting: Option<String>,
    /// An open wording change: the wording now beside the proposed, words marked.
    #[serde(default)]
    pub wording: Option<super::diff::Wording>,
}

/// The proposals page: open and decided proposals, and the form's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalsPage {
    pub open: Vec<Proposal>,
    pub decided: Vec<Proposal>,
    pub can_propose: bool,
    /// (id, "4.1.3 · Cases closed") of every measure, for the form.
    pub measures: Vec<(i64, String)>,
    /// The form refused last time, with what was typed.
    pub returned: Option<crate::model::form::Returned<ProposalInput>>,
}

crate::stored_as_text!(
    ProposalState,
    ProposalState::parse,
    "change_proposals.state",
    "proposal state"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str, item: &str, text: &str) -> ProposalInput {
        ProposalInput {
            kind: kind.into(),
            item: item.into(),
            text: text.into(),
            reason: "The working group asked".into(),
            ..Default::default()
        }
    }

    #[test]
    fn levels_come_from_the_dots() {
        assert_eq!(Level::of("4"), Some(Level::Goal));
        assert_eq!(Level::of("4.1"), Some(Level::Objective));
        assert_eq!(Level::of("4.1.3"), Some(Level::Strategy));
        assert_eq!(Level::of("4.1.3.2"), None);
        assert_eq!(Level::of("4..1"), None);
        assert_eq!(Level::of("a.1"), None);
    }

    #[test]
    fn a_text_change_needs_item_wording_and_reason() {
        let ok = check(&input("text", " 4.1.3 ", " Hold hearings ")).unwrap();
        assert_eq!(
            ok,
            Change::Text {
                item: "4.1.3".into(),
                text: "Hold hearings".into()
            }
        );
        let mut bad = input("text", "4.x", "");
        bad.reason = " ".into();
        let errors = check(&bad).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["reason", "item", "text"]);
    }

    #[test]
    fn an_owner_change_is_for_a_strategy() {
        let mut i = input("owner", "4.1", "");
        i.office = "Finance".into();
        assert_eq!(check(&i).unwrap_err()[0].0, "item");
        i.item = "4.1.2".into();
        assert!(matches!(check(&i), Ok(Change::Owner { .. })));
    }

    #[test]
    fn a_new_item_names_its_parent_or_none_for_a_goal() {
        assert_eq!(
            check(&input("new", "", "A new goal")).unwrap(),
            Change::New {
                parent: String::new(),
                text: "A new goal".into()
            }
        );
        assert!(check(&input("new", "4.1.3", "x")).is_err());
        assert!(check(&input("new", "4.1", "x")).is_ok());
    }

    #[test]
    fn a_target_needs_a_measure_year_and_number() {
        let mut i = input("target", "", "");
        i.measure = "7".into();
        i.fiscal_year = "FY2028".into();
        i.target = "1,200".into();
        assert_eq!(
            check(&i).unwrap(),
            Change::Target {
                measure: 7,
                fiscal_year: 2028,
                annual: 1200.0
            }
        );
        i.target = "lots".into();
        i.fiscal_year = "28".into();
        let fields: Vec<String> = check(&i).unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["fiscal_year", "target"]);
    }

    #[test]
    fn changes_read_as_a_sentence_and_round_trip_as_json() {
        let c = Change::New {
            parent: "4.1".into(),
            text: "Pilot".into(),
        };
        assert_eq!(c.describe(), "New strategy under objective 4.1: \"Pilot\"");
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"kind\":\"new\""));
        assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), c);
        assert_eq!(
            Change::Retire { item: "2.3".into() }.describe(),
            "Retire objective 2.3"
        );
    }
}
