//! Strategy status on a fixed scale, and how objectives, goals and the plan roll up.

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

    /// A symbol shown beside the words, so status never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NotStarted => "○",
            Status::OnTrack => "●",
            Status::AtRisk => "▲",
            Status::OffTrack => "✖",
            Status::Completed => "✔",
            Status::Deferred => "‖",
        }
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
    /// By the share of strategies On track or Completed: at least 80 % is On track,
    /// at least 50 % At risk, less is Off track (Deferred and unreported left out).
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
}

/// The coverage below which a roll-up says its picture is incomplete (percent).
pub const DEFAULT_MIN_COVERAGE: u8 = 50;

impl From<RollupRule> for RollupSettings {
    fn from(rule: RollupRule) -> Self {
        RollupSettings {
            rule,
            min_coverage: DEFAULT_MIN_COVERAGE,
        }
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
}

/// Rolls up the latest statuses of some strategies (`None`: no update this quarter).
pub fn rollup(statuses: &[Option<Status>], settings: impl Into<RollupSettings>) -> Rollup {
    let RollupSettings { rule, min_coverage } = settings.into();
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
            let share = good * 100 / counted.len();
            Some(match share {
                80.. => Status::OnTrack,
                50.. => Status::AtRisk,
                _ => Status::OffTrack,
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
        };
        let r = rollup(&statuses, lower);
        assert!(!r.incomplete, "13 % clears a 10 % threshold");
        assert_eq!(r.status, Some(OffTrack));
        let none = RollupSettings {
            rule: RollupRule::ShareOnTrack,
            min_coverage: 0,
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
        assert_eq!(rollup(&half, RollupRule::ShareOnTrack).status, Some(AtRisk));
        let r = rollup(
            &[Some(OnTrack), Some(AtRisk), Some(OffTrack)],
            RollupRule::ShareOnTrack,
        );
        assert_eq!(r.status, Some(OffTrack));
        assert_eq!(r.explanation, "Off track: 1 of 3 counted strategies on track or completed (1 on track, 1 at risk, 1 off track)");
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
