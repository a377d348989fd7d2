//! The marks that tell a line chart's series apart without colour: a marker shape per
//! series and a dash on every other line past the fourth.

use super::frame::{Drawn, Frame};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Whether series `s`'s line is dashed: past the fourth, every other one.
pub fn dashed(s: usize) -> bool {
    s >= 4 && s.is_multiple_of(2)
}

/// A series' marker: circle, triangle, square, diamond in turn.
pub fn marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    s: usize,
    ink: RGBColor,
    f: Frame,
) -> Drawn<DB> {
    let r = f.px(4);
    match s % 4 {
        0 => root.draw(&Circle::new((x, y), r, ink.filled())),
        1 => root.draw(&TriangleMarker::new((x, y), f.px(5), ink.filled())),
        2 => root.draw(&Rectangle::new(
            [(x - r, y - r), (x + r, y + r)],
            ink.filled(),
        )),
        _ => root.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            ink.filled(),
        )),
    }
}
