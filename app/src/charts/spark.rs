//! A small trend chart: a measure's annual actuals over six years as bars, the target as
//! a line, for the Annual Performance Report beside its trend table (the table is the
//! data; the chart is labelled for screen readers by its caller).

use super::frame::{at, style, text, Drawn, AXIS, INK};
use super::{colour, colours, ensure_font};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The chart's size in pixels.
pub const WIDTH: u32 = 300;
pub const HEIGHT: u32 = 110;

/// Six years' actuals `(label, value)` as bars (the last one darker: the year reported)
/// and `target` as a line across, as an SVG document.
pub fn trend(years: &[(String, Option<f64>)], target: Option<f64>) -> String {
    ensure_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw(&root, years, target);
        let _ = root.present();
    }
    out
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    years: &[(String, Option<f64>)],
    target: Option<f64>,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let (w, h) = (WIDTH as i32, HEIGHT as i32);
    let (top, bottom, left) = (8, h - 22, 4);
    let top_value = years
        .iter()
        .filter_map(|(_, v)| *v)
        .chain(target)
        .fold(0.0_f64, f64::max);
    let top_value = if top_value > 0.0 { top_value } else { 1.0 };
    let y_of = |v: f64| bottom - ((v.max(0.0) / top_value) * (bottom - top) as f64) as i32;
    let n = years.len().max(1) as i32;
    let slot = (w - 2 * left) / n;
    let f = super::Frame::WIDE;
    for (i, (label, value)) in years.iter().enumerate() {
        let x = left + slot * i as i32;
        let last = i + 1 == years.len();
        if let Some(v) = value {
            let fill = colour(if last {
                colours::NAVY as usize
            } else {
                colours::GREY as usize
            });
            root.draw(&Rectangle::new(
                [(x + 6, y_of(*v)), (x + slot - 6, bottom)],
                fill.filled(),
            ))?;
        }
        let pos = at(HPos::Center, VPos::Top);
        text(
            root,
            label,
            (x + slot / 2, bottom + 4),
            &style(f, 12, INK, pos),
        )?;
    }
    root.draw(&PathElement::new(
        vec![(left, bottom), (w - left, bottom)],
        AXIS.stroke_width(1),
    ))?;
    if let Some(t) = target {
        let y = y_of(t);
        root.draw(&PathElement::new(
            vec![(left, y), (w - left, y)],
            colour(colours::RED as usize).stroke_width(2),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_draws_a_bar_for_each_year_with_a_value_and_the_target_line() {
        let years: Vec<(String, Option<f64>)> = vec![
            ("FY22".into(), Some(10.0)),
            ("FY23".into(), None),
            ("FY24".into(), Some(20.0)),
        ];
        let svg = trend(&years, Some(15.0));
        assert_eq!(svg.matches("<rect").count(), 1 + 2, "{svg}");
        assert!(svg.contains("FY23"), "every year is labelled");
        assert_eq!(svg.matches("<polyline").count(), 2, "axis and target");
        let no_target = trend(&years, None);
        assert_eq!(no_target.matches("<polyline").count(), 1);
    }
}
