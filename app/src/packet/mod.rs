//! A review's briefing packet as a PDF made on the server (krilla, with krilla-svg for the
//! charts): text set in the bundled Public Sans and embedded as real text, the dashboard's
//! charts as vector graphics with their data tables, the exceptions, the plan changes
//! approved, the agenda and the open actions. Laid out in two passes: first into pages of
//! drawing operations with the document's structure beside them (`layout`), then drawn
//! as a tagged PDF/UA-1 document (`draw`), so each page can say "page 2 of 5".

mod draw;
mod layout;
mod listing;
mod report;
mod sections;

pub use listing::{document_pdf, exceptions_pdf, table_pdf};
pub use report::report_pdf;

pub use layout::Paper;

use crate::model::meeting::Packet;
use ab_glyph::FontRef;
use krilla::text::Font;
use layout::Layout;
use std::sync::Arc;

/// The bundled fonts: Public Sans and the symbols, measured (ab_glyph) and drawn (krilla).
fn fonts() -> Result<(FontRef<'static>, FontRef<'static>, [Font; 2]), String> {
    let metrics = FontRef::try_from_slice(crate::charts::FONT).map_err(|e| e.to_string())?;
    let symbols = FontRef::try_from_slice(crate::charts::SYMBOLS).map_err(|e| e.to_string())?;
    let font = |bytes: &[u8]| {
        Font::new(Arc::new(bytes.to_vec()).into(), 0).ok_or("a bundled font could not be read")
    };
    Ok((
        metrics,
        symbols,
        [font(crate::charts::FONT)?, font(crate::charts::SYMBOLS)?],
    ))
}

/// Draws `l` as a PDF, checked as PDF/UA-1; should some text defeat the check, the
/// document still comes, tagged but not claiming it.
fn finish(
    l: &Layout<'_>,
    trees: &[usvg::Tree],
    fonts: &[Font; 2],
    mut frame: draw::Frame<'_>,
) -> Result<Vec<u8>, String> {
    draw::draw(l, trees, fonts, &frame).or_else(|e| {
        tracing::warn!(error = %e, "the document is not PDF/UA-1; made without the claim");
        frame.ua = false;
        draw::draw(l, trees, fonts, &frame)
    })
}

/// The packet as a PDF on `paper`.
pub fn pdf(packet: &Packet, paper: Paper) -> Result<Vec<u8>, String> {
    let (metrics, symbols, fonts) = fonts()?;
    let options = crate::charts::svg_options();
    let mut trees = Vec::new();
    let mut l = Layout::new(metrics, symbols, paper);
    let m = &packet.meeting;
    let q = m.quarter;

    let title = format!("Briefing packet: {q} quarterly review");
    l.heading(&title, 1, 0.0);
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
        2,
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
                l.figure(trees.len() - 1, size, &c.alt());
            }
            Err(e) => {
                tracing::warn!(chart = %c.id, error = %e, "a chart could not be read for the packet")
            }
        }
        // Its data as a table (the text version of the drawing).
        if !c.is_empty() {
            let headers: Vec<String> = std::iter::once(c.x_label.clone())
                .chain(c.series.iter().map(|s| s.name.clone()))
                .collect();
            l.table(&headers, &c.table(), 8.0);
        }
        l.y += 8.0;
    }

    l.rule();
    l.heading(
        &crate::model::meeting::agenda_heading(m.items.len()),
        2,
        60.0,
    );
    if m.items.is_empty() {
        l.paragraph("Nothing on the agenda.", 10.0, 0.0, 4.0);
    }
    for item in &m.items {
        l.heading(&format!("{}. {}", item.position, item.title), 3, 40.0);
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
    l.heading("Open actions", 2, 30.0);
    let open: Vec<_> = m.actions.iter().filter(|a| a.closed.is_none()).collect();
    if open.is_empty() {
        l.paragraph("No open action.", 10.0, 0.0, 4.0);
    }
    let items: Vec<String> = open
        .iter()
        .map(|a| {
            let due = if a.overdue {
                format!("{} (overdue)", a.due)
            } else {
                a.due.clone()
            };
            format!("{} - {}, due {due}", a.title, a.owner)
        })
        .collect();
    l.list(&items, 10.0, 0.0);

    let footer = format!("{} - {q} review", packet.plan);
    let frame = draw::Frame {
        title: &title,
        footer: &footer,
        paper,
        ua: true,
    };
    // A character the font lacks inside a chart, say, may defeat the PDF/UA-1 check.
    finish(&l, &trees, &fonts, frame)
}
