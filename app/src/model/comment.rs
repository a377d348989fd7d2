//! Discussion on the work (issue 41): a comment's text checked, its @mentions found, its
//! links made clickable without HTML, and who may correct, resolve or hide. Pure.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Longest comment.
pub const MAX_COMMENT: usize = 5_000;
/// How long an author may correct their comment.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// What a thread hangs on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Strategy(String),
    Measure(i64),
    /// A status update's version: (strategy, FY, quarter, version).
    StatusUpdate(String, i32, u8, i64),
    /// A measure's actual's version: (measure, FY, quarter, version).
    Actual(i64, i32, u8, i64),
    AgendaItem(i64),
    Proposal(i64),
    BudgetRequest(i64),
}

impl Subject {
    /// The stored (kind, key) pair: ("strategy", "4.1.3"), ("actual", "7/2027/1/2").
    pub fn key(&self) -> (&'static str, String) {
        match self {
            Subject::Strategy(n) => ("strategy", n.clone()),
            Subject::Measure(id) => ("measure", id.to_string()),
            Subject::StatusUpdate(n, y, q, v) => ("status_update", format!("{n}/{y}/{q}/{v}")),
            Subject::Actual(m, y, q, v) => ("actual", format!("{m}/{y}/{q}/{v}")),
            Subject::AgendaItem(id) => ("agenda_item", id.to_string()),
            Subject::Proposal(id) => ("proposal", id.to_string()),
            Subject::BudgetRequest(id) => ("budget_request", id.to_string()),
        }
    }

    /// Reads a stored (kind, key) pair.
    pub fn parse(kind: &str, key: &str) -> Option<Subject> {
        let parts: Vec<&str> = key.split('/').collect();
        let id = || key.parse::<i64>().ok();
        let versioned = || -> Option<(i32, u8, i64)> {
            match parts.as_slice() {
                [_, y, q, v] => Some((y.parse().ok()?, q.parse().ok()?, v.parse().ok()?)),
                _ => None,
            }
        };
        match kind {
            "strategy" if !key.is_empty() && !key.contains('/') => {
                Some(Subject::Strategy(key.to_string()))
            }
            "measure" => id().map(Subject::Measure),
            "status_update" => {
                let (y, q, v) = versioned()?;
                Some(Subject::StatusUpdate(parts[0].to_string(), y, q, v))
            }
            "actual" => {
                let (y, q, v) = versioned()?;
                Some(Subject::Actual(parts[0].parse().ok()?, y, q, v))
            }
            "agenda_item" => id().map(Subject::AgendaItem),
            "proposal" => id().map(Subject::Proposal),
            "budget_request" => id().map(Subject::BudgetRequest),
            _ => None,
        }
    }
}

/// Checks a comment's text: trimmed, not empty, at most [`MAX_COMMENT`] characters, no
/// control characters but line breaks and tabs.
pub fn check_text(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Write the comment first.".into());
    }
    if t.chars().count() > MAX_COMMENT {
        return Err(format!(
            "Keep a comment under {MAX_COMMENT} characters; this one has {}.",
            t.chars().count()
        ));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(
            "The comment has control characters: type or paste it again as plain text.".into(),
        );
    }
    Ok(t.replace("\r\n", "\n"))
}

/// Whether `c` may be part of a username (a–z, 0–9, ".", "_", "-").
fn username_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c)
}

/// The usernames `text` mentions, in order, each once: `@ana` at the start or after a
/// character that cannot be in an address (so `ana@example.org` mentions no one); a
/// trailing "." or "-" is punctuation, not part of the name.
pub fn mentions(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '@' {
            continue;
        }
        if i > 0 && (chars[i - 1].is_alphanumeric() || username_char(chars[i - 1])) {
            continue;
        }
        let name: String = chars[i + 1..]
            .iter()
            .take_while(|c| username_char(**c))
            .collect();
        let name = name.trim_end_matches(['.', '-']).to_string();
        if (3..=32).contains(&name.chars().count()) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// A piece of a comment as shown: plain text, or a link (its address both shown and
/// followed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Text(String),
    Link(String),
}

