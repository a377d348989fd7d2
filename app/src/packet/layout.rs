//! The packet laid out: pages of drawing operations, and beside them the document's
//! structure (headings, paragraphs, lists, tables, figures) that the tagged PDF carries,
//! each operation a leaf of the block it belongs to. Text is measured with the font's
//! own advances at its em size, so no line runs past the margin.

use ab_glyph::{Font as _, FontRef, ScaleFont as _};

/// Paper sizes (points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
}

impl Paper {
    /// (width, height) in points.
    pub(super) fn size(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.0, 842.0),
        }
    }
}

/// The margin on every side, and the footer's band above the bottom margin (points).
pub(super) const MARGIN: f32 = 54.0;
const FOOTER: f32 = 24.0;

/// One drawing operation on a page.
pub(super) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        /// Drawn in the symbol font (✔ ● ▲ ✖ …, which Public Sans lacks).
        symbols: bool,
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        tree: usize,
    },
    /// A horizontal rule: decoration, an artifact in the structure.
    Rule { y: f32 },
}

/// What a block of the document is, for the tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// A heading of level 1–3 and its text (the heading's title).
    Heading(u16, String),
    Paragraph,
    List,
    Item,
    Table,
    Row,
    /// A table's header cell: of its column (`true`) or of its row.
    Header(bool),
    Cell,
    /// A figure and its alternative text.
    Figure(String),
}

/// A block's children in reading order.
pub(super) enum Child {
    Block(usize),
    /// An operation, by its number.
    Op(usize),
}

/// A block of the structure.
pub(super) struct Node {
    pub block: Block,
    pub children: Vec<Child>,
}

/// A heading to list in the document outline: (its text, page index, y).
pub(super) type Bookmark = (String, usize, f32);

/// Lays the packet out page by page.
pub(super) struct Layout<'f> {
    metrics: FontRef<'f>,
    symbols: FontRef<'f>,
    pub width: f32,
    pub height: f32,
    /// Each page's operations, each with its number.
    pub pages: Vec<Vec<(usize, Op)>>,
    /// The structure: `nodes[0]` is the document.
    pub nodes: Vec<Node>,
    /// The second-level headings, for the outline.
    pub bookmarks: Vec<Bookmark>,
    open: Vec<usize>,
    ops: usize,
    pub y: f32,
}

