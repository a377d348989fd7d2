//! Where a measure's year stands beyond met or not (issue 40): the band of its thresholds
//! the year so far falls in, its pace against the expected progress to date, and the
//! forecast of the year's end with its range and likelihood. Pure; pages, the packet,
//! the report, exceptions and the agenda all read it from here.

use super::bands::{band_of, score, Thresholds};
use super::forecast::{expected_to_date, forecast, pace, Outlook, Pace, Profile, Quarters};
use super::glossary::Mark;
use super::measure::{year_actual, Kind, Reading, Rule, ToDate};
use super::meeting::Likelihood;
use serde::{Deserialize, Serialize};

/// Below this chance of meeting the target a measure is "likely to miss".
pub const LIKELY_TO_MISS: f64 = 0.5;

/// The band a value falls in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandMark {
    pub name: String,
    pub mark: Mark,
    /// The value as a percent of its target, higher better (none: a range to stay within).
    pub score: Option<f64>,
}

impl BandMark {
    /// "▲ Close to target (96 % of target)".
    pub fn words(&self) -> String {
        match self.score {
            Some(s) => format!("{} ({:.0} % of target)", self.mark.with(&self.name), s),
            None => self.mark.with(&self.name),
        }
    }
}

/// The year to date against the progress expected by now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PaceMark {
    pub pace: Pace,
    pub actual: f64,
    pub expected: f64,
    /// The last quarter the year to date covers.
    pub through: u8,
}

impl PaceMark {
    /// Its mark: ahead is noteworthy, on pace going, behind needs attention.
    pub fn mark(&self) -> Mark {
        match self.pace {
            Pace::Ahead => Mark::Noteworthy,
            Pace::OnPace => Mark::Going,
            Pace::Behind => Mark::Warning,
        }
    }
}

/// A measure's year beyond its state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// None: a milestone, nothing recorded, or no target to score against.
    pub band: Option<BandMark>,
    /// None: the year is over, a milestone, or nothing recorded or no target.
    pub pace: Option<PaceMark>,
    pub outlook: Outlook,
}

impl Standing {
    /// Whether its forecast gives it less than an even chance of meeting the target.
    pub fn likely_to_miss(&self) -> bool {
        chance(&self.outlook).is_some_and(|p| p < LIKELY_TO_MISS)
    }
}

/// The chance the forecast gives of meeting the target.
pub fn chance(o: &Outlook) -> Option<f64> {
    match o {
        Outlook::Forecast(f) => f.likelihood,
        _ => None,
    }
}

/// The review's likelihood a chance reads as: high from 70 %, low under 30 %.
pub fn likelihood_of(chance: f64) -> Likelihood {
    if chance >= 0.7 {
        Likelihood::High
    } else if chance >= 0.3 {
        Likelihood::Medium
    } else {
        Likelihood::Low
    }
}

/// A chance in words: "70 % likely to meet the target".
pub fn chance_words(chance: f64) -> String {
    format!("{:.0} % likely to meet the target", chance * 100.0)
}

/// The outlook in words, values shown by `show`: "Forecast 1,180 (80 % range 1,100 to
/// 1,260)", or why there is none.
pub fn outlook_words(o: &Outlook, show: &dyn Fn(f64) -> String) -> String {
    let show = |v: f64| show(rounded(v));
    match o {
        Outlook::Forecast(f) => format!(
            "Forecast {} (80 % range {} to {})",
            show(f.point),
            show(f.low),
            show(f.high)
        ),
        Outlook::NotEnoughHistory { had } => format!(
            "Not enough history to forecast ({had} earlier year{} with these quarters; {} needed)",
            if *had == 1 { "" } else { "s" },
            super::forecast::MIN_YEARS
        ),
        Outlook::MissingQuarter(q) => format!("No forecast until Q{q} is recorded"),
        Outlook::NotForecast => "A milestone: not forecast".into(),
        Outlook::YearOver => "The year is over: its result is final".into(),
    }
}

