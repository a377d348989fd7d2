//! Strategy status on a fixed scale, and how objectives, goals and the plan roll up.

use crate::model::glossary::Mark;
use serde::{Deserialize, Serialize};

/// Where a strategy stands in a quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Completed,
    Deferred,
}

impl Status {
    /// Every status, in the order forms list them.
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Completed,
        Status::Deferred,
    ];

    /// The stored form ("on_track").
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Completed => "completed",
            Status::Deferred => "deferred",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Completed => "Completed",
            Status::Deferred => "Deferred",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> Mark {
        match self {
            Status::NotStarted => Mark::NotYet,
            Status::OnTrack => Mark::Going,
            Status::AtRisk => Mark::Warning,
            Status::OffTrack => Mark::Failed,
            Status::Completed => Mark::Done,
            Status::Deferred => Mark::Paused,
        }
    }

    /// A symbol shown beside the words, so status never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        self.mark().glyph()
    }

    /// At risk and Off track need an explanation and a corrective action.
    pub fn needs_explanation(self) -> bool {
        matches!(self, Status::AtRisk | Status::OffTrack)
    }

    /// How bad a status is for the worst-of rule; `None` is left out (Deferred).
    fn severity(self) -> Option<u8> {
        match self {
            Status::Completed => Some(0),
            Status::NotStarted => Some(1),
            Status::OnTrack => Some(2),
            Status::AtRisk => Some(3),
            Status::OffTrack => Some(4),
            Status::Deferred => None,
        }
    }
}

/// How an objective, goal or the plan gets its status from its strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RollupRule {
    /// The worst status among the strategies (Off track > At risk > On track >
    /// Not started > Completed); Deferred and unreported strategies are left out.
    WorstOf,
    /// By the share of strategies On track or Completed: at least the on-track share
    /// (80 % unless set) is On track, at least the at-risk share (60 %) At risk, less is
    /// Off track (Deferred and unreported left out). The default: one strategy off track
    /// among many does not turn the whole plan red.
    ShareOnTrack,
}

impl RollupRule {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            RollupRule::WorstOf => "worst_of",
            RollupRule::ShareOnTrack => "share_on_track",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<RollupRule> {
        [RollupRule::WorstOf, RollupRule::ShareOnTrack]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// How roll-ups are made: the rule, and the share of strategies (percent) that must have
/// reported before a headline status is given (below it the picture is incomplete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupSettings {
    pub rule: RollupRule,
    pub min_coverage: u8,
    /// Under the share rule: the share (percent) on track or completed that reads On
    /// track, and the share that reads At risk (below it, Off track).
    #[serde(default = "default_on_track")]
    pub on_track_share: u8,
    #[serde(default = "default_at_risk")]
    pub at_risk_share: u8,
}

/// The coverage below which a roll-up says its picture is incomplete (percent).
pub const DEFAULT_MIN_COVERAGE: u8 = 50;
/// The share rule's thresholds unless an administrator sets others (percent).
pub const DEFAULT_ON_TRACK_SHARE: u8 = 80;
pub const DEFAULT_AT_RISK_SHARE: u8 = 60;

fn default_on_track() -> u8 {
    DEFAULT_ON_TRACK_SHARE
}

fn default_at_risk() -> u8 {
    DEFAULT_AT_RISK_SHARE
}

impl From<RollupRule> for RollupSettings {
    fn from(rule: RollupRule) -> Self {
        RollupSettings {
            rule,
            min_coverage: DEFAULT_MIN_COVERAGE,
            on_track_share: DEFAULT_ON_TRACK_SHARE,
            at_risk_share: DEFAULT_AT_RISK_SHARE,
        }
    }
}

impl RollupSettings {
    /// The rule in words, with its thresholds, as pages show it beside a roll-up.
    pub fn describe(&self) -> String {
        let rule = match self.rule {
            RollupRule::WorstOf => "Rule: worst of the strategies' statuses (Off track, At risk, On track, Not started, Completed)".to_string(),
            RollupRule::ShareOnTrack => format!(
                "Rule: share of reporting strategies on track or completed — {} % or more is On track, {} % or more At risk, less Off track",
                self.on_track_share, self.at_risk_share
            ),
        };
        format!(
            "{rule}; Deferred and unreported strategies are left out. A headline needs at least {} % of strategies reported.",
            self.min_coverage
        )
    }

