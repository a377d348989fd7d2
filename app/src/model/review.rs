//! Submit, approve, return: where a strategy's update for a quarter stands. A manager's
//! update is a draft until submitted; the working group approves a submitted version or
//! returns it with a comment (unless an administrator has turned approval off).

use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// A working-group decision on a submitted version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Approved (else returned).
    pub approved: bool,
    /// Why it was returned ("" when approved).
    pub comment: String,
    pub by: String,
    /// When, as people read it.
    pub when: String,
}

/// Where a strategy's update for a quarter stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UpdateState {
    /// Nothing saved for the quarter.
    NotStarted,
    /// Saved but not submitted: not counted anywhere.
    Draft,
    /// Submitted and counted; awaiting approval when approval is on.
    Submitted,
    /// Returned by the working group with a comment; the owner corrects and resubmits.
    Returned { comment: String, by: String },
    /// Approved by the working group.
    Approved { by: String },
}

impl UpdateState {
    /// The state from the quarter's latest version (`Some(true)`: a draft) and the review
    /// of its latest submitted version, if any. A draft correcting a returned update is
    /// still "Returned" (the comment stays in view until the owner resubmits).
    pub fn of(latest_is_draft: Option<bool>, review: Option<&Review>) -> UpdateState {
        let returned = |r: &Review| UpdateState::Returned {
            comment: r.comment.clone(),
            by: r.by.clone(),
        };
        match (latest_is_draft, review) {
            (None, _) => UpdateState::NotStarted,
            (Some(true), Some(r)) if !r.approved => returned(r),
            (Some(true), _) => UpdateState::Draft,
            (Some(false), None) => UpdateState::Submitted,
            (Some(false), Some(r)) if r.approved => UpdateState::Approved { by: r.by.clone() },
            (Some(false), Some(r)) => returned(r),
        }
    }

    /// The words people read; "Submitted" says it awaits approval when approval is on.
    pub fn label(&self, approval: bool) -> &'static str {
        match self {
            UpdateState::NotStarted => "Not started",
            UpdateState::Draft => "Draft",
            UpdateState::Submitted if approval => "Submitted, awaiting approval",
            UpdateState::Submitted => "Submitted",
            UpdateState::Returned { .. } => "Returned",
            UpdateState::Approved { .. } => "Approved",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(&self) -> Mark {
        match self {
            UpdateState::NotStarted => Mark::NotYet,
            UpdateState::Draft => Mark::Draft,
            UpdateState::Submitted => Mark::Sent,
            UpdateState::Returned { .. } => Mark::Returned,
            UpdateState::Approved { .. } => Mark::Done,
        }
    }

    /// A symbol beside the words.
    pub fn symbol(&self) -> &'static str {
        self.mark().glyph()
    }

    /// The CSS form.
    pub fn as_str(&self) -> &'static str {
        match self {
            UpdateState::NotStarted => "not-started",
            UpdateState::Draft => "draft",
            UpdateState::Submitted => "submitted",
            UpdateState::Returned { .. } => "returned",
            UpdateState::Approved { .. } => "approved",
        }
    }

    /// Whether the update counts (submitted, whether approved, awaiting or returned).
    pub fn counted(&self) -> bool {
        matches!(
            self,
            UpdateState::Submitted | UpdateState::Returned { .. } | UpdateState::Approved { .. }
        )
    }
}

/// A return's comment, trimmed, or why it cannot be one.
pub fn check_comment(comment: &str) -> Result<String, String> {
    let comment = comment.trim();
    if comment.is_empty() {
        return Err("Say what needs correcting: the owner reads this comment.".into());
    }
    if comment.chars().count() > 2000 {
        return Err("Keep the comment under 2,000 characters.".into());
    }
    Ok(comment.to_string())
}

/// What the roll-up, the charts and the dashboard count, in words.
pub const COUNTED: &str = "Counts each strategy's latest submitted update (approved, awaiting approval or returned for correction); drafts are not counted.";

/// The id of the review form of an update: where a refused review goes back to.
pub fn form_id(number: &str, quarter: &str, version: i64) -> String {
    let number: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("review-{number}-{quarter}-{version}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(approved: bool) -> Review {
        Review {
            approved,
            comment: if approved { "" } else { "Percent too high" }.into(),
            by: "wg".into(),
            when: "15 Nov 2026".into(),
        }
    }

    #[test]
    fn the_state_follows_the_latest_version_and_the_review_of_the_latest_submitted_one() {
        assert_eq!(UpdateState::of(None, None), UpdateState::NotStarted);
        assert_eq!(UpdateState::of(Some(true), None), UpdateState::Draft);
        assert_eq!(UpdateState::of(Some(false), None), UpdateState::Submitted);
        let approved = review(true);
        assert_eq!(
            UpdateState::of(Some(false), Some(&approved)),
            UpdateState::Approved { by: "wg".into() }
        );
        // A draft correcting an approved update is a draft; one correcting a returned
        // update keeps the comment in view.
        assert_eq!(
            UpdateState::of(Some(true), Some(&approved)),
            UpdateState::Draft
        );
        let returned = review(false);
        for latest_is_draft in [true, false] {
            let state = UpdateState::of(Some(latest_is_draft), Some(&returned));
            assert_eq!(state.label(true), "Returned");
            assert!(
                matches!(state, UpdateState::Returned { ref comment, .. } if comment == "Percent too high")
            );
        }
        assert_eq!(
            UpdateState::Submitted.label(true),
            "Submitted, awaiting approval"
        );
        assert_eq!(UpdateState::Submitted.label(false), "Submitted");
        assert!(!UpdateState::Draft.counted() && UpdateState::Submitted.counted());
    }

    #[test]
    fn a_return_needs_a_comment() {
        assert!(check_comment("  ").is_err());
        assert_eq!(
            check_comment(" Fix the percent ").unwrap(),
            "Fix the percent"
        );
        assert!(check_comment(&"x".repeat(2001)).is_err());
    }
}
