//! What people read of the outbox: their notifications, and the administrators' list.

use serde::{Deserialize, Serialize};

/// One message as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub subject: String,
    pub body: String,
    /// When it was written, as people read it.
    pub when: String,
    pub unread: bool,
    /// "E-mailed", "Not e-mailed: …", "Sending".
    pub delivery: String,
}

/// A person's notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    pub messages: Vec<Notification>,
    pub unread: usize,
}

/// One outbox message as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxLine {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub kind: String,
    /// "Queued", "Sending", "Sent", "Failed", "Not sent".
    pub state: String,
    pub attempts: i64,
    pub error: Option<String>,
    pub when: String,
}

/// Why a message was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageKind {
    /// The data call's reminder a few days before updates are due.
    ReminderSoon,
    /// The reminder on the due day.
    ReminderDue,
    /// The reminder while updates are overdue.
    ReminderOverdue,
    /// A digest sent by the working group from the data-call tracker.
    RemindNow,
    /// An update returned for correction.
    Returned,
    /// The quarter's summary.
    Summary,
    /// Someone mentioned the person in a comment.
    Mention,
    /// A scheduled report's run.
    ScheduledReport,
}

impl MessageKind {
    const ALL: [MessageKind; 8] = [
        MessageKind::ReminderSoon,
        MessageKind::ReminderDue,
        MessageKind::ReminderOverdue,
        MessageKind::RemindNow,
        MessageKind::Returned,
        MessageKind::Summary,
        MessageKind::Mention,
        MessageKind::ScheduledReport,
    ];

    /// The stored value ("reminder_due").
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::ReminderSoon => "reminder_soon",
            MessageKind::ReminderDue => "reminder_due",
            MessageKind::ReminderOverdue => "reminder_overdue",
            MessageKind::RemindNow => "remind_now",
            MessageKind::Returned => "returned",
            MessageKind::Summary => "summary",
            MessageKind::Mention => "mention",
            MessageKind::ScheduledReport => "scheduled_report",
        }
    }

    /// Reads a stored value.
    pub fn parse(s: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

crate::stored_as_text!(
    MessageKind,
    MessageKind::parse,
    "outbox.kind",
    "message kind"
);

/// Where a message is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Waiting to be sent (first or again, after a failed attempt).
    Queued,
    /// Claimed by an instance that is sending it.
    Sending,
    Sent,
    /// Given up on after the last attempt.
    Failed,
    /// Not for e-mail (no address, or e-mail is off): it stays a notification.
    NotSent,
}

impl Delivery {
    const ALL: [Delivery; 5] = [
        Delivery::Queued,
        Delivery::Sending,
        Delivery::Sent,
        Delivery::Failed,
        Delivery::NotSent,
    ];

    /// The stored value ("not_sent").
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Queued => "queued",
            Delivery::Sending => "sending",
            Delivery::Sent => "sent",
            Delivery::Failed => "failed",
            Delivery::NotSent => "not_sent",
        }
    }

    /// Reads a stored value.
    pub fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// In words ("Not sent").
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Queued => "Queued",
            Delivery::Sending => "Sending",
            Delivery::Sent => "Sent",
            Delivery::Failed => "Failed",
            Delivery::NotSent => "Not sent",
        }
    }
}

crate::stored_as_text!(Delivery, Delivery::parse, "outbox.state", "delivery state");

/// A piece of a message's text: words, or an address to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// A path on this site ("/my") or a web address, shown as a link.
    Link(String),
}

/// A message's text with its addresses picked out (a path on this site, or an http(s)
/// address), so a page shows them as links; a full stop or comma after one stays text.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let push_text = |out: &mut Vec<Piece>, t: &str| match out.last_mut() {
        Some(Piece::Text(s)) => s.push_str(t),
        _ => out.push(Piece::Text(t.to_string())),
    };
    for word in text.split_inclusive(char::is_whitespace) {
        let bare = word.trim_end();
        let space = &word[bare.len()..];
        let addr = bare.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let tail = &bare[addr.len()..];
        let is_link = addr.starts_with("https://")
            || addr.starts_with("http://")
            || (addr.len() > 1
                && addr.starts_with('/')
                && !addr.starts_with("//")
                && addr
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/-_.?=&#%".contains(c)));
        if is_link {
            out.push(Piece::Link(addr.to_string()));
            push_text(&mut out, &format!("{tail}{space}"));
        } else {
            push_text(&mut out, word);
        }
    }
    out
}

#[cfg(test)]
mod pieces_tests {
    use super::*;

    #[test]
    fn addresses_become_links_and_the_punctuation_after_them_stays_text() {
        assert_eq!(
            pieces("Record it at /my. Or https://plan.example.gov/quarters/2027-Q1/call, today"),
            vec![
                Piece::Text("Record it at ".into()),
                Piece::Link("/my".into()),
                Piece::Text(". Or ".into()),
                Piece::Link("https://plan.example.gov/quarters/2027-Q1/call".into()),
                Piece::Text(", today".into()),
            ]
        );
        assert_eq!(
            pieces("1/2 done // not a link"),
            vec![Piece::Text("1/2 done // not a link".into())]
        );
    }
}
