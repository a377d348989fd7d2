//! Bar charts: counts stacked by status per goal (horizontal, whole-number axis; on a
//! phone each goal's name sits above its bar), and a measure's actual per year as bars
//! with target markers and the baseline.

use super::frame::{
    at, chars_fitting, line, period, style, text, text_width, Drawn, Frame, Scale, AXIS, GRID, INK,
    TEXT,
};
use super::layout::Layout;
use super::{colour, ink_on};
use crate::model::axis::{count_ticks, shorten, value_ticks};
use crate::model::chart::{trim, Chart};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

fn value(c: &Chart, s: usize, i: usize) -> f64 {
    c.series
        .get(s)
        .and_then(|s| s.values.get(i).copied().flatten())
        .unwrap_or(0.0)
}

/// Horizontal bars, one per category, stacked by series, each segment's count written
/// on it where it fits.
pub fn stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
) -> Drawn<DB> {
    let (x0, y0, x1, y1) = l.plot;
    let n = c.categories.len().max(1) as i32;
    let total = |i: usize| (0..c.series.len()).map(|s| value(c, s, i)).sum::<f64>();
    let max = (0..c.categories.len()).map(total).fold(0.0, f64::max);
    let ticks = count_ticks(max);
    let label_w = if f.narrow { 0 } else { f.px(200) };
    let axis_h = f.px(48);
    let (left, right, bottom) = (x0 + label_w, x1 - f.px(12), y1 - axis_h);
    let x = Scale {
        lo: 0.0,
        hi: *ticks.last().unwrap_or(&1.0),
        a: left,
        b: right,
    };
    for t in &ticks {
        let px = x.at(*t);
        line(root, (px, y0), (px, bottom), GRID.stroke_width(1), None)?;
        text(
            root,
            &trim(*t),
            (px, bottom + f.px(6)),
            &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
        )?;
    }
    text(
        root,
        &c.y_label,
        ((left + right) / 2, bottom + f.px(28)),
        &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
    )?;
    let row_h = (bottom - y0) / n;
    for (i, category) in c.categories.iter().enumerate() {
        let top = y0 + i as i32 * row_h;
        let (bar_top, bar_bottom) = if f.narrow {
            (top + f.px(TEXT + 8), top + row_h - f.px(8))
        } else {
            (top + f.px(8), top + row_h - f.px(8))
        };
        if f.narrow {
            let name = shorten(category, chars_fitting(right - left, f.px(TEXT)));
            text(
                root,
                &name,
                (left + f.px(4), top + f.px(2)),
                &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
            )?;
        } else {
            let name = shorten(category, chars_fitting(label_w - f.px(12), f.px(TEXT)));
            text(
                root,
                &name,
                (left - f.px(10), (bar_top + bar_bottom) / 2),
                &style(f, TEXT, INK, at(HPos::Right, VPos::Center)),
            )?;
        }
        let mut start = 0.0;
        for (s, series) in c.series.iter().enumerate() {
            let v = value(c, s, i);
            if v <= 0.0 {
                continue;
            }
            let fill = colour(series.colour as usize);
            let (a, b) = (x.at(start), x.at(start + v));
            root.draw(&Rectangle::new(
                [(a, bar_top), (b, bar_bottom)],
                fill.filled(),
            ))?;
            let count = trim(v);
            l.spot(
                (a, bar_top, b - a, bar_bottom - bar_top),
                format!("{category}: {} {count}", series.name),
            );
            if b - a >= text_width(&count, f.px(TEXT)) + f.px(6) {
                text(
                    root,
                    &count,
                    ((a + b) / 2, (bar_top + bar_bottom) / 2),
                    &style(
                        f,
                        TEXT,
                        ink_on(series.colour),
                        at(HPos::Center, VPos::Center),
                    ),
                )?;
            }
            start += v;
        }
    }
    if f.narrow {
        return Ok(());
    }
    line(root, (left, y0), (left, bottom), AXIS.stroke_width(1), None)
}

