//! Axis ranges for charts: whole-number ticks for counts, round steps for values, the
//! trend's window of quarters, and labels shortened to fit. Pure, so tested on their own.

use super::fiscal::FiscalQuarter;

/// Ticks for a count axis: whole numbers from 0, at most six of them, the last at or
/// above `max` (so the axis ends on a tick). One measure counts 0 and 1, never 0.0–1.0.
pub fn count_ticks(max: f64) -> Vec<f64> {
    let top = max.ceil().max(1.0);
    let step = steps().find(|s| (top / s).ceil() <= 5.0).unwrap_or(top);
    let n = (top / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Ticks for a value axis covering `lo..=hi` (and zero): a round step (1, 2, 2.5 or 5
/// times a power of ten), about five intervals, the ends on ticks.
pub fn value_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let hi = if (hi - lo).abs() < f64::EPSILON {
        lo + 1.0
    } else {
        hi
    };
    let raw = (hi - lo) / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|i| round(i as f64 * step)).collect()
}

/// Round steps for counts: 1, 2, 5, 10, 20, 50, …
fn steps() -> impl Iterator<Item = f64> {
    (0..12).flat_map(|p| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(p)))
}

/// Removes floating-point dust (0.30000000000000004 → 0.3).
fn round(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// The quarters a trend shows, oldest first, ending with `current`: from the first
/// quarter with data (at least `least` quarters, at most `most`).
pub fn trend_window(
    current: FiscalQuarter,
    first_reported: Option<FiscalQuarter>,
    least: usize,
    most: usize,
) -> Vec<FiscalQuarter> {
    let mut list = vec![current];
    let start = first_reported.filter(|f| *f <= current);
    while list.len() < most {
        let earlier = list[list.len() - 1].previous();
        let wanted = list.len() < least || start.is_some_and(|s| s <= earlier);
        if !wanted {
            break;
        }
        list.push(earlier);
    }
    list.reverse();
    list
}

/// `text` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() + 1 > max {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '.']))
}

/// `text` broken into lines of at most `max` characters (a longer word stands alone).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: i32, quarter: u8) -> FiscalQuarter {
        FiscalQuarter { year, quarter }
    }

    #[test]
    fn a_count_axis_has_whole_number_ticks_ending_at_or_above_the_largest_count() {
        assert_eq!(count_ticks(1.0), vec![0.0, 1.0], "one measure: 0 and 1");
        assert_eq!(
            count_ticks(0.0),
            vec![0.0, 1.0],
            "nothing yet still has an axis"
        );
        assert_eq!(count_ticks(4.0), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(count_ticks(7.0), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(count_ticks(30.0), vec![0.0, 10.0, 20.0, 30.0]);
        let big = count_ticks(5_000.0);
        assert_eq!(big.last(), Some(&5_000.0));
        assert!(big.len() <= 6, "{big:?}");
        for max in [1.0, 3.0, 9.0, 11.0, 26.0, 99.0, 101.0, 1234.0] {
            let t = count_ticks(max);
            assert!(t.iter().all(|v| v.fract() == 0.0), "{max}: {t:?}");
            assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
            assert!(t.len() <= 7, "{max}: {t:?}");
        }
    }

    #[test]
    fn a_value_axis_takes_round_steps_and_includes_zero() {
        assert_eq!(
            value_ticks(0.0, 100.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(value_ticks(0.0, 1.0), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(value_ticks(90.0, 130.0).first(), Some(&0.0));
        assert_eq!(value_ticks(0.0, 130.0).last(), Some(&150.0));
        assert_eq!(value_ticks(-3.0, 4.0).first(), Some(&-4.0));
        assert_eq!(value_ticks(0.0, 0.0), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
    }

    #[test]
    fn the_trend_starts_at_the_first_reported_quarter_and_shows_at_least_four() {
        let now = q(2027, 1);
        let four = trend_window(now, None, 4, 40);
        assert_eq!(four, vec![q(2026, 2), q(2026, 3), q(2026, 4), q(2027, 1)]);
        assert_eq!(
            trend_window(now, Some(now), 4, 40),
            four,
            "one quarter of data"
        );
        let since = trend_window(now, Some(q(2025, 3)), 4, 40);
        assert_eq!(since.first(), Some(&q(2025, 3)));
        assert_eq!(since.last(), Some(&now));
        assert_eq!(since.len(), 7);
        let capped = trend_window(now, Some(q(2010, 1)), 4, 40);
        assert_eq!(capped.len(), 40);
        assert_eq!(capped.last(), Some(&now));
        let future = trend_window(now, Some(q(2028, 1)), 4, 40);
        assert_eq!(future, four, "data after today does not move the window");
    }

    #[test]
    fn long_labels_are_shortened_at_a_word_and_wrapped() {
        assert_eq!(shorten("Goal 4", 20), "Goal 4");
        assert_eq!(
            shorten("Goal 4: Deliver timely, accurate services", 20),
            "Goal 4: Deliver…"
        );
        assert!(shorten("Supercalifragilistic", 8).chars().count() <= 8);
        assert_eq!(
            wrap("Average percent complete by quarter, per goal", 20),
            vec!["Average percent", "complete by quarter,", "per goal"]
        );
    }
}