/// Splits `text` into text and the `http://` / `https://` addresses in it, so a page
/// can make them links without ever rendering the comment as HTML. Trailing
/// punctuation (".", ",", ")", …) stays text.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        let (before, from) = rest.split_at(at);
        let end = from
            .find(|c: char| c.is_whitespace() || "<>\"".contains(c))
            .unwrap_or(from.len());
        let mut link = &from[..end];
        while let Some(last) = link.chars().last() {
            if ".,;:!?)]}'".contains(last) {
                link = &link[..link.len() - last.len_utf8()];
            } else {
                break;
            }
        }
        let scheme = if link.starts_with("https://") { 8 } else { 7 };
        if !before.is_empty() {
            out.push(Piece::Text(before.to_string()));
        }
        if link.len() > scheme {
            out.push(Piece::Link(link.to_string()));
        } else {
            out.push(Piece::Text(link.to_string()));
        }
        rest = &from[link.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

/// Whether the author may still correct a comment posted at `posted` (within
/// [`EDIT_WINDOW_MINUTES`]).
pub fn may_correct(posted: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= posted && now - posted <= Duration::minutes(EDIT_WINDOW_MINUTES)
}

/// Checks a mention list against who may read the item: the ones who may not, named.
pub fn unreadable(mentioned: &[String], may_read: impl Fn(&str) -> bool) -> Vec<&str> {
    mentioned
        .iter()
        .map(String::as_str)
        .filter(|m| !may_read(m))
        .collect()
}

impl Subject {
    /// The address of the page the thread shows on ("/measures/7#discussion").
    pub fn page(&self) -> String {
        match self {
            Subject::Strategy(n) => format!("/strategies/{n}#discussion"),
            Subject::Measure(id) => format!("/measures/{id}#discussion"),
            _ => {
                let (kind, key) = self.key();
                format!(
                    "/discussion?on={kind}:{}",
                    crate::model::redirect::enc(&key)
                )
            }
        }
    }

    /// Reads the `on` parameter of `/discussion` ("actual:7/2027/1/2").
    pub fn from_param(on: &str) -> Option<Subject> {
        let (kind, key) = on.split_once(':')?;
        Subject::parse(kind, key)
    }

    /// The kind in words ("status update").
    pub fn noun(&self) -> &'static str {
        match self {
            Subject::Strategy(_) => "strategy",
            Subject::Measure(_) => "measure",
            Subject::StatusUpdate(..) => "status update",
            Subject::Actual(..) => "actual",
            Subject::AgendaItem(_) => "review agenda item",
            Subject::Proposal(_) => "change proposal",
            Subject::BudgetRequest(_) => "budget request",
        }
    }

    /// The subject as a reader names it, from its stored `label`.
    pub fn describe(&self, label: &str) -> String {
        match self {
            Subject::StatusUpdate(_, y, q, v) => {
                format!("{label}: FY{y} Q{q} status update (version {v})")
            }
            Subject::Actual(_, y, q, v) => format!("{label}: FY{y} Q{q} actual (version {v})"),
            Subject::AgendaItem(_) => format!("Review agenda item: {label}"),
            Subject::Proposal(id) => format!("Change proposal {id}: {label}"),
            Subject::BudgetRequest(_) => format!("Budget request: {label}"),
            _ => label.to_string(),
        }
    }
}

/// One comment as a thread shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author_name: String,
    /// When it was posted, as people read it.
    pub when: String,
    /// Its text as pieces (empty when hidden).
    pub text: Vec<Piece>,
    /// "Hidden by Ana Lopez on 7 December 2026: off topic".
    pub hidden: Option<String>,
    /// Earlier texts, oldest first: (when replaced, text).
    pub earlier: Vec<(String, String)>,
    /// The corrections it has had (the version a correction must name).
    pub version: i64,
    /// Whether the reader may still correct it.
    pub may_correct: bool,
    /// The author of the comment it answers.
    pub replying_to: Option<String>,
}

