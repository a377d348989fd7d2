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
                "No strategy is at risk or off track and no measure is behind or not met in {q}."
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
        let since = if s.since == q {
            "this quarter".to_string()
        } else {
            format!("since {}", s.since)
        };
        l.room(40.0);
        l.paragraph(
            &format!(
                "{} {} - Strategy {}: {}",
                s.status.symbol(),
                s.status.label(),
                s.number,
                s.title
            ),
            10.0,
            0.0,
            1.5,
        );
        l.fact("Owner", or_none(&s.owner, "No owner"), 12.0);
        l.fact("Status", &format!("{} {since}", s.status.label()), 12.0);
        l.fact("Explanation", or_none(&s.explanation, "None given"), 12.0);
        l.fact(
            "Corrective action",
            or_none(&s.corrective_action, "None given"),
            12.0,
        );
        l.y += 4.0;
    }
    if !e.measures.is_empty() {
        l.heading(
            &format!("Measures behind or not met ({})", e.measures.len()),
            3,
            40.0,
        );
    }
    for m in &e.measures {
        l.room(40.0);
        l.paragraph(
            &format!(
                "{} {} - {} ({})",
                m.state.symbol(),
                m.state.label(),
                m.name,
                m.attached.0
            ),
            10.0,
            0.0,
            1.5,
        );
        l.fact("Owner", or_none(&m.owner, "No owner"), 12.0);
        l.fact(
            "Actual",
            &format!("{} (target {})", m.actual, m.target),
            12.0,
        );
        l.fact("Why", or_none(&m.why, "None recorded"), 12.0);
        l.fact("Plan to meet it", &m.plan, 12.0);
        l.y += 4.0;
    }
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
