//! The schedule form: what was typed, and its check into a schedule's parts with a
//! message beside each field that is wrong.

use super::{Recipients, Recurrence, ReportKind, MAX_DAYS_AFTER_LOCK};
use crate::model::user::Role;
use serde::{Deserialize, Serialize};

/// Longest name a schedule takes.
pub const MAX_NAME: usize = 120;
/// Longest covering text a schedule takes.
pub const MAX_COVERING: usize = 5_000;
/// Most outside addresses one schedule sends to.
pub const MAX_OUTSIDE: usize = 50;

/// What was typed in the schedule form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleInput {
    /// The version the edit form showed ("" for a new schedule).
    pub version: String,
    pub name: String,
    pub report: String,
    /// "monthly", "after_lock" or "yearly".
    pub every: String,
    /// Day of the month (monthly, yearly).
    pub day: String,
    /// Month (yearly).
    pub month: String,
    /// Days after the data call locks (quarterly).
    pub days_after: String,
    /// Hour of the day, in the organisation's time zone.
    pub hour: String,
    /// "pdf" (attached) or "link".
    pub format: String,
    /// Roles ticked.
    pub roles: Vec<String>,
    /// Usernames, separated by commas, spaces or lines.
    pub users: String,
    /// Outside addresses, separated by commas, spaces or lines.
    pub outside: String,
    pub covering: String,
}

/// A checked schedule form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleFields {
    pub name: String,
    pub report: ReportKind,
    pub recurrence: Recurrence,
    pub hour: u32,
    /// Attached as a PDF (true) or sent as a link.
    pub attach: bool,
    pub recipients: Recipients,
    pub covering: String,
}

/// A whole number from `low` to `high`, or the message for `field`.
fn number(typed: &str, (low, high): (u32, u32), what: &str) -> Result<u32, String> {
    typed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (low..=high).contains(n))
        .ok_or_else(|| format!("Enter {what} from {low} to {high}."))
}

/// Text without control characters (line breaks and tabs allowed where `lines`).
fn clean(text: &str, lines: bool) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
}