    /// Checks the share thresholds: whole percents, the at-risk share not above the
    /// on-track share.
    pub fn check_shares(on_track: u8, at_risk: u8) -> Result<(), String> {
        if on_track > 100 || at_risk > 100 {
            return Err("Enter each share as a whole percent from 0 to 100.".into());
        }
        if at_risk > on_track {
            return Err(format!(
                "The at-risk share ({at_risk} %) cannot be above the on-track share ({on_track} %)."
            ));
        }
        Ok(())
    }
}

/// A rolled-up status with the counts behind it and a sentence that explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rollup {
    /// `None` when no strategy has a status that counts.
    pub status: Option<Status>,
    /// Strategies per status, in [`Status::ALL`] order, zero counts left out.
    pub counts: Vec<(Status, usize)>,
    /// Strategies with no update this quarter.
    pub unreported: usize,
    /// Strategies reported, of `total`: the coverage shown beside every roll-up.
    pub reported: usize,
    pub total: usize,
    /// Too few reported for a headline: the page says so instead of leading with
    /// the worst reported status.
    pub incomplete: bool,
    /// "At risk: 2 of 5 strategies at risk, 3 on track".
    pub explanation: String,
    /// The rule that made it, in words with its thresholds.
    #[serde(default)]
    pub rule: String,
}

