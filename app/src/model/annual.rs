//! The annual strategic review: once per fiscal year, per objective, the year's progress,
//! the evidence reviewed and its gaps, risks, improvement strategies, and a rating —
//! noteworthy progress, a focus area for improvement, or neither.

use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// Longest text of one field.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// An objective's rating for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    Noteworthy,
    Focus,
    Neither,
}

impl Rating {
    /// Every rating, as the form offers them.
    pub const ALL: [Rating; 3] = [Rating::Noteworthy, Rating::Focus, Rating::Neither];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Noteworthy => "noteworthy",
            Rating::Focus => "focus",
            Rating::Neither => "neither",
        }
    }

    /// Reads a stored or submitted value.
    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The words people read.
    pub fn words(self) -> &'static str {
        match self {
            Rating::Noteworthy => "Noteworthy progress",
            Rating::Focus => "Focus area for improvement",
            Rating::Neither => "Neither",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            Rating::Noteworthy => Mark::Noteworthy,
            Rating::Focus => Mark::Focus,
            Rating::Neither => Mark::Nothing,
        }
    }

    /// Words and a symbol (never colour alone).
    pub fn label(self) -> String {
        self.mark().with(self.words())
    }
}

/// What is typed for one objective.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualInput {
    pub progress: String,
    pub evidence_reviewed: String,
    pub evidence_gaps: String,
    pub risks: String,
    pub improvement: String,
    pub rating: String,
    /// The version the form was opened on (0: none recorded yet).
    pub version: i64,
}

/// Checks an objective's review: a rating is required, a focus area needs an
/// improvement strategy, and no field is over-long.
pub fn check(input: &AnnualInput) -> Result<Rating, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let rating = Rating::parse(input.rating.trim());
    if rating.is_none() {
        errors.push((
            "rating".to_string(),
            "Choose a rating: noteworthy progress, a focus area for improvement, or neither."
                .to_string(),
        ));
    }
    if rating == Some(Rating::Focus) && input.improvement.trim().is_empty() {
        errors.push((
            "improvement".to_string(),
            "A focus area for improvement needs its improvement strategies.".to_string(),
        ));
    }
    for (field, text) in [
        ("progress", &input.progress),
        ("evidence_reviewed", &input.evidence_reviewed),
        ("evidence_gaps", &input.evidence_gaps),
        ("risks", &input.risks),
        ("improvement", &input.improvement),
    ] {
        if text.chars().count() > MAX_TEXT_CHARS {
            errors.push((
                field.to_string(),
                format!("Keep this under {MAX_TEXT_CHARS} characters."),
            ));
        }
    }
    match (rating, errors.is_empty()) {
        (Some(r), true) => Ok(r),
        _ => Err(errors),
    }
}

/// One objective's review for a year, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveReview {
    pub number: String,
    pub title: Option<String>,
    pub goal: String,
    /// Its strategies' statuses at the year's latest quarter, in words ("3 on track, 1 at risk").
    pub standing: String,
    pub input: AnnualInput,
    /// The rating recorded, if any.
    pub rating: Option<Rating>,
    /// "ana, 3 Oct 2027" when recorded.
    pub updated: Option<String>,
}

/// The annual review of a fiscal year: each objective's, and the summary's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReview {
    pub fiscal_year: i32,
    pub objectives: Vec<ObjectiveReview>,
    pub can_edit: bool,
    /// A refused form: (its objective number, what was typed) and why.
    pub returned: Option<super::form::Returned<(String, AnnualInput)>>,
}

impl AnnualReview {
    /// How many objectives have each rating, and how many are not rated yet.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let n = |r: Rating| {
            self.objectives
                .iter()
                .filter(|o| o.rating == Some(r))
                .count()
        };
        let unrated = self
            .objectives
            .iter()
            .filter(|o| o.rating.is_none())
            .count();
        (
            n(Rating::Noteworthy),
            n(Rating::Focus),
            n(Rating::Neither),
            unrated,
        )
    }
}

crate::stored_as_text!(Rating, Rating::parse, "annual_reviews.rating", "rating");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_is_required_and_a_focus_area_needs_improvement_strategies() {
        let mut input = AnnualInput::default();
        assert_eq!(check(&input).unwrap_err()[0].0, "rating");
        input.rating = "focus".into();
        assert_eq!(check(&input).unwrap_err()[0].0, "improvement");
        input.improvement = "Cross-train two analysts".into();
        assert_eq!(check(&input), Ok(Rating::Focus));
        input.rating = "noteworthy".into();
        assert_eq!(check(&input), Ok(Rating::Noteworthy));
    }
}
