//! Line charts over quarters: a value axis with round ticks and light grid lines, the
//! quarters written "Q1" with their fiscal year under the first of each year, a
//! labelled marker for the current quarter drawn under the data, and a legend outside.

use super::colour;
use super::frame::{
    at, line, period, style, text, text_width, Drawn, Frame, Scale, AXIS, GRID, INK, TEXT,
};
use super::layout::Layout;
use super::marks::{dashed, marker};
use crate::model::axis::value_ticks;
use crate::model::chart::{trim, Chart};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A drawn value axis: where the plot starts on the left, and the value → pixel map
/// (`a` the bottom, `b` the top).
pub struct ValueAxis {
    pub left: i32,
    pub scale: Scale,
}

/// Draws the unit above the plot, the grid lines and their labels for `ticks`; leaves
/// room under the plot for the category labels.
pub fn value_axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
    ticks: &[f64],
    rows_below: i32,
) -> Result<ValueAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, y0, x1, y1) = l.plot;
    let labels: Vec<String> = ticks.iter().map(|t| trim(*t)).collect();
    let widest = labels
        .iter()
        .map(|t| text_width(t, f.px(TEXT)))
        .max()
        .unwrap_or(0);
    let left = x0 + widest + f.px(10);
    let (top, bottom) = (
        y0 + f.px(TEXT + 12),
        y1 - f.px(rows_below * (TEXT + 6) + 14),
    );
    text(
        root,
        &c.y_label,
        (x0, y0),
        &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
    )?;
    let scale = Scale {
        lo: *ticks.first().unwrap_or(&0.0),
        hi: *ticks.last().unwrap_or(&1.0),
        a: bottom,
        b: top,
    };
    for (t, label) in ticks.iter().zip(&labels) {
        let py = scale.at(*t);
        let colour = if *t == 0.0 { AXIS } else { GRID };
        line(root, (left, py), (x1, py), colour.stroke_width(1), None)?;
        text(
            root,
            label,
            (left - f.px(6), py),
            &style(f, TEXT, INK, at(HPos::Right, VPos::Center)),
        )?;
    }
    Ok(ValueAxis { left, scale })
}

/// One line per series across the categories (quarters).
pub fn lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
) -> Drawn<DB> {
    let (_, _, x1, _) = l.plot;
    let n = c.categories.len().max(1);
    let (lo, hi) = c.value_range();
    // Percent complete reads against the whole 0–100 scale.
    let hi = if c.y_label.contains('%') && hi <= 100.0 {
        100.0
    } else {
        hi
    };
    let ticks = value_ticks(lo, hi);
    let y = value_axis(root, c, l, f, &ticks, 2)?;
    let ends = end_labels(c);
    let room = ends
        .iter()
        .map(|(_, t)| text_width(t, f.px(TEXT)))
        .max()
        .map_or(0, |w| w + f.px(8));
    let (left, right, bottom) = (y.left, x1 - f.px(8) - room, y.scale.a);
    let slot = (right - left) as f64 / n as f64;
    let x = |i: usize| left + (slot * (i as f64 + 0.5)).round() as i32;
    quarter_labels(root, c, f, (left, bottom), slot)?;
    if let Some(m) = c.marker.filter(|m| *m < n) {
        let px = x(m);
        line(
            root,
            (px, y.scale.b - f.px(4)),
            (px, bottom),
            AXIS.stroke_width(1),
            Some((f.px(4), f.px(4))),
        )?;
        let label = "Current quarter";
        let (anchor, dx) = if px + f.px(6) + text_width(label, f.px(TEXT)) > right {
            (HPos::Right, -f.px(6))
        } else {
            (HPos::Left, f.px(6))
        };
        text(
            root,
            label,
            (px + dx, y.scale.b - f.px(4)),
            &style(f, TEXT, INK, at(anchor, VPos::Top)),
        )?;
    }
    if let Some(b) = c.baseline {
        line(
            root,
            (left, y.scale.at(b)),
            (right, y.scale.at(b)),
            AXIS.stroke_width(1),
            Some((f.px(6), f.px(4))),
        )?;
    }
    if let Some(fc) = c.forecast {
        forecast(root, c, fc, (&x, &y.scale), f)?;
    }
    let mut placed: Vec<(usize, i32, i32)> = Vec::new();
    for (s, series) in c.series.iter().enumerate() {
        let ink = colour(series.colour as usize);
        let points: Vec<(i32, i32)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (x(i), y.scale.at(v))))
            .collect();
        let width = f.px(if s == 0 { 3 } else { 2 }) as u32;
        // Past the fourth series, every other line is dashed, so lines that cross
        // differ in stroke as well as colour and marker.
        if dashed(s) {
            for pair in points.windows(2) {
                line(
                    root,
                    pair[0],
                    pair[1],
                    ink.stroke_width(width),
                    Some((f.px(8), f.px(5))),
                )?;
            }
        } else {
            root.draw(&PathElement::new(points.clone(), ink.stroke_width(width)))?;
        }
        // Markers differ in shape as well as colour.
        for p in &points {
            marker(root, *p, s, ink, f)?;
        }
        let unit = if c.y_label.contains('%') { " %" } else { "" };
        let r = f.px(8);
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let (px, py) = (x(i), y.scale.at(*v));
            let when = c.categories.get(i).map_or("", String::as_str);
            l.spot(
                (px - r, py - r, 2 * r, 2 * r),
                format!("{}, {when}: {}{unit}", series.name, trim(*v)),
            );
        }
        if let Some(last) = points.last() {
            placed.push((s, last.0, last.1));
        }
    }
    // Each line's last value written at its end, pushed apart so none overlap.
    placed.sort_by_key(|(_, _, y)| *y);
    let gap = f.px(TEXT + 2);
    let mut floor = i32::MIN;
    for p in placed.iter_mut() {
        p.2 = p.2.max(floor);
        floor = p.2 + gap;
    }
    // A stack pushed below the axis moves up as a whole.
    let over = placed.last().map_or(0, |p| p.2 - (bottom - f.px(TEXT) / 2));
    for (s, x, y) in placed {
        let y = y - over.max(0);
        let Some((_, label)) = ends.iter().find(|(i, _)| *i == s) else {
            continue;
        };
        let ink = colour(c.series[s].colour as usize);
        text(
            root,
            label,
            (x + f.px(8), y),
            &style(f, TEXT, ink_for_text(ink), at(HPos::Left, VPos::Center)),
        )?;
    }
    Ok(())
}