/// The pace in words, values shown by `show`: "Behind pace: 180 through Q2, 200
/// expected".
pub fn pace_words(p: &PaceMark, show: &dyn Fn(f64) -> String) -> String {
    format!(
        "{}: {} through Q{}, {} expected",
        p.pace.label(),
        show(p.actual),
        p.through,
        show(p.expected)
    )
}

/// A forecast's number to the precision it deserves: whole from 100, one decimal from
/// 10, two below.
pub fn rounded(v: f64) -> f64 {
    let scale = match v.abs() {
        a if a >= 100.0 => 1.0,
        a if a >= 10.0 => 10.0,
        _ => 100.0,
    };
    (v * scale).round() / scale
}

/// The quarters as numbers.
fn values(q: [Reading; 4]) -> Quarters {
    q.map(|r| r.value())
}

/// Where year `q` stands on its `annual` target and IP quarters `ip` once `elapsed`
/// quarters are over, scored by `t`, paced by `profile`, forecast from `past` years
/// (oldest first).
#[allow(clippy::too_many_arguments)]
pub fn standing(
    rule: Rule,
    t: &Thresholds,
    profile: Profile,
    annual: Option<f64>,
    ip: [Option<f64>; 4],
    q: [Reading; 4],
    past: &[[Reading; 4]],
    elapsed: u8,
) -> Standing {
    let past: Vec<Quarters> = past.iter().copied().map(values).collect();
    let to_date = ToDate::of(rule, annual, ip, q);
    let through = to_date.as_ref().map_or(0, |d| d.through);
    let outlook = if rule.kind == Kind::Milestone {
        Outlook::NotForecast
    } else if elapsed >= 4 {
        Outlook::YearOver
    } else if through == 0 {
        Outlook::MissingQuarter(1)
    } else {
        forecast(rule, values(q), through, &past, annual)
    };
    if rule.kind == Kind::Milestone {
        return Standing {
            band: None,
            pace: None,
            outlook,
        };
    }
    // The closed year is judged whole; an open one to date.
    let judged = match (elapsed >= 4, year_actual(rule, q)) {
        (true, Some(v)) => Some((v, annual)),
        (true, None) => None,
        (false, _) => to_date.as_ref().map(|d| (d.value, d.target)),
    };
    let band = match (t, judged) {
        (Thresholds::Between { .. }, Some((v, _))) => {
            let (name, mark) = band_of(t, rule.direction, v, 0.0);
            Some(BandMark {
                name,
                mark,
                score: None,
            })
        }
        (Thresholds::Percent(_), Some((v, Some(target)))) => {
            let (name, mark) = band_of(t, rule.direction, v, target);
            Some(BandMark {
                name,
                mark,
                score: Some(score(rule.direction, v, target)),
            })
        }
        _ => None,
    };
    let pace = match (elapsed < 4, annual, to_date.as_ref()) {
        (true, Some(annual), Some(d)) => expected_to_date(rule, annual, ip, profile, d.through)
            .map(|expected| PaceMark {
                pace: pace(rule.direction, d.value, expected),
                actual: d.value,
                expected,
                through: d.through,
            }),
        _ => None,
    };
    Standing {
        band,
        pace,
        outlook,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bands::default_bands;
    use crate::model::measure::{Aggregation, Direction};

    const COUNT: Rule = Rule {
        direction: Direction::Higher,
        kind: Kind::Quantitative,
        aggregation: Aggregation::Sum,
    };

    fn year(v: [f64; 4]) -> [Reading; 4] {
        v.map(Reading::Value)
    }

    #[test]
    fn an_open_year_gets_its_band_pace_and_forecast_from_earlier_years() {
        let past = vec![year([100.0, 100.0, 100.0, 100.0]); 4];
        let q = [
            Reading::Value(96.0),
            Reading::Value(96.0),
            Reading::Missing,
            Reading::Missing,
        ];
        let s = standing(
            COUNT,
            &default_bands(),
            Profile::Linear,
            Some(400.0),
            [None; 4],
            q,
            &past,
            2,
        );
        let band = s.band.clone().unwrap();
        assert_eq!(band.name, "Close to target");
        assert_eq!(band.words(), "▲ Close to target (96 % of target)");
        let pace = s.pace.unwrap();
        assert_eq!(
            (pace.pace, pace.expected, pace.through),
            (Pace::OnPace, 200.0, 2)
        );
        let Outlook::Forecast(f) = s.outlook else {
            panic!("{:?}", s.outlook)
        };
        assert!((f.point - 384.0).abs() < 1e-9);
        assert_eq!(f.likelihood, Some(0.0));
        assert!(s.likely_to_miss());
        assert_eq!(
            pace_words(&pace, &|v| format!("{v:.0}")),
            "On pace: 192 through Q2, 200 expected"
        );
        assert_eq!(
            outlook_words(&s.outlook, &|v| format!("{v:.0}")),
            "Forecast 384 (80 % range 384 to 384)"
        );
    }

    #[test]
    fn a_seasonal_profile_moves_the_pace_not_the_band() {
        let q = [
            Reading::Value(50.0),
            Reading::Missing,
            Reading::Missing,
            Reading::Missing,
        ];
        let seasonal = Profile::Seasonal([1.0, 2.0, 3.0, 4.0]);
        let s = standing(
            COUNT,
            &default_bands(),
            seasonal,
            Some(400.0),
            [None; 4],
            q,
            &[],
            1,
        );
        assert_eq!(s.pace.unwrap().pace, Pace::Ahead, "40 expected by Q1");
        assert_eq!(s.band.unwrap().name, "Off target", "50 of 100 to date");
        assert_eq!(s.outlook, Outlook::NotEnoughHistory { had: 0 });
    }

    #[test]
    fn a_closed_year_is_banded_whole_without_pace() {
        let s = standing(
            COUNT,
            &default_bands(),
            Profile::Linear,
            Some(400.0),
            [None; 4],
            year([100.0, 100.0, 100.0, 101.0]),
            &[],
            4,
        );
        assert_eq!(s.band.unwrap().name, "On target");
        assert_eq!(s.pace, None);
        assert_eq!(s.outlook, Outlook::YearOver);
    }

    #[test]
    fn milestones_ranges_and_empty_years() {
        let milestone = Rule {
            kind: Kind::Milestone,
            aggregation: Aggregation::Latest,
            ..COUNT
        };
        let s = standing(
            milestone,
            &default_bands(),
            Profile::Linear,
            Some(1.0),
            [None; 4],
            year([0.0, 1.0, 1.0, 1.0]),
            &[],
            2,
        );
        assert_eq!(
            (s.band, s.pace, s.outlook),
            (None, None, Outlook::NotForecast)
        );
        let level = Rule {
            aggregation: Aggregation::Latest,
            ..COUNT
        };
        let range = Thresholds::Between {
            low: 90.0,
            high: 95.0,
        };
        let q = [
            Reading::Value(97.0),
            Reading::Missing,
            Reading::Missing,
            Reading::Missing,
        ];
        let s = standing(level, &range, Profile::Linear, None, [None; 4], q, &[], 1);
        assert_eq!(s.band.unwrap().words(), "✖ Outside range");
        assert_eq!(s.pace, None, "no target to pace against");
        let nothing = standing(
            COUNT,
            &default_bands(),
            Profile::Linear,
            Some(4.0),
            [None; 4],
            [Reading::Missing; 4],
            &[],
            1,
        );
        assert_eq!((nothing.band.clone(), nothing.pace), (None, None));
        assert_eq!(nothing.outlook, Outlook::MissingQuarter(1));
        assert!(!nothing.likely_to_miss());
    }

    #[test]
    fn chances_read_as_the_review_s_likelihood() {
        assert_eq!(likelihood_of(0.7), Likelihood::High);
        assert_eq!(likelihood_of(0.69), Likelihood::Medium);
        assert_eq!(likelihood_of(0.3), Likelihood::Medium);
        assert_eq!(likelihood_of(0.29), Likelihood::Low);
        assert_eq!(chance_words(0.654), "65 % likely to meet the target");
    }
}
