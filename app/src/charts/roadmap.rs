//! The business plan's roadmap: a row per strategy, a column per quarter over five
//! fiscal years, a bar where the strategy is worked on and a triangle in the quarter a
//! milestone is due. Drawn at its natural size; the page lets it scroll sideways.

use super::frame::{at, period, style, text, Drawn, Frame, INK, TEXT};
use super::layout::{Layout, CELL, LABELS};
use super::{colour, colours};
use crate::model::chart::{roadmap_text, Chart};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Draws the grid with fiscal years and quarters above it and strategy numbers to its left.
pub fn roadmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
) -> Drawn<DB> {
    let (x0, y0, _, _) = l.plot;
    let left = x0 + f.px(LABELS);
    let top = y0 + f.px(2 * TEXT + 14);
    let (w, h) = (f.px(CELL.0), f.px(CELL.1));
    let mut year = None;
    for (col, series) in c.series.iter().enumerate() {
        let x = left + col as i32 * w;
        let (group, tick) = period(&series.name);
        if group != year {
            year = group;
            if let Some(label) = group {
                text(
                    root,
                    label,
                    (x + 2, y0),
                    &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
                )?;
                // A line where each fiscal year starts.
                let bottom = top + c.categories.len() as i32 * h;
                root.draw(&PathElement::new(
                    vec![(x, y0 + f.px(TEXT + 4)), (x, bottom)],
                    super::frame::AXIS.stroke_width(1),
                ))?;
            }
        }
        text(
            root,
            tick,
            (x + w / 2, y0 + f.px(TEXT + 6)),
            &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
        )?;
        for (row, code) in series.values.iter().enumerate() {
            let y = top + row as i32 * h;
            let inset = f.px(6);
            match code {
                Some(c) if *c >= 1.0 => {
                    root.draw(&Rectangle::new(
                        [(x, y + inset), (x + w, y + h - inset)],
                        colour(colours::NAVY as usize).filled(),
                    ))?;
                }
                Some(_) => {
                    root.draw(&Rectangle::new(
                        [(x, y + inset), (x + w, y + h - inset)],
                        colour(colours::LIGHT as usize).filled(),
                    ))?;
                }
                None => {}
            }
            if code.is_some_and(|c| c >= 2.0) {
                let (cx, cy, r) = (x + w / 2, y + h / 2, f.px(7));
                root.draw(&Polygon::new(
                    vec![(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)],
                    colour(colours::AMBER as usize).filled(),
                ))?;
                root.draw(&PathElement::new(
                    vec![
                        (cx, cy - r),
                        (cx + r, cy + r),
                        (cx - r, cy + r),
                        (cx, cy - r),
                    ],
                    INK.stroke_width(1),
                ))?;
            }
            let row_name = c.categories.get(row).map_or("", String::as_str);
            l.spot(
                (x, y, w, h),
                format!("{row_name}, {}: {}", series.name, roadmap_text(*code)),
            );
        }
    }
    let fits = super::frame::chars_fitting(f.px(LABELS - 12), f.px(TEXT));
    for (row, category) in c.categories.iter().enumerate() {
        let label = category.strip_prefix("Strategy ").unwrap_or(category);
        text(
            root,
            &crate::model::axis::shorten(label, fits),
            (x0, top + row as i32 * h + h / 2),
            &style(f, TEXT, INK, at(HPos::Left, VPos::Center)),
        )?;
    }
    text(
        root,
        &c.x_label,
        (x0, y0 + f.px(TEXT + 6)),
        &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
    )
}
