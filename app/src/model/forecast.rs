//! Expected progress and forecasts for a measure's year (issue 40): what the year to date
//! should be by now (from the IP's quarterly targets, or a linear or seasonal profile),
//! whether the actual is ahead of, on or behind that pace, and a forecast of the year's
//! end with an 80 % range and the likelihood of meeting the target — from this year's
//! quarters and the earlier years' pattern at the same point of the year, or "not
//! enough history", never a made-up number. Pure functions; no I/O.

use super::measure::{Aggregation, Direction, Kind, Rule};
pub use super::thresholds::Profile;
use serde::{Deserialize, Serialize};

/// A year's four quarters as values (`None`: nothing recorded, or data not available).
pub type Quarters = [Option<f64>; 4];

/// Fewest earlier years a forecast learns from.
pub const MIN_YEARS: usize = 3;
/// Most earlier years a forecast learns from (the most recent).
pub const MAX_YEARS: usize = 10;
/// How far from the expected pace still counts as on pace (5 %).
pub const PACE_TOLERANCE: f64 = 0.05;

/// What the year to date should be at the end of quarter `through` for an annual target
/// `annual`: the IP's quarterly targets when it gives each quarter so far, else the
/// profile's share (a count), or the target itself (a level). `None` for a milestone.
pub fn expected_to_date(
    rule: Rule,
    annual: f64,
    ip: [Option<f64>; 4],
    profile: Profile,
    through: u8,
) -> Option<f64> {
    let q = usize::from(through.clamp(1, 4));
    match (rule.kind, rule.aggregation) {
        (Kind::Milestone, _) => None,
        (_, Aggregation::Sum) => match ip[..q].iter().copied().sum::<Option<f64>>() {
            Some(sum) => Some(sum),
            None => Some(annual * profile.share_through(through)),
        },
        (_, Aggregation::Latest) => Some(ip[q - 1].unwrap_or(annual)),
    }
}

/// The year to date against its expected pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pace {
    Ahead,
    OnPace,
    Behind,
}

impl Pace {
    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "Ahead of pace",
            Pace::OnPace => "On pace",
            Pace::Behind => "Behind pace",
        }
    }
}

/// Whether `actual` to date is ahead of, on or behind `expected` (within
/// [`PACE_TOLERANCE`]), the better way being `direction`.
pub fn pace(direction: Direction, actual: f64, expected: f64) -> Pace {
    let scale = expected.abs().max(f64::EPSILON);
    let better = match direction {
        Direction::Higher => (actual - expected) / scale,
        Direction::Lower => (expected - actual) / scale,
    };
    if better > PACE_TOLERANCE {
        Pace::Ahead
    } else if better >= -PACE_TOLERANCE {
        Pace::OnPace
    } else {
        Pace::Behind
    }
}

/// A forecast of the year's end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The most likely year's value.
    pub point: f64,
    /// The 80 % range.
    pub low: f64,
    pub high: f64,
    /// The chance of meeting the target, 0 to 1 (none: no target).
    pub likelihood: Option<f64>,
    /// How many earlier years it learnt from.
    pub years: usize,
}

/// What can be said about the year's end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Outlook {
    Forecast(Forecast),
    /// Fewer than [`MIN_YEARS`] earlier years with the quarters it needs.
    NotEnoughHistory {
        had: usize,
    },
    /// This year's quarters so far are not all recorded (the first missing one).
    MissingQuarter(u8),
    /// A milestone is done or not: it is not forecast.
    NotForecast,
    /// The year is over: its result is final, not forecast.
    YearOver,
}

/// The standard normal's 90th percentile.
const Z_90: f64 = 1.281_551_565_545;

/// Student's t 90th percentile for `df` degrees of freedom (the normal's past 30).
fn t_90(df: usize) -> f64 {
    const TABLE: [f64; 10] = [
        3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
    ];
    match df {
        0 => TABLE[0],
        1..=10 => TABLE[df - 1],
        11..=30 => 1.372 - (1.372 - 1.310) * (df - 10) as f64 / 20.0,
        _ => Z_90,
    }
}

/// The standard normal distribution function.
fn normal_cdf(z: f64) -> f64 {
    0.5 * (1.0 + libm::erf(z / std::f64::consts::SQRT_2))
}

/// The value at the end of quarter `through` that a forecast starts from (a count's
/// year to date, a level's latest quarter), and the year's value it leads to.
fn known(rule: Rule, q: &Quarters, through: usize) -> Option<(f64, Option<f64>)> {
    match rule.aggregation {
        Aggregation::Sum => {
            let so_far = q[..through].iter().copied().sum::<Option<f64>>()?;
            Some((so_far, q.iter().copied().sum::<Option<f64>>()))
        }
        Aggregation::Latest => Some((q[through - 1]?, q[3])),
    }
}

