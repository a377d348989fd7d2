//! Plan text waiting to be previewed and committed.

use super::outline::{Outline, OutlineError};
use serde::{Deserialize, Serialize};

/// A pasted or uploaded plan text, kept so the preview survives a page load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ImportDraft {
    pub id: i64,
    pub source_name: String,
    pub body: String,
    pub created_at: String,
    pub committed_at: Option<String>,
    pub summary: Option<String>,
}

/// A draft with the result of parsing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftPreview {
    pub draft: ImportDraft,
    pub parsed: Result<Outline, OutlineError>,
    /// Whether a plan is already there (committing then proposes the change).
    pub plan_exists: bool,
    /// What would change in the plan there is, item by item (empty for a first import).
    pub changes: Vec<super::revision::DiffRow>,
    /// Why the last commit was refused, shown once, with the reason typed.
    pub refused: Option<(String, String)>,
}

/// Why a file is refused before it is stored or parsed: what the upload page and the
/// preview say, and the code the upload puts in the page's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeProblem {
    /// Elements nest deeper than 64 (`model::stratml::MAX_DEPTH`).
    TooDeep,
    /// A `<!DOCTYPE>` with an internal subset or an entity declaration.
    Entities,
}

impl ShapeProblem {
    /// The code in `/admin/import?error=`.
    pub fn code(self) -> &'static str {
        match self {
            ShapeProblem::TooDeep => "too-deep",
            ShapeProblem::Entities => "entities",
        }
    }

    /// The problem of `code`, if it names one.
    pub fn from_code(code: &str) -> Option<ShapeProblem> {
        [ShapeProblem::TooDeep, ShapeProblem::Entities]
            .into_iter()
            .find(|p| p.code() == code)
    }

    /// What a person is told.
    pub fn message(self) -> &'static str {
        match self {
            ShapeProblem::TooDeep => {
                "This XML file nests its elements more than 64 levels deep; a StratML plan needs fewer than 10."
            }
            ShapeProblem::Entities => {
                "This XML file declares entities or a document type subset (<!DOCTYPE … [ … ]>), which plantrack does not read. Remove the <!DOCTYPE> and any <!ENTITY> and upload it again."
            }
        }
    }
}
