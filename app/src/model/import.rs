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