/// Rolls up the latest statuses of some strategies (`None`: no update this quarter).
pub fn rollup(statuses: &[Option<Status>], settings: impl Into<RollupSettings>) -> Rollup {
    let settings: RollupSettings = settings.into();
    let RollupSettings {
        rule,
        min_coverage,
        on_track_share,
        at_risk_share,
    } = settings;
    let unreported = statuses.iter().filter(|s| s.is_none()).count();
    let counts: Vec<(Status, usize)> = Status::ALL
        .into_iter()
        .map(|st| (st, statuses.iter().filter(|s| **s == Some(st)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let counted: Vec<Status> = statuses
        .iter()
        .flatten()
        .copied()
        .filter(|s| s.severity().is_some())
        .collect();
    let status = match rule {
        RollupRule::WorstOf => counted.iter().copied().max_by_key(|s| s.severity()),
        RollupRule::ShareOnTrack if counted.is_empty() => None,
        RollupRule::ShareOnTrack => {
            let good = counted
                .iter()
                .filter(|s| matches!(s, Status::OnTrack | Status::Completed))
                .count();
            // Compared without rounding: 79.9 % is below 80 %.
            let (good, all) = (good * 100, counted.len());
            Some(if good >= on_track_share as usize * all {
                Status::OnTrack
            } else if good >= at_risk_share as usize * all {
                Status::AtRisk
            } else {
                Status::OffTrack
            })
        }
    };
    let total = statuses.len();
    let mut parts: Vec<String> = counts
        .iter()
        .map(|(st, n)| format!("{n} {}", st.label().to_lowercase()))
        .collect();
    if unreported > 0 {
        parts.push(format!("{unreported} not reported"));
    }
    let reported = total - unreported;
    let incomplete = total > 0 && reported * 100 < min_coverage as usize * total;
    let head = match status {
        _ if incomplete => "Incomplete picture".to_string(),
        Some(s) => s.label().to_string(),
        None => "No status".to_string(),
    };
    let explanation = match (rule, parts.is_empty()) {
        (_, true) => format!("{head}: no strategies"),
        (RollupRule::WorstOf, false) => {
            let worst = status.map(|s| {
                let n = counts.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n);
                format!("{n} of {total} strategies {}", s.label().to_lowercase())
            });
            let rest: Vec<String> = parts
                .iter()
                .filter(|p| status.is_none_or(|s| !p.ends_with(&s.label().to_lowercase())))
                .cloned()
                .collect();
            match worst {
                Some(w) if rest.is_empty() => format!("{head}: {w}"),
                Some(w) => format!("{head}: {w}, {}", rest.join(", ")),
                None => format!("{head}: {}", parts.join(", ")),
            }
        }
        (RollupRule::ShareOnTrack, false) => format!(
            "{head}: {} of {} counted strategies on track or completed ({})",
            counted
                .iter()
                .filter(|s| matches!(s, Status::OnTrack | Status::Completed))
                .count(),
            counted.len(),
            parts.join(", ")
        ),
    };
    let explanation = if incomplete {
        let so_far: Vec<String> = parts
            .iter()
            .filter(|p| !p.ends_with("not reported"))
            .cloned()
            .collect();
        let head = format!(
            "Incomplete picture: {reported} of {total} strategies reported, fewer than the \
             {min_coverage} % a headline needs"
        );
        match so_far.is_empty() {
            true => format!("{head}."),
            false => format!("{head}; so far {}.", so_far.join(", ")),
        }
    } else {
        explanation
    };
    Rollup {
        status,
        counts,
        unreported,
        reported,
        total,
        incomplete,
        explanation,
        rule: settings.describe(),
    }
}

crate::stored_as_text!(Status, Status::parse, "status_updates.status", "status");

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn below_the_coverage_threshold_the_headline_says_the_picture_is_incomplete() {
        // 1 off track, 3 on track, 26 not reported: 4 of 30 is below 50 %.
        let mut statuses = vec![Some(OffTrack), Some(OnTrack), Some(OnTrack), Some(OnTrack)];
        statuses.extend(std::iter::repeat_n(None, 26));
        let r = rollup(&statuses, RollupRule::WorstOf);
        assert!(r.incomplete);
        assert_eq!((r.reported, r.total), (4, 30));
        assert!(
            r.explanation
                .starts_with("Incomplete picture: 4 of 30 strategies reported"),
            "{}",
            r.explanation
        );
        assert!(
            r.explanation.ends_with("so far 3 on track, 1 off track."),
            "{}",
            r.explanation
        );
        let none = rollup(&[None, None, None], RollupRule::WorstOf);
        assert!(
            none.explanation.ends_with("a headline needs."),
            "{}",
            none.explanation
        );
        // At the threshold the headline is given.
        let half: Vec<_> = (0..30).map(|i| (i < 15).then_some(OnTrack)).collect();
        assert!(!rollup(&half, RollupRule::WorstOf).incomplete);
        let lower = RollupSettings {
            rule: RollupRule::WorstOf,
            min_coverage: 10,
            ..RollupSettings::from(RollupRule::WorstOf)
        };
        let r = rollup(&statuses, lower);
        assert!(!r.incomplete, "13 % clears a 10 % threshold");
        assert_eq!(r.status, Some(OffTrack));
        let none = RollupSettings {
            rule: RollupRule::ShareOnTrack,
            min_coverage: 0,
            ..RollupSettings::from(RollupRule::ShareOnTrack)
        };
        assert!(!rollup(&[None, None], none).incomplete, "0 % never asks");
        assert!(
            !rollup(&[], RollupRule::WorstOf).incomplete,
            "no strategies"
        );
    }

    #[test]
    fn worst_of_takes_the_worst_and_explains_it() {
        let r = rollup(
            &[
                Some(AtRisk),
                Some(OnTrack),
                Some(AtRisk),
                Some(OnTrack),
                Some(OnTrack),
            ],
            RollupRule::WorstOf,
        );
        assert_eq!(r.status, Some(AtRisk));
        assert_eq!(
            r.explanation,
            "At risk: 2 of 5 strategies at risk, 3 on track"
        );
        let r = rollup(&[Some(OffTrack), Some(AtRisk), None], RollupRule::WorstOf);
        assert_eq!(r.status, Some(OffTrack));
        assert_eq!(r.unreported, 1);
        assert_eq!(
            r.explanation,
            "Off track: 1 of 3 strategies off track, 1 at risk, 1 not reported"
        );
    }

    #[test]
    fn deferred_and_unreported_do_not_count() {
        let r = rollup(
            &[Some(Deferred), Some(Completed), None],
            RollupRule::WorstOf,
        );
        assert_eq!(r.status, Some(Completed));
        assert_eq!(
            rollup(&[Some(Deferred), None], RollupRule::WorstOf).status,
            None
        );
        assert_eq!(
            rollup(&[], RollupRule::WorstOf).explanation,
            "No status: no strategies"
        );
        assert_eq!(
            rollup(&[Some(NotStarted), Some(OnTrack)], RollupRule::WorstOf).status,
            Some(OnTrack)
        );
    }

    #[test]
    fn share_rule_thresholds() {
        let four_of_five = [
            Some(OnTrack),
            Some(OnTrack),
            Some(Completed),
            Some(OnTrack),
            Some(OffTrack),
        ];
        assert_eq!(
            rollup(&four_of_five, RollupRule::ShareOnTrack).status,
            Some(OnTrack)
        );
        let half = [Some(OnTrack), Some(AtRisk)];
        assert_eq!(
            rollup(&half, RollupRule::ShareOnTrack).status,
            Some(OffTrack)
        );
        let r = rollup(
            &[Some(OnTrack), Some(AtRisk), Some(OffTrack)],
            RollupRule::ShareOnTrack,
        );
        assert_eq!(r.status, Some(OffTrack));
        assert_eq!(r.explanation, "Off track: 1 of 3 counted strategies on track or completed (1 on track, 1 at risk, 1 off track)");
    }

    /// `good` strategies on track and `bad` off track.
    fn mix(good: usize, bad: usize) -> Vec<Option<Status>> {
        let mut v = vec![Some(OnTrack); good];
        v.extend(vec![Some(OffTrack); bad]);
        v
    }

    #[test]
    fn share_thresholds_at_their_edges_and_as_set() {
        let rule = RollupRule::ShareOnTrack;
        // The sample plan: 81 on track, 26 off track (76 %) reads At risk, not Off track.
        assert_eq!(rollup(&mix(81, 26), rule).status, Some(AtRisk));
        assert_eq!(
            rollup(&mix(80, 20), rule).status,
            Some(OnTrack),
            "80 % exactly"
        );
        assert_eq!(
            rollup(&mix(79, 21), rule).status,
            Some(AtRisk),
            "just under 80 %"
        );
        assert_eq!(
            rollup(&mix(60, 40), rule).status,
            Some(AtRisk),
            "60 % exactly"
        );
        assert_eq!(
            rollup(&mix(59, 41), rule).status,
            Some(OffTrack),
            "just under 60 %"
        );
        // 4 of 5 is 80 %, but 799 of 1000 is not (no rounding up).
        assert_eq!(rollup(&mix(799, 201), rule).status, Some(AtRisk));
        let strict = RollupSettings {
            rule,
            min_coverage: 50,
            on_track_share: 90,
            at_risk_share: 70,
        };
        assert_eq!(rollup(&mix(85, 15), strict).status, Some(AtRisk));
        assert_eq!(rollup(&mix(69, 31), strict).status, Some(OffTrack));
        assert!(rollup(&mix(1, 0), strict)
            .rule
            .contains("90 % or more is On track, 70 % or more At risk"));
        assert!(RollupSettings::check_shares(80, 60).is_ok());
        assert!(RollupSettings::check_shares(60, 80).is_err());
        assert!(RollupSettings::check_shares(101, 60).is_err());
        // Worst-of stays available.
        assert_eq!(
            rollup(&mix(81, 26), RollupRule::WorstOf).status,
            Some(OffTrack)
        );
    }

    #[test]
    fn every_status_has_a_symbol_and_round_trips() {
        for s in Status::ALL {
            assert!(!s.symbol().is_empty());
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert!(AtRisk.needs_explanation() && OffTrack.needs_explanation());
        assert!(!OnTrack.needs_explanation());
    }
}

/// One recorded status update (never changed; a correction is a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub id: i64,
    pub strategy: String,
    pub quarter: crate::model::fiscal::FiscalQuarter,
    pub version: i64,
    pub status: Status,
    pub percent: i64,
    pub accomplishments: String,
    pub issues: String,
    pub next_steps: String,
    pub explanation: String,
    pub corrective_action: String,
    pub corrects_id: Option<i64>,
    pub author: String,
    pub created_at: String,
    /// When it was recorded, for people: "28 Nov 2026, FY2027 Q1".
    pub recorded: String,
    /// Saved but not submitted: counted nowhere.
    pub draft: bool,
    /// The working group's approval or return of this version.
    pub review: Option<super::review::Review>,
    /// Whether the reader may approve or return it now (the latest submitted version of
    /// its quarter, not yet reviewed, approval on, the reader in the working group).
    pub reviewable: bool,
}

impl StatusUpdate {
    /// The update as a form shows it to be corrected (its version is the base).
    pub fn as_input(&self) -> StatusInput {
        StatusInput {
            status: self.status.as_str().into(),
            percent: self.percent.to_string(),
            accomplishments: self.accomplishments.clone(),
            issues: self.issues.clone(),
            next_steps: self.next_steps.clone(),
            explanation: self.explanation.clone(),
            corrective_action: self.corrective_action.clone(),
            base_version: self.version,
            draft: self.draft,
        }
    }

    /// The update with its recording date as people read it ("28 Nov 2026, FY2027 Q1").
    pub fn labelled(mut self, cal: super::fiscal::FiscalCalendar) -> Self {
        self.recorded = cal.label_timestamp(&self.created_at);
        self
    }
}

/// What someone typed into the status form, kept to show again beside errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusInput {
    pub status: String,
    pub percent: String,
    pub accomplishments: String,
    pub issues: String,
    pub next_steps: String,
    pub explanation: String,
    pub corrective_action: String,
    pub base_version: i64,
    /// Saved as a draft (not submitted).
    #[serde(default)]
    pub draft: bool,
}