impl<'f> Layout<'f> {
    /// An empty layout on `paper`.
    pub fn new(metrics: FontRef<'f>, symbols: FontRef<'f>, paper: Paper) -> Self {
        let (width, height) = paper.size();
        Layout {
            metrics,
            symbols,
            width,
            height,
            pages: vec![Vec::new()],
            nodes: vec![Node {
                block: Block::Paragraph,
                children: Vec::new(),
            }],
            bookmarks: Vec::new(),
            open: vec![0],
            ops: 0,
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
    pub fn room(&mut self, needed: f32) {
        if self.y + needed > self.bottom() && self.y > MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Opens a block inside the one open now; what is drawn until [`close`](Self::close)
    /// belongs to it.
    pub fn begin(&mut self, block: Block) {
        let id = self.nodes.len();
        self.nodes.push(Node {
            block,
            children: Vec::new(),
        });
        let parent = *self.open.last().unwrap_or(&0);
        self.nodes[parent].children.push(Child::Block(id));
        self.open.push(id);
    }

    /// Closes the block opened last.
    pub fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    fn push(&mut self, op: Op) {
        let n = self.ops;
        self.ops += 1;
        if !matches!(op, Op::Rule { .. }) {
            let parent = *self.open.last().unwrap_or(&0);
            self.nodes[parent].children.push(Child::Op(n));
        }
        if let Some(page) = self.pages.last_mut() {
            page.push((n, op));
        }
    }

    /// Which font draws `c`: `Some(false)` Public Sans, `Some(true)` the symbol font,
    /// `None` neither.
    fn face(&self, c: char) -> Option<bool> {
        if c == ' ' || self.metrics.glyph_id(c).0 != 0 {
            Some(false)
        } else if self.symbols.glyph_id(c).0 != 0 {
            Some(true)
        } else {
            None
        }
    }

    /// `text` without the characters neither font has a glyph for.
    fn drawable(&self, text: &str) -> String {
        text.chars().filter(|c| self.face(*c).is_some()).collect()
    }

    /// How wide `c` is set at `size` points in the font that draws it: ab_glyph's scale
    /// is the font's height (ascent to descent), not its em, so the em size is converted.
    fn advance(&self, c: char, size: f32) -> f32 {
        let font = if self.face(c) == Some(true) {
            &self.symbols
        } else {
            &self.metrics
        };
        let em = font.units_per_em().unwrap_or(1000.0);
        let scale = ab_glyph::PxScale::from(size * font.height_unscaled() / em);
        font.as_scaled(scale).h_advance(font.glyph_id(c))
    }

    /// How wide `text` is set at `size` points.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// `line` cut into runs each drawn by one font: (in the symbol font, text).
    fn runs(&self, line: &str) -> Vec<(bool, String)> {
        let mut runs: Vec<(bool, String)> = Vec::new();
        for c in line.chars() {
            let symbols = self.face(c) == Some(true);
            match runs.last_mut() {
                Some((s, text)) if *s == symbols => text.push(c),
                _ => runs.push((symbols, c.to_string())),
            }
        }
        runs
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

    /// `text` broken into lines no wider than `width`.
    fn wrap_to(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        // A little short of the edge: the measure is the font's, the setting krilla's.
        let max = width * 0.98;
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            let words = paragraph
                .split_whitespace()
                .flat_map(|w| self.pieces(w, size, max));
            for word in words {
                let candidate = if line.is_empty() {
                    word.clone()
                } else {
                    format!("{line} {word}")
                };
                if self.text_width(&candidate, size) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Lines of text at `size` from `x`, wrapped to `width`, inside the open block.
    fn lines(&mut self, text: &str, size: f32, (x, width): (f32, f32)) {
        let text = self.drawable(text);
        let leading = size * 1.35;
        for line in self.wrap_to(&text, size, width) {
            self.room(leading);
            self.y += leading;
            let mut left = x;
            for (symbols, text) in self.runs(&line) {
                let width = self.text_width(&text, size);
                let op = Op::Text {
                    x: left,
                    y: self.y - size * 0.25,
                    size,
                    text,
                    symbols,
                };
                self.push(op);
                left += width;
            }
        }
    }

    /// A paragraph at `size`, indented by `indent`, with `after` points below it.
    pub fn paragraph(&mut self, text: &str, size: f32, indent: f32, after: f32) {
        self.begin(Block::Paragraph);
        self.lines(text, size, (MARGIN + indent, self.content_width() - indent));
        self.close();
        self.y += after;
    }

    /// A heading of `level` (1 the title, 2 a section, 3 within one), kept with at least
    /// `keep` points of what follows; a section's heading is also a bookmark.
    pub fn heading(&mut self, text: &str, level: u16, keep: f32) {
        let size = match level {
            1 => 18.0,
            2 => 14.0,
            _ => 11.0,
        };
        self.room(size * 1.6 + keep);
        self.y += size * 0.4;
        if level == 2 {
            self.bookmarks
                .push((text.to_string(), self.pages.len() - 1, self.y));
        }
        self.begin(Block::Heading(level, text.to_string()));
        let width = self.content_width();
        self.lines(text, size, (MARGIN, width));
        self.close();
        self.y += size * 0.3;
    }

    /// A labelled fact ("Chair: Ana Ruiz"), skipped when empty.
    pub fn fact(&mut self, label: &str, value: &str, indent: f32) {
        if value.trim().is_empty() {
            return;
        }
        self.paragraph(&format!("{label}: {value}"), 9.5, indent, 1.5);
    }

    /// A list of paragraphs, each an item.
    pub fn list(&mut self, items: &[String], size: f32, indent: f32) {
        if items.is_empty() {
            return;
        }
        self.begin(Block::List);
        for item in items {
            self.begin(Block::Item);
            self.paragraph(item, size, indent, 1.0);
            self.close();
        }
        self.close();
    }

    /// A rule across the content: decoration, left out of the structure.
    pub fn rule(&mut self) {
        self.room(8.0);
        self.y += 4.0;
        let y = self.y;
        self.push(Op::Rule { y });
        self.y += 4.0;
    }

    /// A table at `size` points: the first column is each row's header, the rest share
    /// the width; every cell wraps inside its column, and a row is kept on one page.
    pub fn table(&mut self, headers: &[String], rows: &[(String, Vec<String>)], size: f32) {
        let total = self.content_width();
        let n = headers.len().max(1);
        let first = if n == 1 { total } else { total * 0.34 };
        let rest = if n > 1 {
            (total - first) / (n - 1) as f32
        } else {
            0.0
        };
        let column = |i: usize| -> (f32, f32) {
            match i {
                0 => (MARGIN, first - 6.0),
                _ => (MARGIN + first + rest * (i - 1) as f32, rest - 6.0),
            }
        };
        self.begin(Block::Table);
        let all = std::iter::once((true, headers.to_vec())).chain(rows.iter().map(|(h, cells)| {
            (
                false,
                std::iter::once(h.clone())
                    .chain(cells.iter().cloned())
                    .collect(),
            )
        }));
        for (header_row, cells) in all {
            let leading = size * 1.35;
            let tallest = cells
                .iter()
                .enumerate()
                .map(|(i, c)| self.wrap_to(&self.drawable(c), size, column(i).1).len())
                .max()
                .unwrap_or(1);
            self.room(leading * tallest as f32 + 2.0);
            let top = self.y;
            self.begin(Block::Row);
            for (i, cell) in cells.iter().enumerate() {
                self.y = top;
                self.begin(match (header_row, i) {
                    (true, _) => Block::Header(true),
                    (false, 0) => Block::Header(false),
                    _ => Block::Cell,
                });
                self.lines(cell, size, column(i));
                self.close();
            }
            self.close();
            self.y = top + leading * tallest as f32 + 2.0;
        }
        self.close();
        self.y += 4.0;
    }

    /// A chart drawing scaled to the content width and kept whole on one page, as a
    /// figure with its alternative text.
    pub fn figure(&mut self, tree: usize, (w, h): (f32, f32), alt: &str) {
        let width = self.content_width().min(w);
        let height = h * width / w;
        self.room(height + 6.0);
        let (x, y) = (MARGIN, self.y + 3.0);
        self.begin(Block::Figure(alt.to_string()));
        self.push(Op::Svg {
            x,
            y,
            w: width,
            h: height,
            tree,
        });
        self.close();
        self.y += height + 6.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::glossary::Mark;

    fn layout() -> Layout<'static> {
        let main = FontRef::try_from_slice(crate::charts::FONT).unwrap();
        let symbols = FontRef::try_from_slice(crate::charts::SYMBOLS).unwrap();
        Layout::new(main, symbols, Paper::Letter)
    }

    #[test]
    fn every_glossary_symbol_is_drawn_by_a_font_that_has_it_beside_its_words() {
        for mark in Mark::ALL {
            let mut l = layout();
            l.paragraph(&mark.with("At risk"), 10.0, 0.0, 0.0);
            let mut drawn = String::new();
            for (_, op) in &l.pages[0] {
                if let Op::Text { text, symbols, .. } = op {
                    let font = if *symbols { &l.symbols } else { &l.metrics };
                    for c in text.chars().filter(|c| *c != ' ') {
                        assert_ne!(font.glyph_id(c).0, 0, "{mark:?}: {c}");
                    }
                    drawn.push_str(text);
                }
            }
            assert_eq!(drawn, mark.with("At risk"));
        }
    }

    #[test]
    fn a_symbol_the_fonts_lack_is_left_out_and_the_words_stay() {
        let l = layout();
        assert_eq!(l.drawable("\u{1F600} Met"), " Met");
        assert!(l.text_width("▲", 10.0) > 0.0);
    }
}