/// The words of a list typed with commas, spaces or lines between them.
fn words(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in typed.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        if !w.is_empty() && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Whether `a` has the shape of an e-mail address (the sender checks it fully).
fn looks_like_address(a: &str) -> bool {
    let mut parts = a.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && a.len() <= 254 && clean(a, false)
}

/// Checks a schedule form; returns its parts or (field, message) errors.
pub fn validate(input: &ScheduleInput) -> Result<ScheduleFields, Vec<(String, String)>> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut fail = |field: &str, message: String| errors.push((field.to_string(), message));
    let name = input.name.trim().to_string();
    if name.is_empty() {
        fail(
            "name",
            "Give the schedule a name, such as \"Quarterly packet to leadership\".".into(),
        );
    } else if name.chars().count() > MAX_NAME || !clean(&name, false) {
        fail(
            "name",
            format!("The name must be plain text of at most {MAX_NAME} characters."),
        );
    }
    let report = ReportKind::parse(input.report.trim());
    if report.is_none() {
        fail("report", "Choose what the schedule sends.".into());
    }
    let recurrence = match input.every.trim() {
        "monthly" => number(&input.day, (1, 31), "a day of the month")
            .map(|day| Recurrence::Monthly { day })
            .map_err(|m| ("day", m)),
        "after_lock" => number(
            &input.days_after,
            (0, MAX_DAYS_AFTER_LOCK),
            "a number of days",
        )
        .map(|days| Recurrence::AfterLock { days })
        .map_err(|m| ("days_after", m)),
        "yearly" => match (
            number(&input.month, (1, 12), "a month"),
            number(&input.day, (1, 31), "a day of the month"),
        ) {
            (Ok(month), Ok(day)) if chrono::NaiveDate::from_ymd_opt(2028, month, day).is_some() => {
                Ok(Recurrence::Yearly { month, day })
            }
            (Ok(_), Ok(_)) => Err(("day", "That month has no such day.".to_string())),
            (Err(m), _) => Err(("month", m)),
            (_, Err(m)) => Err(("day", m)),
        },
        _ => Err(("every", "Choose how often it is sent.".to_string())),
    };
    let recurrence = recurrence.map_err(|(f, m)| fail(f, m)).ok();
    let hour = number(&input.hour, (0, 23), "an hour")
        .map_err(|m| fail("hour", m))
        .ok();
    let attach = match input.format.trim() {
        "pdf" => Some(true),
        "link" => Some(false),
        _ => {
            fail("format", "Choose a PDF attachment or a link.".into());
            None
        }
    };
    let mut roles = Vec::new();
    for r in &input.roles {
        match Role::parse(r.trim()) {
            Some(role) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => fail("roles", "Choose roles from the list.".into()),
        }
    }
    let users = words(&input.users);
    if users
        .iter()
        .any(|u| u.chars().count() > 64 || !clean(u, false))
    {
        fail("users", "Name people by their usernames.".into());
    }
    let outside = words(&input.outside);
    if let Some(bad) = outside.iter().find(|a| !looks_like_address(a)) {
        let shown: String = bad.chars().filter(|c| !c.is_control()).take(60).collect();
        fail(
            "outside",
            format!("\"{shown}\" is not an e-mail address (name@example.gov)."),
        );
    } else if outside.len() > MAX_OUTSIDE {
        fail(
            "outside",
            format!("At most {MAX_OUTSIDE} outside addresses."),
        );
    }
    let recipients = Recipients {
        roles,
        users,
        outside,
    };
    if recipients.is_empty() {
        fail(
            "roles",
            "Choose who receives it: a role, a person or an outside address.".into(),
        );
    }
    let covering = input.covering.trim().to_string();
    if covering.chars().count() > MAX_COVERING || !clean(&covering, true) {
        fail(
            "covering",
            format!("The covering text must be plain text of at most {MAX_COVERING} characters."),
        );
    }
    match (report, recurrence, hour, attach) {
        (Some(report), Some(recurrence), Some(hour), Some(attach)) if errors.is_empty() => {
            Ok(ScheduleFields {
                name,
                report,
                recurrence,
                hour,
                attach,
                recipients,
                covering,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> ScheduleInput {
        ScheduleInput {
            name: "Quarterly packet".into(),
            report: "packet".into(),
            every: "after_lock".into(),
            days_after: "5".into(),
            hour: "8".into(),
            format: "pdf".into(),
            roles: vec!["viewer".into()],
            users: "ada, bob\nada".into(),
            outside: "board@example.gov".into(),
            ..Default::default()
        }
    }

    fn field_errors(input: &ScheduleInput) -> Vec<String> {
        validate(input)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_whole_schedule_is_read_into_its_parts() {
        let f = validate(&typed()).unwrap();
        assert_eq!(f.recurrence, Recurrence::AfterLock { days: 5 });
        assert_eq!(f.recipients.roles, vec![Role::Viewer]);
        assert_eq!(f.recipients.users, vec!["ada", "bob"]);
        assert!(f.attach);
    }

    #[test]
    fn a_bad_recurrence_names_its_field() {
        let mut i = typed();
        i.days_after = "91".into();
        assert_eq!(field_errors(&i), vec!["days_after"]);
        i.every = "monthly".into();
        i.day = "32".into();
        assert_eq!(field_errors(&i), vec!["day"]);
        i.every = "yearly".into();
        i.month = "2".into();
        i.day = "30".into();
        assert_eq!(field_errors(&i), vec!["day"]);
        i.day = "29".into();
        assert!(validate(&i).is_ok(), "29 February is a yearly day");
        i.every = "fortnightly".into();
        assert_eq!(field_errors(&i), vec!["every"]);
        i.every = "monthly".into();
        i.hour = "24".into();
        assert_eq!(field_errors(&i), vec!["hour"]);
    }

    #[test]
    fn a_schedule_without_recipients_or_with_a_bad_address_is_refused() {
        let mut i = typed();
        i.roles.clear();
        i.users.clear();
        i.outside.clear();
        assert_eq!(field_errors(&i), vec!["roles"]);
        let mut i = typed();
        i.outside = "board@example.gov, not-an-address".into();
        let errors = validate(&i).unwrap_err();
        assert_eq!(errors[0].0, "outside");
        assert!(errors[0].1.contains("\"not-an-address\""), "{errors:?}");
        i.outside = "a@b.gov\u{7}".into();
        assert_eq!(field_errors(&i), vec!["outside"]);
        let mut i = typed();
        i.name = "Packet\u{1b}[31m".into();
        i.roles = vec!["owner".into()];
        assert_eq!(field_errors(&i), vec!["name", "roles"]);
    }
}
