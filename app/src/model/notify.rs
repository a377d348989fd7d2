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
    /// "queued", "sending", "sent", "failed", "not_sent".
    pub state: String,
    pub attempts: i64,
    pub error: Option<String>,
    pub when: String,
}

/// A delivery state in words.
pub fn state_label(state: &str) -> &'static str {
    match state {
        "queued" => "Queued",
        "sending" => "Sending",
        "sent" => "Sent",
        "failed" => "Failed",
        _ => "Not sent",
    }
}
