//! One glossary of states and symbols. Every state a page, a CSV, a chart or the PDF
//! shows beside its words takes its symbol from a [`Mark`], and a mark means one thing
//! wherever it shows: ▲ is always "needs attention", never "high".

use super::annual::Rating;
use super::budget::BudgetStatus;
use super::call::CallState;
use super::cycle::MilestoneState;
use super::measure::TargetState;
use super::meeting::Likelihood;
use super::proposal::ProposalState;
use super::reporting::Phase;
use super::review::UpdateState;
use super::status::Status;
use super::token::TokenState;

/// A symbol with its one meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Done,
    Going,
    Warning,
    Failed,
    NotYet,
    Partly,
    Closed,
    Waiting,
    Paused,
    Draft,
    Sent,
    Returned,
    Nothing,
    Noteworthy,
    Focus,
    Up,
    Level,
    Down,
}

impl Mark {
    /// Every mark, in the order the glossary lists them.
    pub const ALL: [Mark; 18] = [
        Mark::Done,
        Mark::Going,
        Mark::Warning,
        Mark::Failed,
        Mark::NotYet,
        Mark::Partly,
        Mark::Closed,
        Mark::Waiting,
        Mark::Paused,
        Mark::Draft,
        Mark::Sent,
        Mark::Returned,
        Mark::Nothing,
        Mark::Noteworthy,
        Mark::Focus,
        Mark::Up,
        Mark::Level,
        Mark::Down,
    ];

    /// The symbol (the packet's PDF draws it from its symbol font).
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Done => "✔",
            Mark::Going => "●",
            Mark::Warning => "▲",
            Mark::Failed => "✖",
            Mark::NotYet => "○",
            Mark::Partly => "◐",
            Mark::Closed => "■",
            Mark::Waiting => "◷",
            Mark::Paused => "‖",
            Mark::Draft => "✎",
            Mark::Sent => "➜",
            Mark::Returned => "↩",
            Mark::Nothing => "–",
            Mark::Noteworthy => "★",
            Mark::Focus => "⚑",
            Mark::Up => "↑",
            Mark::Level => "→",
            Mark::Down => "↓",
        }
    }

    /// What the symbol means, wherever it shows.
    pub fn meaning(self) -> &'static str {
        match self {
            Mark::Done => "Done: met, completed, approved, funded or signed off",
            Mark::Going => "Going as it should: on track, open or due now",
            Mark::Warning => "Needs attention: at risk, behind target or past due",
            Mark::Failed => {
                "Failed or missed: off track, not met, overdue, missing, refused or revoked"
            }
            Mark::NotYet => "Not begun: not started, upcoming, planned or not rated yet",
            Mark::Partly => "Under way: the quarter has begun",
            Mark::Closed => "Closed to changes: locked, in review or no longer usable",
            Mark::Waiting => "Waiting for data that comes later (a data lag)",
            Mark::Paused => "Deferred: put off on purpose",
            Mark::Draft => "A draft: saved, not submitted, counted nowhere",
            Mark::Sent => "Sent: submitted and waiting for a decision",
            Mark::Returned => "Returned for correction with a comment",
            Mark::Nothing => "Nothing to judge: no target, no update or neither",
            Mark::Noteworthy => "Noteworthy progress (annual strategic review)",
            Mark::Focus => "A focus area for improvement (annual strategic review)",
            Mark::Up => "Likelihood high",
            Mark::Level => "Likelihood medium",
            Mark::Down => "Likelihood low",
        }
    }

    /// The symbol before `words`: "▲ At risk".
    pub fn with(self, words: &str) -> String {
        format!("{} {words}", self.glyph())
    }
}

