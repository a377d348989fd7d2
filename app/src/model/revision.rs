//! Plan revisions: the outline as it stood after each numbered revision (a snapshot), and
//! the side-by-side difference of any two.

use serde::{Deserialize, Serialize};

/// One goal, objective, strategy or measure as a revision recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapItem {
    /// "4.1.3" for plan items, "m12" for measure 12.
    pub key: String,
    /// "Goal 4", "Strategy 4.1.3", "Measure 12 (4.1.3)".
    pub label: String,
    /// The wording, with office and owner for a strategy.
    pub text: String,
    pub retired: bool,
}

/// Whether a snapshot key is a measure's ("m12").
fn is_measure(key: &str) -> bool {
    key.strip_prefix('m')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The plan as of one revision: its items in outline order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub items: Vec<SnapItem>,
}

/// How an item differs between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difference {
    Added,
    Changed,
    Retired,
    Restored,
    Same,
}

impl Difference {
    /// The label with its symbol, so the difference never rests on colour.
    pub fn label(self) -> &'static str {
        match self {
            Difference::Added => "+ Added",
            Difference::Changed => "~ Changed",
            Difference::Retired => "− Retired",
            Difference::Restored => "+ Restored",
            Difference::Same => "= Unchanged",
        }
    }
}

/// One row of a comparison: the item's text in the older and newer revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffRow {
    pub key: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub difference: Difference,
}

/// Sort key of an item key: numbers compare part by part ("4.10" after "4.9"); a
/// measure sorts after everything numbered.
fn order(key: &str) -> (u8, Vec<u32>, String) {
    let parts: Option<Vec<u32>> = key.split('.').map(|p| p.parse().ok()).collect();
    match parts {
        Some(p) => (0, p, String::new()),
        None => (1, Vec::new(), key.to_string()),
    }
}

impl Snapshot {
    /// Puts the items in outline order.
    pub fn sorted(mut self) -> Snapshot {
        self.items.sort_by_key(|i| order(&i.key));
        self
    }

    /// (goals, objectives and strategies in the plan; retired ones; measures): counted
    /// apart, so a revision of wording keeps its plan count while measures come and go.
    pub fn counts(&self) -> (usize, usize, usize) {
        let measures = self.items.iter().filter(|i| is_measure(&i.key)).count();
        let retired = self.items.iter().filter(|i| i.retired).count();
        (self.items.len() - measures - retired, retired, measures)
    }
}

/// Every item of either revision, in outline order, with how it changed from `older`
/// to `newer`.
pub fn diff(older: &Snapshot, newer: &Snapshot) -> Vec<DiffRow> {
    let mut keys: Vec<&str> = older.items.iter().map(|i| i.key.as_str()).collect();
    for i in &newer.items {
        if !keys.contains(&i.key.as_str()) {
            keys.push(&i.key);
        }
    }
    keys.sort_by_key(|k| order(k));
    let find = |s: &'_ Snapshot, k: &str| s.items.iter().find(|i| i.key == k).cloned();
    keys.into_iter()
        .map(|k| {
            let (a, b) = (find(older, k), find(newer, k));
            let live = |i: &Option<SnapItem>| i.as_ref().is_some_and(|i| !i.retired);
            let difference = match (live(&a), live(&b)) {
                (false, true) if a.is_none() => Difference::Added,
                (false, true) => Difference::Restored,
                (true, false) => Difference::Retired,
                (false, false) => Difference::Same,
                (true, true) if a.as_ref().map(|i| &i.text) != b.as_ref().map(|i| &i.text) => {
                    Difference::Changed
                }
                (true, true) => Difference::Same,
            };
            let label = b
                .as_ref()
                .or(a.as_ref())
                .map(|i| i.label.clone())
                .unwrap_or_default();
            DiffRow {
                key: k.to_string(),
                label,
                before: a.map(|i| i.text),
                after: b.map(|i| i.text),
                difference,
            }
        })
        .collect()
}

/// A revision as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub number: i64,
    pub date: String,
    pub made_by: String,
    pub reasons: String,
    /// The quarter of the review that approved it ("2027-Q1"), if one did.
    pub meeting: Option<String>,
    /// (goals, objectives and strategies in the plan; retired; measures) as of this
    /// revision.
    pub counts: (usize, usize, usize),
}

/// A revision approved at a review, for its briefing packet: why, and each item that
/// changed ("~ Changed Strategy 4.1.3: new wording").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approved {
    pub number: i64,
    pub reasons: String,
    pub changes: Vec<String>,
}

/// The revisions page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionsPage {
    pub revisions: Vec<RevisionInfo>,
}

/// One revision's outline, or the comparison of two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub info: RevisionInfo,
    pub snapshot: Snapshot,
}

/// The comparison page: the two revisions and the rows that differ (all rows with `all`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub older: RevisionInfo,
    pub newer: RevisionInfo,
    pub rows: Vec<DiffRow>,
    pub unchanged: usize,
    pub all: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, text: &str, retired: bool) -> SnapItem {
        SnapItem {
            key: key.into(),
            label: format!("Item {key}"),
            text: text.into(),
            retired,
        }
    }

    #[test]
    fn a_diff_names_added_changed_retired_and_unchanged_items_in_outline_order() {
        let older = Snapshot {
            items: vec![
                item("4", "Goal", false),
                item("4.1.10", "Ten", false),
                item("4.1.9", "Nine", false),
                item("4.1.2", "Two", false),
                item("m3", "Cases", false),
            ],
        };
        let newer = Snapshot {
            items: vec![
                item("4", "Goal", false),
                item("4.1.9", "Nine, revised", false),
                item("4.1.10", "Ten", true),
                item("4.1.2", "Two", false),
                item("4.1.11", "Eleven", false),
                item("m3", "Cases", false),
            ],
        };
        let rows = diff(&older, &newer);
        let got: Vec<(&str, Difference)> = rows
            .iter()
            .map(|r| (r.key.as_str(), r.difference))
            .collect();
        assert_eq!(
            got,
            [
                ("4", Difference::Same),
                ("4.1.2", Difference::Same),
                ("4.1.9", Difference::Changed),
                ("4.1.10", Difference::Retired),
                ("4.1.11", Difference::Added),
                ("m3", Difference::Same),
            ]
        );
        assert_eq!(rows[2].before.as_deref(), Some("Nine"));
        assert_eq!(rows[2].after.as_deref(), Some("Nine, revised"));
        assert_eq!(rows[4].before, None);
        // Compared the other way round, the retired item is restored and the new one gone.
        let back = diff(&newer, &older);
        assert_eq!(back[3].difference, Difference::Restored);
        assert_eq!(back[4].difference, Difference::Retired);
    }

    #[test]
    fn counts_split_live_and_retired_items() {
        let s = Snapshot {
            items: vec![item("1", "a", false), item("1.1", "b", true)],
        };
        assert_eq!(s.counts(), (1, 1, 0));
        let s = Snapshot {
            items: vec![item("1", "a", false), item("m7", "cases", false)],
        };
        assert_eq!(s.counts(), (1, 0, 1), "a measure is counted apart");
    }
}
