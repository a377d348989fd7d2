//! A measure's thresholds (issue 40): named bands by percent of target, direction-aware,
//! or "maintain between" a lower and an upper bound for a level; each band carries a mark
//! of the one glossary. Pure: checking typed bands, and which band a value falls in.

use super::glossary::Mark;
use super::measure::Direction;
pub use super::thresholds::{default_bands, Band, Thresholds};

/// Most bands a measure has.
pub const MAX_BANDS: usize = 6;
/// Longest band name.
pub const MAX_NAME: usize = 40;

/// How well `actual` does against `target` as a percent, 100 being the target, higher
/// always better: actual ÷ target when higher is better; for lower is better, each
/// percent under the target counts as a percent over (so the bands invert).
pub fn score(direction: Direction, actual: f64, target: f64) -> f64 {
    let scale = target.abs().max(f64::EPSILON);
    let off = (actual - target) / scale * 100.0;
    match direction {
        Direction::Higher => 100.0 + off,
        Direction::Lower => 100.0 - off,
    }
}

/// The band `actual` falls in against `target` (for "between", the target is ignored):
/// (name, mark).
pub fn band_of(t: &Thresholds, direction: Direction, actual: f64, target: f64) -> (String, Mark) {
    match t {
        Thresholds::Between { low, high } if (*low..=*high).contains(&actual) => {
            ("Within range".into(), Mark::Done)
        }
        Thresholds::Between { .. } => ("Outside range".into(), Mark::Failed),
        Thresholds::Percent(bands) => {
            let s = score(direction, actual, target);
            bands
                .iter()
                .find(|b| b.from.is_none_or(|f| s >= f))
                .or(bands.last())
                .map_or(("Off target".into(), Mark::Failed), |b| {
                    (b.name.clone(), b.mark)
                })
        }
    }
}

/// Typed bands: (name, lower edge in percent — empty for the last —, mark's glyph).
pub type BandInput = (String, String, String);

/// Checks typed bands: 1 to [`MAX_BANDS`], each named, edges numbers strictly falling
/// (no overlap, no disorder), only the last without an edge, each mark one of the
/// glossary's.
pub fn check_bands(typed: &[BandInput]) -> Result<Thresholds, Vec<(String, String)>> {
    let rows: Vec<&BandInput> = typed
        .iter()
        .filter(|(n, e, m)| !(n.trim().is_empty() && e.trim().is_empty() && m.trim().is_empty()))
        .collect();
    let mut errors = Vec::new();
    if rows.is_empty() || rows.len() > MAX_BANDS {
        errors.push((
            "bands".to_string(),
            format!("Give 1 to {MAX_BANDS} bands, highest first."),
        ));
        return Err(errors);
    }
    let mut bands = Vec::new();
    let mut previous: Option<f64> = None;
    for (i, (name, edge, mark)) in rows.iter().enumerate() {
        let field = format!("band_{}", i + 1);
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control)
        {
            errors.push((
                field.clone(),
                format!(
                    "Band {}: give it a name under {MAX_NAME} characters.",
                    i + 1
                ),
            ));
        }
        let last = i + 1 == rows.len();
        let from = match (edge.trim(), last) {
            ("", true) => Some(None),
            ("", false) => {
                errors.push((
                    field.clone(),
                    format!("Band {}: give the percent of target it starts at.", i + 1),
                ));
                None
            }
            (t, _) => match t.trim_end_matches('%').trim().parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..=1000.0).contains(&v) => Some(Some(v)),
                _ => {
                    errors.push((
                        field.clone(),
                        format!("Band {}: \"{t}\" is not a percent from 0 to 1000.", i + 1),
                    ));
                    None
                }
            },
        };
        if let (Some(Some(f)), Some(p)) = (from, previous) {
            if f >= p {
                errors.push((
                    field.clone(),
                    format!("Band {} starts at {f} %, not below the band above it ({p} %): list bands highest first, without overlap.", i + 1),
                ));
            }
        }
        if let Some(Some(f)) = from {
            previous = Some(f);
        }
        let mark = Mark::ALL.into_iter().find(|m| m.glyph() == mark.trim());
        if mark.is_none() {
            errors.push((field.clone(), format!("Band {}: choose its symbol.", i + 1)));
        }
        if let (Some(from), Some(mark)) = (from, mark) {
            bands.push(Band {
                name: name.to_string(),
                from,
                mark,
            });
        }
    }
    if errors.is_empty() {
        Ok(Thresholds::Percent(bands))
    } else {
        Err(errors)
    }
}

