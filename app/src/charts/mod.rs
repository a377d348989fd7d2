//! Charts drawn on the server with plotters: SVG for pages and downloads, PNG (with a
//! font compiled into the binary, no system font libraries) for downloads. Colours run
//! from dark to light so series stay apart in greyscale and print; counts and markers
//! are labelled, never colour alone.

pub mod build;
pub mod cache;

use crate::model::chart::{trim, Chart, ChartKind};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

/// Drawing size in pixels.
pub const SIZE: (u32, u32) = (760, 380);

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
static FONT: &[u8] = include_bytes!("../../fonts/PublicSans-Regular.ttf");

fn ensure_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// The drawing size of a chart: heat maps grow with their rows.
pub fn size_of(chart: &Chart) -> (u32, u32) {
    match chart.kind {
        ChartKind::HeatMap => (
            SIZE.0.max(160 + 56 * chart.series.len() as u32),
            120 + 22 * chart.categories.len().max(1) as u32,
        ),
        _ => SIZE,
    }
}

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> String {
    ensure_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size_of(chart)).into_drawing_area();
        if let Err(e) = draw(&root, chart) {
            tracing::error!(chart = %chart.id, error = ?e, "drawing a chart failed");
        }
        let _ = root.present();
    }
    out
}

/// The chart as a PNG image.
pub fn png(chart: &Chart) -> Vec<u8> {
    ensure_font();
    let (w, h) = size_of(chart);
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        if let Err(e) = draw(&root, chart) {
            tracing::error!(chart = %chart.id, error = ?e, "drawing a chart failed");
        }
        let _ = root.present();
    }
    let mut out = std::io::Cursor::new(Vec::new());
    if let Some(image) = image::RgbImage::from_raw(w, h, pixels) {
        let _ = image.write_to(&mut out, image::ImageOutputFormat::Png);
    }
    out.into_inner()
}

type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws a chart's legend at `position`, on a white outlined box (over the plot area).
fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Drawn<DB>
where
    DB: DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> Drawn<DB> {
    root.fill(&WHITE)?;
    if c.is_empty() {
        root.titled(&c.title, ("sans-serif", 20))?;
        root.draw(&Text::new(
            "No data yet: this chart fills in as data is recorded.".to_string(),
            (40, SIZE.1 as i32 / 2),
            ("sans-serif", 16).into_font(),
        ))?;
        return Ok(());
    }
    match c.kind {
        ChartKind::StackedBars => stacked_bars(root, c),
        ChartKind::Lines => lines(root, c),
        ChartKind::BarsWithTarget => bars_with_target(root, c),
        ChartKind::HeatMap => heat_map(root, c),
    }
}

fn value(c: &Chart, s: usize, i: usize) -> f64 {
    c.series
        .get(s)
        .and_then(|s| s.values.get(i).copied().flatten())
        .unwrap_or(0.0)
}

fn stacked_bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> Drawn<DB> {
    let n = c.categories.len() as i32;
    let total = |i: usize| (0..c.series.len()).map(|s| value(c, s, i)).sum::<f64>();
    let max = (0..c.categories.len()).map(total).fold(1.0, f64::max);
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(150)
        .build_cartesian_2d(0f64..max * 1.05, (0..n).into_segmented())?;
    let categories = c.categories.clone();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(c.y_label.as_str())
        .y_desc(c.x_label.as_str())
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => categories.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()?;
    for (s, series) in c.series.iter().enumerate() {
        let fill = colour(series.colour as usize);
        let starts: Vec<f64> = (0..c.categories.len())
            .map(|i| (0..s).map(|p| value(c, p, i)).sum())
            .collect();
        chart
            .draw_series(
                (0..c.categories.len())
                    .filter(|i| value(c, s, *i) > 0.0)
                    .map(|i| {
                        let x0 = starts[i];
                        let x1 = x0 + value(c, s, i);
                        let mut bar = Rectangle::new(
                            [
                                (x0, SegmentValue::Exact(i as i32)),
                                (x1, SegmentValue::Exact(i as i32 + 1)),
                            ],
                            fill.filled(),
                        );
                        bar.set_margin(6, 6, 0, 0);
                        bar
                    }),
            )?
            .label(series.name.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], fill.filled()));
        // Each segment's count, in a colour that reads on its fill.
        let text = if [0, 1, 2, 6].contains(&series.colour) {
            WHITE
        } else {
            BLACK
        };
        chart.draw_series(
            (0..c.categories.len())
                .filter(|i| value(c, s, *i) > 0.0)
                .map(|i| {
                    let mid = starts[i] + value(c, s, i) / 2.0;
                    Text::new(
                        trim(value(c, s, i)),
                        (mid, SegmentValue::CenterOf(i as i32)),
                        ("sans-serif", 13)
                            .into_font()
                            .color(&text)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    )
                }),
        )?;
    }
    legend(&mut chart, SeriesLabelPosition::LowerRight)
}

