//! Where a chart's parts go: the title, the plot box and the legend, in pixels.

use super::frame::{chars_fitting, Frame, TEXT, TITLE};
use super::legend;
use crate::model::axis::wrap;
use crate::model::chart::{Chart, ChartKind};

/// Width of a heat map's row labels' column (number and the start of the title), in
/// design pixels.
pub const LABELS: i32 = 300;
/// A heat map cell's (width, height), in design pixels.
pub const CELL: (i32, i32) = (56, 24);

/// Where a chart's parts go, in pixels of the drawing.
pub struct Layout {
    pub width: i32,
    pub height: i32,
    pub pad: i32,
    /// The title, wrapped to the width.
    pub title: Vec<String>,
    /// The note under the title, wrapped to the width (none: empty).
    pub note: Vec<String>,
    /// The plot's box (left, top, right, bottom), axis labels included.
    pub plot: (i32, i32, i32, i32),
    /// The legend: a column right of the plot, or rows below it.
    pub legend_right: bool,
    pub legend_top: i32,
    /// Where a reader's pointer finds a value, noted while drawing: (left, top, width,
    /// height, words), written into the SVG as transparent boxes with a `<title>`.
    pub spots: std::cell::RefCell<Vec<Spot>>,
}

/// A box of the drawing (left, top, width, height) and the value it shows, in words.
pub type Spot = (i32, i32, i32, i32, String);

impl Layout {
    /// Notes that the box (`x`, `y`, `w`, `h`) shows `words`.
    pub fn spot(&self, (x, y, w, h): (i32, i32, i32, i32), words: String) {
        self.spots
            .borrow_mut()
            .push((x, y, w.max(1), h.max(1), words));
    }
}

impl Layout {
    /// The layout of `chart` in `frame`.
    pub fn of(chart: &Chart, f: Frame) -> Layout {
        let pad = f.px(12);
        let width = match chart.kind {
            ChartKind::HeatMap | ChartKind::Roadmap => {
                f.px((2 * 12 + LABELS + CELL.0 * chart.series.len() as i32).max(420))
            }
            _ if f.narrow => f.px(340),
            _ => f.px(760),
        };
        let title = wrap(&chart.title, chars_fitting(width - 2 * pad, f.px(TITLE)));
        let note = match chart.note.as_str() {
            "" => Vec::new(),
            n => wrap(n, chars_fitting(width - 2 * pad, f.px(TEXT))),
        };
        let top = pad
            + title.len() as i32 * f.px(TITLE + 6)
            + note.len() as i32 * f.px(TEXT + 5)
            + f.px(6);
        let n = chart.categories.len().max(1) as i32;
        let grid = matches!(chart.kind, ChartKind::HeatMap | ChartKind::Roadmap);
        let legend_right = !f.narrow && !grid;
        let legend_w = if legend_right { f.px(210) } else { 0 };
        let plot_h = f.px(match (chart.kind, f.narrow) {
            _ if chart.is_empty() => 90,
            (ChartKind::StackedBars, false) => (60 + 44 * n).max(220),
            (ChartKind::StackedBars, true) => 56 + 58 * n,
            (ChartKind::HeatMap | ChartKind::Roadmap, _) => 52 + CELL.1 * n,
            (_, false) => 300,
            (_, true) => 260,
        });
        let entries = legend::entries(chart);
        let legend_h = if legend_right || chart.is_empty() {
            0
        } else {
            legend::height_below(&entries, width - 2 * pad, f)
        };
        let plot = (pad, top, width - pad - legend_w, top + plot_h);
        let height = if legend_right {
            // A long legend (ten goals) makes the chart taller rather than spill.
            let column = legend::height_right(&entries, legend_w - f.px(16), f);
            plot.3.max(top + f.px(24) + column) + pad
        } else {
            plot.3 + f.px(8) + legend_h + pad
        };
        Layout {
            width,
            height,
            pad,
            title,
            note,
            plot,
            legend_right,
            legend_top: if legend_right {
                top + f.px(24)
            } else {
                plot.3 + f.px(8)
            },
            spots: Default::default(),
        }
    }
}
