//! The Annual Performance Report of a fiscal year (31 U.S.C. 1116): each measure with a
//! target in the year against its actual, the five years before, why a target was not
//! met and the plan to meet it, how the data are kept, and human capital's results.

use super::fiscal::{FiscalCalendar, FiscalQuarter};
use super::glossary::tally;
use super::measure::{Shortfall, TargetState};
use super::plan_year::AppRow;
use super::program_evaluation::{ProgramEvaluation, ProgramInput};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days after the fiscal year's end by which the report is published (31 U.S.C. 1116).
pub const DAYS_TO_PUBLISH: u64 = 150;

/// When the report of year `fy` is due: 150 days after the year's last day.
pub fn due(cal: FiscalCalendar, fy: i32) -> NaiveDate {
    let last = cal.end_of(FiscalQuarter {
        year: fy,
        quarter: 4,
    });
    last + Days::new(DAYS_TO_PUBLISH)
}

/// The day year `fy`'s data are all available for a measure whose quarters' data come
/// `lag_days` after each quarter ends (none: the lag is not recorded).
pub fn available_on(cal: FiscalCalendar, fy: i32, lag_days: Option<i32>) -> Option<NaiveDate> {
    let days = u64::try_from(lag_days?).ok()?;
    let last = cal.end_of(FiscalQuarter {
        year: fy,
        quarter: 4,
    });
    last.checked_add_days(Days::new(days))
}

/// The year a report page opens on `today`: the last fiscal year that has ended (its
/// report is the one being prepared or published).
pub fn latest_closed(cal: FiscalCalendar, today: NaiveDate) -> i32 {
    cal.quarter_of(today).year - 1
}

/// One measure in the report: its row of the APP and, when its target was not met, the
/// explanation recorded for the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportMeasure {
    pub row: AppRow,
    pub shortfall: Option<Shortfall>,
    /// Data not yet available: the day they will be, from the measure's data lag
    /// ("14 November 2027"), or `None` when its lag is not recorded.
    pub available: Option<String>,
    /// The six years' actuals drawn small (SVG), beside the trend table.
    #[serde(default)]
    pub chart: String,
}

impl ReportMeasure {
    /// The target was not met and nothing says why yet.
    pub fn unexplained(&self) -> bool {
        self.row.state == TargetState::NotMet && self.shortfall.is_none()
    }
}

/// Where a year's report stands: a draft until the working group finalises it, then in
/// review until the head of the organisation signs it off, then published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportState {
    Draft,
    InReview,
    SignedOff,
    Published,
}

impl ReportState {
    /// Every state, in order.
    pub const ALL: [ReportState; 4] = [
        ReportState::Draft,
        ReportState::InReview,
        ReportState::SignedOff,
        ReportState::Published,
    ];

    /// The stored word (a draft has no row).
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Draft => "draft",
            ReportState::InReview => "in_review",
            ReportState::SignedOff => "signed_off",
            ReportState::Published => "published",
        }
    }

    /// Reads a stored word.
    pub fn parse(s: &str) -> Option<ReportState> {
        ReportState::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            ReportState::Draft => "Draft",
            ReportState::InReview => "In review, awaiting sign-off",
            ReportState::SignedOff => "Signed off",
            ReportState::Published => "Published",
        }
    }

    /// Its mark in the glossary.
    pub fn mark(self) -> super::glossary::Mark {
        use super::glossary::Mark;
        match self {
            ReportState::Draft => Mark::Draft,
            ReportState::InReview => Mark::Sent,
            ReportState::SignedOff => Mark::Closed,
            ReportState::Published => Mark::Done,
        }
    }

    /// Signed off or published: read-only.
    pub fn signed(self) -> bool {
        matches!(self, ReportState::SignedOff | ReportState::Published)
    }
}

crate::stored_as_text!(
    ReportState,
    ReportState::parse,
    "performance_reports.state",
    "report state"
);

/// A step of the report's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStep {
    /// The working group sends the draft for sign-off.
    Finalise,
    /// The head of the organisation signs it off with the transmittal statement.
    Sign,
    /// An administrator publishes the signed report.
    Publish,
}

impl ReportStep {
    /// Reads a submitted word.
    pub fn parse(s: &str) -> Option<ReportStep> {
        match s {
            "finalise" => Some(ReportStep::Finalise),
            "sign" => Some(ReportStep::Sign),
            "publish" => Some(ReportStep::Publish),
            _ => None,
        }
    }
}

