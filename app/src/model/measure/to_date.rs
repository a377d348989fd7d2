//! A year's actual so far as people read it: a number with what it covers and the target
//! to the same point — never a word in place of a number that exists.

use super::{show_value, to_date_actual, to_date_target, Kind, Reading, Rule};
use serde::{Deserialize, Serialize};

/// The actual of a year so far: through which quarter, which quarters before it have
/// nothing recorded, and the target to the same quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToDate {
    pub value: f64,
    /// The last quarter it covers (1–4).
    pub through: u8,
    /// Quarters before `through` with nothing recorded.
    pub gaps: Vec<u8>,
    /// The target through the same quarter (none: no annual target, or a milestone).
    pub target: Option<f64>,
    /// Whether the value reaches `target`.
    pub reaches: bool,
}

impl ToDate {
    /// The year so far from its quarters' readings, or `None` when no quarter has a value.
    pub fn of(
        rule: Rule,
        annual: Option<f64>,
        quarterly: [Option<f64>; 4],
        q: [Reading; 4],
    ) -> Option<ToDate> {
        let (last, value) = to_date_actual(rule, q)?;
        let target = annual
            .filter(|_| rule.kind != Kind::Milestone)
            .map(|a| to_date_target(rule, a, quarterly, last));
        Some(ToDate {
            value,
            through: last as u8 + 1,
            gaps: (0..last)
                .filter(|&i| q[i] == Reading::Missing)
                .map(|i| i as u8 + 1)
                .collect(),
            reaches: target.is_some_and(|t| rule.reaches(value, t)),
            target,
        })
    }

    /// Whether it is the whole year with every quarter reported.
    pub fn is_whole_year(&self) -> bool {
        self.through == 4 && self.gaps.is_empty()
    }

    /// The quarters it runs over: "Q1", "Q1–Q3".
    fn span(&self) -> String {
        match self.through {
            1 => "Q1".to_string(),
            n => format!("Q1–Q{n}"),
        }
    }

    /// "; Q2 not reported" when quarters within the span have nothing recorded.
    fn gap_note(&self) -> String {
        if self.gaps.is_empty() {
            return String::new();
        }
        let gaps: Vec<String> = self.gaps.iter().map(|g| format!("Q{g}")).collect();
        format!("; {} not reported", gaps.join(", "))
    }

    /// Which quarters it covers: "Q1", "Q1–Q3", "Q1–Q3; Q2 not reported".
    pub fn covers(&self) -> String {
        format!("{}{}", self.span(), self.gap_note())
    }

    /// As a page shows it: the year's figure when whole, else "72 hires to date (Q1 of 4)
    /// — target to date 100 hires, behind".
    pub fn show(&self, kind: Kind, unit: &str) -> String {
        let value = show_value(kind, unit, self.value);
        if self.is_whole_year() {
            return value;
        }
        let mut text = format!("{value} to date ({} of 4{})", self.span(), self.gap_note());
        if let Some(t) = self.target {
            let how = if self.reaches { "on track" } else { "behind" };
            text.push_str(&format!(
                " — target to date {}, {how}",
                show_value(kind, unit, t)
            ));
        }
        text
    }
}

/// A past year's actual in a narrow column: the figure, with how many quarters it covers
/// when not all four: "72 cases (3 of 4 quarters)".
pub fn show_year_short(rule: Rule, unit: &str, q: [Reading; 4]) -> String {
    match ToDate::of(rule, None, [None; 4], q) {
        Some(t) if t.is_whole_year() => show_value(rule.kind, unit, t.value),
        Some(t) => format!(
            "{} ({} of 4 quarters)",
            show_value(rule.kind, unit, t.value),
            t.through as usize - t.gaps.len()
        ),
        None if q.contains(&Reading::Lag) => "Data not yet available".into(),
        None => "—".into(),
    }
}

/// A year's actual as shown: the to-date figure, "Data not yet available" when the only
/// readings are pending, or "—" when nothing is recorded.
pub fn show_year(
    rule: Rule,
    unit: &str,
    (annual, quarterly): (Option<f64>, [Option<f64>; 4]),
    q: [Reading; 4],
) -> String {
    match ToDate::of(rule, annual, quarterly, q) {
        Some(t) => t.show(rule.kind, unit),
        None if q.contains(&Reading::Lag) => "Data not yet available".into(),
        None => "—".into(),
    }
}

