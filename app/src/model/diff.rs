//! Wording compared word by word: what a change proposal keeps, removes and adds, so a
//! one-character fix is as visible as a rewrite.

use serde::{Deserialize, Serialize};

/// What happens to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    /// In both.
    Same,
    /// Only in the current wording.
    Removed,
    /// Only in the proposed wording.
    Added,
}

/// The current and the proposed wording with the words that change marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording {
    /// The wording now.
    pub current: String,
    /// The wording proposed.
    pub proposed: String,
    /// Runs of words (with their spacing), in reading order, each marked.
    pub runs: Vec<(Mark, String)>,
}

impl Wording {
    /// Compares `current` with `proposed` word by word.
    pub fn of(current: &str, proposed: &str) -> Wording {
        let diff = similar::TextDiff::configure().diff_words(current, proposed);
        let mut runs: Vec<(Mark, String)> = Vec::new();
        for change in diff.iter_all_changes() {
            let mark = match change.tag() {
                similar::ChangeTag::Equal => Mark::Same,
                similar::ChangeTag::Delete => Mark::Removed,
                similar::ChangeTag::Insert => Mark::Added,
            };
            match runs.last_mut() {
                Some((m, text)) if *m == mark => text.push_str(change.value()),
                _ => runs.push((mark, change.value().to_string())),
            }
        }
        Wording {
            current: current.to_string(),
            proposed: proposed.to_string(),
            runs,
        }
    }

    /// Whether anything changes.
    pub fn changes(&self) -> bool {
        self.runs.iter().any(|(m, _)| *m != Mark::Same)
    }

    /// The runs of one side: the current wording (`Same` and `Removed`) or the proposed
    /// (`Same` and `Added`).
    /// A space between two changed words belongs to the change, so "removed: and
    /// implement" reads as one run, not one per word.
    pub fn side(&self, proposed: bool) -> Vec<(Mark, String)> {
        let hidden = if proposed { Mark::Removed } else { Mark::Added };
        let shown: Vec<&(Mark, String)> = self.runs.iter().filter(|(m, _)| *m != hidden).collect();
        let mut out: Vec<(Mark, String)> = Vec::new();
        for (i, (mark, text)) in shown.iter().enumerate() {
            let between_changes = *mark == Mark::Same
                && text.trim().is_empty()
                && i > 0
                && shown[i - 1].0 != Mark::Same
                && shown.get(i + 1).is_some_and(|(m, _)| *m != Mark::Same);
            let mark = if between_changes {
                shown[i - 1].0
            } else {
                *mark
            };
            match out.last_mut() {
                Some((m, t)) if *m == mark => t.push_str(text),
                _ => out.push((mark, text.clone())),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_character_fix_marks_just_that_word() {
        let w = Wording::of(
            "Develop effective protocols for availibility of systems",
            "Develop effective protocols for availability of systems",
        );
        assert!(w.changes());
        assert_eq!(
            w.side(false)
                .iter()
                .filter(|(m, _)| *m == Mark::Removed)
                .map(|(_, t)| t.trim())
                .collect::<Vec<_>>(),
            ["availibility"]
        );
        assert_eq!(
            w.side(true)
                .iter()
                .filter(|(m, _)| *m == Mark::Added)
                .map(|(_, t)| t.trim())
                .collect::<Vec<_>>(),
            ["availability"]
        );
        let rebuilt: String = w.side(true).into_iter().map(|(_, t)| t).collect();
        assert_eq!(rebuilt, w.proposed);
        let rebuilt: String = w.side(false).into_iter().map(|(_, t)| t).collect();
        assert_eq!(rebuilt, w.current);
    }

    #[test]
    fn changed_words_in_a_row_are_one_run() {
        let w = Wording::of("Develop and implement systems", "Study the systems");
        let removed: Vec<String> = w
            .side(false)
            .into_iter()
            .filter(|(m, _)| *m == Mark::Removed)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(removed, ["Develop and implement"]);
    }

    #[test]
    fn the_same_wording_changes_nothing() {
        assert!(!Wording::of("Serve the public", "Serve the public").changes());
    }
}
