//! Program evaluations completed in a fiscal year, which its Annual Performance Report
//! summarises: a title, what was found, when it was completed and a link to the
//! evidence.

use super::fiscal::{FiscalCalendar, FiscalQuarter};
use serde::{Deserialize, Serialize};

/// Most characters an evaluation's title holds.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most characters its summary holds.
pub const MAX_SUMMARY_CHARS: usize = 10_000;
/// Most characters its evidence link holds.
pub const MAX_LINK_CHARS: usize = 2_000;

/// A program evaluation as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramEvaluation {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// A web address or a page of plantrack ("" : none given).
    pub evidence_url: String,
    /// "20 June 2027".
    pub completed: String,
    /// "Pat Lee, 21 June 2027".
    pub recorded: String,
}

/// A program evaluation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramInput {
    pub title: String,
    pub summary: String,
    pub evidence_url: String,
    pub completed_on: String,
}

/// A checked program evaluation: (title, summary, link, completed on).
pub type CheckedProgram = (String, String, String, chrono::NaiveDate);

/// Checks an evaluation of year `fy`: a title, a summary, a completion date within the
/// year, and a link (optional) that is a web address or one of plantrack's pages.
pub fn check(
    input: &ProgramInput,
    cal: FiscalCalendar,
    fy: i32,
) -> Result<CheckedProgram, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut fail = |f: &str, m: String| errors.push((f.to_string(), m));
    let title = input.title.trim();
    if title.is_empty() {
        fail("title", "Give the evaluation's title.".into());
    } else if title.chars().count() > MAX_TITLE_CHARS || title.chars().any(char::is_control) {
        fail(
            "title",
            format!("Keep the title to one line under {MAX_TITLE_CHARS} characters."),
        );
    }
    let summary = input.summary.trim();
    if summary.is_empty() {
        fail(
            "summary",
            "Summarise what the evaluation found and what it changes.".into(),
        );
    } else if summary.chars().count() > MAX_SUMMARY_CHARS {
        fail(
            "summary",
            format!("Keep the summary under {MAX_SUMMARY_CHARS} characters."),
        );
    }
    let link = input.evidence_url.trim();
    if !link.is_empty() && !is_link(link) {
        fail(
            "evidence_url",
            "Give the evidence as a web address (https://…) or a plantrack page (/evidence/…)."
                .into(),
        );
    }
    let (first, last) = (
        cal.start_of(FiscalQuarter {
            year: fy,
            quarter: 1,
        }),
        cal.end_of(FiscalQuarter {
            year: fy,
            quarter: 4,
        }),
    );
    let completed = match super::meeting::check_date(&input.completed_on, "completion date") {
        Ok(d) if (first..=last).contains(&d) => Some(d),
        Ok(_) => {
            fail(
                "completed_on",
                format!(
                    "The FY{fy} report summarises evaluations completed in FY{fy}: {} to {}.",
                    first.format("%-d %B %Y"),
                    last.format("%-d %B %Y")
                ),
            );
            None
        }
        Err(m) => {
            fail("completed_on", m);
            None
        }
    };
    match completed {
        Some(d) if errors.is_empty() => Ok((title.into(), summary.into(), link.into(), d)),
        _ => Err(errors),
    }
}

/// A web address or a path of plantrack, without spaces or control characters.
pub fn is_link(s: &str) -> bool {
    let s = s.trim();
    let clean = !s.is_empty()
        && s.chars().count() <= MAX_LINK_CHARS
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    let web = ["https://", "http://"]
        .iter()
        .any(|p| s.len() > p.len() && s[..p.len()].eq_ignore_ascii_case(p));
    let local = s.starts_with('/') && !s.starts_with("//");
    clean && (web || local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(title: &str, on: &str, link: &str) -> ProgramInput {
        ProgramInput {
            title: title.into(),
            summary: "Found the intake queue slow; triage added.".into(),
            evidence_url: link.into(),
            completed_on: on.into(),
        }
    }

    #[test]
    fn an_evaluation_is_completed_within_the_year_it_is_reported_in() {
        let cal = FiscalCalendar::default();
        let ok = check(&typed("Intake review", "2027-06-20", ""), cal, 2027).unwrap();
        assert_eq!(ok.0, "Intake review");
        let early = check(&typed("Intake review", "2026-09-30", ""), cal, 2027).unwrap_err();
        assert_eq!(early[0].0, "completed_on");
        assert!(early[0].1.contains("1 October 2026"), "{}", early[0].1);
        let nonsense = check(&typed("x", "June", ""), cal, 2027).unwrap_err();
        assert_eq!(nonsense[0].0, "completed_on");
    }

    #[test]
    fn an_evidence_link_is_a_web_address_or_a_page_of_plantrack() {
        assert!(is_link("https://oig.example.gov/reports/2027-14"));
        assert!(is_link("/evidence/12"));
        for bad in [
            "javascript:alert(1)",
            "//evil.example/x",
            "https://",
            "data:text/html,hi",
            "https://a b",
            "ftp://x",
        ] {
            assert!(!is_link(bad), "{bad}");
        }
        let cal = FiscalCalendar::default();
        let refused = check(
            &typed("Review", "2027-06-20", "javascript:alert(1)"),
            cal,
            2027,
        )
        .unwrap_err();
        assert_eq!(refused[0].0, "evidence_url");
    }

    #[test]
    fn an_evaluation_needs_a_one_line_title_and_a_summary() {
        let cal = FiscalCalendar::default();
        let mut input = typed("", "2027-06-20", "");
        input.summary = " ".into();
        let fields: Vec<String> = check(&input, cal, 2027)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["title", "summary"]);
        assert!(check(&typed("a\u{7}b", "2027-06-20", ""), cal, 2027).is_err());
    }
}
