//! A review's briefing packet as a PDF made on the server (krilla, with krilla-svg for the
//! charts): text set in the bundled Public Sans and embedded as real text, the dashboard's
//! charts as vector graphics with their data, the agenda and the open actions. Laid out in
//! two passes: first into pages of drawing operations, then drawn (so each page can say
//! "Page 2 of 5").

mod sections;

use crate::model::meeting::Packet;
use ab_glyph::{Font as _, FontRef, ScaleFont as _};
use krilla::geom::{Point, Size, Transform};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

/// Paper sizes (points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.0, 842.0),
        }
    }
}

const MARGIN: f32 = 54.0;
const FOOTER: f32 = 24.0;

/// One drawing operation on a page.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        tree: usize,
    },
    Rule {
        y: f32,
    },
}

/// Lays the packet out page by page.
struct Layout<'f> {
    metrics: FontRef<'f>,
    width: f32,
    height: f32,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(metrics: FontRef<'f>, paper: Paper) -> Self {
        let (width, height) = paper.size();
        Layout {
            metrics,
            width,
            height,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER
    }

    /// Starts a new page unless `needed` points fit on this one.
    fn room(&mut self, needed: f32) {
        if self.y + needed > self.bottom() && self.y > MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// `text` without the characters the font has no glyph for.
    fn drawable(&self, text: &str) -> String {
        text.chars()
            .filter(|c| *c == ' ' || self.metrics.glyph_id(*c).0 != 0)
            .collect()
    }

    /// How wide `text` is set at `size` points: ab_glyph's scale is the font's height
    /// (ascent to descent), not its em, so the em size is converted first.
    fn text_width(&self, text: &str, size: f32) -> f32 {
        let em = self.metrics.units_per_em().unwrap_or(1000.0);
        let scale = ab_glyph::PxScale::from(size * self.metrics.height_unscaled() / em);
        let scaled = self.metrics.as_scaled(scale);
        text.chars()
            .map(|c| scaled.h_advance(self.metrics.glyph_id(c)))
            .sum()
    }

    /// `word` cut into pieces no wider than `max` (a word longer than a line).
    fn pieces(&self, word: &str, size: f32, max: f32) -> Vec<String> {
        let mut pieces = vec![String::new()];
        for c in word.chars() {
            let last = pieces.last_mut().expect("one piece at least");
            last.push(c);
            if self.text_width(last, size) > max && last.chars().count() > 1 {
                last.pop();
                pieces.push(c.to_string());
            }
        }
        pieces
    }

    /// `text` broken into lines no wider than the content.
    fn wrap(&self, text: &str, size: f32, indent: f32) -> Vec<String> {
        // A little short of the margin: the measure is the font's, the setting krilla's.
        let max = (self.content_width() - indent) * 0.98;
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            let words = paragraph
                .split_whitespace()
                .flat_map(|w| self.pieces(w, size, max));
            for word in words {
                let word = word.as_str();
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.text_width(&candidate, size) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A paragraph at `size`, indented by `indent`, with `after` points below it.
    fn paragraph(&mut self, text: &str, size: f32, indent: f32, after: f32) {
        let text = self.drawable(text);
        let leading = size * 1.35;
        for line in self.wrap(&text, size, indent) {
            self.room(leading);
            self.y += leading;
            let op = Op::Text {
                x: MARGIN + indent,
                y: self.y - size * 0.25,
                size,
                text: line,
            };
            self.push(op);
        }
        self.y += after;
    }

    /// A heading, kept with at least `keep` points of what follows.
    fn heading(&mut self, text: &str, size: f32, keep: f32) {
        self.room(size * 1.6 + keep);
        self.y += size * 0.4;
        self.paragraph(text, size, 0.0, size * 0.3);
    }

    /// A labelled fact ("Chair: Ana Ruiz"), skipped when empty.
    fn fact(&mut self, label: &str, value: &str, indent: f32) {
        if value.trim().is_empty() {
            return;
        }
        self.paragraph(&format!("{label}: {value}"), 9.5, indent, 1.5);
    }

    fn rule(&mut self) {
        self.room(8.0);
        self.y += 4.0;
        let y = self.y;
        self.push(Op::Rule { y });
        self.y += 4.0;
    }

    /// A chart drawing scaled to the content width, kept whole on one page.
    fn svg(&mut self, tree: usize, (w, h): (f32, f32)) {
        let width = self.content_width().min(w * 1.0);
        let height = h * width / w;
        self.room(height + 6.0);
        let (x, y) = (MARGIN, self.y + 3.0);
        self.push(Op::Svg {
            x,
            y,
            w: width,
            h: height,
            tree,
        });
        self.y += height + 6.0;
    }
}

/// The packet as a PDF on `paper`.
pub fn pdf(packet: &Packet, paper: Paper) -> Result<Vec<u8>, String> {
    let metrics = FontRef::try_from_slice(crate::charts::FONT).map_err(|e| e.to_string())?;
    let font = Font::new(Arc::new(crate::charts::FONT.to_vec()).into(), 0)
        .ok_or("the bundled font could not be read")?;
    let options = crate::charts::svg_options();
    let mut trees = Vec::new();
    let mut l = Layout::new(metrics, paper);
    let m = &packet.meeting;
    let q = m.quarter;

    l.paragraph(
        &format!("Briefing packet: {q} quarterly review"),
        18.0,
        0.0,
        4.0,
    );
    l.paragraph(
        &format!("{} - made {}", packet.plan, packet.made),
        10.0,
        0.0,
        6.0,
    );
    let attended = m
        .attendees
        .iter()
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let held = crate::model::meeting::long_date(&m.held_on);
    l.fact(
        "Meeting",
        if held.is_empty() { "not set" } else { &held },
        0.0,
    );
    l.fact(
        "Chair",
        &m.chair
            .clone()
            .map(|(_, n)| n)
            .unwrap_or_else(|| "not set".into()),
        0.0,
    );
    l.fact("Attended", &attended, 0.0);
    l.fact("Guests", &m.guests, 0.0);
    l.fact(
        "Record",
        &m.signed_off
            .clone()
            .unwrap_or_else(|| "Open (not signed off)".into()),
        0.0,
    );
    l.rule();
    sections::exceptions(&mut l, &packet.exceptions, q);
    l.rule();
    sections::approved(&mut l, &packet.approved);
    l.rule();

    l.heading(
        &format!("Dashboard, {}", packet.dashboard_quarter),
        14.0,
        200.0,
    );
    for drawn in &packet.charts {
        // The drawing carries its own title (as text a reader finds).
        let c = &drawn.chart;
        l.room(180.0);
        match usvg::Tree::from_str(&drawn.svg, options) {
            Ok(tree) => {
                let size = (tree.size().width(), tree.size().height());
                trees.push(tree);
                l.svg(trees.len() - 1, size);
            }
            Err(e) => {
                tracing::warn!(chart = %c.id, error = %e, "a chart could not be read for the packet")
            }
        }
        if !c.is_empty() {
            let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
            for (category, values) in c.table() {
                let cells: Vec<String> = names
                    .iter()
                    .zip(values)
                    .map(|(n, v)| format!("{n} {v}"))
                    .collect();
                l.paragraph(&format!("{category}: {}", cells.join(", ")), 8.5, 12.0, 0.0);
            }
        }
        l.y += 8.0;
    }

    l.rule();
    l.heading(
        &crate::model::meeting::agenda_heading(m.items.len()),
        14.0,
        60.0,
    );
    if m.items.is_empty() {
        l.paragraph("Nothing on the agenda.", 10.0, 0.0, 4.0);
    }
    for item in &m.items {
        l.heading(&format!("{}. {}", item.position, item.title), 11.0, 40.0);
        let likelihood = item
            .likelihood
            .map_or("Not assessed".to_string(), |x| x.label().to_string());
        l.fact("Why on the agenda", &item.reason, 12.0);
        l.fact("Likelihood of meeting the planned level", &likelihood, 12.0);
        l.fact(
            "Risk category",
            &item.risk.clone().map(|(_, n)| n).unwrap_or_default(),
            12.0,
        );
        l.fact("Notes", &item.notes, 12.0);
        l.fact("Improvement strategy", &item.improvement, 12.0);
        l.fact("Decisions", &item.decisions, 12.0);
        l.y += 4.0;
    }

    l.rule();
    l.heading("Open actions", 14.0, 30.0);
    let open: Vec<_> = m.actions.iter().filter(|a| a.closed.is_none()).collect();
    if open.is_empty() {
        l.paragraph("No open action.", 10.0, 0.0, 4.0);
    }
    for a in open {
        let due = if a.overdue {
            format!("{} (overdue)", a.due)
        } else {
            a.due.clone()
        };
        l.paragraph(
            &format!("{} - {}, due {due}", a.title, a.owner),
            10.0,
            0.0,
            3.0,
        );
    }

    draw(l, &trees, &font, packet, paper)
}

/// Draws the laid-out pages, each with its footer.
fn draw(
    l: Layout<'_>,
    trees: &[usvg::Tree],
    font: &Font,
    packet: &Packet,
    paper: Paper,
) -> Result<Vec<u8>, String> {
    let (width, height) = paper.size();
    let mut document = Document::new();
    let total = l.pages.len();
    let q = packet.meeting.quarter;
    for (n, ops) in l.pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(width, height).ok_or("a page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, size, text } => {
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Svg { x, y, w, h, tree } => {
                    surface.push_transform(&Transform::from_translate(x, y));
                    let size = Size::from_wh(w, h).ok_or("a chart size")?;
                    surface.draw_svg(&trees[tree], size, SvgSettings::default());
                    surface.pop();
                }
                Op::Rule { y } => {
                    let mut path = krilla::geom::PathBuilder::new();
                    path.move_to(MARGIN, y);
                    path.line_to(width - MARGIN, y);
                    if let Some(p) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(krilla::paint::Stroke {
                            width: 0.5,
                            ..Default::default()
                        }));
                        surface.draw_path(&p);
                        surface.set_stroke(None);
                        surface.set_fill(Some(krilla::paint::Fill::default()));
                    }
                }
            }
        }
        let footer = format!("{} - {q} review - page {} of {total}", packet.plan, n + 1);
        surface.draw_text(
            Point::from_xy(MARGIN, height - MARGIN + 6.0),
            font.clone(),
            8.0,
            &footer,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    let metadata = krilla::metadata::Metadata::new()
        .title(format!("Briefing packet: {q} quarterly review"))
        .language("en-US".into())
        .creator("plantrack".into());
    document.set_metadata(metadata);
    document.finish().map_err(|e| format!("{e:?}"))
}
