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
}

/// A strategy; owners are `None` until assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Strategy {
    pub number: String,
    pub text: String,
    pub owner_office: Option<String>,
    pub owner_person: Option<String>,
}

/// An objective with its strategies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub number: String,
    pub title: Option<String>,
    pub strategies: Vec<Strategy>,
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
}

/// An objective page: its goal, the objective with strategies, the goal's objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveDetail {
    pub goal: GoalRef,
    pub objective: Objective,
    pub siblings: Vec<Objective>,
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
