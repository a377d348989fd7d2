//! Recognises goal, objective and strategy heading lines.

use super::numbers::parse_number;
use regex::Regex;
use std::sync::LazyLock;

/// A recognised heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    /// "DRO Goal Four-Information Technology: Develop ..." or "Goal 1: ...".
    Goal {
        number: String,
        name: Option<String>,
        statement: Option<String>,
    },
    /// "(4.1) Objective One: ...", "4.4 Objective Four: ...", "Objective 1.1 - ...".
    Objective {
        number: String,
        title: Option<String>,
    },
    /// "Objective Two: ..." with no dotted number: numbered within the current goal.
    RelativeObjective { ordinal: u32, title: Option<String> },
    /// "4.1.1: text" or "Strategy 1.1.1 - text".
    Strategy { number: String, text: String },
}

/// Separator characters allowed between a number and its text.
const SEP: &str = r"[-–—:.)]";

static GOAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[A-Z][A-Za-z&.'’]*\s+){{0,3}}?(?i:goal)\s+([A-Za-z]+|\d+)\s*(?:{SEP}\s*(.*)|$)"
    ))
    .expect("goal pattern")
});
static OBJECTIVE_NUMBERED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\(?(\d+\.\d+)\)?[.:]?\s*(?i:objective)\s+(?:[A-Za-z]+|\d+(?:\.\d+)?)\s*(?:{SEP}\s*(.*)|$)"
    ))
    .expect("objective pattern")
});
static OBJECTIVE_WORD_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:objective)\s+(\d+\.\d+)\s*(?:{SEP}\s*(.*)|$)"
    ))
    .expect("objective pattern")
});
static OBJECTIVE_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:objective)\s+([A-Za-z]+|\d+)\s*(?:{SEP}\s*(.*)|$)"
    ))
    .expect("objective pattern")
});
static OBJECTIVE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\((\d+\.\d+)\)\s*[-–—:.]?|(\d+\.\d+)\s*[-–—:)])\s*(.+)$")
        .expect("objective pattern")
});
static STRATEGY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?i:strategy)\s+)?\(?(\d+\.\d+\.\d+)\)?(?:\s*{SEP})?(?:\s+(.*)|$)"
    ))
    .expect("strategy pattern")
});

/// Classifies one trimmed, non-empty line; `None` means plain text.
pub fn classify(line: &str) -> Option<Heading> {
    goal(line)
        .or_else(|| objective(line))
        .or_else(|| strategy(line))
        .or_else(|| bare_objective(line))
}

fn goal(line: &str) -> Option<Heading> {
    let caps = GOAL.captures(line)?;
    let number = parse_number(&caps[1])?.to_string();
    let rest = caps.get(2).map_or("", |m| m.as_str()).trim();
    let (name, statement) = split_name(rest);
    Some(Heading::Goal {
        number,
        name,
        statement,
    })
}

/// "Information Technology: Develop ..." -> name and statement; a colon only
/// introduces a name when what stands before it is a short phrase.
fn split_name(rest: &str) -> (Option<String>, Option<String>) {
    if let Some((before, after)) = rest.split_once(':') {
        let before = before.trim();
        let words = before.split_whitespace().count();
        if (1..=8).contains(&words) && before.len() <= 60 && !before.contains(['.', ',', ';']) {
            return (Some(before.to_string()), non_empty(after));
        }
    }
    (None, non_empty(rest))
}

fn objective(line: &str) -> Option<Heading> {
    if let Some(caps) = OBJECTIVE_NUMBERED_WORD
        .captures(line)
        .or_else(|| OBJECTIVE_WORD_NUMBER.captures(line))
    {
        return Some(Heading::Objective {
            number: caps[1].to_string(),
            title: caps.get(2).and_then(|m| non_empty(m.as_str())),
        });
    }
    let caps = OBJECTIVE_RELATIVE.captures(line)?;
    Some(Heading::RelativeObjective {
        ordinal: parse_number(&caps[1])?,
        title: caps.get(2).and_then(|m| non_empty(m.as_str())),
    })
}

fn strategy(line: &str) -> Option<Heading> {
    let caps = STRATEGY.captures(line)?;
    Some(Heading::Strategy {
        number: caps[1].to_string(),
        text: caps.get(2).map_or("", |m| m.as_str()).trim().to_string(),
    })
}

fn bare_objective(line: &str) -> Option<Heading> {
    let caps = OBJECTIVE_BARE.captures(line)?;
    let number = caps.get(1).or_else(|| caps.get(2))?.as_str().to_string();
    Some(Heading::Objective {
        number,
        title: non_empty(&caps[3]),
    })
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective(number: &str, title: &str) -> Option<Heading> {
        Some(Heading::Objective {
            number: number.into(),
            title: Some(title.into()),
        })
    }

    #[test]
    fn goal_with_name_after_dash() {
        assert_eq!(
            classify("DRO Goal Four-Information Technology: Develop and implement it."),
            Some(Heading::Goal {
                number: "4".into(),
                name: Some("Information Technology".into()),
                statement: Some("Develop and implement it.".into()),
            })
        );
    }

    #[test]
    fn goal_variants() {
        let plain = classify("Goal 1: Protect the public.");
        assert_eq!(
            plain,
            Some(Heading::Goal {
                number: "1".into(),
                name: None,
                statement: Some("Protect the public.".into()),
            })
        );
        let strategic = classify("Strategic Goal 2 – Workforce: Hire well.");
        assert_eq!(
            strategic,
            Some(Heading::Goal {
                number: "2".into(),
                name: Some("Workforce".into()),
                statement: Some("Hire well.".into()),
            })
        );
        assert!(
            matches!(classify("GOAL TWELVE"), Some(Heading::Goal { number, .. }) if number == "12")
        );
    }

    #[test]
    fn prose_mentioning_goals_is_text() {
        assert_eq!(classify("Goal attainment depends on funding."), None);
        assert_eq!(classify("The goal is clear: act."), None);
    }

    #[test]
    fn objective_variants() {
        assert_eq!(
            classify("(4.1) Objective One: Enhance systems."),
            objective("4.1", "Enhance systems.")
        );
        assert_eq!(
            classify("4.4 Objective Four: Maximize data."),
            objective("4.4", "Maximize data.")
        );
        assert_eq!(
            classify("Objective 1.1 - Build trust"),
            objective("1.1", "Build trust")
        );
        assert_eq!(
            classify("Objective 1.2 — Build more"),
            objective("1.2", "Build more")
        );
        assert_eq!(
            classify("(2.3) Keep records"),
            objective("2.3", "Keep records")
        );
        assert_eq!(
            classify("Objective Two: Partner."),
            Some(Heading::RelativeObjective {
                ordinal: 2,
                title: Some("Partner.".into())
            })
        );
    }

    #[test]
    fn strategy_variants() {
        let s = |n: &str, t: &str| {
            Some(Heading::Strategy {
                number: n.into(),
                text: t.into(),
            })
        };
        assert_eq!(
            classify("4.1.1: Identify a team."),
            s("4.1.1", "Identify a team.")
        );
        assert_eq!(
            classify("Strategy 1.1.1 - Hire staff"),
            s("1.1.1", "Hire staff")
        );
        assert_eq!(
            classify("Strategy 1.1.2 – Train staff"),
            s("1.1.2", "Train staff")
        );
        assert_eq!(classify("1.1.3 Retain staff"), s("1.1.3", "Retain staff"));
    }

    #[test]
    fn decimals_in_prose_are_text() {
        assert_eq!(classify("2.5 percent of cases were late."), None);
        assert_eq!(classify("1.2.3.4 is an address"), None);
    }
}