fn lines<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> Drawn<DB> {
    let n = c.categories.len();
    let max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .fold(1.0, f64::max);
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..max * 1.1)?;
    let categories = c.categories.clone();
    chart
        .configure_mesh()
        .x_labels(n.min(10))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 {
                categories.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_desc(c.x_label.as_str())
        .y_desc(c.y_label.as_str())
        .draw()?;
    if let Some(m) = c.marker.filter(|m| *m < n) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(m as f64, 0.0), (m as f64, max * 1.1)],
            BLACK.stroke_width(1),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            "Current quarter".to_string(),
            (m as f64, max * 1.05),
            ("sans-serif", 12).into_font(),
        )))?;
    }
    if let Some(b) = c.baseline {
        chart.draw_series(DashedLineSeries::new(
            vec![(-0.5, b), (n as f64 - 0.5, b)],
            6,
            4,
            RGBColor(0x56, 0x5c, 0x65).stroke_width(1),
        ))?;
    }
    for (s, series) in c.series.iter().enumerate() {
        let style = colour(series.colour as usize);
        let points: Vec<(f64, f64)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
            .collect();
        let width = if s == 0 { 3 } else { 2 };
        chart
            .draw_series(LineSeries::new(points.clone(), style.stroke_width(width)))?
            .label(series.name.as_str())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], style.stroke_width(width))
            });
        // Markers differ in shape as well as colour.
        if s % 2 == 0 {
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, style.filled())))?;
        } else {
            chart.draw_series(
                points
                    .iter()
                    .map(|p| TriangleMarker::new(*p, 5, style.filled())),
            )?;
        }
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)
}

fn bars_with_target<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> Drawn<DB> {
    let n = c.categories.len() as i32;
    let max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .chain(c.baseline)
        .fold(1.0, f64::max);
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d((0..n).into_segmented(), 0f64..max * 1.15)?;
    let categories = c.categories.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => categories.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .x_desc(c.x_label.as_str())
        .y_desc(c.y_label.as_str())
        .draw()?;
    let fill = colour(c.series.first().map_or(0, |s| s.colour as usize));
    if let Some(actual) = c.series.first() {
        chart
            .draw_series(actual.values.iter().enumerate().filter_map(|(i, v)| {
                v.map(|v| {
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i as i32), 0.0),
                            (SegmentValue::Exact(i as i32 + 1), v),
                        ],
                        fill.filled(),
                    );
                    bar.set_margin(0, 0, 14, 14);
                    bar
                })
            }))?
            .label(actual.name.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], fill.filled()));
    }
    if let Some(target) = c.series.get(1) {
        chart
            .draw_series(target.values.iter().enumerate().filter_map(|(i, v)| {
                v.map(|v| {
                    TriangleMarker::new((SegmentValue::CenterOf(i as i32), v), 7, BLACK.filled())
                })
            }))?
            .label(target.name.as_str())
            .legend(|(x, y)| TriangleMarker::new((x + 5, y), 5, BLACK.filled()));
    }
    if let Some(b) = c.baseline {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(SegmentValue::Exact(0), b), (SegmentValue::Exact(n), b)],
                6,
                4,
                RGBColor(0x56, 0x5c, 0x65).stroke_width(2),
            ))?
            .label(format!("Baseline ({})", trim(b)))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], RGBColor(0x56, 0x5c, 0x65))
            });
    }
    legend(&mut chart, SeriesLabelPosition::UpperLeft)
}

/// Status colours by index in `Status::ALL`, and the colour of "no update".
fn status_fill(code: Option<f64>) -> (RGBColor, RGBColor) {
    use crate::model::status::Status;
    let status = code.and_then(|c| Status::ALL.get(c as usize).copied());
    let index = build::status_colour(status) as usize;
    let text = if [0, 1, 2, 6].contains(&index) {
        WHITE
    } else {
        BLACK
    };
    (colour(index), text)
}

fn heat_map<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> Drawn<DB> {
    let (rows, cols) = (c.categories.len() as i32, c.series.len() as i32);
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(90)
        .build_cartesian_2d((0..cols).into_segmented(), (0..rows).into_segmented())?;
    let categories = c.categories.clone();
    let quarters: Vec<String> = c.series.iter().map(|s| s.name.clone()).collect();
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(cols as usize)
        .y_labels(rows as usize)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => quarters.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => categories
                .get((rows - 1 - *i) as usize)
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .x_desc(c.x_label.as_str())
        .y_desc(c.y_label.as_str())
        .draw()?;
    for (col, series) in c.series.iter().enumerate() {
        for (row, code) in series.values.iter().enumerate() {
            let y = rows - 1 - row as i32;
            let (fill, text) = status_fill(*code);
            let mut cell = Rectangle::new(
                [
                    (SegmentValue::Exact(col as i32), SegmentValue::Exact(y)),
                    (
                        SegmentValue::Exact(col as i32 + 1),
                        SegmentValue::Exact(y + 1),
                    ),
                ],
                fill.filled(),
            );
            cell.set_margin(1, 1, 1, 1);
            chart.draw_series(std::iter::once(cell))?;
            let symbol = code
                .and_then(|c| crate::model::status::Status::ALL.get(c as usize))
                .map_or("–", |s| s.symbol());
            chart.draw_series(std::iter::once(Text::new(
                symbol.to_string(),
                (
                    SegmentValue::CenterOf(col as i32),
                    SegmentValue::CenterOf(y),
                ),
                ("sans-serif", 14)
                    .into_font()
                    .color(&text)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            )))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
