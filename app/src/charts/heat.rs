//! The heat map: a row per strategy, a column per quarter, each cell the status symbol
//! on the status colour ("No update" light, so reported statuses stand out). Drawn at
//! its natural size; the page lets it scroll sideways rather than shrinking its text.

use super::frame::{at, period, style, text, Drawn, Frame, INK, TEXT};
use super::layout::{Layout, CELL, LABELS};
use super::legend::symbol;
use super::status_fill;
use crate::model::chart::Chart;
use crate::model::status::Status;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Draws the grid with quarter labels above it and strategy numbers to its left.
pub fn heat_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    l: &Layout,
    f: Frame,
) -> Drawn<DB> {
    let (x0, y0, _, _) = l.plot;
    let left = x0 + f.px(LABELS);
    let top = y0 + f.px(2 * TEXT + 14);
    let (w, h) = (f.px(CELL.0), f.px(CELL.1));
    // Each fiscal year over the middle of its columns.
    let groups: Vec<Option<&str>> = c.series.iter().map(|s| period(&s.name).0).collect();
    let mut col = 0;
    while col < groups.len() {
        let end = (col..groups.len())
            .find(|e| groups[*e] != groups[col])
            .unwrap_or(groups.len());
        if let Some(group) = groups[col] {
            let middle = left + (col + end) as i32 * w / 2;
            // "FY2026" over one column is written "FY26" so years do not run together.
            let short = format!("FY{}", group.get(4..).unwrap_or(group));
            let label =
                if super::frame::text_width(group, f.px(TEXT)) + f.px(6) > (end - col) as i32 * w {
                    short.as_str()
                } else {
                    group
                };
            text(
                root,
                label,
                (middle, y0),
                &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
            )?;
        }
        col = end;
    }
    for (col, series) in c.series.iter().enumerate() {
        let x = left + col as i32 * w;
        let (_, tick) = period(&series.name);
        text(
            root,
            tick,
            (x + w / 2, y0 + f.px(TEXT + 6)),
            &style(f, TEXT, INK, at(HPos::Center, VPos::Top)),
        )?;
        for (row, code) in series.values.iter().enumerate() {
            let y = top + row as i32 * h;
            let (fill, ink) = status_fill(*code);
            root.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + w - 1, y + h - 1)],
                fill.filled(),
            ))?;
            let status = code.and_then(|c| Status::ALL.get(c as usize).copied());
            symbol(root, status, (x + w / 2, y + h / 2), f.px(6), ink, f)?;
            let row_name = c.categories.get(row).map_or("", String::as_str);
            let label = status.map_or("No update", |s| s.label());
            l.spot(
                (x, y, w, h),
                format!("{row_name}, {}: {label}", series.name),
            );
        }
    }
    // Each row: the strategy's number and as much of its title as fits (the data table
    // under the chart has the whole of it).
    let fits = super::frame::chars_fitting(f.px(LABELS - 12), f.px(TEXT));
    for (row, category) in c.categories.iter().enumerate() {
        let label = category.strip_prefix("Strategy ").unwrap_or(category);
        let label = match label.split_once(": ") {
            Some((number, title)) => format!("{number} {title}"),
            None => label.to_string(),
        };
        text(
            root,
            &crate::model::axis::shorten(&label, fits),
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