/// A thread: the comment that starts it and its replies, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: i64,
    pub comments: Vec<CommentView>,
    /// "Resolved by Ana Lopez on 7 December 2026", when resolved.
    pub resolved: Option<String>,
    /// Resolved and reopened events so far (what a resolve or reopen must follow).
    pub seq: i64,
    /// Whether the reader may resolve or reopen it (its starter, the working group).
    pub may_resolve: bool,
}

/// Someone a comment may mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentionable {
    pub username: String,
    pub display_name: String,
}

/// An item's discussion as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    /// The stored kind and key of the subject (the forms post them back).
    pub kind: String,
    pub key: String,
    /// What the discussion is on, in words.
    pub title: String,
    /// Where the thread shows.
    pub page: String,
    pub threads: Vec<ThreadView>,
    /// Threads not resolved.
    pub open: usize,
    /// Whether the reader may comment (anyone signed in who may read it).
    pub may_post: bool,
    /// Whether the reader may hide comments (administrators).
    pub may_hide: bool,
    pub people: Vec<Mentionable>,
    /// A refused form with what was typed, and which form it was.
    pub returned: Option<super::form::Returned>,
}

/// A comment that mentions the reader, as My updates lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionLine {
    pub author_name: String,
    pub when: String,
    /// The start of its text.
    pub excerpt: String,
    /// Where to read and answer it.
    pub link: String,
    /// "Waiting for your answer", "Answered", "Resolved".
    pub state: String,
}

/// Shortens `text` to `max` characters on one line, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

/// Checks an administrator's reason for hiding a comment.
pub fn check_reason(reason: &str) -> Result<String, String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err("Say why the comment is hidden; the reason shows in its place.".into());
    }
    if r.chars().count() > 500 || r.chars().any(char::is_control) {
        return Err("Keep the reason to one line of at most 500 characters.".into());
    }
    Ok(r.to_string())
}

/// Open threads per status update (strategy, FY, quarter), whatever its version, from
/// open threads per stored status-update key.
pub fn open_by_update(
    counts: &std::collections::HashMap<String, i64>,
) -> std::collections::HashMap<(String, i32, u8), i64> {
    let mut out = std::collections::HashMap::new();
    for (key, n) in counts {
        if let Some(Subject::StatusUpdate(s, y, q, _)) = Subject::parse("status_update", key) {
            *out.entry((s, y, q)).or_insert(0) += n;
        }
    }
    out
}

/// "2 open threads" / "No open thread", as a Discussion column reads.
pub fn open_words(n: i64) -> String {
    match n {
        0 => "No open thread".to_string(),
        1 => "1 open thread".to_string(),
        n => format!("{n} open threads"),
    }
}

