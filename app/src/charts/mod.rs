//! Charts drawn on the server with plotters: SVG for pages and downloads, PNG (with a
//! font compiled into the binary, no system font libraries) for downloads. Colours run
//! from dark to light so series stay apart in greyscale and print; counts and markers
//! are labelled, never colour alone.

mod bars;
pub mod build;
pub mod cache;
mod frame;
mod heat;
mod layout;
mod legend;
mod lines;
mod marks;
mod roadmap;
pub mod spark;

use frame::Drawn;
pub use frame::Frame;
use layout::Layout;

use crate::model::chart::{Chart, ChartKind};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontStyle;

/// Series colours, dark to light (distinct in greyscale).
const PALETTE: [RGBColor; 7] = [
    RGBColor(0x16, 0x2e, 0x51),
    RGBColor(0x2e, 0x85, 0x40),
    RGBColor(0xb5, 0x09, 0x09),
    RGBColor(0x8d, 0x93, 0x97),
    RGBColor(0xff, 0xbe, 0x2e),
    RGBColor(0xdf, 0xe1, 0xe2),
    RGBColor(0x56, 0x5c, 0x65),
];

/// Palette indices by name, for the builders.
pub mod colours {
    pub const NAVY: u8 = 0;
    pub const GREEN: u8 = 1;
    pub const RED: u8 = 2;
    pub const GREY: u8 = 3;
    pub const AMBER: u8 = 4;
    pub const LIGHT: u8 = 5;
    pub const DARK_GREY: u8 = 6;
}

/// The colour of series `i` (statuses pass their own index into the palette).
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Public Sans (SIL Open Font License), the USWDS face, for PNG text.
pub(crate) static FONT: &[u8] = include_bytes!("../../fonts/PublicSans-Regular.ttf");
/// The glossary's symbols (✔ ● ▲ ✖ …), which Public Sans lacks: a subset of DejaVu Sans
/// the packet's PDF draws them with.
pub(crate) static SYMBOLS: &[u8] = include_bytes!("../../fonts/PlantrackSymbols.ttf");

fn ensure_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// The drawing size of a chart in a frame (heat maps grow with their rows and columns).
pub fn size_of(chart: &Chart, f: Frame) -> (u32, u32) {
    let l = Layout::of(chart, f);
    (l.width as u32, l.height as u32)
}

/// The chart as an SVG document for a page's column (and the SVG download).
pub fn svg(chart: &Chart) -> String {
    svg_in(chart, Frame::WIDE)
}

/// The chart laid out for a phone; `None` for a heat map, which scrolls instead.
pub fn svg_narrow(chart: &Chart) -> Option<String> {
    (!matches!(chart.kind, ChartKind::HeatMap | ChartKind::Roadmap))
        .then(|| svg_in(chart, Frame::NARROW))
}

fn svg_in(chart: &Chart, f: Frame) -> String {
    ensure_font();
    let mut out = String::new();
    let l = Layout::of(chart, f);
    {
        let root = SVGBackend::with_string(&mut out, size_of(chart, f)).into_drawing_area();
        if let Err(e) = draw(&root, chart, f, &l) {
            tracing::error!(chart = %chart.id, error = ?e, "drawing a chart failed");
        }
        let _ = root.present();
    }
    let spots = l.spots.take();
    with_spots(titled(out, chart), &spots)
}

/// Escapes text for SVG.
fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Adds a transparent box over each value with its words as a `<title>`, so pointing at
/// a point, bar or cell shows its value (the drawing stays hidden from screen readers,
/// which read the data table).
fn with_spots(svg: String, spots: &[layout::Spot]) -> String {
    let Some(end) = svg.rfind("</svg>") else {
        return svg;
    };
    let boxes: String = spots
        .iter()
        .map(|(x, y, w, h, words)| {
            format!(
                "<rect class=\"pt-spot\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\" fill-opacity=\"0\"><title>{}</title></rect>",
                escape(words)
            )
        })
        .collect();
    format!("{}{boxes}{}", &svg[..end], &svg[end..])
}

