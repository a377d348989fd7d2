//! Legends, drawn outside the data: a column right of the plot on a wide chart, rows
//! under it on a phone and under a heat map. Each entry's mark matches its series
//! (box, line with its marker and dash, target triangle, dashed baseline).

use super::frame::{at, chars_fitting, line, style, text, text_width, Drawn, Frame, INK, TEXT};
use super::{colour, status_fill};
use crate::model::axis::{shorten, wrap};
use crate::model::chart::{trim, Chart, ChartKind};
use crate::model::status::Status;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// How an entry's series is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Box,
    /// Series `i` of a line chart: its marker shape, dashed where its line is.
    Line(usize),
    Triangle,
    Dashed,
    /// A status's colour with its symbol drawn on it (`None`: no update).
    Status(Option<Status>),
}

/// One legend entry.
pub struct Entry {
    pub name: String,
    pub mark: Mark,
    pub colour: RGBColor,
}

/// The entries of a chart's legend, in series order.
pub fn entries(c: &Chart) -> Vec<Entry> {
    let mut out: Vec<Entry> = match c.kind {
        ChartKind::StackedBars => c
            .series
            .iter()
            .map(|s| Entry {
                name: s.name.clone(),
                mark: Mark::Box,
                colour: colour(s.colour as usize),
            })
            .collect(),
        ChartKind::Lines => c
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Entry {
                name: s.name.clone(),
                mark: Mark::Line(i),
                colour: colour(s.colour as usize),
            })
            .collect(),
        ChartKind::BarsWithTarget => c
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Entry {
                name: s.name.clone(),
                mark: if i == 1 { Mark::Triangle } else { Mark::Box },
                colour: if i == 1 {
                    BLACK
                } else {
                    colour(s.colour as usize)
                },
            })
            .collect(),
        ChartKind::Roadmap => vec![
            Entry {
                name: "Worked on".into(),
                mark: Mark::Box,
                colour: colour(super::colours::NAVY as usize),
            },
            Entry {
                name: "Milestone due".into(),
                mark: Mark::Triangle,
                colour: colour(super::colours::AMBER as usize),
            },
            Entry {
                name: "Not worked on".into(),
                mark: Mark::Box,
                colour: colour(super::colours::LIGHT as usize),
            },
        ],
        ChartKind::HeatMap => {
            let codes: Vec<Option<usize>> = c
                .series
                .iter()
                .flat_map(|s| s.values.iter().map(|v| v.map(|v| v as usize)))
                .collect();
            Status::ALL
                .iter()
                .enumerate()
                .map(Some)
                .chain([None])
                .filter(|e| codes.contains(&e.map(|(i, _)| i)))
                .map(|e| Entry {
                    name: e.map_or("No update", |(_, s)| s.label()).to_string(),
                    mark: Mark::Status(e.map(|(_, s)| *s)),
                    colour: status_fill(e.map(|(i, _)| i as f64)).0,
                })
                .collect()
        }
    };
    if let Some(b) = c.baseline {
        out.push(Entry {
            name: format!("Baseline ({})", trim(b)),
            mark: Mark::Dashed,
            colour: super::frame::AXIS,
        });
    }
    out
}

/// The width of an entry's mark and the gap after it.
fn mark_width(f: Frame) -> i32 {
    f.px(30)
}

/// Height of the legend as a column `width` wide (names wrapped to two lines at most).
pub fn height_right(entries: &[Entry], width: i32, f: Frame) -> i32 {
    let fit = chars_fitting(width - mark_width(f), f.px(TEXT));
    entries
        .iter()
        .map(|e| {
            let lines = wrap(&shorten(&e.name, fit * 2), fit).len().max(1) as i32;
            lines * f.px(TEXT + 4) + f.px(8)
        })
        .sum()
}

/// Height of the legend as rows under a plot `width` wide.
pub fn height_below(entries: &[Entry], width: i32, f: Frame) -> i32 {
    rows(entries, width, f).len() as i32 * f.px(TEXT + 8)
}

/// Entries flowed into rows that fit `width`.
fn rows(entries: &[Entry], width: i32, f: Frame) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = width;
    for (i, e) in entries.iter().enumerate() {
        let w = mark_width(f) + text_width(&e.name, f.px(TEXT)) + f.px(16);
        if used + w > width && !rows.last().is_some_and(Vec::is_empty) {
            rows.push(Vec::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(i);
        }
        used += w;
    }
    rows
}