/// The forecast: its range shaded from the first series' value at `fc.from` to the last
/// category, and a dashed line to its point, labelled.
fn forecast<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    fc: crate::model::chart::ChartForecast,
    (x, scale): (&dyn Fn(usize) -> i32, &Scale),
    f: Frame,
) -> Drawn<DB> {
    let last = c.categories.len().saturating_sub(1);
    let Some(start) = c
        .series
        .first()
        .and_then(|s| s.values.get(fc.from).copied().flatten())
    else {
        return Ok(());
    };
    if fc.from >= last {
        return Ok(());
    }
    let ink = colour(0);
    let from = (x(fc.from), scale.at(start));
    let (low, high) = ((x(last), scale.at(fc.low)), (x(last), scale.at(fc.high)));
    root.draw(&Polygon::new(vec![from, low, high], ink.mix(0.15).filled()))?;
    line(root, from, low, ink.mix(0.5).stroke_width(1), None)?;
    line(root, from, high, ink.mix(0.5).stroke_width(1), None)?;
    let end = (x(last), scale.at(fc.point));
    line(
        root,
        from,
        end,
        ink.stroke_width(f.px(2) as u32),
        Some((f.px(8), f.px(5))),
    )?;
    root.draw(&Circle::new(end, f.px(4), ink.stroke_width(2)))?;
    text(
        root,
        "Forecast",
        (end.0 - f.px(8), end.1),
        &style(f, TEXT, INK, at(HPos::Right, VPos::Bottom)),
    )?;
    Ok(())
}

/// Text in a series' colour, darkened where the colour is too light to read on white.
fn ink_for_text(ink: RGBColor) -> RGBColor {
    let light = |c: u8| c as u32 > 0xa0;
    if light(ink.0) && light(ink.1) || light(ink.1) && light(ink.2) {
        INK
    } else {
        ink
    }
}

/// The label at the end of each series with a value: its last value, after its short
/// name ("Goal 4") when there are more than two series to tell apart.
pub fn end_labels(c: &Chart) -> Vec<(usize, String)> {
    let named = c.series.len() > 2;
    c.series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let v = s.values.iter().rev().flatten().next()?;
            let value = format!(
                "{}{}",
                trim(*v),
                if c.y_label.contains('%') { " %" } else { "" }
            );
            Some(match named {
                true => (i, format!("{} {value}", short_name(&s.name))),
                false => (i, value),
            })
        })
        .collect()
}

/// A series name up to its colon ("Goal 4: Human capital" → "Goal 4"), at most 14
/// characters.
fn short_name(name: &str) -> String {
    let head = name.split(':').next().unwrap_or(name).trim();
    crate::model::axis::shorten(head, 14)
}

/// Writes the categories under the plot: for quarters, "Q1" under each point (when
/// they fit) and the fiscal year under the first of each year; otherwise as many
/// labels as fit.
fn quarter_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    f: Frame,
    (left, bottom): (i32, i32),
    slot: f64,
) -> Drawn<DB> {
    let x = |i: usize| left + (slot * (i as f64 + 0.5)).round() as i32;
    let size = f.px(TEXT);
    let ticks_fit = c
        .categories
        .iter()
        .all(|cat| (text_width(period(cat).1, size) as f64) + f.px(6) as f64 <= slot);
    let below = |row: i32| bottom + f.px(6) + row * f.px(TEXT + 6);
    let mut free_from = i32::MIN;
    let mut last_group = None;
    for (i, category) in c.categories.iter().enumerate() {
        let (group, tick) = period(category);
        if ticks_fit {
            text(
                root,
                tick,
                (x(i), below(0)),
                &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
            )?;
        }
        let label = match group {
            Some(g) if last_group != Some(g) => g,
            Some(_) => continue,
            None if ticks_fit => continue,
            None => tick,
        };
        last_group = group;
        let w = text_width(label, size);
        let row = if ticks_fit { 1 } else { 0 };
        // Under the first quarter of its year, starting there; skipped when it would
        // run into the previous year's label.
        let start = if ticks_fit {
            x(i) - f.px(8)
        } else {
            x(i) - w / 2
        };
        if start >= free_from {
            text(
                root,
                label,
                (start, below(row)),
                &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
            )?;
            free_from = start + w + f.px(10);
        }
    }
    Ok(())
}
