//! Audit trail entries as the audit page shows them.

use serde::{Deserialize, Serialize};

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub object_type: String,
    pub object_key: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// What changed, field by field, in words (filled in for the audit page).
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One field's change: its name in words, and the value before and after ("—": none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The entry in words: "Changed strategy 4.1.3", "Reset the password of user ana".
pub fn describe(action: &str, object_type: &str, key: &str) -> String {
    let object = format!("{} {key}", object_type.replace('_', " "));
    let phrase = match action {
        "create" => format!("Created {object}"),
        "update" => format!("Changed {object}"),
        "delete" => format!("Deleted {object}"),
        "replace" => format!("Replaced {object}"),
        "record" => format!("Recorded {object}"),
        "correct" => format!("Corrected {object}"),
        "assign" => format!("Assigned strategies to {object}"),
        "reset_password" => format!("Reset the password of {object}"),
        "change_password" => format!("Changed the password of {object}"),
        "set_target" => format!("Set targets of {object}"),
        "explain" => format!("Explained a shortfall of {object}"),
        "distribute" => format!("Distributed {object}"),
        "mark_done" => format!("Marked done: {object}"),
        "reopen" => format!("Reopened {object}"),
        "attach_evidence" => format!("Attached evidence to {object}"),
        "open_review" => format!("Opened {object}"),
        "record_item" => format!("Recorded an agenda item of {object}"),
        "move_item" => format!("Reordered the agenda of {object}"),
        "add_item" => format!("Added an agenda item to {object}"),
        "set_details" => format!("Set the date and attendance of {object}"),
        "add_action" => format!("Added a follow-up action to {object}"),
        "close_action" => format!("Closed a follow-up action of {object}"),
        "sign_off" => format!("Signed off {object}"),
        "add_addendum" => format!("Added an addendum to {object}"),
        "add_risk" => format!("Added the risk category {key}"),
        "retire_risk" => format!("Retired the risk category {key}"),
        "annual_review" => format!("Recorded the annual strategic review, {}", key),
        other => format!("{} {object}", field_name(other)),
    };
    phrase.trim().to_string()
}

/// The fields that differ between the JSON recorded before and after a change, in words:
/// a created record lists what it was created with, a deleted one what it had.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    use serde_json::Value;
    let parse = |t: Option<&str>| t.and_then(|t| serde_json::from_str::<Value>(t).ok());
    let (before, after) = (parse(before), parse(after));
    let fields = |v: &Option<Value>| -> Vec<(String, Value)> {
        match v {
            Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(other) => vec![("value".to_string(), other.clone())],
            None => Vec::new(),
        }
    };
    let (old, new) = (fields(&before), fields(&after));
    let mut keys: Vec<String> = old.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in &new {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let find = |list: &[(String, Value)], k: &str| {
        list.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
    };
    keys.into_iter()
        .filter_map(|k| {
            let (b, a) = (find(&old, &k), find(&new, &k));
            let before = b.as_ref().map_or("—".to_string(), shown);
            let after = a.as_ref().map_or("—".to_string(), shown);
            // A field with nothing on either side (a created record's empty field) is
            // no change to read.
            (before != after).then(|| Change {
                field: field_name(&k),
                before,
                after,
            })
        })
        .collect()
}

/// "corrective_action" → "Corrective action".
fn field_name(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// A recorded value in words: text as it is, yes/no, lists joined, nothing as "—".
fn shown(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", field_name(k), shown(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Filters from the audit page's form; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user: Option<String>,
    pub object: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: i64,
}

/// One page of entries and the total that match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    /// The organisation's time zone the times are shown in ("America/New_York").
    #[serde(default)]
    pub time_zone: String,
    /// A time zone an administrator typed that was refused: (typed, why).
    #[serde(default)]
    pub time_zone_refused: Option<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_field_by_field_before_and_after() {
        let c = changes(
            Some(r#"{"status":"on_track","percent":40,"corrective_action":""}"#),
            Some(r#"{"status":"at_risk","percent":40,"corrective_action":"Escalate"}"#),
        );
        assert_eq!(
            c,
            vec![
                Change {
                    field: "Corrective action".into(),
                    before: "(empty)".into(),
                    after: "Escalate".into()
                },
                Change {
                    field: "Status".into(),
                    before: "on_track".into(),
                    after: "at_risk".into()
                },
            ],
            "the unchanged percent is left out"
        );
        let created = changes(None, Some(r#"{"owners":["ana","sam"],"office":null}"#));
        assert_eq!(created[0].field, "Owners");
        assert_eq!(created[0].before, "—");
        assert_eq!(created[0].after, "ana, sam");
        assert_eq!(changes(Some("3"), Some("4"))[0].field, "Value");
        assert!(changes(Some("not json"), None).is_empty());
        assert_eq!(
            describe("update", "strategy", "4.1.3"),
            "Changed strategy 4.1.3"
        );
        assert_eq!(
            describe("reset_password", "user", "ana"),
            "Reset the password of user ana"
        );
        assert_eq!(
            describe("some_new_thing", "plan", "1"),
            "Some new thing plan 1"
        );
    }
}
