//! The working group's quarterly review meeting (`/reviews/2027-Q1`): its agenda built
//! from the quarter's data, what is recorded per item (notes, likelihood of meeting the
//! planned level, risk category, improvement strategy, decisions), follow-up actions, and
//! the sign-off after which the record is read-only. ("Review" alone, in `model::review`,
//! is the approval of a status update.)

use super::fiscal::FiscalQuarter;
use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// Longest text of a note, decision or improvement strategy.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest title of an agenda item or action.
pub const MAX_TITLE_CHARS: usize = 200;

/// How likely an item is to meet its planned level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Likelihood {
    High,
    Medium,
    Low,
}

impl Likelihood {
    /// Every value, as the form offers them.
    pub const ALL: [Likelihood; 3] = [Likelihood::High, Likelihood::Medium, Likelihood::Low];

    /// The stored value ("high").
    pub fn as_str(self) -> &'static str {
        match self {
            Likelihood::High => "high",
            Likelihood::Medium => "medium",
            Likelihood::Low => "low",
        }
    }

    /// Reads a stored or submitted value.
    pub fn parse(s: &str) -> Option<Likelihood> {
        Likelihood::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The words people read.
    pub fn words(self) -> &'static str {
        match self {
            Likelihood::High => "High",
            Likelihood::Medium => "Medium",
            Likelihood::Low => "Low",
        }
    }

    /// Its mark in the glossary: arrows, not the status triangles (▲ is "needs
    /// attention" on every page).
    pub fn mark(self) -> Mark {
        match self {
            Likelihood::High => Mark::Up,
            Likelihood::Medium => Mark::Level,
            Likelihood::Low => Mark::Down,
        }
    }

    /// Words and a symbol, so it never rests on colour ("↓ Low").
    pub fn label(self) -> String {
        self.mark().with(self.words())
    }
}

/// Whether a review meeting (or a follow-up action) is still open, or closed: a review
/// by its sign-off, an action by its closing note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Open,
    Closed,
}

impl State {
    /// The stored value ("open").
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Closed => "closed",
        }
    }

    /// Reads a stored value.
    pub fn parse(s: &str) -> Option<State> {
        [State::Open, State::Closed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

crate::stored_as_text!(
    State,
    State::parse,
    "meetings.state/meeting_actions.state",
    "review or action state"
);
crate::stored_as_text!(
    ItemKind,
    ItemKind::parse,
    "agenda_items.kind",
    "agenda item kind"
);
crate::stored_as_text!(
    Likelihood,
    Likelihood::parse,
    "agenda_items.likelihood",
    "likelihood"
);

/// Which way an agenda item moves: one place up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    Up,
    Down,
}

impl Move {
    /// The submitted value ("up").
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Up => "up",
            Move::Down => "down",
        }
    }

    /// Reads a submitted value.
    pub fn parse(s: &str) -> Option<Move> {
        [Move::Up, Move::Down].into_iter().find(|m| m.as_str() == s)
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Move::Up => "Move up",
            Move::Down => "Move down",
        }
    }
}

/// Why an item is on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A strategy at risk or off track (reference: its number).
    Strategy,
    /// A measure behind target, not met or in data lag (reference: its id).
    Measure,
    /// An owner's updates still missing (reference: the username).
    Missing,
    /// An IP milestone past its quarter and not done (reference: its id).
    Milestone,
    /// An open follow-up action from an earlier review (reference: its id).
    Action,
    /// Added by hand.
    Manual,
}

impl ItemKind {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Strategy => "strategy",
            ItemKind::Measure => "measure",
            ItemKind::Missing => "missing",
            ItemKind::Milestone => "milestone",
            ItemKind::Action => "action",
            ItemKind::Manual => "manual",
        }
    }

    /// Reads a stored value.
    pub fn parse(s: &str) -> Option<ItemKind> {
        [
            ItemKind::Strategy,
            ItemKind::Measure,
            ItemKind::Missing,
            ItemKind::Milestone,
            ItemKind::Action,
            ItemKind::Manual,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// An agenda item the data puts forward, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub kind: ItemKind,
    pub reference: String,
    pub title: String,
    /// Why it is on the agenda ("✖ Off track", "Behind target: 40 of 100 cases").
    pub reason: String,
}

/// What the quarter's data says, as the agenda reads it.
#[derive(Debug, Clone, Default)]
pub struct QuarterData {
    /// Strategies with a counted status of at risk or off track.
    pub strategies: Vec<Troubled>,
    /// Measures behind target, not met or in data lag.
    pub measures: Vec<Lagging>,
    /// Owners with updates missing.
    pub missing: Vec<Missing>,
    /// Strategies nobody owns (numbers), so nobody is asked for their updates.
    pub unowned: Vec<String>,
    /// IP milestones past their quarter and not done.
    pub milestones: Vec<LateMilestone>,
    /// Open follow-up actions from earlier reviews.
    pub actions: Vec<OpenAction>,
}

/// A strategy whose counted status is at risk or off track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Troubled {
    pub number: String,
    pub text: String,
    pub off_track: bool,
}

