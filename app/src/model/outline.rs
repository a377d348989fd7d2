//! The parsed form of a numbered plan outline, before it is written to the database.

use serde::{Deserialize, Serialize};

/// A whole parsed plan document: its goals in document order, prose and warnings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// The document's title line, when it starts with one.
    pub title: Option<String>,
    /// Goals in the order the document first names them.
    pub goals: Vec<OutlineGoal>,
    /// Prose sections kept verbatim as plan narrative.
    pub narrative: Vec<NarrativeSection>,
    /// Lines the parser could not place, or placeholders it had to create.
    pub warnings: Vec<OutlineWarning>,
}

/// A goal heading; `name` and `statement` are `None` for an untitled placeholder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineGoal {
    pub number: String,
    pub name: Option<String>,
    pub statement: Option<String>,
    pub objectives: Vec<OutlineObjective>,
}

/// An objective heading; `title` is `None` for an untitled placeholder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineObjective {
    pub number: String,
    pub title: Option<String>,
    pub strategies: Vec<OutlineStrategy>,
}

/// A numbered strategy and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineStrategy {
    pub number: String,
    pub text: String,
}

/// A prose section of the plan, such as "Plan Maintenance".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeSection {
    pub heading: Option<String>,
    pub text: String,
}

/// Something the parser noticed at a line of the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineWarning {
    pub line: usize,
    pub message: String,
}

/// A fatal problem in the outline (numbering error or duplicate), naming its line (0:
/// the whole file, as for a StratML document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", match self.line { 0 => self.message.clone(), n => format!("line {n}: {}", self.message) })]
pub struct OutlineError {
    pub line: usize,
    pub message: String,
}

impl OutlineError {
    /// "Line 5: …", or just the message when it is about the whole file.
    pub fn located(&self) -> String {
        match self.line {
            0 => self.message.clone(),
            n => format!("Line {n}: {}", self.message),
        }
    }
}

impl Outline {
    /// Counts goals, objectives and strategies in the tree.
    pub fn counts(&self) -> (usize, usize, usize) {
        let objectives = self.goals.iter().map(|g| g.objectives.len()).sum();
        let strategies = self
            .goals
            .iter()
            .flat_map(|g| &g.objectives)
            .map(|o| o.strategies.len())
            .sum();
        (self.goals.len(), objectives, strategies)
    }
}
