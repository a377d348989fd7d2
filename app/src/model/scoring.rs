//! How a measure is scored and forecast as its owner sets it (issue 40): its thresholds
//! (the plan-wide default, its own bands by percent of target, or a range to stay
//! within) and the profile its year builds up by. Checking the typed form, the words a
//! page shows for each, and the preview of a measure's own history under typed bands.

use super::bands::{band_of, check_bands, check_between, BandInput, Thresholds, MAX_BANDS};
use super::forecast::Profile;
use super::glossary::Mark;
use super::measure::{Kind, Reading, Rule};
use serde::{Deserialize, Serialize};

/// What was typed in a measure's (or the plan's default) scoring form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoringInput {
    /// The measure's version the form showed (a concurrent edit is refused).
    pub version: String,
    /// "default" (the plan's bands), "percent" (own bands) or "between" (a range).
    pub mode: String,
    /// Up to [`MAX_BANDS`] rows, highest first: (name, from percent, symbol).
    pub bands: Vec<BandInput>,
    pub low: String,
    pub high: String,
    /// "" (linear) or four quarter shares: "10, 20, 30, 40".
    pub profile: String,
}

/// A checked scoring form: the thresholds (none: the plan's default) and the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub thresholds: Option<Thresholds>,
    pub profile: Profile,
}

/// Reads a typed profile: empty or "linear" is linear; four shares (any scale, not all
/// zero) are seasonal.
pub fn parse_profile(text: &str) -> Result<Profile, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("linear") {
        return Ok(Profile::Linear);
    }
    let parts: Vec<Option<f64>> = t
        .split([',', ';', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.trim()
                .trim_end_matches('%')
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1e6)
        })
        .collect();
    match parts.as_slice() {
        [Some(a), Some(b), Some(c), Some(d)] if a + b + c + d > 0.0 => {
            Ok(Profile::Seasonal([*a, *b, *c, *d]))
        }
        _ => Err(format!(
            "\"{t}\" is not a profile: leave it empty for a quarter each, or give four shares such as \"10, 20, 30, 40\"."
        )),
    }
}

/// A profile as the form shows it: "" for linear, the four shares otherwise.
pub fn profile_text(p: Profile) -> String {
    match p {
        Profile::Linear => String::new(),
        Profile::Seasonal(s) => s.map(trim_number).join(", "),
    }
}