/// Forecasts the year from its quarters so far (`this_year`, through quarter `through`)
/// and `past` years (oldest first; the last [`MAX_YEARS`] used): each past year's ratio of
/// its year's value to its value at the same point gives the growth to expect; the spread
/// of leave-one-out errors over past years, widened by Student's t for their number,
/// gives the 80 % range, and the same spread the likelihood of meeting `target`.
pub fn forecast(
    rule: Rule,
    this_year: Quarters,
    through: u8,
    past: &[Quarters],
    target: Option<f64>,
) -> Outlook {
    if rule.kind == Kind::Milestone {
        return Outlook::NotForecast;
    }
    let t = usize::from(through.clamp(1, 4));
    if let Some(missing) = this_year[..t].iter().position(Option::is_none) {
        return Outlook::MissingQuarter(missing as u8 + 1);
    }
    let Some((now, whole)) = known(rule, &this_year, t) else {
        return Outlook::MissingQuarter(t as u8);
    };
    // Each usable past year's growth from this point to the year's end.
    let start = past.len().saturating_sub(MAX_YEARS);
    let growth: Vec<f64> = past[start..]
        .iter()
        .filter_map(|q| match known(rule, q, t)? {
            (at, Some(year)) if at.abs() > f64::EPSILON => Some(year / at),
            _ => None,
        })
        .collect();
    if growth.len() < MIN_YEARS {
        return Outlook::NotEnoughHistory { had: growth.len() };
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let point = if t == 4 {
        whole.unwrap_or(now)
    } else {
        now * mean(&growth)
    };
    // Each past year forecast from the others: how far off it would have been. Their
    // spread, widened by Student's t for the few years there are, makes the range (a
    // handful of years' smallest and largest errors would hold the actual only about
    // half the time); the same spread gives the chance of meeting the target.
    let errors: Vec<f64> = (0..growth.len())
        .map(|i| {
            let others: Vec<f64> = growth
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, g)| *g)
                .collect();
            growth[i] / mean(&others) - 1.0
        })
        .collect();
    let spread = if t == 4 {
        0.0
    } else {
        let m = mean(&errors);
        let var = errors.iter().map(|e| (e - m).powi(2)).sum::<f64>() / (errors.len() - 1) as f64;
        var.sqrt() * point.abs()
    };
    let half = t_90(errors.len() - 1) * spread;
    let likelihood = target.map(|target| {
        let ahead = match rule.direction {
            Direction::Higher => point - target,
            Direction::Lower => target - point,
        };
        if spread <= f64::EPSILON * point.abs().max(1.0) {
            if ahead >= 0.0 {
                1.0
            } else {
                0.0
            }
        } else {
            // A normal tail with the sd that puts the 90th percentile at the range's edge.
            normal_cdf(ahead / (half / Z_90))
        }
    });
    let (a, b) = (point - half, point + half);
    Outlook::Forecast(Forecast {
        point,
        low: a.min(b),
        high: a.max(b),
        likelihood,
        years: growth.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: Rule = Rule {
        direction: Direction::Higher,
        kind: Kind::Quantitative,
        aggregation: Aggregation::Sum,
    };
    const LEVEL: Rule = Rule {
        direction: Direction::Higher,
        kind: Kind::Quantitative,
        aggregation: Aggregation::Latest,
    };

    fn year(q: [f64; 4]) -> Quarters {
        q.map(Some)
    }

    fn forecast_of(o: Outlook) -> Forecast {
        match o {
            Outlook::Forecast(f) => f,
            other => panic!("expected a forecast, got {other:?}"),
        }
    }

    #[test]
    fn expected_to_date_follows_the_ip_or_else_the_profile() {
        let ip = [Some(10.0), Some(30.0), None, None];
        assert_eq!(
            expected_to_date(COUNT, 100.0, ip, Profile::Linear, 2),
            Some(40.0)
        );
        // The IP says nothing of Q3: the profile's share of the annual target.
        assert_eq!(
            expected_to_date(COUNT, 100.0, ip, Profile::Linear, 3),
            Some(75.0)
        );
        let seasonal = Profile::Seasonal([1.0, 1.0, 2.0, 4.0]);
        assert_eq!(
            expected_to_date(COUNT, 80.0, [None; 4], seasonal, 2),
            Some(20.0)
        );
        assert_eq!(
            expected_to_date(
                LEVEL,
                90.0,
                [None, Some(85.0), None, None],
                Profile::Linear,
                2
            ),
            Some(85.0)
        );
        assert_eq!(
            expected_to_date(LEVEL, 90.0, [None; 4], Profile::Linear, 3),
            Some(90.0)
        );
        let milestone = Rule {
            kind: Kind::Milestone,
            ..COUNT
        };
        assert_eq!(
            expected_to_date(milestone, 1.0, [None; 4], Profile::Linear, 2),
            None
        );
    }

    #[test]
    fn pace_is_ahead_on_or_behind_at_its_edges_both_ways() {
        use Direction::*;
        assert_eq!(
            pace(Higher, 105.0, 100.0),
            Pace::OnPace,
            "5 % over is still on pace"
        );
        assert_eq!(pace(Higher, 105.1, 100.0), Pace::Ahead);
        assert_eq!(pace(Higher, 95.0, 100.0), Pace::OnPace);
        assert_eq!(pace(Higher, 94.9, 100.0), Pace::Behind);
        // Lower is better: under the expected is ahead.
        assert_eq!(pace(Lower, 94.9, 100.0), Pace::Ahead);
        assert_eq!(pace(Lower, 105.1, 100.0), Pace::Behind);
        assert_eq!(pace(Lower, 100.0, 100.0), Pace::OnPace);
    }

    #[test]
    fn a_steady_count_is_forecast_exactly_with_no_spread() {
        let past = vec![year([25.0; 4]); 4];
        let f = forecast_of(forecast(
            COUNT,
            [Some(30.0), Some(30.0), None, None],
            2,
            &past,
            Some(100.0),
        ));
        assert!((f.point - 120.0).abs() < 1e-9, "{f:?}");
        assert!((f.low - 120.0).abs() < 1e-9 && (f.high - 120.0).abs() < 1e-9);
        assert_eq!(f.likelihood, Some(1.0));
        let short = forecast_of(forecast(
            COUNT,
            [Some(30.0), Some(30.0), None, None],
            2,
            &past,
            Some(150.0),
        ));
        assert_eq!(short.likelihood, Some(0.0));
        assert_eq!(short.years, 4);
    }

    #[test]
    fn a_seasonal_count_learns_the_season_from_earlier_years() {
        let past = vec![year([10.0, 20.0, 30.0, 40.0]); 5];
        // Q1 is a tenth of the year: 20 in Q1 points to 200.
        let f = forecast_of(forecast(
            COUNT,
            [Some(20.0), None, None, None],
            1,
            &past,
            None,
        ));
        assert!((f.point - 200.0).abs() < 1e-9, "{f:?}");
        assert_eq!(f.likelihood, None);
    }

    #[test]
    fn a_noisy_history_gives_a_range_around_the_point() {
        let past = vec![
            year([24.0, 26.0, 25.0, 27.0]),
            year([20.0, 30.0, 22.0, 30.0]),
            year([26.0, 24.0, 28.0, 20.0]),
            year([25.0, 25.0, 30.0, 30.0]),
            year([23.0, 27.0, 20.0, 24.0]),
        ];
        let f = forecast_of(forecast(
            COUNT,
            [Some(25.0), Some(25.0), None, None],
            2,
            &past,
            Some(100.0),
        ));
        assert!(f.low < f.point && f.point < f.high, "{f:?}");
        let p = f.likelihood.unwrap();
        assert!(p > 0.0 && p <= 1.0, "{p}");
    }

    #[test]
    fn a_flat_or_short_history_is_not_enough_and_no_number_is_made_up() {
        let zeros = vec![year([0.0; 4]); 6];
        assert_eq!(
            forecast(COUNT, [Some(5.0), None, None, None], 1, &zeros, Some(10.0)),
            Outlook::NotEnoughHistory { had: 0 }
        );
        let two = vec![year([25.0; 4]); 2];
        assert_eq!(
            forecast(COUNT, [Some(5.0), None, None, None], 1, &two, None),
            Outlook::NotEnoughHistory { had: 2 }
        );
        let gap = vec![[Some(1.0), None, Some(1.0), Some(1.0)]; 5];
        assert_eq!(
            forecast(COUNT, [Some(5.0), Some(5.0), None, None], 2, &gap, None),
            Outlook::NotEnoughHistory { had: 0 },
            "a past year missing a quarter teaches nothing"
        );
        assert_eq!(
            forecast(
                COUNT,
                [None, Some(5.0), None, None],
                2,
                &vec![year([25.0; 4]); 5],
                None
            ),
            Outlook::MissingQuarter(1)
        );
        let milestone = Rule {
            kind: Kind::Milestone,
            ..COUNT
        };
        assert_eq!(
            forecast(milestone, [Some(0.0); 4], 2, &[], Some(1.0)),
            Outlook::NotForecast
        );
    }

    #[test]
    fn lower_is_better_counts_meet_the_target_by_staying_under_it() {
        let lower = Rule {
            direction: Direction::Lower,
            ..COUNT
        };
        let past = vec![year([25.0; 4]); 4];
        let f = forecast_of(forecast(
            lower,
            [Some(20.0), Some(20.0), None, None],
            2,
            &past,
            Some(90.0),
        ));
        assert!((f.point - 80.0).abs() < 1e-9);
        assert_eq!(f.likelihood, Some(1.0));
        let over = forecast_of(forecast(
            lower,
            [Some(30.0), Some(30.0), None, None],
            2,
            &past,
            Some(90.0),
        ));
        assert_eq!(over.likelihood, Some(0.0));
    }

    #[test]
    fn a_level_measure_grows_from_its_latest_quarter_as_it_did_before() {
        // Each earlier year rose a tenth from Q2 to Q4.
        let past = vec![year([80.0, 80.0, 84.0, 88.0]); 4];
        let f = forecast_of(forecast(
            LEVEL,
            [Some(85.0), Some(90.0), None, None],
            2,
            &past,
            Some(95.0),
        ));
        assert!((f.point - 99.0).abs() < 1e-9, "{f:?}");
        assert_eq!(f.likelihood, Some(1.0));
        // At the end of Q4 the year is known.
        let done = forecast_of(forecast(
            LEVEL,
            year([85.0, 90.0, 91.0, 92.0]),
            4,
            &past,
            Some(95.0),
        ));
        assert_eq!((done.point, done.low, done.high), (92.0, 92.0, 92.0));
        assert_eq!(done.likelihood, Some(0.0));
    }

    /// A reproducible stream of numbers in [0, 1) (a linear congruential generator).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> f64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn with_only_three_earlier_years_the_range_still_holds_about_four_in_five() {
        let mut rng = Lcg(7);
        let base = [10.0, 20.0, 30.0, 40.0];
        // Bell-shaped noise (the mean of three uniform draws), as real data is.
        let mut noise = || (0..3).map(|_| rng.next() - 0.5).sum::<f64>() / 3.0;
        let years: Vec<Quarters> = (0..1500)
            .map(|_| base.map(|b| Some(b * (1.0 + 0.5 * noise()))))
            .collect();
        let (mut inside, mut total, mut called, mut met) = (0, 0, 0.0, 0);
        for y in MIN_YEARS..years.len() {
            let this = years[y];
            let so_far = [this[0], None, None, None];
            let f = forecast_of(forecast(
                COUNT,
                so_far,
                1,
                &years[y - MIN_YEARS..y],
                Some(100.0),
            ));
            let actual: f64 = this.iter().map(|v| v.unwrap()).sum();
            total += 1;
            inside += usize::from(f.low <= actual && actual <= f.high);
            called += f.likelihood.unwrap();
            met += usize::from(actual >= 100.0);
        }
        let coverage = inside as f64 / total as f64;
        assert!(
            (0.72..=0.88).contains(&coverage),
            "{coverage:.3} of {total}"
        );
        // The likelihoods add up to about as many years as met the target.
        let (expected, actual) = (called / total as f64, met as f64 / total as f64);
        assert!(
            (expected - actual).abs() < 0.08,
            "{expected:.3} vs {actual:.3}"
        );
    }

    #[test]
    fn the_range_holds_the_actual_about_four_years_in_five_on_a_noisy_series() {
        let mut rng = Lcg(42);
        let base = [10.0, 20.0, 30.0, 40.0];
        let years: Vec<Quarters> = (0..400)
            .map(|_| base.map(|b| Some(b * (1.0 + 0.4 * (rng.next() - 0.5)))))
            .collect();
        for through in [1u8, 2, 3] {
            let (mut inside, mut total) = (0, 0);
            for y in MAX_YEARS..years.len() {
                let past = &years[y - MAX_YEARS..y];
                let this = years[y];
                let mut so_far = [None; 4];
                so_far[..usize::from(through)].copy_from_slice(&this[..usize::from(through)]);
                let f = forecast_of(forecast(COUNT, so_far, through, past, None));
                let actual: f64 = this.iter().map(|v| v.unwrap()).sum();
                total += 1;
                if f.low <= actual && actual <= f.high {
                    inside += 1;
                }
            }
            let coverage = inside as f64 / total as f64;
            assert!(
                (0.65..=0.92).contains(&coverage),
                "through Q{through}: {coverage:.2} of {total} years inside the 80 % range"
            );
        }
    }
}
