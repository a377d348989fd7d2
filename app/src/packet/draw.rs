//! The laid-out packet drawn as a tagged PDF/UA-1 document: every line of text a span
//! of its block, each chart a figure with its alternative text, rules and footers
//! artifacts, the headings in the outline. krilla's PDF/UA-1 validation refuses a file
//! that does not conform (a missing title, language or alternative text).

use super::layout::{Block, Child, Layout, Op, Paper, MARGIN};
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::collections::HashMap;
use std::num::NonZeroU16;

/// The document's title, footer and paper, and whether it is checked as PDF/UA-1.
pub(super) struct Frame<'a> {
    pub title: &'a str,
    pub footer: &'a str,
    pub paper: Paper,
    pub ua: bool,
}

/// Draws the laid-out pages, each with its footer, and attaches the structure; with
/// `frame.ua`, krilla checks PDF/UA-1 and refuses a file that does not conform.
pub(super) fn draw(
    l: &Layout<'_>,
    trees: &[usvg::Tree],
    fonts: &[Font; 2],
    frame: &Frame<'_>,
) -> Result<Vec<u8>, String> {
    let (width, height) = frame.paper.size();
    let mut builder = ConfigurationBuilder::new();
    if frame.ua {
        builder = builder.with_accessibility_validator(Accessibility::UA1);
    }
    let configuration = builder.finish().map_err(|e| format!("{e:?}"))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    });
    let total = l.pages.len();
    let mut leaves: HashMap<usize, Identifier> = HashMap::new();
    for (n, ops) in l.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(width, height).ok_or("a page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (id, op) in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    text,
                    symbols,
                } => {
                    let leaf = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        fonts[usize::from(*symbols)].clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                    surface.end_tagged();
                    leaves.insert(*id, leaf);
                }
                Op::Svg { x, y, w, h, tree } => {
                    let leaf = surface.start_tagged(ContentTag::Other);
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    let size = Size::from_wh(*w, *h).ok_or("a chart size")?;
                    surface.draw_svg(&trees[*tree], size, SvgSettings::default());
                    surface.pop();
                    surface.end_tagged();
                    leaves.insert(*id, leaf);
                }
                Op::Rule { y } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    let mut path = krilla::geom::PathBuilder::new();
                    path.move_to(MARGIN, *y);
                    path.line_to(width - MARGIN, *y);
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
                    surface.end_tagged();
                }
            }
        }
        let footer = format!("{} - page {} of {total}", frame.footer, n + 1);
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::Footer,
        )));
        surface.draw_text(
            Point::from_xy(MARGIN, height - MARGIN + 6.0),
            fonts[0].clone(),
            8.0,
            &footer,
            false,
            TextDirection::Auto,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new();
    for child in &l.nodes[0].children {
        if let Some(node) = built(l, child, &mut leaves) {
            tree.push(node);
        }
    }
    document.set_tag_tree(tree);
    let mut outline = Outline::new();
    for (text, page, y) in &l.bookmarks {
        let to = XyzDestination::new(*page, Point::from_xy(MARGIN, *y));
        outline.push_child(OutlineNode::new(text.clone(), to));
    }
    document.set_outline(outline);
    let metadata = krilla::metadata::Metadata::new()
        .title(frame.title.to_string())
        .language("en-US".into())
        .creator("plantrack".into());
    document.set_metadata(metadata);
    document.finish().map_err(|e| format!("{e:?}"))
}

/// A child of the structure as a node of the tag tree.
fn built(
    l: &Layout<'_>,
    child: &Child,
    leaves: &mut HashMap<usize, Identifier>,
) -> Option<krilla::tagging::Node> {
    match child {
        Child::Op(id) => leaves.remove(id).map(Into::into),
        Child::Block(b) => {
            let node = &l.nodes[*b];
            let mut group = TagGroup::new(tag(&node.block));
            // A list item's text is its body.
            let mut body = TagGroup::new(Tag::LBody);
            let item = node.block == Block::Item;
            for c in &node.children {
                if let Some(n) = built(l, c, leaves) {
                    if item {
                        body.push(n);
                    } else {
                        group.push(n);
                    }
                }
            }
            if item {
                group.push(body);
            }
            Some(group.into())
        }
    }
}

/// The PDF tag of a block.
fn tag(block: &Block) -> TagKind {
    match block {
        Block::Heading(level, title) => Tag::Hn(
            NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Block::Paragraph => Tag::P.into(),
        Block::List => Tag::L(ListNumbering::None).into(),
        Block::Item => Tag::LI.into(),
        Block::Table => Tag::Table.into(),
        Block::Row => Tag::TR.into(),
        Block::Header(true) => Tag::TH(TableHeaderScope::Column).into(),
        Block::Header(false) => Tag::TH(TableHeaderScope::Row).into(),
        Block::Cell => Tag::TD.into(),
        Block::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
    }
}