/// A measure behind target, not met or in data lag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lagging {
    pub id: i64,
    pub name: String,
    /// Its state and numbers in words.
    pub reason: String,
    /// 0 not met, 1 behind, 2 data lag, 3 likely to miss (forecast): the agenda's order.
    pub rank: u8,
}

/// An owner with updates missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub username: String,
    pub name: String,
    /// What is missing, in words.
    pub what: String,
}

/// An IP milestone past its quarter and not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateMilestone {
    pub id: i64,
    pub strategy: String,
    pub description: String,
    pub quarter: u8,
}

/// A follow-up action still open from an earlier review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub id: i64,
    pub title: String,
    pub owner: String,
    /// When it is due, as people read it.
    pub due: String,
    pub overdue: bool,
}

/// The agenda the data proposes, most urgent first: off-track then at-risk strategies,
/// measures not met then behind then in data lag, missing updates, overdue milestones,
/// open actions from earlier reviews.
pub fn agenda(data: &QuarterData) -> Vec<Proposed> {
    let mut all = Vec::new();
    for off in [true, false] {
        for s in data.strategies.iter().filter(|s| s.off_track == off) {
            all.push(Proposed {
                kind: ItemKind::Strategy,
                reference: s.number.clone(),
                title: format!("Strategy {}: {}", s.number, shorten(&s.text, 120)),
                reason: if off { "✖ Off track" } else { "▲ At risk" }.into(),
            });
        }
    }
    let mut measures = data.measures.clone();
    measures.sort_by_key(|m| m.rank);
    for m in measures {
        all.push(Proposed {
            kind: ItemKind::Measure,
            reference: m.id.to_string(),
            title: format!("Measure: {}", m.name),
            reason: m.reason,
        });
    }
    for m in &data.missing {
        all.push(Proposed {
            kind: ItemKind::Missing,
            reference: m.username.clone(),
            title: format!("Missing updates: {}", m.name),
            reason: m.what.clone(),
        });
    }
    if !data.unowned.is_empty() {
        let n = data.unowned.len();
        all.push(Proposed {
            kind: ItemKind::Missing,
            reference: "(no owner)".into(),
            title: if n == 1 {
                "1 strategy has no owner".into()
            } else {
                format!("{n} strategies have no owner")
            },
            reason: format!(
                "Nobody is asked for their updates: {}",
                shorten(&data.unowned.join(", "), 400)
            ),
        });
    }
    for m in &data.milestones {
        all.push(Proposed {
            kind: ItemKind::Milestone,
            reference: m.id.to_string(),
            title: format!(
                "Milestone of strategy {}: {}",
                m.strategy,
                shorten(&m.description, 120)
            ),
            reason: format!("Overdue: due in Q{}, not done", m.quarter),
        });
    }
    for a in &data.actions {
        let (due, owner) = (&a.due, &a.owner);
        all.push(Proposed {
            kind: ItemKind::Action,
            reference: a.id.to_string(),
            title: format!("Open action: {}", shorten(&a.title, 120)),
            reason: if a.overdue {
                format!("⚠ Overdue since {due} ({owner})")
            } else {
                format!("Due {due} ({owner})")
            },
        });
    }
    all
}

/// `text` cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// What is typed for one agenda item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemInput {
    pub notes: String,
    /// "high", "medium", "low" or empty.
    pub likelihood: String,
    /// A risk category's id, or empty.
    pub risk: String,
    pub improvement: String,
    pub decisions: String,
    /// The version the form was opened on.
    pub version: i64,
}

/// An item's fields as checked: (likelihood, risk category id).
pub type CheckedItem = (Option<Likelihood>, Option<i64>);