/// `items` counted by state in `order`'s order for a folded heading: "● 8 On track ·
/// ▲ 2 At risk" (a state none has is left out).
pub fn tally<T: PartialEq + Copy>(
    order: &[T],
    items: &[T],
    shown: impl Fn(T) -> (Mark, String),
) -> String {
    order
        .iter()
        .filter_map(|s| {
            let n = items.iter().filter(|x| *x == s).count();
            let (mark, words) = shown(*s);
            (n > 0).then(|| format!("{} {n} {words}", mark.glyph()))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A family of states (a strategy's status, a budget request's), each with its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub name: &'static str,
    pub states: Vec<(Mark, String)>,
}

fn family<T: Copy>(
    name: &'static str,
    all: &[T],
    mark: impl Fn(T) -> Mark,
    label: impl Fn(T) -> String,
) -> Family {
    Family {
        name,
        states: all.iter().map(|s| (mark(*s), label(*s))).collect(),
    }
}

/// Every family of states the product shows, as the glossary page lists them.
pub fn families() -> Vec<Family> {
    let updates = [
        UpdateState::NotStarted,
        UpdateState::Draft,
        UpdateState::Submitted,
        UpdateState::Returned {
            comment: String::new(),
            by: String::new(),
        },
        UpdateState::Approved { by: String::new() },
    ];
    vec![
        family("A strategy's status", &Status::ALL, Status::mark, |s| {
            s.label().into()
        }),
        family(
            "A measure against its target",
            &TargetState::ALL,
            TargetState::mark,
            |s| s.label().into(),
        ),
        Family {
            name: "A quarterly update",
            states: updates
                .iter()
                .map(|u| (u.mark(), u.label(true).to_string()))
                .collect(),
        },
        family("A quarter", &Phase::ALL, Phase::mark, |p| p.label().into()),
        family("A data call", &CallState::ALL, CallState::mark, |s| {
            s.label().into()
        }),
        family(
            "A milestone (planning cycle, implementation plan)",
            &MilestoneState::ALL,
            MilestoneState::mark,
            |s| s.label().into(),
        ),
        family(
            "A change proposal",
            &ProposalState::ALL,
            ProposalState::mark,
            |s| s.words().into(),
        ),
        family(
            "A budget request",
            &BudgetStatus::ALL,
            BudgetStatus::mark,
            |s| s.words().into(),
        ),
        family(
            "The annual strategic review",
            &Rating::ALL,
            Rating::mark,
            |r| r.words().into(),
        ),
        family(
            "Likelihood of meeting the planned level",
            &Likelihood::ALL,
            Likelihood::mark,
            |l| l.words().into(),
        ),
        family("An API token", &TokenState::ALL, TokenState::mark, |t| {
            t.label().into()
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_family_never_gives_two_states_one_symbol() {
        for f in families() {
            let marks: HashSet<Mark> = f.states.iter().map(|(m, _)| *m).collect();
            assert_eq!(marks.len(), f.states.len(), "{}", f.name);
        }
    }

    #[test]
    fn every_symbol_is_its_own_and_likelihood_never_borrows_a_status_symbol() {
        let glyphs: HashSet<&str> = Mark::ALL.iter().map(|m| m.glyph()).collect();
        assert_eq!(glyphs.len(), Mark::ALL.len());
        let likelihood = families()
            .into_iter()
            .find(|f| f.name.starts_with("Likelihood"))
            .unwrap();
        let status: HashSet<Mark> = families()[0].states.iter().map(|(m, _)| *m).collect();
        for (m, _) in likelihood.states {
            assert!(!status.contains(&m), "{m:?}");
        }
    }

    #[test]
    fn the_same_outcome_has_the_same_symbol_in_every_family() {
        let mark_of = |family: &str, state: &str| {
            families()
                .into_iter()
                .find(|f| f.name == family)
                .and_then(|f| f.states.into_iter().find(|(_, l)| l == state))
                .map(|(m, _)| m)
                .unwrap_or_else(|| panic!("{family}: {state}"))
        };
        assert_eq!(mark_of("A strategy's status", "At risk"), Mark::Warning);
        assert_eq!(
            mark_of("A measure against its target", "Behind target"),
            Mark::Warning
        );
        assert_eq!(
            mark_of("A measure against its target", "Not met"),
            Mark::Failed
        );
        assert_eq!(mark_of("A change proposal", "Rejected"), Mark::Failed);
        assert_eq!(mark_of("A budget request", "Not funded"), Mark::Failed);
        assert_eq!(mark_of("A change proposal", "Proposed"), Mark::Sent);
        assert_eq!(mark_of("A budget request", "Submitted"), Mark::Sent);
        assert_eq!(mark_of("A data call", "Locked"), Mark::Closed);
        assert_eq!(mark_of("An API token", "Revoked"), Mark::Failed);
        assert_eq!(mark_of("An API token", "Expired"), Mark::Closed);
    }
}