/// A profile in words: "A quarter each" or "Q1 10 %, Q2 20 %, Q3 30 %, Q4 40 %".
pub fn profile_words(p: Profile) -> String {
    match p {
        Profile::Linear => "A quarter each (25 % of the year by the end of Q1)".into(),
        Profile::Seasonal(_) => (1..=4u8)
            .map(|q| {
                let before = if q == 1 { 0.0 } else { p.share_through(q - 1) };
                let share = (p.share_through(q) - before) * 100.0;
                format!("Q{q} {} %", trim_number((share * 10.0).round() / 10.0))
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A number without a trailing ".0".
fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Checks a scoring form: the thresholds the mode asks for and the profile.
pub fn check_scoring(input: &ScoringInput) -> Result<Scoring, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let thresholds = match input.mode.trim() {
        "" | "default" => Ok(None),
        "percent" => check_bands(&input.bands).map(Some),
        "between" => check_between(&input.low, &input.high).map(Some),
        other => Err(vec![(
            "mode".to_string(),
            format!("\"{other}\" is not a way of scoring: choose one."),
        )]),
    };
    let thresholds = thresholds.unwrap_or_else(|e| {
        errors.extend(e);
        None
    });
    let profile = parse_profile(&input.profile).unwrap_or_else(|e| {
        errors.push(("profile".into(), e));
        Profile::Linear
    });
    if errors.is_empty() {
        Ok(Scoring {
            thresholds,
            profile,
        })
    } else {
        Err(errors)
    }
}

/// The form's input showing `thresholds` (none: the default `plan`'s bands, offered for
/// editing) and `profile`, with [`MAX_BANDS`] band rows.
pub fn input_of(
    version: i64,
    thresholds: Option<&Thresholds>,
    plan: &Thresholds,
    profile: Profile,
) -> ScoringInput {
    let shown = thresholds.unwrap_or(plan);
    let mut bands: Vec<BandInput> = match shown {
        Thresholds::Percent(b) => b
            .iter()
            .map(|b| {
                (
                    b.name.clone(),
                    b.from.map(trim_number).unwrap_or_default(),
                    b.mark.glyph().to_string(),
                )
            })
            .collect(),
        Thresholds::Between { .. } => Vec::new(),
    };
    bands.resize(MAX_BANDS, Default::default());
    let (low, high) = match shown {
        Thresholds::Between { low, high } => (trim_number(*low), trim_number(*high)),
        _ => Default::default(),
    };
    ScoringInput {
        version: version.to_string(),
        mode: match thresholds {
            None => "default",
            Some(Thresholds::Percent(_)) => "percent",
            Some(Thresholds::Between { .. }) => "between",
        }
        .into(),
        bands,
        low,
        high,
        profile: profile_text(profile),
    }
}

/// Thresholds in words: "★ Exceeding from 125 % · ✔ On target from 100 % · ✖ Off
/// target below", or "Kept between 90 and 95".
pub fn thresholds_words(t: &Thresholds) -> String {
    match t {
        Thresholds::Between { low, high } => {
            format!(
                "Kept between {} and {}",
                trim_number(*low),
                trim_number(*high)
            )
        }
        Thresholds::Percent(bands) => bands
            .iter()
            .map(|b| match b.from {
                Some(f) => format!(
                    "{} from {} % of target",
                    b.mark.with(&b.name),
                    trim_number(f)
                ),
                None => format!("{} below", b.mark.with(&b.name)),
            })
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// One quarter of a past year as typed bands would read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewCell {
    pub quarter: u8,
    /// The band's name, or why there is none ("No target", "Not reported").
    pub words: String,
    pub mark: Mark,
}

/// How `t` would read each quarter of a year: each quarter's actual against its IP
/// target (or the annual target when the IP gives none; a range ignores targets).
pub fn preview(
    rule: Rule,
    t: &Thresholds,
    annual: Option<f64>,
    ip: [Option<f64>; 4],
    q: [Reading; 4],
) -> Vec<PreviewCell> {
    (0..4)
        .map(|i| PreviewCell {
            quarter: i as u8 + 1,
            ..quarter_band(rule, t, ip[i].or(annual), q[i])
        })
        .collect()
}

/// How `t` reads one quarter's `reading` against its `target`: its band, or why there is
/// none ("No target", "Not reported"; quarter 0 until placed).
pub fn quarter_band(
    rule: Rule,
    t: &Thresholds,
    target: Option<f64>,
    reading: Reading,
) -> PreviewCell {
    let (words, mark) = match (reading, target) {
        _ if rule.kind == Kind::Milestone => ("A milestone: done or not".into(), Mark::Nothing),
        (Reading::Lag, _) => ("Data not yet available".into(), Mark::Waiting),
        (Reading::Missing, _) => ("Not reported".into(), Mark::NotYet),
        (Reading::Value(v), _) if matches!(t, Thresholds::Between { .. }) => {
            band_of(t, rule.direction, v, 0.0)
        }
        (Reading::Value(_), None) => ("No target".into(), Mark::Nothing),
        (Reading::Value(v), Some(target)) => band_of(t, rule.direction, v, target),
    };
    PreviewCell {
        quarter: 0,
        words,
        mark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bands::default_bands;
    use crate::model::measure::{Aggregation, Direction};

    fn input(mode: &str) -> ScoringInput {
        ScoringInput {
            mode: mode.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_profile_is_linear_or_four_shares() {
        assert_eq!(parse_profile(""), Ok(Profile::Linear));
        assert_eq!(parse_profile("Linear"), Ok(Profile::Linear));
        assert_eq!(
            parse_profile("10, 20, 30, 40%"),
            Ok(Profile::Seasonal([10.0, 20.0, 30.0, 40.0]))
        );
        assert!(parse_profile("10, 20, 30").is_err());
        assert!(parse_profile("0, 0, 0, 0").is_err());
        assert!(parse_profile("-1, 20, 30, 40").is_err());
        assert_eq!(
            profile_words(Profile::Seasonal([1.0, 1.0, 1.0, 2.0])),
            "Q1 20 %, Q2 20 %, Q3 20 %, Q4 40 %"
        );
        assert_eq!(
            profile_text(Profile::Seasonal([10.0, 20.5, 30.0, 40.0])),
            "10, 20.5, 30, 40"
        );
    }

    #[test]
    fn the_form_checks_the_mode_it_chose_and_keeps_the_default_as_none() {
        assert_eq!(check_scoring(&input("default")).unwrap().thresholds, None);
        let mut between = input("between");
        (between.low, between.high) = ("95".into(), "90".into());
        assert_eq!(check_scoring(&between).unwrap_err()[0].0, "low");
        between.high = "99".into();
        assert_eq!(
            check_scoring(&between).unwrap().thresholds,
            Some(Thresholds::Between {
                low: 95.0,
                high: 99.0
            })
        );
        let mut percent = input("percent");
        percent.bands = vec![
            ("Met".into(), "100".into(), "✔".into()),
            ("Missed".into(), "".into(), "✖".into()),
            Default::default(),
        ];
        percent.profile = "1,2".into();
        let errors = check_scoring(&percent).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "profile");
        assert_eq!(check_scoring(&input("guess")).unwrap_err()[0].0, "mode");
    }

    #[test]
    fn the_form_shows_what_is_stored_and_reads_back_the_same() {
        let plan = default_bands();
        let shown = input_of(3, None, &plan, Profile::Linear);
        assert_eq!(shown.mode, "default");
        assert_eq!(shown.bands.len(), MAX_BANDS);
        assert_eq!(
            shown.bands[1],
            ("Close to target".into(), "95".into(), "▲".into())
        );
        let own = ScoringInput {
            mode: "percent".into(),
            ..shown
        };
        assert_eq!(check_scoring(&own).unwrap().thresholds, Some(plan.clone()));
        assert_eq!(
            thresholds_words(&plan),
            "✔ On target from 100 % of target · ▲ Close to target from 95 % of target · ✖ Off target below"
        );
    }

    #[test]
    fn the_preview_reads_each_quarter_against_its_own_target() {
        let rule = Rule {
            direction: Direction::Higher,
            kind: Kind::Quantitative,
            aggregation: Aggregation::Sum,
        };
        let cells = preview(
            rule,
            &default_bands(),
            Some(400.0),
            [Some(100.0), Some(100.0), None, Some(100.0)],
            [
                Reading::Value(100.0),
                Reading::Value(96.0),
                Reading::Value(400.0),
                Reading::Missing,
            ],
        );
        let words: Vec<&str> = cells.iter().map(|c| c.words.as_str()).collect();
        assert_eq!(
            words,
            ["On target", "Close to target", "On target", "Not reported"]
        );
        let lower = Rule {
            direction: Direction::Lower,
            ..rule
        };
        let cells = preview(
            lower,
            &default_bands(),
            None,
            [Some(10.0), None, None, None],
            [
                Reading::Value(10.4),
                Reading::Value(3.0),
                Reading::Lag,
                Reading::Missing,
            ],
        );
        assert_eq!(cells[0].words, "Close to target");
        assert_eq!(cells[1].words, "No target");
        assert_eq!(cells[2].mark, Mark::Waiting);
    }
}
