//! What the schedules page shows: each schedule with its next and last run, the runs'
//! history, and a preview of what the next run would send.

use super::form::ScheduleInput;
use serde::{Deserialize, Serialize};

/// One schedule as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub id: i64,
    pub version: i64,
    pub name: String,
    /// "Briefing packet of the reporting quarter".
    pub report: String,
    /// "Quarterly, 5 days after the data call locks, at 08:00".
    pub when: String,
    /// "Viewer (leadership); ada; board@example.gov".
    pub recipients: String,
    /// "PDF attached" or "Link".
    pub format: String,
    /// The next run in the organisation's time zone, or "Paused".
    pub next_run: String,
    pub active: bool,
    /// The last run and its result, or "Never run".
    pub last_run: String,
    /// The form's values, for editing it.
    pub input: ScheduleInput,
}

/// One run as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunLine {
    pub schedule: String,
    /// When it ran, in the organisation's time zone.
    pub ran: String,
    /// "Scheduled" or "Sent now".
    pub how: String,
    pub covers: String,
    /// "Queued 3 messages (2 sent, 1 failed)", "Empty: …", "Failed: …".
    pub result: String,
    /// Whether something went wrong (empty, failed, or a message failed).
    pub problem: bool,
}

/// The schedules page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulesPage {
    pub schedules: Vec<ScheduleLine>,
    pub runs: Vec<RunLine>,
    /// The organisation's time zone ("America/New_York").
    pub time_zone: String,
    /// The reader may send to outside addresses (administrators).
    pub may_send_outside: bool,
    /// A refused form, as typed, with its problems (shown once); `form` is "new" or the
    /// schedule's id.
    pub returned: Option<super::super::form::Returned<ScheduleInput>>,
}

/// What the next run of a schedule would send, per audience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub name: String,
    pub next_run: String,
    pub audiences: Vec<PreviewPart>,
}

/// One audience's message in a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewPart {
    /// "Viewer (leadership): 2 people" or "Outside addresses: 1".
    pub audience: String,
    pub subject: String,
    pub body: String,
    /// The attachment's file name, when it has one; or why nothing would go.
    pub attachment: Option<String>,
    pub empty: Option<String>,
}
