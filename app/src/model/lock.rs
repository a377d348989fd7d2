//! A quarter's lock: what it applies to, whether an item takes updates, and the words
//! people read about it.

use super::fiscal::FiscalQuarter;
use serde::{Deserialize, Serialize};

/// What a quarter's lock applies to: one strategy's status, or one measure's actuals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lockable {
    Strategy(i64),
    Measure(i64),
}

impl Lockable {
    /// The stored kind.
    pub fn kind(self) -> &'static str {
        match self {
            Lockable::Strategy(_) => "strategy",
            Lockable::Measure(_) => "measure",
        }
    }

    /// The strategy's or measure's id.
    pub fn id(self) -> i64 {
        match self {
            Lockable::Strategy(id) | Lockable::Measure(id) => id,
        }
    }
}

/// Whether one item's quarter takes updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LockState {
    /// Not locked yet.
    Open,
    /// Locked since `since` (a date as people read it).
    Locked { since: String },
    /// Locked, but opened again by `by` for `reason` until the owner submits (a status
    /// update; drafts keep it open) or saves (an actual).
    Unlocked { reason: String, by: String },
}

impl LockState {
    /// Whether a save would be refused.
    pub fn refuses(&self) -> bool {
        matches!(self, LockState::Locked { .. })
    }
}

/// Quarter `q` of `what` ("the status of strategy 4.1.3") is locked since `since`: what
/// people read, and what to do about it.
pub fn locked_message(what: &str, q: FiscalQuarter, since: &str) -> String {
    format!(
        "{q} locked on {since}: {what} for {q} can no longer be changed. \
         Ask the working group to unlock it, with the reason, if it needs a correction."
    )
}

/// An unlock's reason, trimmed, or why it cannot be one.
pub fn check_reason(reason: &str) -> Result<String, String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(
            "Say why this quarter is being unlocked: the reason is kept in the audit trail.".into(),
        );
    }
    if reason.chars().count() > 1000 {
        return Err("Keep the reason under 1,000 characters.".into());
    }
    Ok(reason.to_string())
}
