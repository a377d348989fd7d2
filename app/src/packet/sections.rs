//! The packet's sections that are lists of text: the exceptions and the plan changes
//! approved at the review.

use super::Layout;
use crate::model::exception::Exceptions;
use crate::model::fiscal::FiscalQuarter;
use crate::model::revision::Approved;

/// Strategies at risk or off track and measures behind or not met, each with owner,
/// since when, explanation and corrective action.
pub(super) fn exceptions(l: &mut Layout<'_>, e: &Exceptions, q: FiscalQuarter) {
    l.heading(&format!("Exceptions in {q}"), 2, 40.0);
    if e.is_empty() {
        l.paragraph(
            &format!(
                "No strategy is at risk or off track and no measure is behind, not met or likely to miss in {q}."
            ),
            10.0,
            0.0,
            4.0,
        );
    }
    if !e.strategies.is_empty() {
        l.heading(
            &format!("Strategies at risk or off track ({})", e.strategies.len()),
            3,
            40.0,
        );
    }
    for s in &e.strategies {
        let head = format!(
            "{} {} - Strategy {}: {}",
            s.status.symbol(),
            s.status.label(),
            s.number,
            s.title
        );
        let status = format!("{} {}", s.status.label(), s.since_words(q));
        let facts = [
            ("Owner", or_none(&s.owner, "No owner")),
            ("Status", status.as_str()),
            ("Explanation", or_none(&s.explanation, "None given")),
            (
                "Corrective action",
                or_none(&s.corrective_action, "None given"),
            ),
        ];
        entry(l, &head, &facts);
    }
    if !e.measures.is_empty() {
        l.heading(
            &format!(
                "Measures behind, not met or likely to miss ({})",
                e.measures.len()
            ),
            3,
            40.0,
        );
    }
    for m in &e.measures {
        let head = format!(
            "{} {} - {} ({})",
            m.state.symbol(),
            m.state.label(),
            m.name,
            m.attached.0
        );
        let actual = format!("{} (target {})", m.actual, m.target);
        let mut facts = vec![
            ("Owner", or_none(&m.owner, "No owner")),
            ("Actual", actual.as_str()),
            ("Why", or_none(&m.why, "None recorded")),
            ("Plan to meet it", m.plan.as_str()),
        ];
        if !m.likely_to_miss.is_empty() {
            facts.insert(2, ("Forecast", m.likely_to_miss.as_str()));
        }
        entry(l, &head, &facts);
    }
}

/// One exception: its line, then its facts indented under it.
fn entry(l: &mut Layout<'_>, head: &str, facts: &[(&str, &str)]) {
    l.room(40.0);
    l.paragraph(head, 10.0, 0.0, 1.5);
    for (label, value) in facts {
        l.fact(label, value, 12.0);
    }
    l.y += 4.0;
}

/// The revisions approved at the review, each with what changed.
pub(super) fn approved(l: &mut Layout<'_>, approved: &[Approved]) {
    l.heading("Changes approved at this review", 2, 40.0);
    if approved.is_empty() {
        l.paragraph(
            "No plan revision was approved at this review.",
            10.0,
            0.0,
            4.0,
        );
    }
    for r in approved {
        l.paragraph(
            &format!("Revision {}: {}", r.number, r.reasons),
            10.0,
            0.0,
            1.5,
        );
        l.list(&r.changes, 9.5, 12.0);
        l.y += 4.0;
    }
}

fn or_none<'a>(text: &'a str, none: &'a str) -> &'a str {
    match text.trim() {
        "" => none,
        t => t,
    }
}
