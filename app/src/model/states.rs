//! Every family of states the product shows, each state with its mark from the
//! glossary, as the glossary page lists them.

use super::annual::Rating;
use super::budget::BudgetStatus;
use super::call::CallState;
use super::cycle::MilestoneState;
use super::glossary::Mark;
use super::measure::TargetState;
use super::meeting::Likelihood;
use super::proposal::ProposalState;
use super::reporting::Phase;
use super::review::UpdateState;
use super::status::Status;
use super::token::TokenState;

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
        family(
            "An annual performance report",
            &super::report::ReportState::ALL,
            super::report::ReportState::mark,
            |s| s.label().into(),
        ),
        family("An API token", &TokenState::ALL, TokenState::mark, |t| {
            t.label().into()
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::glossary::Mark;
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