/// Bars for the first series, target triangles for the second, a dashed baseline; this
/// year's actual to date (third series) beside its pro-rated target (fourth). Each bar's
/// value is written above it and each target under its year.
pub fn with_target<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
) -> Drawn<DB> {
    let (_, _, x1, y1) = l.plot;
    let n = c.categories.len().max(1) as i32;
    let (lo, hi) = c.value_range();
    let ticks = value_ticks(lo, hi);
    let y = super::lines::value_axis(root, c, l, f, &ticks, 3)?;
    let (left, right, bottom) = (y.left, x1 - f.px(8), y.scale.a);
    let slot = (right - left) / n;
    let small = TEXT - 3;
    let target = c.series.get(1);
    for (i, category) in c.categories.iter().enumerate() {
        let middle = left + slot * i as i32 + slot / 2;
        let (_, tick) = period(category);
        let size = if text_width(tick, f.px(TEXT)) > slot - f.px(4) {
            TEXT - 2
        } else {
            TEXT
        };
        text(
            root,
            tick,
            (middle, bottom + f.px(6)),
            &style(f, size, INK, at(HPos::Center, VPos::Top)),
        )?;
        let Some(t) = target.and_then(|t| t.values.get(i).copied().flatten()) else {
            continue;
        };
        let words = format!("target {}", trim(t));
        let label = if text_width(&words, f.px(small)) <= slot - f.px(2) {
            words
        } else {
            trim(t)
        };
        text(
            root,
            &label,
            (middle, bottom + f.px(TEXT + 10)),
            &style(f, small, INK, at(HPos::Center, VPos::Top)),
        )?;
    }
    text(
        root,
        &c.x_label,
        ((left + right) / 2, y1 - f.px(4)),
        &style(f, TEXT, INK, at(HPos::Center, VPos::Bottom)),
    )?;
    // (series, left edge within the slot, width), in eighths of a slot.
    let mut bars = vec![(0usize, 2, 4)];
    if c.series.len() >= 4 {
        bars.extend([(2, 1, 3), (3, 4, 3)]);
    }
    for (s, from, width) in bars {
        let Some(series) = c.series.get(s) else {
            continue;
        };
        let fill = colour(series.colour as usize);
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            // This year's pair takes the slot's middle; a year with a full actual, its bar.
            let pair = s >= 2
                || c.series
                    .get(2)
                    .is_some_and(|p| p.values.get(i).copied().flatten().is_some());
            let (from, width) = if s == 0 && pair {
                (1, 3)
            } else {
                (from, width)
            };
            let a = left + slot * i as i32 + slot * from / 8;
            let b = a + slot * width / 8;
            let top = y.scale.at(*v);
            let zero = y.scale.at(0.0);
            root.draw(&Rectangle::new([(a, top), (b, zero)], fill.filled()))?;
            let when = c.categories.get(i).map_or("", String::as_str);
            l.spot(
                (a, top.min(zero), b - a, (zero - top).abs()),
                format!("{}, {when}: {}", series.name, trim(*v)),
            );
            if s == 3 {
                root.draw(&Rectangle::new(
                    [(a, top), (b, y.scale.at(0.0))],
                    INK.stroke_width(1),
                ))?;
            }
            text(
                root,
                &trim(*v),
                ((a + b) / 2, top.min(y.scale.at(0.0)) - f.px(3)),
                &style(f, small, INK, at(HPos::Center, VPos::Bottom)),
            )?;
        }
    }
    if let Some(b) = c.baseline {
        line(
            root,
            (left, y.scale.at(b)),
            (right, y.scale.at(b)),
            AXIS.stroke_width(f.px(2) as u32),
            Some((f.px(6), f.px(4))),
        )?;
    }
    if let Some(target) = target {
        for (i, v) in target.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let middle = left + slot * i as i32 + slot / 2;
            root.draw(&TriangleMarker::new(
                (middle, y.scale.at(*v)),
                f.px(7),
                BLACK.filled(),
            ))?;
            let when = c.categories.get(i).map_or("", String::as_str);
            let r = f.px(8);
            l.spot(
                (middle - r, y.scale.at(*v) - r, 2 * r, 2 * r),
                format!("{}, {when}: {}", target.name, trim(*v)),
            );
        }
    }
    Ok(())
}
