//! A chart's frame: its size for a wide column or a phone, the scale (2× for slides),
//! the type sizes, where the title, plot and legend go, and the text helpers all charts
//! share. Charts are laid out in pixels here, not by plotters' mesh, so every label's
//! size and place is ours.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a chart is drawn: for a wide column or a phone, and at what scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub narrow: bool,
    pub scale: f64,
}

impl Frame {
    /// A page's column (about 760 px).
    pub const WIDE: Frame = Frame {
        narrow: false,
        scale: 1.0,
    };
    /// A phone (about 340 px): legends below, labels above bars.
    pub const NARROW: Frame = Frame {
        narrow: true,
        scale: 1.0,
    };
    /// `v` design pixels at this frame's scale.
    pub fn px(self, v: i32) -> i32 {
        (v as f64 * self.scale).round() as i32
    }
}

/// Type sizes in design pixels as rendered: the title, and every other label (ticks,
/// legend, counts). At least 12 px where a chart is shown.
pub const TITLE: i32 = 18;
pub const TEXT: i32 = 15;

/// plotters writes a font's size divided by this into the SVG (its point-to-pixel
/// factor), so a size asked of it is this much larger than the text that appears.
const PLOTTERS_FONT: f64 = 1.24;

/// Text colour, light grid lines and the axis line.
pub const INK: RGBColor = RGBColor(0x1b, 0x1b, 0x1b);
pub const GRID: RGBColor = RGBColor(0xe6, 0xe6, 0xe6);
pub const AXIS: RGBColor = RGBColor(0x56, 0x5c, 0x65);

/// About how wide `text` is in Public Sans at `size` pixels.
pub fn text_width(text: &str, size: i32) -> i32 {
    (text.chars().count() as f64 * size as f64 * 0.56).ceil() as i32
}

/// How many characters at `size` pixels fit in `width`.
pub fn chars_fitting(width: i32, size: i32) -> usize {
    (width as f64 / (size as f64 * 0.56)).floor().max(4.0) as usize
}

/// Text at `size` design pixels in `colour`, anchored at `pos`.
pub fn style(f: Frame, size: i32, colour: RGBColor, pos: Pos) -> TextStyle<'static> {
    let px = size as f64 * f.scale * PLOTTERS_FONT;
    ("sans-serif", px).into_font().color(&colour).pos(pos)
}

/// An anchor: horizontal and vertical position of the point a text is drawn at.
pub fn at(h: HPos, v: VPos) -> Pos {
    Pos::new(h, v)
}

/// Result of drawing on a backend.
pub type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `text` at a pixel of the drawing.
pub fn text<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    point: (i32, i32),
    style: &TextStyle,
) -> Drawn<DB> {
    root.draw(&Text::new(text.to_string(), point, style.clone()))
}

/// A straight line from `a` to `b`, dashed when `dash` is set (dash and gap lengths).
pub fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
    dash: Option<(i32, i32)>,
) -> Drawn<DB> {
    let Some((on, off)) = dash else {
        return root.draw(&PathElement::new(vec![a, b], style));
    };
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let length = (dx * dx + dy * dy).sqrt();
    let mut d = 0.0;
    while d < length {
        let e = (d + on as f64).min(length);
        let p = |t: f64| {
            (
                a.0 + (dx * t / length).round() as i32,
                a.1 + (dy * t / length).round() as i32,
            )
        };
        root.draw(&PathElement::new(vec![p(d), p(e)], style))?;
        d = e + off as f64;
    }
    Ok(())
}

/// Splits a period label for a time axis: "FY2027 Q1" → ("FY2027", "Q1"); anything
/// else stands alone.
pub fn period(label: &str) -> (Option<&str>, &str) {
    match label.split_once(' ') {
        Some((year, q)) if year.starts_with("FY") && q.starts_with('Q') => (Some(year), q),
        _ => (None, label),
    }
}

/// A linear map from values `lo..hi` to pixels `a..b`.
#[derive(Clone, Copy)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub a: i32,
    pub b: i32,
}

impl Scale {
    /// The pixel of value `v`.
    pub fn at(self, v: f64) -> i32 {
        let t = if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.0
        };
        self.a + (t * (self.b - self.a) as f64).round() as i32
    }
}
