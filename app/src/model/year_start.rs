//! Starting the next fiscal year from this one: what is copied (targets as the draft
//! APP, IP milestones not done) and what carries over (open follow-up actions).

use serde::{Deserialize, Serialize};

/// What starting year `to` from year `from` copies, shown before it is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearStart {
    pub from: i32,
    pub to: i32,
    /// (measure label, "Annual" or "Q2", value as shown).
    pub targets: Vec<(String, String, String)>,
    /// (strategy number, quarter, description).
    pub milestones: Vec<(String, u8, String)>,
    /// (title, owner, due date) of open follow-up actions, which stay open and carry over.
    pub actions: Vec<(String, String, String)>,
    /// Why it cannot be done, when it cannot ("FY2028 already has targets").
    pub refused: Option<String>,
    pub can_start: bool,
}

/// Why year `to` cannot be started from `from`, if it cannot: it already has targets,
/// or there is nothing to copy.
pub fn refusal(
    to: i32,
    targets_in_to: i64,
    targets_in_from: usize,
    milestones: usize,
) -> Option<String> {
    if targets_in_to > 0 {
        Some(format!(
            "FY{to} already has {targets_in_to} targets: it was started already. Change its targets on the FY{to} APP page."
        ))
    } else if targets_in_from == 0 && milestones == 0 {
        Some(format!(
            "FY{} has no targets or open milestones to copy.",
            to - 1
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_with_targets_is_never_started_twice() {
        assert!(refusal(2028, 3, 10, 2)
            .unwrap()
            .contains("already has 3 targets"));
        assert!(refusal(2028, 0, 0, 0)
            .unwrap()
            .contains("FY2027 has no targets"));
        assert_eq!(refusal(2028, 0, 4, 0), None);
        assert_eq!(refusal(2028, 0, 0, 1), None);
    }
}
