//! Evidence: a file attached to a quarter's status update or actual — what it may be
//! (checked from its content, never from its name or the browser's say-so) and how it is
//! named and described.

use serde::{Deserialize, Serialize};

/// The largest file accepted: 10 MB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Longest file name kept (characters).
pub const MAX_NAME_CHARS: usize = 120;

/// What the upload form says it takes.
pub const ACCEPTED: &str = "PDF, image (PNG, JPEG, GIF, WebP, TIFF), spreadsheet (Excel, OpenDocument, CSV) or document (Word, OpenDocument, PowerPoint, RTF, plain text); 10 MB at most";

/// The `accept` attribute of the file input (a hint to the browser; the server checks).
pub const ACCEPT_ATTR: &str = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.xlsx,.xls,.ods,.csv,.docx,.doc,.odt,.pptx,.ppt,.odp,.rtf,.txt";

/// Content types taken, as the content sniffer names them, with the words people read.
const TAKEN: &[(&str, &str)] = &[
    ("application/pdf", "PDF"),
    ("image/png", "PNG image"),
    ("image/jpeg", "JPEG image"),
    ("image/gif", "GIF image"),
    ("image/webp", "WebP image"),
    ("image/tiff", "TIFF image"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel spreadsheet",
    ),
    ("application/vnd.ms-excel", "Excel spreadsheet"),
    (
        "application/vnd.oasis.opendocument.spreadsheet",
        "OpenDocument spreadsheet",
    ),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
    ),
    ("application/msword", "Word document"),
    (
        "application/vnd.oasis.opendocument.text",
        "OpenDocument text",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint presentation",
    ),
    ("application/vnd.ms-powerpoint", "PowerPoint presentation"),
    (
        "application/vnd.oasis.opendocument.presentation",
        "OpenDocument presentation",
    ),
    ("application/rtf", "RTF document"),
    ("text/csv", "CSV spreadsheet"),
    ("text/plain", "Text"),
];

/// The words for a stored content type ("PDF").
pub fn type_label(content_type: &str) -> &'static str {
    TAKEN
        .iter()
        .find(|(t, _)| *t == content_type)
        .map_or("File", |(_, l)| l)
}

/// Whether `content_type` is one evidence may have.
pub fn is_taken(content_type: &str) -> bool {
    TAKEN.iter().any(|(t, _)| *t == content_type)
}

/// The content type of a file whose content a sniffer named `sniffed` (None: no known
/// signature), named `name`, starting with `head`: a taken binary type as sniffed, else
/// CSV or plain text when the name says so and the content is text, else a refusal.
pub fn content_type(
    sniffed: Option<&str>,
    name: &str,
    head: &[u8],
) -> Result<&'static str, String> {
    if let Some(t) = sniffed {
        return TAKEN
            .iter()
            .find(|(taken, _)| *taken == t)
            .map(|(t, _)| *t)
            .ok_or_else(|| format!("\u{201c}{name}\u{201d} is not a file evidence may be ({t}). Attach a {ACCEPTED}."));
    }
    let text = !head.contains(&0) && std::str::from_utf8(trim_partial(head)).is_ok();
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match (text, ext.as_deref()) {
        (true, Some("csv")) => Ok("text/csv"),
        (true, Some("txt")) => Ok("text/plain"),
        _ => Err(format!(
            "\u{201c}{name}\u{201d} is not a file evidence may be: its content is not a PDF, image, spreadsheet or document. Attach a {ACCEPTED}."
        )),
    }
}

/// `head` without a UTF-8 sequence cut at its end.
fn trim_partial(head: &[u8]) -> &[u8] {
    match std::str::from_utf8(head) {
        Err(e) if e.error_len().is_none() => &head[..e.valid_up_to()],
        _ => head,
    }
}

/// A file name as kept: its last path part, without control characters, at most
/// [`MAX_NAME_CHARS`]; "evidence" when nothing is left.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last.chars().filter(|c| !c.is_control()).collect();
    let kept = kept.trim();
    if kept.is_empty() || kept == "." || kept == ".." {
        return "evidence".into();
    }
    let n = kept.chars().count();
    if n <= MAX_NAME_CHARS {
        return kept.to_string();
    }
    // Keep the extension when cutting.
    match kept.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() < 10 => {
            let stem: String = stem
                .chars()
                .take(MAX_NAME_CHARS - ext.chars().count() - 1)
                .collect();
            format!("{stem}.{ext}")
        }
        _ => kept.chars().take(MAX_NAME_CHARS).collect(),
    }
}

/// A size as people read it ("2.4 MB", "830 KB", "12 bytes").
pub fn size_label(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", (b / KB).ceil())
    } else {
        format!("{bytes} bytes")
    }
}

/// A file attached to a quarter's update, as pages list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: i64,
    /// "FY2027 Q1".
    pub quarter: String,
    /// The version of the update or actual it was attached to.
    pub version: i64,
    pub filename: String,
    /// "PDF", "Excel spreadsheet".
    pub kind: String,
    /// "2.4 MB".
    pub size: String,
    pub author: String,
    /// When, in the instance's time zone.
    pub attached: String,
}

/// An item's evidence and the upload form's state, as its page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EvidenceList {
    /// Newest first.
    pub files: Vec<Evidence>,
    /// Whether the reader may attach a file.
    pub can_attach: bool,
    /// The quarters a file may be attached to ("2027-Q1", "FY2027 Q1"): those with an
    /// update, newest first.
    pub quarters: Vec<(String, String)>,
    /// A refused upload's problem and chosen quarter, shown once.
    pub refused: Option<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_types_are_taken_as_sniffed_whatever_the_name_says() {
        assert_eq!(
            content_type(Some("application/pdf"), "report.txt", b"%PDF"),
            Ok("application/pdf")
        );
        let refused =
            content_type(Some("application/x-executable"), "report.pdf", b"\x7fELF").unwrap_err();
        assert!(
            refused.contains("report.pdf") && refused.contains("not a file evidence may be"),
            "{refused}"
        );
    }

    #[test]
    fn text_is_taken_only_as_csv_or_plain_text_named_so() {
        assert_eq!(
            content_type(None, "Actuals.CSV", b"a,b\n1,2\n"),
            Ok("text/csv")
        );
        assert_eq!(
            content_type(None, "notes.txt", "caf\u{e9}".as_bytes()),
            Ok("text/plain")
        );
        assert!(
            content_type(None, "page.html", b"<html>").is_err(),
            "HTML is never served back"
        );
        assert!(
            content_type(None, "data.csv", b"a\0b").is_err(),
            "binary is not text"
        );
        // A multi-byte character cut at the end of the sniffed head is still text.
        assert_eq!(
            content_type(None, "a.txt", &"é".as_bytes()[..1]),
            Ok("text/plain")
        );
    }

    #[test]
    fn names_lose_paths_and_control_characters_and_keep_their_extension_when_cut() {
        assert_eq!(clean_name("C:\\Users\\me\\Q1 report.pdf"), "Q1 report.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(clean_name(""), "evidence");
        let long = format!("{}.xlsx", "x".repeat(300));
        let cut = clean_name(&long);
        assert_eq!(cut.chars().count(), MAX_NAME_CHARS);
        assert!(cut.ends_with(".xlsx"));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_label(12), "12 bytes");
        assert_eq!(size_label(2048), "2 KB");
        assert_eq!(size_label(2_516_582), "2.4 MB");
        assert_eq!(type_label("application/pdf"), "PDF");
    }
}