/// What an actual input shows beside it: "FY2027 Q1 target: 100 hires · FY2027 target:
/// 400 hires · FY2027 to date: 72 hires (Q1 of 4)".
pub fn targets_beside(
    m: &super::Measure,
    fq: crate::model::fiscal::FiscalQuarter,
    (annual, quarterly): (Option<f64>, [Option<f64>; 4]),
    q: [Reading; 4],
) -> String {
    let fy = fq.year;
    let shown = |t: Option<f64>| t.map_or("none set".to_string(), |v| m.show(v));
    let mut parts = vec![
        format!("{fq} target: {}", shown(quarterly[fq.quarter as usize - 1])),
        format!("FY{fy} target: {}", shown(annual)),
    ];
    let so_far = match ToDate::of(m.rule, None, quarterly, q) {
        Some(t) if t.is_whole_year() => m.show(t.value),
        Some(t) => format!("{} ({} of 4)", m.show(t.value), t.covers()),
        None => "nothing recorded yet".into(),
    };
    parts.push(format!("FY{fy} to date: {so_far}"));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::super::{Aggregation, Direction};
    use super::*;

    const COUNT: Rule = Rule {
        direction: Direction::Higher,
        kind: Kind::Quantitative,
        aggregation: Aggregation::Sum,
    };

    #[test]
    fn a_count_after_one_quarter_reads_as_a_number_with_its_target_to_date() {
        let q = [
            Reading::Value(72.0),
            Reading::Missing,
            Reading::Missing,
            Reading::Missing,
        ];
        let ip = [Some(100.0), Some(100.0), Some(100.0), Some(100.0)];
        assert_eq!(
            show_year(COUNT, "hires", (Some(400.0), ip), q),
            "72 hires to date (Q1 of 4) — target to date 100 hires, behind"
        );
        // Without IP targets the annual target is spread evenly.
        let q = [
            Reading::Value(72.0),
            Reading::Value(40.0),
            Reading::Missing,
            Reading::Missing,
        ];
        assert_eq!(
            show_year(COUNT, "", (Some(200.0), [None; 4]), q),
            "112 to date (Q1–Q2 of 4) — target to date 100, on track"
        );
    }

    #[test]
    fn a_quarter_not_reported_qualifies_the_number_and_a_whole_year_is_just_the_number() {
        let q = [
            Reading::Missing,
            Reading::Value(30.0),
            Reading::Missing,
            Reading::Missing,
        ];
        let t = ToDate::of(COUNT, None, [None; 4], q).unwrap();
        assert_eq!(t.covers(), "Q1–Q2; Q1 not reported");
        assert_eq!(show_year_short(COUNT, "", q), "30 (1 of 4 quarters)");
        assert_eq!(
            t.show(Kind::Quantitative, ""),
            "30 to date (Q1–Q2 of 4; Q1 not reported)"
        );
        let all = [Reading::Value(1.0); 4];
        assert_eq!(show_year(COUNT, "", (Some(3.0), [None; 4]), all), "4");
    }

    #[test]
    fn an_input_shows_the_quarters_target_the_years_and_the_year_so_far() {
        let m = crate::model::measure::Measure {
            id: 1,
            version: 1,
            name: "Hires".into(),
            unit: "hires".into(),
            rule: COUNT,
            baseline_value: None,
            baseline_fy: None,
            data_source: String::new(),
            verification: String::new(),
            limitations: String::new(),
            accuracy: String::new(),
            compensation: String::new(),
            done_when: String::new(),
            lag_days: None,
            thresholds: None,
            profile: Default::default(),
            goal: "1".into(),
            goal_name: None,
            attached_label: "Goal 1".into(),
            attached_href: "/goals/1".into(),
            objective: None,
            strategy: None,
        };
        let fq = crate::model::fiscal::FiscalQuarter {
            year: 2027,
            quarter: 2,
        };
        let q = [
            Reading::Value(72.0),
            Reading::Missing,
            Reading::Missing,
            Reading::Missing,
        ];
        assert_eq!(
            targets_beside(&m, fq, (Some(400.0), [Some(100.0), Some(90.0), None, None]), q),
            "FY2027 Q2 target: 90 hires · FY2027 target: 400 hires · FY2027 to date: 72 hires (Q1 of 4)"
        );
        assert_eq!(
            targets_beside(&m, fq, (None, [None; 4]), [Reading::Missing; 4]),
            "FY2027 Q2 target: none set · FY2027 target: none set · FY2027 to date: nothing recorded yet"
        );
    }

    #[test]
    fn nothing_recorded_is_a_dash_and_pending_data_says_so() {
        assert_eq!(
            show_year(COUNT, "", (None, [None; 4]), [Reading::Missing; 4]),
            "—"
        );
        let lag = [
            Reading::Lag,
            Reading::Missing,
            Reading::Missing,
            Reading::Missing,
        ];
        assert_eq!(
            show_year(COUNT, "", (None, [None; 4]), lag),
            "Data not yet available"
        );
    }
}