/// Puts the chart's title and text alternative in the SVG as `<title>` and `<desc>`.
fn titled(svg: String, chart: &Chart) -> String {
    match svg.find('>') {
        Some(i) => format!(
            "{}<title>{}</title><desc>{}</desc>{}",
            &svg[..=i],
            escape(&chart.title),
            escape(&chart.alt()),
            &svg[i + 1..]
        ),
        None => svg,
    }
}

/// The chart as a PNG image at twice the pixels, for slides: its SVG rasterised, so the
/// two downloads match (text shaped, with kerning, in the bundled font).
pub fn png(chart: &Chart) -> Vec<u8> {
    rasterise(&svg(chart), 2.0).unwrap_or_else(|| {
        tracing::error!(chart = %chart.id, "rasterising a chart failed");
        Vec::new()
    })
}

/// An SVG drawn to PNG at `zoom` times its size, on white; `None` if it cannot be read.
pub fn rasterise(svg: &str, zoom: f32) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, svg_options()).ok()?;
    let size = tree.size().to_int_size().scale_by(zoom)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    let zoomed = resvg::tiny_skia::Transform::from_scale(zoom, zoom);
    resvg::render(&tree, zoomed, &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

/// How chart SVG is read (the PNG download, the packet): the bundled Public Sans as
/// every family, so no system font is needed.
pub fn svg_options() -> &'static usvg::Options<'static> {
    static OPTIONS: std::sync::OnceLock<usvg::Options<'static>> = std::sync::OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family("Public Sans");
        db.set_serif_family("Public Sans");
        db.set_monospace_family("Public Sans");
        options.font_family = "Public Sans".into();
        options
    })
}

/// Whether text on palette colour `i` is white (on the dark colours) or black.
pub(crate) fn ink_on(i: u8) -> RGBColor {
    if [0, 1, 2, 6].contains(&i) {
        WHITE
    } else {
        BLACK
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
    f: Frame,
    l: &Layout,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    for (i, title) in l.title.iter().enumerate() {
        frame::text(
            root,
            title,
            (l.pad, l.pad + i as i32 * f.px(frame::TITLE + 6)),
            &frame::style(
                f,
                frame::TITLE,
                frame::INK,
                frame::at(HPos::Left, VPos::Top),
            ),
        )?;
    }
    let below = l.pad + l.title.len() as i32 * f.px(frame::TITLE + 6);
    for (i, line) in l.note.iter().enumerate() {
        frame::text(
            root,
            line,
            (l.pad, below + i as i32 * f.px(frame::TEXT + 5)),
            &frame::style(f, frame::TEXT, frame::INK, frame::at(HPos::Left, VPos::Top)),
        )?;
    }
    if c.is_empty() {
        return frame::text(
            root,
            "No data yet: this chart fills in as data is recorded.",
            (l.pad, l.plot.1 + f.px(20)),
            &frame::style(f, frame::TEXT, frame::INK, frame::at(HPos::Left, VPos::Top)),
        );
    }
    match c.kind {
        ChartKind::StackedBars => bars::stacked(root, c, l, f)?,
        ChartKind::Lines => lines::lines(root, c, l, f)?,
        ChartKind::BarsWithTarget => bars::with_target(root, c, l, f)?,
        ChartKind::HeatMap => heat::heat_map(root, c, l, f)?,
        ChartKind::Roadmap => roadmap::roadmap(root, c, l, f)?,
    }
    let entries = legend::entries(c);
    if l.legend_right {
        let x = l.plot.2 + f.px(16);
        legend::draw_right(root, &entries, (x, l.legend_top), l.width - x - l.pad, f)
    } else {
        legend::draw_below(
            root,
            &entries,
            (l.pad, l.legend_top),
            l.width - 2 * l.pad,
            f,
        )
    }
}

/// Status colours by index in `Status::ALL` (`None`: no update), and the text on them.
fn status_fill(code: Option<f64>) -> (RGBColor, RGBColor) {
    use crate::model::status::Status;
    let status = code.and_then(|c| Status::ALL.get(c as usize).copied());
    let index = build::status_colour(status);
    (colour(index as usize), ink_on(index))
}

#[cfg(test)]
mod tests;