/// The most comments one person may post in [`BURST_MINUTES`].
pub const BURST_LIMIT: i64 = 20;
/// The window of the comment throttle, in minutes.
pub const BURST_MINUTES: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_subject_on_its_own_page_reads_back_from_the_discussion_address() {
        assert_eq!(Subject::Measure(7).page(), "/measures/7#discussion");
        let s = Subject::Actual(7, 2027, 1, 2);
        let page = s.page();
        let on = page
            .strip_prefix("/discussion?on=")
            .unwrap()
            .replace("%2F", "/");
        assert_eq!(Subject::from_param(&on), Some(s));
        assert_eq!(Subject::from_param("nonsense"), None);
    }

    #[test]
    fn open_threads_add_up_over_an_updates_versions() {
        let counts = std::collections::HashMap::from([
            ("4.1.3/2027/1/1".to_string(), 1),
            ("4.1.3/2027/1/2".to_string(), 2),
            ("4.1.3/2027/2/1".to_string(), 1),
            ("junk".to_string(), 5),
        ]);
        let by = open_by_update(&counts);
        assert_eq!(by.get(&("4.1.3".to_string(), 2027, 1)), Some(&3));
        assert_eq!(by.get(&("4.1.3".to_string(), 2027, 2)), Some(&1));
        assert_eq!(by.len(), 2);
        assert_eq!(open_words(0), "No open thread");
        assert_eq!(open_words(2), "2 open threads");
    }

    #[test]
    fn an_excerpt_is_one_line_and_says_when_it_is_cut() {
        assert_eq!(
            excerpt("Is the\nQ1 figure cumulative?", 40),
            "Is the Q1 figure cumulative?"
        );
        assert_eq!(excerpt("abcdefghij", 5), "abcd\u{2026}");
        assert!(check_reason("  ").is_err());
        assert_eq!(check_reason(" Off topic ").unwrap(), "Off topic");
    }

    #[test]
    fn subjects_round_trip_through_their_stored_form() {
        for s in [
            Subject::Strategy("4.1.3".into()),
            Subject::Measure(7),
            Subject::StatusUpdate("4.1.3".into(), 2027, 1, 2),
            Subject::Actual(7, 2027, 4, 1),
            Subject::AgendaItem(3),
            Subject::Proposal(9),
            Subject::BudgetRequest(11),
        ] {
            let (kind, key) = s.key();
            assert_eq!(Subject::parse(kind, &key), Some(s));
        }
        assert_eq!(Subject::parse("measure", "x"), None);
        assert_eq!(Subject::parse("actual", "7/2027/1"), None);
        assert_eq!(Subject::parse("strategy", "4/1"), None);
        assert_eq!(Subject::parse("page", "1"), None);
    }

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            check_text("  Is Q1 cumulative?\r\n "),
            Ok("Is Q1 cumulative?".into())
        );
        assert_eq!(check_text("a\r\nb"), Ok("a\nb".into()));
        assert!(check_text("   ").is_err());
        assert!(check_text("bell\u{7}").is_err());
        assert!(check_text(&"x".repeat(MAX_COMMENT + 1)).is_err());
        assert!(check_text(&"x".repeat(MAX_COMMENT)).is_ok());
    }

    #[test]
    fn mentions_are_found_once_each_and_addresses_are_not_mentions() {
        assert_eq!(
            mentions("@ana.ruiz is Q1 cumulative? cc @bo_li, @ana.ruiz."),
            ["ana.ruiz", "bo_li"]
        );
        assert!(mentions("write to ana@example.org").is_empty());
        assert!(mentions("@ab is too short, @ alone is nothing").is_empty());
        assert_eq!(mentions("(@wg-lead)"), ["wg-lead"]);
        assert_eq!(mentions("@Ana is not a username"), Vec::<String>::new());
    }

    #[test]
    fn links_become_pieces_and_punctuation_after_them_stays_text() {
        assert_eq!(
            pieces("See https://example.org/a?b=1. Or (http://x.test)"),
            [
                Piece::Text("See ".into()),
                Piece::Link("https://example.org/a?b=1".into()),
                Piece::Text(". Or (".into()),
                Piece::Link("http://x.test".into()),
                Piece::Text(")".into()),
            ]
        );
        assert_eq!(pieces("no links"), [Piece::Text("no links".into())]);
        assert_eq!(pieces("https://"), [Piece::Text("https://".into())]);
        assert_eq!(
            pieces("javascript:alert(1) <b>x</b>"),
            [Piece::Text("javascript:alert(1) <b>x</b>".into())]
        );
    }

    #[test]
    fn an_author_corrects_within_fifteen_minutes_only() {
        let posted = Utc.with_ymd_and_hms(2027, 1, 20, 9, 0, 0).unwrap();
        assert!(may_correct(posted, posted + Duration::minutes(15)));
        assert!(!may_correct(
            posted,
            posted + Duration::minutes(15) + Duration::seconds(1)
        ));
        assert!(!may_correct(posted, posted - Duration::seconds(1)));
    }

    #[test]
    fn a_mention_of_someone_who_may_not_read_the_item_is_named() {
        let m = vec!["ana".to_string(), "bo".to_string(), "cy".to_string()];
        assert_eq!(unreadable(&m, |u| u != "bo"), ["bo"]);
    }
}