/// Checks an item's form; field errors name the field. An improvement strategy is
/// required where the risk is high (likelihood low).
pub fn check_item(input: &ItemInput) -> Result<CheckedItem, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let likelihood = match input.likelihood.trim() {
        "" => None,
        s => match Likelihood::parse(s) {
            Some(l) => Some(l),
            None => {
                errors.push(("likelihood".into(), "Choose high, medium or low.".into()));
                None
            }
        },
    };
    let risk = match input.risk.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push((
                    "risk".into(),
                    "Choose a risk category from the list.".into(),
                ));
                None
            }
        },
    };
    for (field, text) in [
        ("notes", &input.notes),
        ("improvement", &input.improvement),
        ("decisions", &input.decisions),
    ] {
        if text.chars().count() > MAX_TEXT_CHARS {
            errors.push((
                field.into(),
                format!("Keep this under {MAX_TEXT_CHARS} characters."),
            ));
        }
    }
    if likelihood == Some(Likelihood::Low) && input.improvement.trim().is_empty() {
        errors.push((
            "improvement".into(),
            "The likelihood is low: say how the risk will be reduced (an improvement strategy)."
                .into(),
        ));
    }
    if errors.is_empty() {
        Ok((likelihood, risk))
    } else {
        Err(errors)
    }
}

/// Checks a title (an item added by hand, an action).
pub fn check_title(title: &str) -> Result<String, String> {
    let t = title.trim();
    if t.is_empty() {
        Err("Give it a title.".into())
    } else if t.chars().count() > MAX_TITLE_CHARS {
        Err(format!(
            "Keep the title under {MAX_TITLE_CHARS} characters."
        ))
    } else {
        Ok(t.to_string())
    }
}

/// Checks a date typed as 2027-01-20.
pub fn check_date(s: &str, what: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("Give the {what} as a date, like 2027-01-20."))
}

/// A date as pages write it ("20 January 2027") from 2027-01-20; other text stays as is.
pub fn long_date(s: &str) -> String {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_or(s.to_string(), |d| d.format("%-d %B %Y").to_string())
}

/// "Agenda (1 item)", "Agenda (3 items)".
pub fn agenda_heading(n: usize) -> String {
    format!("Agenda ({n} item{})", if n == 1 { "" } else { "s" })
}

/// A stored agenda item, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    pub kind: ItemKind,
    /// Where the item leads ("/strategies/4.1.3"), if anywhere.
    pub link: Option<String>,
    pub title: String,
    pub reason: String,
    pub notes: String,
    pub likelihood: Option<Likelihood>,
    pub risk: Option<(i64, String)>,
    pub improvement: String,
    pub decisions: String,
    pub version: i64,
    /// A measure item's forecast: the likelihood it reads as (the form's pre-filled
    /// choice when none is recorded) and its words.
    #[serde(default)]
    pub forecast: Option<(Likelihood, String)>,
    /// Discussion threads still open on it.
    #[serde(default)]
    pub open_threads: i64,
}

/// A follow-up action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub owner_id: i64,
    /// "20 January 2027".
    pub due: String,
    pub overdue: bool,
    /// The review it was agreed at ("FY2027 Q1") and the item's title, if any.
    pub from: String,
    pub item: Option<String>,
    /// "Closed by ana on 3 Feb 2027: done" when closed.
    pub closed: Option<String>,
    pub version: i64,
}

/// A later note on a signed-off review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    pub text: String,
    pub author: String,
    pub at: String,
}

/// A review meeting's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub quarter: FiscalQuarter,
    /// "20 January 2027" once set; the form's value as 2027-01-20.
    pub held_on: String,
    pub chair: Option<(i64, String)>,
    /// Users who attended: (id, name).
    pub attendees: Vec<(i64, String)>,
    /// Guests, by name.
    pub guests: String,
    /// "Signed off by ana on 21 Jan 2027" once closed.
    pub signed_off: Option<String>,
    pub version: i64,
    pub items: Vec<AgendaItem>,
    pub actions: Vec<Action>,
    pub addenda: Vec<Addendum>,
    /// Everyone who can chair, attend or own an action: (id, name).
    pub people: Vec<(i64, String)>,
    /// The risk categories on offer: (id, name).
    pub risks: Vec<(i64, String)>,
    /// Change proposals on the agenda: those still open (while the review is) and those
    /// this review decided.
    pub proposals: Vec<super::proposal::Proposal>,
    /// Whether the reader may run the review (record, reorder, sign off).
    pub can_run: bool,
    /// A refused form, shown once: its name ("item-12", "details", "action") and content.
    pub returned: Option<super::form::Returned>,
}

impl Meeting {
    /// Whether its record is read-only (signed off).
    pub fn closed(&self) -> bool {
        self.signed_off.is_some()
    }
}

/// A review's briefing packet: the review with the dashboard's charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packet {
    pub plan: String,
    pub meeting: Meeting,
    /// The dashboard's charts, drawn, with their titles and data.
    pub charts: Vec<super::chart::DrawnChart>,
    /// The quarter the dashboard shows ("FY2027 Q1").
    pub dashboard_quarter: String,
    /// When it was made ("28 November 2026").
    pub made: String,
    /// Strategies at risk or off track and measures behind or not met in its quarter.
    #[serde(default)]
    pub exceptions: super::exception::Exceptions,
    /// The plan revisions approved at this review.
    #[serde(default)]
    pub approved: Vec<super::revision::Approved>,
}

