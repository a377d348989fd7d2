//! Back-testing the forecast (issue 40, `plantrack forecast-check`): each complete past
//! year replayed as if at the end of Q1, Q2 and Q3, forecast from the years before it
//! only, then compared with what happened — how often the actual landed within the 80 %
//! range, and how often "likely to meet" / "likely to miss" called it right.

use super::forecast::{forecast, Outlook, Quarters};
use super::measure::{Kind, Rule};
use serde::Serialize;

/// One measure's years, oldest first: (FY, quarters, annual target).
#[derive(Debug, Clone)]
pub struct History {
    pub rule: Rule,
    pub years: Vec<(i32, Quarters, Option<f64>)>,
}

/// What a back-test found, overall and by the quarter replayed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BackTest {
    /// Per quarter replayed (Q1, Q2, Q3): forecasts made, actuals within the range.
    pub by_quarter: [(usize, usize); 3],
    /// Forecasts with a target: calls made (met or missed), and calls that were right.
    pub calls: usize,
    pub right: usize,
    /// Of the calls, those that said "likely to miss", and how many did miss.
    pub miss_calls: usize,
    pub missed: usize,
    /// Replays with no forecast (fewer than the earlier years a forecast needs).
    pub not_enough_history: usize,
    /// Measures tested (milestones are not forecast).
    pub measures: usize,
}

impl BackTest {
    /// Forecasts made, and actuals within the range, over all quarters.
    pub fn totals(&self) -> (usize, usize) {
        self.by_quarter
            .iter()
            .fold((0, 0), |(n, w), (a, b)| (n + a, w + b))
    }

    /// The report `plantrack forecast-check` prints.
    pub fn report(&self) -> String {
        let percent = |a: usize, b: usize| {
            if b == 0 {
                "–".to_string()
            } else {
                format!("{:.1} %", a as f64 * 100.0 / b as f64)
            }
        };
        let (n, within) = self.totals();
        let mut out = format!(
            "Forecast back-test: {} measures, each complete past year replayed at the end of Q1, Q2 and Q3 from the years before it only.\n",
            self.measures
        );
        out.push_str(&format!(
            "Actual within the 80 % range: {within} of {n} ({})\n",
            percent(within, n)
        ));
        for (q, (made, hit)) in self.by_quarter.iter().enumerate() {
            out.push_str(&format!(
                "  at the end of Q{}: {hit} of {made} ({})\n",
                q + 1,
                percent(*hit, *made)
            ));
        }
        out.push_str(&format!(
            "Met / not met called right (likely from 50 %): {} of {} ({})\n",
            self.right,
            self.calls,
            percent(self.right, self.calls)
        ));
        out.push_str(&format!(
            "\"Likely to miss\" calls that did miss: {} of {} ({})\n",
            self.missed,
            self.miss_calls,
            percent(self.missed, self.miss_calls)
        ));
        out.push_str(&format!(
            "No forecast (not enough history): {}\n",
            self.not_enough_history
        ));
        out
    }
}

/// The year's value from complete quarters.
fn year_value(rule: Rule, q: &Quarters) -> Option<f64> {
    match rule.aggregation {
        super::measure::Aggregation::Sum => q.iter().copied().sum(),
        super::measure::Aggregation::Latest => q[3],
    }
}

/// Replays every complete year of every measure in `histories`.
pub fn back_test(histories: &[History]) -> BackTest {
    let mut t = BackTest::default();
    for h in histories.iter().filter(|h| h.rule.kind != Kind::Milestone) {
        t.measures += 1;
        let quarters: Vec<Quarters> = h.years.iter().map(|(_, q, _)| *q).collect();
        for (i, (_, q, target)) in h.years.iter().enumerate() {
            let Some(actual) = year_value(h.rule, q) else {
                continue;
            };
            for through in 1..=3u8 {
                match forecast(h.rule, *q, through, &quarters[..i], *target) {
                    Outlook::Forecast(f) => {
                        let slot = &mut t.by_quarter[usize::from(through) - 1];
                        slot.0 += 1;
                        // Within, give or take rounding (an exact forecast is a range of one point).
                        let fuzz = 1e-9 * actual.abs().max(1.0);
                        if (f.low - fuzz..=f.high + fuzz).contains(&actual) {
                            slot.1 += 1;
                        }
                        if let (Some(p), Some(target)) = (f.likelihood, target) {
                            let said_met = p >= 0.5;
                            let met = h.rule.reaches(actual, *target);
                            t.calls += 1;
                            t.right += usize::from(said_met == met);
                            if !said_met {
                                t.miss_calls += 1;
                                t.missed += usize::from(!met);
                            }
                        }
                    }
                    Outlook::NotEnoughHistory { .. } => t.not_enough_history += 1,
                    _ => {}
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure::{Aggregation, Direction};

    const COUNT: Rule = Rule {
        direction: Direction::Higher,
        kind: Kind::Quantitative,
        aggregation: Aggregation::Sum,
    };

    #[test]
    fn a_steady_measure_lands_in_its_range_and_is_called_right() {
        // The same seasonal year over and over: every replay with three earlier years
        // forecasts it exactly.
        let years = (2015..2025)
            .map(|y| {
                (
                    y,
                    [Some(10.0), Some(20.0), Some(30.0), Some(40.0)],
                    Some(90.0),
                )
            })
            .collect();
        let t = back_test(&[History { rule: COUNT, years }]);
        assert_eq!(t.measures, 1);
        // Ten years; the first three have too few earlier ones: 7 replayed × 3 quarters.
        assert_eq!(t.totals(), (21, 21));
        assert_eq!(t.not_enough_history, 9);
        assert_eq!((t.calls, t.right), (21, 21));
        assert_eq!((t.miss_calls, t.missed), (0, 0));
        assert!(t
            .report()
            .contains("Actual within the 80 % range: 21 of 21 (100.0 %)"));
    }

    #[test]
    fn incomplete_years_and_milestones_are_not_replayed() {
        let milestone = Rule {
            kind: Kind::Milestone,
            aggregation: Aggregation::Latest,
            ..COUNT
        };
        let years: Vec<(i32, Quarters, Option<f64>)> = (2015..2025)
            .map(|y| (y, [Some(1.0), None, Some(1.0), Some(1.0)], Some(4.0)))
            .collect();
        let t = back_test(&[
            History {
                rule: COUNT,
                years: years.clone(),
            },
            History {
                rule: milestone,
                years,
            },
        ]);
        assert_eq!(t.measures, 1);
        assert_eq!(t.totals(), (0, 0));
        assert!(t.report().contains("0 of 0 (–)"));
    }
}
