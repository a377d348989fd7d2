//! What pages show: the data a page's server function returns, put together from the
//! domain types (kept apart from the domain rules, so those depend on nothing here).

use super::chart::DrawnChart;
use super::fiscal::FiscalQuarter;
use super::form::Returned;
use super::measure::{ActualEntry, Measure, MeasureInput, Shortfall, TargetChange, TargetState};
use super::status::{ReturnedStatus, Rollup, RollupRule, Status, StatusUpdate};
use serde::{Deserialize, Serialize};

/// One fiscal year of a measure, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureYear {
    pub fiscal_year: i32,
    pub app_state: String,
    pub annual: Option<String>,
    pub quarterly: Vec<String>,
    pub actuals: Vec<String>,
    pub year_actual: String,
    pub state: TargetState,
    pub closed: bool,
    pub shortfall: Option<Shortfall>,
    pub needs_explanation: bool,
}

/// The measure page: definition, every year, whole history, and the forms' state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasurePage {
    pub measure: Measure,
    pub years: Vec<MeasureYear>,
    pub history: Vec<ActualEntry>,
    pub target_log: Vec<TargetChange>,
    /// The year the target form edits, its current values (annual, Q1–Q4) and whether
    /// annual targets are open (draft or mid-year revision) with the reason if not.
    pub target_year: i32,
    pub target_values: Vec<String>,
    pub annual_closed: Option<String>,
    /// Quarters an actual may be recorded for, newest first ("2027-Q1"), each with its
    /// latest version (0: none yet).
    pub quarters: Vec<(String, i64)>,
    /// The quarter the actual form opens on ("2027-Q1"): the one being recorded.
    #[serde(default)]
    pub record_default: String,
    /// That quarter's target, the year's and the year so far, shown beside the input.
    #[serde(default)]
    pub record_targets: String,
    /// Recent quarters locked for this measure (slug, label), newest first.
    pub locked: Vec<(String, String)>,
    /// Whether the reader may unlock one of them.
    pub can_unlock: bool,
    pub can_edit: bool,
    pub can_record: bool,
    /// A refused form sent back: its name ("actual", "targets", "shortfall") and content.
    pub returned: Option<Returned>,
    /// The APP chart (five years) and the IP chart (this year).
    pub charts: Vec<DrawnChart>,
    /// Files attached to its quarters' actuals, and the upload form's state.
    #[serde(default)]
    pub evidence: crate::model::evidence::EvidenceList,
    /// This year's band, pace and forecast: (FY, standing).
    pub standing: (i32, crate::model::standing::Standing),
    /// Its thresholds and profile in words ("…, the plan's default").
    pub scoring: Vec<(String, String)>,
    /// Its discussion, with a comment form refused there (taken here, once).
    #[serde(default)]
    pub discussion: Option<crate::model::comment::Discussion>,
}

/// A measure beside a status form: its latest actual for that quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActualSlot {
    pub measure: Measure,
    pub latest: String,
    /// The quarter's target, the year's and the year so far, shown beside the input.
    #[serde(default)]
    pub targets: String,
    /// The latest version of the quarter's actual (0: none yet).
    pub version: i64,
    pub returned: Option<Returned>,
}

/// The add / edit measure form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureForm {
    pub id: Option<i64>,
    pub input: MeasureInput,
    pub errors: Vec<(String, String)>,
    /// (number, label) of every goal, objective and strategy.
    pub options: Vec<(String, String)>,
}

/// The outcome of a CSV import of actuals, shown once on the import page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualsImport {
    /// The text as received, so a corrected file can be pasted back (empty when longer
    /// than [`ActualsImport::MAX_KEPT_TEXT`]).
    pub text: String,
    /// Whether the text was too long to keep.
    pub text_dropped: bool,
    /// (line, reason) for the first [`ActualsImport::MAX_LISTED`] bad rows; nothing was
    /// written when this is not empty.
    pub errors: Vec<(usize, String)>,
    /// How many more bad rows there were.
    pub more_errors: usize,
    /// What was written, when all rows were good.
    pub summary: Option<String>,
}