/// One line of `/reviews`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    pub quarter: FiscalQuarter,
    pub held_on: String,
    pub items: i64,
    pub open_actions: i64,
    pub signed_off: bool,
}

/// `/reviews`: every review, newest first, and the quarter a new one would be for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingList {
    pub meetings: Vec<MeetingLine>,
    /// The quarter whose review may be opened now (last quarter, or this one), if not yet.
    pub next: Option<FiscalQuarter>,
    pub can_run: bool,
    /// Open actions across reviews, overdue first.
    pub actions: Vec<Action>,
    /// The risk categories on offer (id, name), for administrators to keep.
    #[serde(default)]
    pub risks: Option<Vec<(i64, String)>>,
    /// This fiscal year (its annual strategic review is linked).
    #[serde(default)]
    pub fiscal_year: i32,
    /// Why an open or close was refused, shown once.
    #[serde(default)]
    pub refused: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likelihood_symbols_are_not_the_status_symbols() {
        use crate::model::status::Status;
        for l in [Likelihood::High, Likelihood::Medium, Likelihood::Low] {
            let symbol = l.mark().glyph();
            assert!(
                Status::ALL.iter().all(|s| s.symbol() != symbol),
                "{symbol} is a status symbol"
            );
        }
    }

    #[test]
    fn the_agenda_puts_the_most_urgent_first() {
        let data = QuarterData {
            strategies: vec![
                Troubled {
                    number: "4.1.3".into(),
                    text: "Protocols".into(),
                    off_track: false,
                },
                Troubled {
                    number: "4.1.4".into(),
                    text: "Tools".into(),
                    off_track: true,
                },
            ],
            measures: vec![
                Lagging {
                    id: 7,
                    name: "Data lag one".into(),
                    reason: "Data lag".into(),
                    rank: 2,
                },
                Lagging {
                    id: 8,
                    name: "Missed one".into(),
                    reason: "✖ Not met".into(),
                    rank: 0,
                },
            ],
            missing: vec![Missing {
                username: "ana".into(),
                name: "Ana Ruiz".into(),
                what: "Status of 4.2.1".into(),
            }],
            unowned: vec!["1.1.1".into(), "1.1.2".into()],
            milestones: vec![LateMilestone {
                id: 3,
                strategy: "4.1.3".into(),
                description: "Draft protocol".into(),
                quarter: 1,
            }],
            actions: vec![OpenAction {
                id: 5,
                title: "Hire analyst".into(),
                owner: "ben".into(),
                due: "20 January 2027".into(),
                overdue: true,
            }],
        };
        let titles: Vec<String> = agenda(&data).into_iter().map(|p| p.title).collect();
        assert_eq!(
            titles,
            [
                "Strategy 4.1.4: Tools",
                "Strategy 4.1.3: Protocols",
                "Measure: Missed one",
                "Measure: Data lag one",
                "Missing updates: Ana Ruiz",
                "2 strategies have no owner",
                "Milestone of strategy 4.1.3: Draft protocol",
                "Open action: Hire analyst",
            ]
        );
        assert_eq!(
            agenda(&data)[5].reason,
            "Nobody is asked for their updates: 1.1.1, 1.1.2"
        );
        assert_eq!(
            agenda(&data)[7].reason,
            "⚠ Overdue since 20 January 2027 (ben)"
        );
    }

    #[test]
    fn a_low_likelihood_needs_an_improvement_strategy() {
        let mut input = ItemInput {
            likelihood: "low".into(),
            ..Default::default()
        };
        let errors = check_item(&input).unwrap_err();
        assert_eq!(errors[0].0, "improvement");
        input.improvement = "Add a second analyst".into();
        assert_eq!(check_item(&input), Ok((Some(Likelihood::Low), None)));
        input.likelihood = "certain".into();
        assert_eq!(check_item(&input).unwrap_err()[0].0, "likelihood");
        assert_eq!(check_item(&ItemInput::default()), Ok((None, None)));
    }

    #[test]
    fn titles_and_dates_are_checked() {
        assert!(check_title("  ").is_err());
        assert_eq!(check_title(" Hire "), Ok("Hire".into()));
        assert!(check_date("20/01/2027", "due date")
            .unwrap_err()
            .contains("2027-01-20"));
        assert!(check_date("2027-01-20", "due date").is_ok());
    }
}