/// The status form sent back: what was typed and, on a conflict, their update.
pub type ReturnedStatus = super::form::Returned<StatusInput, StatusUpdate>;

/// Longest narrative field accepted.
pub const MAX_NARRATIVE_CHARS: usize = 10_000;

/// Checks a status form; returns the parsed status and percent, or field errors.
pub fn validate(input: &StatusInput) -> Result<(Status, i64), Vec<(String, String)>> {
    let mut errors = Vec::new();
    let status = Status::parse(&input.status);
    if status.is_none() {
        errors.push(("status".into(), "Choose a status.".into()));
    }
    let percent = input
        .percent
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=100).contains(p));
    if percent.is_none() {
        errors.push((
            "percent".into(),
            "Enter a whole number from 0 to 100.".into(),
        ));
    }
    for (field, value) in [
        ("accomplishments", &input.accomplishments),
        ("issues", &input.issues),
        ("next_steps", &input.next_steps),
        ("explanation", &input.explanation),
        ("corrective_action", &input.corrective_action),
    ] {
        let n = value.chars().count();
        if n > MAX_NARRATIVE_CHARS {
            errors.push((
                field.into(),
                format!("Use at most {MAX_NARRATIVE_CHARS} characters (this has {n})."),
            ));
        }
    }
    if let Some(s) = status.filter(|s| s.needs_explanation()) {
        if input.explanation.trim().is_empty() {
            errors.push((
                "explanation".into(),
                format!("Explain why the strategy is {}.", s.label().to_lowercase()),
            ));
        }
        if input.corrective_action.trim().is_empty() {
            errors.push((
                "corrective_action".into(),
                "Describe the corrective action.".into(),
            ));
        }
    }
    match (status, percent) {
        (Some(s), Some(p)) if errors.is_empty() => Ok((s, p)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn input(status: &str, percent: &str) -> StatusInput {
        StatusInput {
            status: status.into(),
            percent: percent.into(),
            ..Default::default()
        }
    }

    #[test]
    fn percent_must_be_0_to_100() {
        assert!(validate(&input("on_track", "100")).is_ok());
        for bad in ["101", "-1", "", "half"] {
            let errors = validate(&input("on_track", bad)).unwrap_err();
            assert_eq!(errors[0].0, "percent", "{bad}");
        }
    }

    #[test]
    fn off_track_needs_explanation_and_corrective_action() {
        let errors = validate(&input("off_track", "10")).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["explanation", "corrective_action"]);
        let mut ok = input("off_track", "10");
        ok.explanation = "Vendor late".into();
        ok.corrective_action = "New vendor".into();
        assert_eq!(validate(&ok), Ok((Status::OffTrack, 10)));
    }

    #[test]
    fn long_narratives_are_refused() {
        let mut long = input("on_track", "5");
        long.issues = "x".repeat(MAX_NARRATIVE_CHARS + 1);
        assert_eq!(validate(&long).unwrap_err()[0].0, "issues");
    }
}
