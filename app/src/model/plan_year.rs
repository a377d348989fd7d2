//! A fiscal year's Annual Performance Plan (APP) and Implementation Plan (IP): their
//! lifecycles and the pages that show them.

use super::measure::{Measure, Reading, TargetState};
use serde::{Deserialize, Serialize};

/// Where an APP stands: drafted (Q1 of the prior year), approved (the baseline), being
/// revised (at mid-year, Q3) or revised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppStage {
    Draft,
    Approved,
    Revising,
    Revised,
}

/// A step in an APP's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppStep {
    /// Draft → approved: the targets become the baseline (revision 1).
    Approve,
    /// Approved or revised → revising: targets may change again, each with a reason.
    StartRevision,
    /// Revising → revised: the changed targets become the next revision.
    PublishRevision,
}

impl AppStage {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            AppStage::Draft => "draft",
            AppStage::Approved => "approved",
            AppStage::Revising => "revising",
            AppStage::Revised => "revised",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<AppStage> {
        [
            AppStage::Draft,
            AppStage::Approved,
            AppStage::Revising,
            AppStage::Revised,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            AppStage::Draft => "Draft",
            AppStage::Approved => "Approved",
            AppStage::Revising => "Mid-year revision in progress",
            AppStage::Revised => "Revised",
        }
    }

    /// The state after a step, or why the step is not possible now.
    pub fn after(self, step: AppStep) -> Result<AppStage, String> {
        match (self, step) {
            (AppStage::Draft, AppStep::Approve) => Ok(AppStage::Approved),
            (AppStage::Approved | AppStage::Revised, AppStep::StartRevision) => {
                Ok(AppStage::Revising)
            }
            (AppStage::Revising, AppStep::PublishRevision) => Ok(AppStage::Revised),
            (state, step) => Err(format!(
                "An APP that is {} cannot be {}.",
                state.label().to_lowercase(),
                step.past_tense()
            )),
        }
    }

    /// May annual targets change now? (Not in an approved or revised APP: start a
    /// revision first.)
    pub fn targets_open(self) -> bool {
        matches!(self, AppStage::Draft | AppStage::Revising)
    }
}

impl AppStep {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            AppStep::Approve => "approve",
            AppStep::StartRevision => "start_revision",
            AppStep::PublishRevision => "publish_revision",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<AppStep> {
        [
            AppStep::Approve,
            AppStep::StartRevision,
            AppStep::PublishRevision,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    fn past_tense(self) -> &'static str {
        match self {
            AppStep::Approve => "approved",
            AppStep::StartRevision => "opened for revision",
            AppStep::PublishRevision => "published as a revision",
        }
    }

    /// What a person reads once the step is taken for year `fy`'s APP.
    pub fn done(self, fy: i32) -> String {
        match self {
            AppStep::Approve => format!("The FY{fy} APP is approved."),
            AppStep::StartRevision => format!("The FY{fy} APP's mid-year revision has started."),
            AppStep::PublishRevision => format!("The FY{fy} APP's revision is published."),
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            AppStep::Approve => "Approve the APP",
            AppStep::StartRevision => "Start the mid-year revision",
            AppStep::PublishRevision => "Publish the revision",
        }
    }
}

/// A kept APP revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppRevision {
    pub revision: i64,
    pub state: AppStage,
    pub note: String,
    /// (measure id, measure name, target as shown) as the revision stood.
    pub targets: Vec<(i64, String, String)>,
    pub author: String,
    pub recorded: String,
}

/// One measure's line on the APP page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppRow {
    pub measure: Measure,
    pub target: Option<f64>,
    pub target_shown: String,
    pub actual_shown: String,
    /// The year's actual so far as a number, with what it covers (none: nothing recorded).
    #[serde(default)]
    pub to_date: Option<crate::model::measure::ToDate>,
    pub state: TargetState,
    /// The five prior years' annual actuals, oldest first: (FY, shown).
    pub prior: Vec<(i32, String)>,
    /// The annual actuals of the five prior years and this one as numbers, oldest first
    /// (none: a quarter it needs is missing).
    #[serde(default)]
    pub values: Vec<Option<f64>>,
    /// The year is closed, the target missed and no explanation recorded yet.
    pub needs_explanation: bool,
    /// Its band, pace and forecast.
    pub standing: crate::model::standing::Standing,
}

/// The APP page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppPage {
    pub fiscal_year: i32,
    pub state: AppStage,
    pub revision: i64,
    /// When the plan says this APP is developed, approved and revised.
    pub timing: String,
    pub revisions: Vec<AppRevision>,
    pub goals: Vec<(String, Option<String>)>,
    pub rows: Vec<AppRow>,
    pub can_edit: bool,
}

/// IP lifecycle: drafted, then distributed in Q4 of the prior year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpState {
    Draft,
    Distributed,
}

impl IpState {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            IpState::Draft => "draft",
            IpState::Distributed => "distributed",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<IpState> {
        match s {
            "draft" => Some(IpState::Draft),
            "distributed" => Some(IpState::Distributed),
            _ => None,
        }
    }
}

/// One IP quarter of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpCell {
    pub target: Option<f64>,
    pub target_shown: String,
    pub reading: Reading,
    pub actual_shown: String,
    pub state: TargetState,
    pub over: bool,
    /// The band the quarter's actual falls in against its quarterly target: (name, mark).
    #[serde(default)]
    pub band: Option<(String, crate::model::glossary::Mark)>,
}

/// One measure's line on the IP page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpRow {
    pub measure: Measure,
    pub quarters: Vec<IpCell>,
}

/// A strategy's quarterly milestone in the IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpMilestone {
    pub id: i64,
    pub strategy: String,
    pub goal: String,
    pub quarter: u8,
    pub description: String,
    pub done: Option<String>,
    pub overdue: bool,
}

/// The IP page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpPage {
    pub fiscal_year: i32,
    pub state: IpState,
    /// Still a draft on or after the year's first day ("1 October 2026"): overdue.
    #[serde(default)]
    pub overdue: Option<String>,
    pub distributed: Option<String>,
    pub timing: String,
    pub goals: Vec<(String, Option<String>)>,
    pub rows: Vec<IpRow>,
    pub milestones: Vec<IpMilestone>,
    pub strategies: Vec<String>,
    pub can_edit: bool,
    /// "Add a milestone" as it was refused, with each problem (shown once).
    #[serde(default)]
    pub returned: Option<crate::model::form::Returned>,
}

crate::stored_as_text!(
    AppStage,
    AppStage::parse,
    "plan_years.app_state",
    "APP stage"
);
crate::stored_as_text!(IpState, IpState::parse, "plan_years.ip_state", "IP state");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_app_is_approved_then_revised_at_mid_year() {
        let approved = AppStage::Draft.after(AppStep::Approve).unwrap();
        assert_eq!(approved, AppStage::Approved);
        assert!(!approved.targets_open());
        let revising = approved.after(AppStep::StartRevision).unwrap();
        assert!(revising.targets_open());
        let revised = revising.after(AppStep::PublishRevision).unwrap();
        assert_eq!(revised, AppStage::Revised);
        assert_eq!(
            revised.after(AppStep::StartRevision),
            Ok(AppStage::Revising)
        );
    }

    #[test]
    fn steps_out_of_order_are_refused_with_a_reason() {
        let e = AppStage::Draft.after(AppStep::PublishRevision).unwrap_err();
        assert!(e.contains("draft"), "{e}");
        assert!(AppStage::Approved.after(AppStep::Approve).is_err());
        assert!(AppStage::Revising.after(AppStep::StartRevision).is_err());
        assert!(AppStage::Draft.targets_open());
    }
}
