//! What a StratML file must respect before any of it is written: the rules the forms
//! apply to the same data (a measure's definition, a target's or an actual's value, a
//! note's length, a quarter's status), so an import cannot store what a person could
//! not have typed.

use super::{Document, Indicator, MeasureFacts, Measured, Outcome};
use crate::model::measure::{
    parse_reading, validate_measure, Kind, MeasureInput, Reading, NOTE_LIMIT,
};
use crate::model::status::{Status, MAX_NARRATIVE_CHARS};

/// The fiscal years a plan can hold (as the target and measure forms).
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2200;

/// How many problems one message lists before it counts the rest.
const SHOWN: usize = 5;

/// A quarter's status as its `Status` descriptor gives it (label or stored name, any
/// case); `Not started` when there is none.
pub fn status_of(r: &Outcome) -> Result<Status, String> {
    let Some(text) = r.descriptor("Status").map(str::trim) else {
        return Ok(Status::NotStarted);
    };
    Status::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(text) || s.as_str().eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let known: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
            format!("the status \"{text}\" is not one of: {}", known.join(", "))
        })
}

/// Every problem in `doc`'s data, each naming where it is; empty when it can be imported.
pub fn problems(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for item in doc.goals.iter().flat_map(|g| &g.items) {
        for ind in &item.indicators {
            let place = match ind.measured {
                Measured::Status => format!("The status of {}", item.number),
                Measured::Measure(_) => format!("The measure \"{}\"", ind.name),
            };
            match &ind.measured {
                Measured::Measure(facts) => measure_problems(ind, facts, &place, &mut out),
                Measured::Status => status_problems(ind, &place, &mut out),
            }
        }
    }
    out
}

/// `problems` as one message, or `None` when there are none.
pub fn summary(doc: &Document) -> Option<String> {
    let all = problems(doc);
    if all.is_empty() {
        return None;
    }
    let mut text = format!(
        "The file has {} problem{}, so nothing in it can be imported. ",
        all.len(),
        if all.len() == 1 { "" } else { "s" }
    );
    text.push_str(
        &all.iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if all.len() > SHOWN {
        text.push_str(&format!(" And {} more.", all.len() - SHOWN));
    }
    Some(text)
}

fn measure_problems(ind: &Indicator, facts: &MeasureFacts, place: &str, out: &mut Vec<String>) {
    // The definition, through the measure form's own check. The baseline is checked
    // apart: a file may give its value without the year the form asks for.
    let input = MeasureInput {
        attach_to: "x".into(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        direction: facts.direction.as_str().into(),
        kind: facts.kind.as_str().into(),
        aggregation: facts.aggregation.as_str().into(),
        data_source: facts.data_source.clone(),
        verification: facts.verification.clone(),
        limitations: facts.limitations.clone(),
        ..MeasureInput::default()
    };
    if let Err(errors) = validate_measure(&input) {
        for (_, message) in errors {
            out.push(format!("{place}: {message}"));
        }
    }
    if let Some((value, year)) = facts.baseline {
        if let Err(e) = value_problem(Kind::Quantitative, value) {
            out.push(format!("{place}, baseline: {e}"));
        }
        if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
            out.push(format!(
                "{place} has a baseline in FY{y}, which is not a fiscal year this plan can hold."
            ));
        }
    }
    for r in &ind.results {
        let at = format!(
            "{place}, {}",
            super::period_words(r.fiscal_year, r.period, r.actual)
        );
        if let Some(p) = year_problem(r) {
            out.push(format!("{at}: {p}"));
            continue;
        }
        if let Some(v) = r.units {
            if let Err(e) = value_problem(facts.kind, v) {
                out.push(format!("{at}: {e}"));
            }
        }
        if r.actual && r.description.chars().count() > NOTE_LIMIT {
            out.push(format!("{at}: the note is over {NOTE_LIMIT} characters."));
        }
    }
}

fn status_problems(ind: &Indicator, place: &str, out: &mut Vec<String>) {
    for r in ind.results.iter().filter(|r| r.actual && r.period > 0) {
        let at = format!("{place} in FY{} Q{}", r.fiscal_year, r.period);
        if let Some(p) = year_problem(r) {
            out.push(format!("{at}: {p}"));
            continue;
        }
        if let Err(e) = status_of(r) {
            out.push(format!("{at}: {e}."));
        }
        let texts = r
            .descriptors
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("Status"))
            .map(|(n, v)| (n.as_str(), v))
            .chain([("Accomplishments", &r.description)]);
        for (name, text) in texts {
            let n = text.chars().count();
            if n > MAX_NARRATIVE_CHARS {
                out.push(format!(
                    "{at}: {name} has {n} characters, over the {MAX_NARRATIVE_CHARS} a status update holds."
                ));
            }
        }
    }
}

fn year_problem(r: &Outcome) -> Option<String> {
    (!YEARS.contains(&r.fiscal_year)).then(|| {
        format!(
            "it ends on {}, in FY{}, which is not a fiscal year this plan can hold.",
            r.end, r.fiscal_year
        )
    })
}

/// Whether `value` is one a person could type for a measure of `kind` (a milestone is
/// done, 1, or not, 0; a number is finite and under a trillion).
fn value_problem(kind: Kind, value: f64) -> Result<(), String> {
    match parse_reading(kind, &super::decimal(value)) {
        Ok(Reading::Value(_)) => Ok(()),

        _ if kind == Kind::Milestone => Err(format!(
            "{} is neither 1 (done) nor 0 (not done), the only values of a milestone.",
            super::decimal(value)
        )),
        _ => Err(format!(
            "{} is not a number the plan can hold (a plain number under a trillion).",
            super::decimal(value)
        )),
    }
}