/// The state a step leads to from `state`, or why it may not be taken; finalising is
/// refused while a target not met has no explanation (`unexplained` names them).
pub fn step(
    state: ReportState,
    step: ReportStep,
    unexplained: &[String],
) -> Result<ReportState, String> {
    match (state, step) {
        (ReportState::Draft, ReportStep::Finalise) if !unexplained.is_empty() => Err(format!(
            "The report cannot be finalised while a target not met has no explanation: {}.",
            unexplained.join(", ")
        )),
        (ReportState::Draft, ReportStep::Finalise) => Ok(ReportState::InReview),
        (ReportState::InReview, ReportStep::Sign) => Ok(ReportState::SignedOff),
        (ReportState::SignedOff, ReportStep::Publish) => Ok(ReportState::Published),
        (s, _) => Err(format!(
            "The report is {}: that step is not open now.",
            s.label().to_lowercase()
        )),
    }
}

/// The transmittal statement and who signed it, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub transmittal: String,
    pub signer: String,
    pub title: String,
}

/// Checks a signature: a statement on the data's completeness and reliability, a name
/// and a title.
pub fn check_signature(s: &Signature) -> Result<(), Vec<(String, String)>> {
    let mut errors = Vec::new();
    for (field, text, what) in [
        (
            "transmittal",
            &s.transmittal,
            "Write the transmittal statement: how complete and reliable the year's data are.",
        ),
        ("signer", &s.signer, "Give the name of the person signing."),
        ("title", &s.title, "Give the signer's title."),
    ] {
        if text.trim().is_empty() {
            errors.push((field.to_string(), what.to_string()));
        } else if text.chars().count() > MAX_EVALUATION_CHARS {
            errors.push((
                field.to_string(),
                format!("Keep this under {MAX_EVALUATION_CHARS} characters."),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A signed-off report's signature as shown: the statement, "Dana Head, Director, 20
/// January 2028".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    pub transmittal: String,
    pub by: String,
}

/// Most characters a goal's evaluation holds.
pub const MAX_EVALUATION_CHARS: usize = 20_000;

/// A goal's evaluation as saved: the text, its version, and who saved it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    pub text: String,
    pub version: i64,
    pub updated: String,
}

/// A goal's evaluation as typed: (goal number, text, the version the form showed).
pub type NarrativeInput = (String, String, i64);

/// Checks a goal's evaluation: some text, and not too much of it.
pub fn check_evaluation(text: &str) -> Result<&str, Vec<(String, String)>> {
    let text = text.trim();
    let problem = if text.is_empty() {
        Some(
            "Write the evaluation: how the year's plan held up in light of the results."
                .to_string(),
        )
    } else if text.chars().count() > MAX_EVALUATION_CHARS {
        Some(format!(
            "Keep the evaluation under {MAX_EVALUATION_CHARS} characters."
        ))
    } else {
        None
    };
    match problem {
        Some(p) => Err(vec![("evaluation".to_string(), p)]),
        None => Ok(text),
    }
}

/// A goal's section: its measures and their states counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportGoal {
    pub goal: String,
    pub name: Option<String>,
    pub measures: Vec<ReportMeasure>,
    /// "✔ 3 Met · ✖ 1 Not met".
    pub counts: String,
    /// The goal of the plan's human capital (its section reviews the workforce).
    pub human_capital: bool,
    /// The working group's evaluation of the year's plan for this goal.
    pub narrative: Option<Narrative>,
    /// Its objectives' ratings in the year's annual strategic review: "★ 1 Noteworthy
    /// progress · ⚑ 1 Focus area for improvement" (empty: none rated).
    pub ratings: String,
}

/// The report of a fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub fiscal_year: i32,
    /// The plan's title.
    pub plan: String,
    /// "27 February 2028".
    pub due: String,
    /// The year has ended (before then the report is a preview of a year under way).
    pub year_over: bool,
    pub goals: Vec<ReportGoal>,
    /// Every measure's states counted: "✔ 12 Met · ✖ 3 Not met · ◷ 1 Data not yet available".
    pub counts: String,
    /// How many measures had a target in the year.
    pub measures: usize,
    /// Where the report stands, the version of its state (0: a draft), and its signature.
    pub state: ReportState,
    pub version: i64,
    pub signed: Option<Signed>,
    /// The reader may write the goals' evaluations (and finalise the draft).
    pub can_edit: bool,
    /// The reader may sign it off and publish it.
    pub can_sign: bool,
    /// An evaluation refused, as typed (shown once).
    pub returned: Option<super::form::Returned<NarrativeInput>>,
    /// A step refused, with the signature as typed (shown once).
    pub step_returned: Option<super::form::Returned<Signature>>,
    /// Program evaluations completed in the year.
    #[serde(default)]
    pub programs: Vec<ProgramEvaluation>,
    /// A program evaluation refused, as typed (shown once).
    #[serde(default)]
    pub program_returned: Option<super::form::Returned<ProgramInput>>,
    /// The public version: no owners' or authors' names, internal notes or evidence.
    #[serde(default)]
    pub public: bool,
}

impl Report {
    /// The version anyone may read once published: the same report without who wrote
    /// or explained what, without evidence links, and with nothing to edit.
    pub fn public(mut self) -> Report {
        for g in &mut self.goals {
            if let Some(n) = &mut g.narrative {
                n.updated.clear();
            }
            for m in &mut g.measures {
                if let Some(s) = &mut m.shortfall {
                    s.author.clear();
                    s.recorded.clear();
                }
            }
        }
        for p in &mut self.programs {
            p.evidence_url.clear();
            p.recorded.clear();
        }
        self.can_edit = false;
        self.can_sign = false;
        self.returned = None;
        self.step_returned = None;
        self.program_returned = None;
        self.public = true;
        self
    }

    /// The measures whose target was not met with no explanation yet: (id, name).
    pub fn unexplained(&self) -> Vec<(i64, String)> {
        self.goals
            .iter()
            .flat_map(|g| &g.measures)
            .filter(|m| m.unexplained())
            .map(|m| (m.row.measure.id, m.row.measure.name.clone()))
            .collect()
    }

    /// The measures whose target was not met, each with its explanation (if any).
    pub fn not_met(&self) -> Vec<&ReportMeasure> {
        self.goals
            .iter()
            .flat_map(|g| &g.measures)
            .filter(|m| m.row.state == TargetState::NotMet)
            .collect()
    }
}

/// Whether a goal's name says it is the plan's human capital goal.
pub fn is_human_capital(name: Option<&str>) -> bool {
    name.is_some_and(|n| {
        let n = n.to_lowercase();
        n.contains("human capital") || n.contains("workforce")
    })
}

/// The report from the year's APP rows (only measures with a target count), grouped by
/// `goals` in plan order, with each row's shortfall explanation from `explained`.
pub fn build(
    (fy, plan): (i32, String),
    goals: &[(String, Option<String>)],
    rows: Vec<AppRow>,
    explained: &std::collections::HashMap<(i64, i32), Shortfall>,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Report {
    let rows: Vec<AppRow> = rows.into_iter().filter(|r| r.target.is_some()).collect();
    let states: Vec<TargetState> = rows.iter().map(|r| r.state).collect();
    let shown = |s: TargetState| (s.mark(), s.label().to_string());
    let measures = rows.len();
    let mut sections: Vec<ReportGoal> = goals
        .iter()
        .map(|(g, name)| ReportGoal {
            goal: g.clone(),
            name: name.clone(),
            measures: Vec::new(),
            counts: String::new(),
            human_capital: is_human_capital(name.as_deref()),
            narrative: None,
            ratings: String::new(),
        })
        .collect();
    for row in rows {
        let shortfall = (row.state == TargetState::NotMet)
            .then(|| explained.get(&(row.measure.id, fy)).cloned())
            .flatten();
        if let Some(s) = sections.iter_mut().find(|s| s.goal == row.measure.goal) {
            let available = (row.state == TargetState::DataLag)
                .then(|| available_on(cal, fy, row.measure.lag_days))
                .flatten()
                .map(|d| d.format("%-d %B %Y").to_string());
            s.measures.push(ReportMeasure {
                row,
                shortfall,
                available,
                chart: String::new(),
            });
        }
    }
    for s in &mut sections {
        let of: Vec<TargetState> = s.measures.iter().map(|m| m.row.state).collect();
        s.counts = tally(&TargetState::ALL, &of, shown);
    }
    let year_over = today
        > cal.end_of(FiscalQuarter {
            year: fy,
            quarter: 4,
        });
    Report {
        fiscal_year: fy,
        plan,
        due: due(cal, fy).format("%-d %B %Y").to_string(),
        year_over,
        goals: sections,
        counts: tally(&TargetState::ALL, &states, shown),
        measures,
        state: ReportState::Draft,
        version: 0,
        signed: None,
        can_edit: false,
        can_sign: false,
        returned: None,
        step_returned: None,
        programs: Vec::new(),
        program_returned: None,
        public: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_due_150_days_after_the_year_ends() {
        let cal = FiscalCalendar::default();
        // FY2027 ends 30 September 2027; 150 days later is 27 February 2028.
        assert_eq!(
            due(cal, 2027),
            NaiveDate::from_ymd_opt(2028, 2, 27).unwrap()
        );
        // FY2023 ends 30 September 2023; 2024 is a leap year: 27 February 2024 still.
        assert_eq!(
            due(cal, 2023),
            NaiveDate::from_ymd_opt(2024, 2, 27).unwrap()
        );
    }

    #[test]
    fn lagging_data_are_available_the_measures_lag_after_the_year_ends() {
        let cal = FiscalCalendar::default();
        assert_eq!(
            available_on(cal, 2027, Some(45)),
            NaiveDate::from_ymd_opt(2027, 11, 14)
        );
        assert_eq!(
            available_on(cal, 2027, Some(0)),
            NaiveDate::from_ymd_opt(2027, 9, 30)
        );
        assert_eq!(available_on(cal, 2027, None), None);
        assert_eq!(available_on(cal, 2027, Some(-3)), None);
    }

    #[test]
    fn the_report_a_page_opens_is_the_last_year_that_has_ended() {
        let cal = FiscalCalendar::default();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(latest_closed(cal, day(2026, 12, 7)), 2026);
        assert_eq!(latest_closed(cal, day(2026, 9, 30)), 2025);
        assert_eq!(latest_closed(cal, day(2026, 10, 1)), 2026);
    }

    #[test]
    fn a_report_is_finalised_signed_and_published_in_that_order() {
        use ReportState::*;
        assert_eq!(step(Draft, ReportStep::Finalise, &[]), Ok(InReview));
        let refused = step(Draft, ReportStep::Finalise, &["Cases resolved".into()]).unwrap_err();
        assert!(refused.contains("Cases resolved"), "{refused}");
        assert!(step(Draft, ReportStep::Sign, &[]).is_err());
        assert_eq!(step(InReview, ReportStep::Sign, &[]), Ok(SignedOff));
        assert!(step(InReview, ReportStep::Publish, &[]).is_err());
        assert_eq!(step(SignedOff, ReportStep::Publish, &[]), Ok(Published));
        assert!(step(Published, ReportStep::Sign, &[]).is_err());
        assert!(SignedOff.signed() && Published.signed() && !InReview.signed());
    }

    #[test]
    fn a_signature_needs_a_statement_a_name_and_a_title() {
        let errors = check_signature(&Signature::default()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["transmittal", "signer", "title"]);
        let good = Signature {
            transmittal: "The data are complete and reliable.".into(),
            signer: "Dana Head".into(),
            title: "Director".into(),
        };
        assert_eq!(check_signature(&good), Ok(()));
    }

    #[test]
    fn an_evaluation_needs_text_and_not_too_much() {
        assert!(check_evaluation("  ").is_err());
        assert_eq!(check_evaluation(" Held up. "), Ok("Held up."));
        let long = "x".repeat(MAX_EVALUATION_CHARS + 1);
        assert_eq!(check_evaluation(&long).unwrap_err()[0].0, "evaluation");
    }

    #[test]
    fn the_public_version_names_no_author_and_links_no_evidence() {
        let cal = FiscalCalendar::default();
        let today = NaiveDate::from_ymd_opt(2028, 1, 10).unwrap();
        let goals = vec![("1".to_string(), Some("Service".to_string()))];
        let mut r = build(
            (2027, "Plan".into()),
            &goals,
            Vec::new(),
            &Default::default(),
            (cal, today),
        );
        r.goals[0].narrative = Some(Narrative {
            text: "Held up.".into(),
            version: 1,
            updated: "Pat Lee, 3 January 2028".into(),
        });
        r.programs.push(ProgramEvaluation {
            id: 1,
            title: "Intake review".into(),
            summary: "Slow intake.".into(),
            evidence_url: "/evidence/4".into(),
            completed: "20 June 2027".into(),
            recorded: "Pat Lee, 21 June 2027".into(),
        });
        r.can_edit = true;
        let public = r.public();
        let text = serde_json::to_string(&public).unwrap();
        assert!(
            !text.contains("Pat Lee") && !text.contains("/evidence/4"),
            "{text}"
        );
        assert!(text.contains("Held up.") && text.contains("Intake review"));
        assert!(public.public && !public.can_edit);
    }

    #[test]
    fn the_human_capital_goal_is_found_by_its_name() {
        assert!(is_human_capital(Some("Human Capital Management")));
        assert!(is_human_capital(Some("A skilled workforce")));
        assert!(!is_human_capital(Some("Information Technology")));
        assert!(!is_human_capital(None));
    }
}
