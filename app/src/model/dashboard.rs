//! The leadership dashboard: where the plan stands, in charts and lists.

use super::chart::DrawnChart;
use super::cycle::CycleItem;
use super::fiscal::FiscalQuarter;
use super::status::{Rollup, Status};
use serde::{Deserialize, Serialize};

/// A strategy that turned At risk or Off track this quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turned {
    pub number: String,
    pub text: String,
    pub status: Status,
    pub before: Option<Status>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub quarter: FiscalQuarter,
    /// The quarter shown, where it stands, and the quarters its picker offers.
    pub shown: crate::model::reporting::QuarterPhase,
    pub plan: Rollup,
    pub charts: Vec<DrawnChart>,
    /// This year's planning-cycle milestones not yet done (overdue first).
    pub milestones: Vec<CycleItem>,
    pub turned: Vec<Turned>,
    /// Strategies at risk or off track and measures behind or not met, worst first.
    pub exceptions: super::exception::Exceptions,
}

/// The status heat map page: one goal's strategies over some quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatMapPage {
    pub goals: Vec<(String, Option<String>)>,
    pub goal: String,
    pub quarters: usize,
    /// Which of the goal's strategies the chart shows.
    pub paging: crate::model::paging::Paging,
    pub chart: Option<DrawnChart>,
    /// The last quarter shown, where it stands, and the quarters its picker offers.
    pub shown: crate::model::reporting::QuarterPhase,
}