impl ActualsImport {
    /// Problems listed one by one; the rest are counted.
    pub const MAX_LISTED: usize = 100;
    /// Longest text kept (in the session) to show again.
    pub const MAX_KEPT_TEXT: usize = 64 * 1024;

    /// A refused import: the text (when short enough to keep) and its problems, bounded.
    pub fn refused(text: String, mut errors: Vec<(usize, String)>) -> Self {
        let more_errors = errors.len().saturating_sub(Self::MAX_LISTED);
        errors.truncate(Self::MAX_LISTED);
        let text_dropped = text.len() > Self::MAX_KEPT_TEXT;
        ActualsImport {
            text: if text_dropped { String::new() } else { text },
            text_dropped,
            errors,
            more_errors,
            summary: None,
        }
    }

    /// Every problem, listed or counted.
    pub fn problems(&self) -> usize {
        self.errors.len() + self.more_errors
    }
}

/// Everything the status form page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusFormData {
    pub strategy: String,
    pub strategy_text: String,
    pub quarter: FiscalQuarter,
    pub quarter_label: String,
    pub latest: Option<StatusUpdate>,
    pub returned: Option<ReturnedStatus>,
    pub can_edit: bool,
    /// Whether the quarter takes this strategy's status (the data call's lock).
    pub lock: crate::model::lock::LockState,
    /// Whether the reader may unlock a locked quarter.
    pub can_unlock: bool,
    /// A refused unlock form, shown once.
    pub unlock_returned: Option<crate::model::form::Returned>,
    /// Where the quarter's update stands (a return carries the working group's comment).
    pub state: crate::model::review::UpdateState,
    /// The strategy's measures, to record their actuals for the same quarter.
    pub measures: Vec<ActualSlot>,
}

/// A strategy's status history as a reader sees it, with a refused review form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusHistory {
    /// Every update, newest quarter and version first.
    pub updates: Vec<crate::model::status::StatusUpdate>,
    /// Whether submitted updates await approval.
    pub approval: bool,
}

/// One strategy's line on the quarter page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterRow {
    pub number: String,
    pub text: String,
    pub goal: String,
    pub objective: String,
    /// Ownership in words, as every page shows it.
    pub owner: String,
    /// The usernames of the people assigned to it.
    #[serde(default)]
    pub owners: Vec<String>,
    pub this_quarter: Option<Reported>,
    pub last_quarter: Option<Status>,
}

/// A page's rows grouped by goal, in the order they come: (goal, its rows).
pub fn by_goal(rows: Vec<QuarterRow>) -> Vec<(String, Vec<QuarterRow>)> {
    let mut groups: Vec<(String, Vec<QuarterRow>)> = Vec::new();
    for r in rows {
        match groups.last_mut() {
            Some((g, rows)) if *g == r.goal => rows.push(r),
            _ => groups.push((r.goal.clone(), vec![r])),
        }
    }
    groups
}

/// A goal's rows counted by this quarter's status, for its folded heading: "12
/// strategies: ● 8 On track · ▲ 2 At risk · – 2 No update" (no count of none).
pub fn goal_counts(rows: &[QuarterRow]) -> String {
    use super::glossary::{tally, Mark};
    let reported: Vec<Option<Status>> = rows
        .iter()
        .map(|r| r.this_quarter.as_ref().map(|u| u.status))
        .collect();
    let order: Vec<Option<Status>> = Status::ALL.into_iter().map(Some).chain([None]).collect();
    let counts = tally(&order, &reported, |s| match s {
        Some(s) => (s.mark(), s.label().to_string()),
        None => (Mark::Nothing, "No update".to_string()),
    });
    format!(
        "{}: {counts}",
        super::words::count(rows.len(), "strategy", "strategies")
    )
}