/// Draws the mark of an entry whose row is centred on `y`, starting at `x`.
fn mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Entry,
    (x, y): (i32, i32),
    f: Frame,
) -> Drawn<DB> {
    let half = f.px(6);
    let end = x + f.px(22);
    match e.mark {
        Mark::Status(status) => {
            let r = f.px(9);
            root.draw(&Rectangle::new(
                [(x, y - r), (x + 2 * r, y + r)],
                e.colour.filled(),
            ))?;
            let code = status.and_then(|s| Status::ALL.iter().position(|x| *x == s));
            let ink = status_fill(code.map(|c| c as f64)).1;
            symbol(root, status, (x + r, y), f.px(5), ink, f)
        }
        Mark::Box => root.draw(&Rectangle::new(
            [(x + f.px(4), y - half), (x + f.px(4) + 2 * half, y + half)],
            e.colour.filled(),
        )),
        Mark::Line(i) => {
            let dash = super::marks::dashed(i).then_some((f.px(8), f.px(5)));
            line(
                root,
                (x, y),
                (end, y),
                e.colour.stroke_width(f.px(3) as u32),
                dash,
            )?;
            super::marks::marker(root, ((x + end) / 2, y), i, e.colour, f)
        }
        Mark::Triangle => root.draw(&TriangleMarker::new(
            (x + f.px(11), y),
            f.px(7),
            e.colour.filled(),
        )),
        Mark::Dashed => line(
            root,
            (x, y),
            (end, y),
            e.colour.stroke_width(f.px(2) as u32),
            Some((f.px(5), f.px(3))),
        ),
    }
}

/// Draws the legend as a column starting at (`x`, `y`), names wrapped to `width`.
pub fn draw_right<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    (x, mut y): (i32, i32),
    width: i32,
    f: Frame,
) -> Drawn<DB> {
    let size = f.px(TEXT);
    let fit = chars_fitting(width - mark_width(f), size);
    let line_h = f.px(TEXT + 4);
    for e in entries {
        let lines = wrap(&shorten(&e.name, fit * 2), fit);
        mark(root, e, (x, y + line_h / 2), f)?;
        for (i, l) in lines.iter().enumerate() {
            text(
                root,
                l,
                (x + mark_width(f), y + i as i32 * line_h),
                &style(f, TEXT, INK, at(HPos::Left, VPos::Top)),
            )?;
        }
        y += lines.len().max(1) as i32 * line_h + f.px(8);
    }
    Ok(())
}

/// Draws the legend as rows under a plot, from (`x`, `y`), `width` wide.
pub fn draw_below<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    (x, y): (i32, i32),
    width: i32,
    f: Frame,
) -> Drawn<DB> {
    let row_h = f.px(TEXT + 8);
    for (r, row) in rows(entries, width, f).iter().enumerate() {
        let mut left = x;
        let middle = y + r as i32 * row_h + row_h / 2;
        for &i in row {
            let e = &entries[i];
            mark(root, e, (left, middle), f)?;
            text(
                root,
                &e.name,
                (left + mark_width(f), middle),
                &style(f, TEXT, INK, at(HPos::Left, VPos::Center)),
            )?;
            left += mark_width(f) + text_width(&e.name, f.px(TEXT)) + f.px(16);
        }
    }
    Ok(())
}
/// Draws a status's symbol (○ ● ▲ ✖ ✔ ‖, or – for no update) as shapes centred on
/// `(x, y)` with half-size `r`: the PNG's font has no such glyphs, and shapes print the
/// same everywhere.
pub fn symbol<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    status: Option<Status>,
    (x, y): (i32, i32),
    r: i32,
    ink: RGBColor,
    f: Frame,
) -> Drawn<DB> {
    let pen = ink.stroke_width(f.px(2) as u32);
    let path = |points: Vec<(i32, i32)>| root.draw(&PathElement::new(points, pen));
    match status {
        None => path(vec![(x - r / 2, y), (x + r / 2, y)]),
        Some(Status::NotStarted) => root.draw(&Circle::new((x, y), r, pen)),
        Some(Status::OnTrack) => root.draw(&Circle::new((x, y), r, ink.filled())),
        Some(Status::AtRisk) => root.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y + r - r / 4), (x - r, y + r - r / 4)],
            ink.filled(),
        )),
        Some(Status::OffTrack) => {
            path(vec![(x - r, y - r), (x + r, y + r)])?;
            path(vec![(x - r, y + r), (x + r, y - r)])
        }
        Some(Status::Completed) => {
            path(vec![(x - r, y), (x - r / 3, y + r * 2 / 3), (x + r, y - r)])
        }
        Some(Status::Deferred) => {
            path(vec![(x - r / 3, y - r), (x - r / 3, y + r)])?;
            path(vec![(x + r / 3, y - r), (x + r / 3, y + r)])
        }
    }
}
