//! Scheduled reports' own PDFs, laid out like the packet: the exceptions list of a
//! quarter, and a table (the APP progress) under a title.

use super::layout::{Layout, Paper};
use super::{draw, finish, fonts, sections};
use crate::model::exception::Exceptions;
use crate::model::fiscal::FiscalQuarter;
use crate::model::schedule::Document;

/// A scheduled report's document as a PDF on US Letter.
pub fn document_pdf(doc: &Document) -> Result<Vec<u8>, String> {
    let paper = Paper::Letter;
    match doc {
        Document::Packet(p) => super::pdf(p, paper),
        Document::Exceptions {
            plan,
            made,
            exceptions,
            quarter,
        } => exceptions_pdf((plan, made), exceptions, *quarter, paper),
        Document::Table {
            title,
            intro,
            headers,
            rows,
        } => table_pdf((title, intro), headers, rows, paper),
        Document::Report(r) => super::report_pdf(r, paper),
    }
}

/// The exceptions of quarter `q` as a PDF: `plan` and `made` under the title.
pub fn exceptions_pdf(
    (plan, made): (&str, &str),
    e: &Exceptions,
    q: FiscalQuarter,
    paper: Paper,
) -> Result<Vec<u8>, String> {
    let (metrics, symbols, fonts) = fonts()?;
    let mut l = Layout::new(metrics, symbols, paper);
    let title = format!("Exceptions list: {q}");
    l.heading(&title, 1, 0.0);
    l.paragraph(&format!("{plan} - made {made}"), 10.0, 0.0, 6.0);
    sections::exceptions(&mut l, e, q);
    let footer = format!("{plan} - exceptions in {q}");
    let frame = draw::Frame {
        title: &title,
        footer: &footer,
        paper,
        ua: true,
    };
    finish(&l, &[], &fonts, frame)
}

/// A table under `title` and `intro` as a PDF (each row's first cell is its header).
pub fn table_pdf(
    (title, intro): (&str, &str),
    headers: &[String],
    rows: &[(String, Vec<String>)],
    paper: Paper,
) -> Result<Vec<u8>, String> {
    let (metrics, symbols, fonts) = fonts()?;
    let mut l = Layout::new(metrics, symbols, paper);
    l.heading(title, 1, 0.0);
    l.paragraph(intro, 10.0, 0.0, 6.0);
    l.table(headers, rows, 9.0);
    let frame = draw::Frame {
        title,
        footer: title,
        paper,
        ua: true,
    };
    finish(&l, &[], &fonts, frame)
}