/// A strategy's update as the quarter page shows it (not its narrative, which the page
/// does not show and so does not send).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reported {
    pub status: Status,
    pub percent: i64,
    pub author: String,
    /// When it was recorded, for people.
    pub recorded: String,
}

/// A goal's rolled-up status on the quarter page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalRollup {
    pub goal: String,
    pub name: Option<String>,
    pub rollup: Rollup,
    pub objectives: Vec<(String, Rollup)>,
}

/// The quarter page: every strategy's status, roll-ups, and who has not reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterView {
    pub quarter: FiscalQuarter,
    pub label: String,
    pub is_current: bool,
    /// Where the quarter stands, as (symbol, heading): "●", "FY2027 Q1 — data call open, …"
    /// (words only: `model::reporting` reads the call schedule, which reads this module).
    #[serde(default)]
    pub phase: Option<(String, String)>,
    pub rule: RollupRule,
    /// The share (percent) of strategies that must report before a headline is given.
    pub min_coverage: u8,
    /// The month the fiscal year starts in (1–12).
    pub start_month: u32,
    pub plan: Rollup,
    pub goals: Vec<GoalRollup>,
    /// The rows of this page of the table, after the filters.
    pub rows: Vec<QuarterRow>,
    /// Which page of the filtered rows `rows` is.
    pub paging: crate::model::paging::Paging,
    /// Owner username → strategy numbers still without an update this quarter.
    pub missing: Vec<(String, Vec<String>)>,
    pub owners: Vec<String>,
    /// Whoever reads the page may record any strategy's status (working group, admins).
    #[serde(default)]
    pub record_all: bool,
    /// The reader's username, so a manager's own missing entries lead to the form.
    #[serde(default)]
    pub reader: String,
    /// A settings form an administrator sent that was refused: (typed, why).
    #[serde(default)]
    pub settings_refused: Option<(String, String)>,
    /// The roll-up settings as shown in the form: the typed values when refused.
    #[serde(default)]
    pub rollup_typed: crate::model::form::Fields,
    /// The share rule's thresholds (on track, at risk), percent.
    #[serde(default)]
    pub shares: (u8, u8),
    /// The rule in words, with its thresholds.
    #[serde(default)]
    pub rule_text: String,
}

#[cfg(test)]
mod tests {
    use super::ActualsImport;

    #[test]
    fn a_refused_import_keeps_a_bounded_list_and_text() {
        let errors: Vec<_> = (1..=250).map(|l| (l, "bad".to_string())).collect();
        let small = ActualsImport::refused("a,b\n".into(), errors.clone());
        assert_eq!(small.errors.len(), ActualsImport::MAX_LISTED);
        assert_eq!(small.more_errors, 150);
        assert_eq!(small.problems(), 250);
        assert_eq!(small.text, "a,b\n");
        let big = ActualsImport::refused("x".repeat(ActualsImport::MAX_KEPT_TEXT + 1), errors);
        assert!(big.text.is_empty() && big.text_dropped);
    }
}

/// What every page's frame shows beside the page itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageFrame {
    /// The database holds sample data (a banner says so).
    pub sample: bool,
    /// The plan's title, for the printed page's header.
    pub plan: Option<String>,
    /// Today, "30 November 2026", for the printed page's header.
    pub today: String,
}

/// A measure's (or the plan's default) thresholds and profile form, with the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringForm {
    /// The measure: (id, name, what it is attached to); none for the plan's default.
    pub measure: Option<(i64, String, String)>,
    /// Why thresholds do not apply (a milestone is done or not).
    pub not_scored: Option<String>,
    pub input: crate::model::scoring::ScoringInput,
    pub errors: Vec<(String, String)>,
    /// The plan's default in words.
    pub plan_default: String,
    /// How the typed bands read the measure's recent years: (FY, each quarter).
    pub preview: Vec<(i32, Vec<crate::model::scoring::PreviewCell>)>,
    /// Whether what is shown was typed and previewed, not yet saved.
    pub previewing: bool,
}