/// Checks a "maintain between" range: two numbers, the lower below the upper.
pub fn check_between(low: &str, high: &str) -> Result<Thresholds, Vec<(String, String)>> {
    let parse = |t: &str| {
        t.trim()
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    match (parse(low), parse(high)) {
        (Some(low), Some(high)) if low < high => Ok(Thresholds::Between { low, high }),
        (Some(_), Some(_)) => Err(vec![(
            "low".into(),
            "The lower bound must be below the upper bound.".into(),
        )]),
        _ => Err(vec![(
            "low".into(),
            "Give the lower and the upper bound as numbers.".into(),
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(rows: &[(&str, &str, &str)]) -> Vec<BandInput> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn a_value_falls_in_its_band_at_every_edge_both_ways() {
        let t = check_bands(&typed(&[
            ("Exceeding", "125", "★"),
            ("On target", "100", "✔"),
            ("Close", "95", "▲"),
            ("Off target", "", "✖"),
        ]))
        .unwrap();
        let higher = |a: f64| band_of(&t, Direction::Higher, a, 200.0).0;
        assert_eq!(higher(250.0), "Exceeding", "125 % exactly");
        assert_eq!(higher(249.9), "On target");
        assert_eq!(higher(200.0), "On target", "100 % exactly");
        assert_eq!(higher(199.9), "Close");
        assert_eq!(higher(190.0), "Close", "95 % exactly");
        assert_eq!(higher(189.9), "Off target");
        assert_eq!(higher(0.0), "Off target");
        // Lower is better: 10 % under the target scores 110 %.
        let lower = |a: f64| band_of(&t, Direction::Lower, a, 200.0).0;
        assert_eq!(lower(150.0), "Exceeding", "25 % under");
        assert_eq!(lower(150.1), "On target");
        assert_eq!(lower(200.0), "On target");
        assert_eq!(lower(210.0), "Close", "5 % over");
        assert_eq!(lower(210.1), "Off target");
        assert_eq!(
            band_of(&t, Direction::Higher, 250.0, 200.0).1,
            Mark::Noteworthy
        );
    }

    #[test]
    fn a_level_is_within_or_outside_its_range() {
        let t = check_between("90", "95").unwrap();
        assert_eq!(band_of(&t, Direction::Higher, 90.0, 0.0).0, "Within range");
        assert_eq!(band_of(&t, Direction::Higher, 95.0, 0.0).1, Mark::Done);
        assert_eq!(band_of(&t, Direction::Higher, 95.1, 0.0).0, "Outside range");
        assert_eq!(band_of(&t, Direction::Lower, 89.9, 0.0).1, Mark::Failed);
        assert!(check_between("95", "90").is_err());
        assert!(check_between("x", "90").is_err());
    }

    #[test]
    fn overlapping_unordered_or_unnamed_bands_are_refused() {
        let unordered = check_bands(&typed(&[
            ("Close", "95", "▲"),
            ("On target", "100", "✔"),
            ("Off", "", "✖"),
        ]))
        .unwrap_err();
        assert_eq!(unordered[0].0, "band_2");
        assert!(
            unordered[0].1.contains("highest first"),
            "{}",
            unordered[0].1
        );
        let same = check_bands(&typed(&[
            ("A", "100", "✔"),
            ("B", "100", "▲"),
            ("C", "", "✖"),
        ]))
        .unwrap_err();
        assert_eq!(same[0].0, "band_2");
        let gaps =
            check_bands(&typed(&[("", "100", "✔"), ("B", "", "▲"), ("C", "", "?")])).unwrap_err();
        let fields: Vec<&str> = gaps.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["band_1", "band_2", "band_3"]);
        assert!(check_bands(&[]).is_err());
        assert_eq!(
            check_bands(&typed(&[("All", "", "●")])).unwrap(),
            Thresholds::Percent(vec![Band {
                name: "All".into(),
                from: None,
                mark: Mark::Going
            }])
        );
    }

    #[test]
    fn the_default_bands_call_the_target_met_and_five_percent_short_close() {
        let t = default_bands();
        assert_eq!(band_of(&t, Direction::Higher, 100.0, 100.0).1, Mark::Done);
        assert_eq!(band_of(&t, Direction::Higher, 96.0, 100.0).1, Mark::Warning);
        assert_eq!(band_of(&t, Direction::Higher, 94.0, 100.0).1, Mark::Failed);
        // Stored as JSON and read back the same (no infinite edge to lose).
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Thresholds>(&text).unwrap(), t);
    }
}
