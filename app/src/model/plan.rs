//! The plan as pages show it: plan header, goals, objectives, strategies.

use super::outline::NarrativeSection;
use serde::{Deserialize, Serialize};

/// The plan's header fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlanInfo {
    pub title: String,
    pub organisation: String,
    pub fy_start: Option<i64>,
    pub fy_end: Option<i64>,
    pub effective_date: Option<String>,
}

/// A goal's number and name, for navigation and breadcrumbs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalRef {
    pub number: String,
    pub name: Option<String>,
}

/// A goal with its counts, as listed on the plan overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GoalSummary {
    pub number: String,
    pub name: Option<String>,
    pub statement: Option<String>,
    pub objective_count: i64,
    pub strategy_count: i64,
    /// The plan revision that retired it, if it is retired.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    #[serde(default)]
    pub retired_in: Option<i64>,
}

/// A strategy with who owns it: an office, and the people assigned to it (display
/// names; assignment is what lets a manager record its status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Strategy {
    pub number: String,
    pub text: String,
    pub owner_office: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(default)]
    pub owners: Vec<String>,
    /// The plan revision that retired it, if it is retired.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    #[serde(default)]
    pub retired_in: Option<i64>,
}

/// Ownership in words, the same on every page: "Court Services · Ana Ruiz, Sam Lee",
/// the office or the people alone, or "Not assigned".
pub fn owner_text(office: Option<&str>, owners: &[String]) -> String {
    let office = office.map(str::trim).filter(|o| !o.is_empty());
    let people = owners.join(", ");
    match (office, people.is_empty()) {
        (Some(o), false) => format!("{o} · {people}"),
        (Some(o), true) => o.to_string(),
        (None, false) => people,
        (None, true) => "Not assigned".to_string(),
    }
}

/// An objective with its strategies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub number: String,
    pub title: Option<String>,
    pub strategies: Vec<Strategy>,
    /// The plan revision that retired it, if it is retired.
    #[serde(default)]
    pub retired_in: Option<i64>,
}

/// Everything the plan overview page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanOverview {
    pub plan: Option<PlanInfo>,
    pub goals: Vec<GoalSummary>,
    pub narrative: Vec<NarrativeSection>,
}

/// A goal page: the goal, its objectives and strategies, and all goals for navigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalDetail {
    pub goal: GoalSummary,
    pub objectives: Vec<Objective>,
    pub nav: Vec<GoalRef>,
    /// Where it stands this quarter.
    #[serde(default)]
    pub standing: Option<Standing>,
}

/// An objective page: its goal, the objective with strategies, the goal's objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveDetail {
    pub goal: GoalRef,
    pub objective: Objective,
    pub siblings: Vec<Objective>,
    /// Where it stands this quarter.
    #[serde(default)]
    pub standing: Option<Standing>,
}

/// Where a goal or objective stands: this quarter's roll-up of its strategies (with how
/// many reported), each strategy's status, its measures against this year's targets,
/// and a small chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub quarter: crate::model::fiscal::FiscalQuarter,
    pub rollup: crate::model::status::Rollup,
    /// (strategy number, this quarter's status; `None`: no update yet).
    pub statuses: Vec<(String, Option<crate::model::status::Status>)>,
    pub measures: Vec<MeasureLine>,
    pub chart: Option<crate::model::chart::DrawnChart>,
    /// The quarter shown, where it stands, and the quarters its picker offers.
    #[serde(default)]
    pub shown: Option<crate::model::reporting::QuarterPhase>,
    /// A goal's exceptions in the quarter (none for an objective).
    #[serde(default)]
    pub exceptions: Option<crate::model::exception::Exceptions>,
}

/// A measure against this fiscal year's APP target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureLine {
    pub id: i64,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub state: crate::model::measure::TargetState,
    /// Its band, pace and forecast this year.
    pub standing: crate::model::standing::Standing,
}

/// A strategy page: the strategy with its objective and goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyDetail {
    pub goal: GoalRef,
    pub objective_number: String,
    pub objective_title: Option<String>,
    pub strategy: Strategy,
    pub siblings: Vec<Strategy>,
    /// Whether the person reading may record this strategy's status (the page offers
    /// the form only then; the server refuses the rest anyway).
    #[serde(default)]
    pub can_record: bool,
    /// The quarters status may be recorded for today: the one being reported first, then
    /// the quarter under way when both are open.
    #[serde(default)]
    pub record_quarters: Vec<crate::model::fiscal::FiscalQuarter>,
    /// The owners form, for those who may change ownership (working group, admins).
    #[serde(default)]
    pub owners_form: Option<OwnersForm>,
    /// A review refused for its input (a return without a comment), shown once. Taken
    /// here, in the page's own data, not in the history's nested resource (which SSR may
    /// create twice, losing it).
    #[serde(default)]
    pub review_returned: Option<crate::model::form::Returned>,
    /// Files attached to its quarters' updates, and the upload form's state.
    #[serde(default)]
    pub evidence: crate::model::evidence::EvidenceList,
    /// Its discussion, with a comment form refused there (taken here, once).
    #[serde(default)]
    pub discussion: Option<crate::model::comment::Discussion>,
}

/// The strategy page's form for its office and owners, as opened or as sent back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnersForm {
    pub office: String,
    /// Everyone who can own a strategy: (id, "Ana Ruiz (manager)"), and whether chosen.
    pub choices: Vec<(i64, String, bool)>,
    /// The ownership the form was opened on (refuses a save over someone else's).
    pub seen: String,
    /// Why a save was refused, if it was.
    pub error: Option<String>,
}

/// What an import changed, counted by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub narrative_sections: u32,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} narrative sections",
            self.created, self.updated, self.unchanged, self.narrative_sections
        )
    }
}

/// "Goal 4: Information Technology", or "Goal 3 (untitled)" for a placeholder.
pub fn goal_label(number: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("Goal {number}: {name}"),
        None => format!("Goal {number} (untitled)"),
    }
}

/// "Objective 4.1", the short label used in breadcrumbs.
pub fn objective_label(number: &str) -> String {
    format!("Objective {number}")
}

/// "Strategy 4.1.3".
pub fn strategy_label(number: &str) -> String {
    format!("Strategy {number}")
}
