//! The types of a measure's scoring (issue 40), apart from the rules that use them so
//! a measure can hold them: its bands or range, and the profile its year builds up by.

use super::glossary::Mark;
use serde::{Deserialize, Serialize};

/// A band: from `from` percent of target (inclusive; none: the last band, no lower
/// edge) up to the next band's edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub name: String,
    pub from: Option<f64>,
    pub mark: Mark,
}

/// How a measure's value is judged against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Thresholds {
    /// Bands by percent of target, highest edge first; the last band has no lower edge.
    Percent(Vec<Band>),
    /// A level kept between `low` and `high` (inclusive).
    Between { low: f64, high: f64 },
}

/// The plan-wide default: met at 100 % of target, close from 95 %, off target below.
pub fn default_bands() -> Thresholds {
    Thresholds::Percent(vec![
        Band {
            name: "On target".into(),
            from: Some(100.0),
            mark: Mark::Done,
        },
        Band {
            name: "Close to target".into(),
            from: Some(95.0),
            mark: Mark::Warning,
        },
        Band {
            name: "Off target".into(),
            from: None,
            mark: Mark::Failed,
        },
    ])
}

/// How a year's target is expected to build up over its quarters when the IP gives no
/// quarterly targets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub enum Profile {
    /// A quarter each: 25 %, 50 %, 75 %, 100 % by the end of Q1 to Q4.
    #[default]
    Linear,
    /// Each quarter's share of the year (adding up to 1).
    Seasonal([f64; 4]),
}

impl Profile {
    /// The share of the year expected by the end of quarter `through` (1–4).
    pub fn share_through(self, through: u8) -> f64 {
        let q = usize::from(through.clamp(1, 4));
        match self {
            Profile::Linear => q as f64 / 4.0,
            Profile::Seasonal(shares) => {
                let total: f64 = shares.iter().sum();
                if total <= 0.0 {
                    q as f64 / 4.0
                } else {
                    shares[..q].iter().sum::<f64>() / total
                }
            }
        }
    }
}
