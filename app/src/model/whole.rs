//! The whole-plan export: which tables it carries, in the order a restore writes them
//! (every table after the ones it refers to), and how each is ordered so the same
//! database always gives the same document. The format is documented in
//! `docs/export-format.md`.

/// What the document calls itself.
pub const FORMAT: &str = "plantrack-export";

/// The version of the document's shape; a reader refuses versions it does not know.
pub const VERSION: i64 = 1;

/// One table of the export: its name, how its rows are ordered, and its columns in name
/// order. The columns are the format's definition: the export reads exactly these, and a
/// restore writes exactly these (SQL is built from this list, never from the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub order: &'static str,
    pub columns: &'static [&'static str],
}

const fn table(name: &'static str, order: &'static str, columns: &'static [&'static str]) -> Table {
    Table {
        name,
        order,
        columns,
    }
}

/// The tables in restore order. Left out: summaries kept by triggers (status_current,
/// actual_current, goal_quarter: rebuilt as history is restored), sign-in sessions and
/// failed sign-ins.
pub const TABLES: &[Table] = &[
    table(
        "plans",
        "id",
        &[
            "created_at",
            "effective_date",
            "fy_end",
            "fy_start",
            "id",
            "organisation",
            "title",
            "updated_at",
        ],
    ),
    table(
        "narrative_sections",
        "id",
        &["body", "heading", "id", "plan_id", "position"],
    ),
    table(
        "goals",
        "id",
        &[
            "id",
            "name",
            "number",
            "plan_id",
            "retired_in",
            "seq",
            "statement",
        ],
    ),
    table(
        "objectives",
        "id",
        &[
            "goal_id",
            "id",
            "number",
            "plan_id",
            "retired_in",
            "seq",
            "title",
        ],
    ),
    table(
        "strategies",
        "id",
        &[
            "id",
            "number",
            "objective_id",
            "owner_office",
            "owner_person",
            "plan_id",
            "retired_in",
            "seq",
            "text",
        ],
    ),
    table(
        "users",
        "id",
        &[
            "break_glass",
            "created_at",
            "disabled",
            "display_name",
            "email",
            "id",
            "must_change_password",
            "password_hash",
            "role",
            "updated_at",
            "username",
            "version",
        ],
    ),
    table(
        "sso_links",
        "id",
        &["id", "issuer", "linked_at", "subject", "user_id"],
    ),
    table(
        "api_tokens",
        "id",
        &[
            "created_at",
            "expires_at",
            "id",
            "last_used_at",
            "name",
            "revoked_at",
            "scope",
            "token_hash",
            "user_id",
        ],
    ),
    table(
        "strategy_assignments",
        "strategy_id, user_id",
        &["strategy_id", "user_id"],
    ),
    table("settings", "key", &["key", "value"]),
    table(
        "import_drafts",
        "id",
        &[
            "body",
            "committed_at",
            "created_at",
            "id",
            "source_name",
            "summary",
        ],
    ),
    table(
        "status_updates",
        "id",
        &[
            "accomplishments",
            "author_id",
            "author_name",
            "corrective_action",
            "corrects_id",
            "created_at",
            "explanation",
            "fiscal_year",
            "id",
            "issues",
            "next_steps",
            "percent",
            "quarter",
            "state",
            "status",
            "strategy_id",
            "version",
        ],
    ),
    table(
        "status_reviews",
        "id",
        &[
            "author_id",
            "author_name",
            "comment",
            "created_at",
            "decision",
            "fiscal_year",
            "id",
            "quarter",
            "strategy_id",
            "version",
        ],
    ),
    table(
        "measures",
        "id",
        &[
            "accuracy",
            "aggregation",
            "baseline_fy",
            "baseline_value",
            "compensation",
            "created_at",
            "data_source",
            "direction",
            "done_when",
            "goal_id",
            "id",
            "kind",
            "lag_days",
            "limitations",
            "name",
            "objective_id",
            "profile",
            "public",
            "strategy_id",
            "thresholds",
            "unit",
            "updated_at",
            "verification",
            "version",
        ],
    ),
    table(
        "plan_years",
        "fiscal_year",
        &[
            "app_revision",
            "app_state",
            "fiscal_year",
            "ip_distributed_at",
            "ip_distributed_by",
            "ip_state",
        ],
    ),
    table(
        "app_revisions",
        "id",
        &[
            "author_name",
            "created_at",
            "fiscal_year",
            "id",
            "note",
            "revision",
            "state",
            "targets",
        ],
    ),
    table(
        "targets",
        "measure_id, fiscal_year, period",
        &["fiscal_year", "measure_id", "period", "value"],
    ),
    table(
        "target_changes",
        "id",
        &[
            "author_name",
            "created_at",
            "fiscal_year",
            "id",
            "measure_id",
            "new_value",
            "old_value",
            "period",
            "reason",
        ],
    ),
    table(
        "actuals",
        "id",
        &[
            "author_name",
            "created_at",
            "data_lag",
            "fiscal_year",
            "id",
            "measure_id",
            "note",
            "quarter",
            "value",
            "version",
        ],
    ),
    table(
        "shortfalls",
        "id",
        &[
            "author_name",
            "created_at",
            "fiscal_year",
            "id",
            "infeasible",
            "measure_id",
            "plan",
            "schedule",
            "why",
        ],
    ),
    table(
        "ip_milestones",
        "id",
        &[
            "created_at",
            "description",
            "done_at",
            "done_by",
            "fiscal_year",
            "id",
            "quarter",
            "strategy_id",
        ],
    ),
    table(
        "cycle_marks",
        "fiscal_year, milestone",
        &["done_at", "done_by", "fiscal_year", "milestone"],
    ),
    table(
        "unlocks",
        "id",
        &[
            "after_version",
            "author_name",
            "created_at",
            "fiscal_year",
            "id",
            "item_id",
            "item_kind",
            "quarter",
            "reason",
        ],
    ),
    table(
        "evidence",
        "id",
        &[
            "author_name",
            "content_type",
            "created_at",
            "data",
            "filename",
            "fiscal_year",
            "id",
            "item_id",
            "item_kind",
            "quarter",
            "size_bytes",
            "version",
        ],
    ),
    table("risk_categories", "id", &["id", "name", "retired"]),
    table(
        "meetings",
        "id",
        &[
            "chair_id",
            "created_at",
            "created_by",
            "fiscal_year",
            "guests",
            "held_on",
            "id",
            "quarter",
            "signed_off_at",
            "signed_off_by",
            "state",
            "version",
        ],
    ),
    table(
        "meeting_attendees",
        "meeting_id, user_id",
        &["meeting_id", "user_id"],
    ),
    table(
        "agenda_items",
        "id",
        &[
            "decisions",
            "id",
            "improvement",
            "kind",
            "likelihood",
            "meeting_id",
            "notes",
            "position",
            "reason",
            "reference",
            "risk_category_id",
            "title",
            "version",
        ],
    ),
    table(
        "meeting_actions",
        "id",
        &[
            "closed_at",
            "closed_by",
            "closing_note",
            "created_at",
            "created_by",
            "due_on",
            "id",
            "item_id",
            "meeting_id",
            "owner_id",
            "state",
            "title",
            "version",
        ],
    ),
    table(
        "meeting_addenda",
        "id",
        &["author_name", "created_at", "id", "meeting_id", "text"],
    ),
    table(
        "annual_reviews",
        "id",
        &[
            "evidence_gaps",
            "evidence_reviewed",
            "fiscal_year",
            "id",
            "improvement",
            "objective_id",
            "progress",
            "rating",
            "risks",
            "updated_at",
            "updated_by",
            "version",
        ],
    ),
    table(
        "report_narratives",
        "id",
        &[
            "evaluation",
            "fiscal_year",
            "goal_id",
            "id",
            "updated_at",
            "updated_by",
            "version",
        ],
    ),
    table(
        "program_evaluations",
        "id",
        &[
            "completed_on",
            "evidence_url",
            "fiscal_year",
            "id",
            "recorded_at",
            "recorded_by",
            "summary",
            "title",
        ],
    ),
    table(
        "performance_reports",
        "fiscal_year",
        &[
            "fiscal_year",
            "signed_by",
            "signed_on",
            "signer_title",
            "state",
            "transmittal",
            "updated_at",
            "updated_by",
            "version",
        ],
    ),
    table(
        "plan_revisions",
        "id",
        &[
            "created_at",
            "id",
            "made_by",
            "meeting_id",
            "number",
            "outline",
            "reasons",
        ],
    ),
    table(
        "change_proposals",
        "id",
        &[
            "change",
            "decided_at",
            "decided_by",
            "decision",
            "id",
            "kind",
            "meeting_id",
            "proposed_at",
            "proposed_by",
            "reason",
            "revision_id",
            "state",
            "subject",
        ],
    ),
    table(
        "budget_requests",
        "id",
        &[
            "amount_cents",
            "fiscal_year",
            "id",
            "office",
            "status",
            "title",
            "updated_at",
            "updated_by",
            "version",
        ],
    ),
    table(
        "budget_shares",
        "request_id, strategy_id",
        &["percent", "request_id", "strategy_id"],
    ),
    table(
        "business_plan_entries",
        "id",
        &[
            "active",
            "amount_cents",
            "contracts",
            "contributing",
            "facilities",
            "fiscal_year",
            "fte",
            "id",
            "it",
            "lead_office",
            "milestones",
            "staff",
            "strategy_id",
            "training",
            "updated_at",
            "updated_by",
            "version",
        ],
    ),
    table(
        "comments",
        "id",
        &[
            "author_id",
            "body",
            "id",
            "posted_at",
            "reply_to",
            "subject_key",
            "subject_kind",
            "thread_id",
        ],
    ),
    table(
        "comment_corrections",
        "id",
        &["body", "comment_id", "corrected_at", "id", "version"],
    ),
    table(
        "comment_mentions",
        "comment_id, user_id",
        &["comment_id", "user_id"],
    ),
    table(
        "comment_hides",
        "comment_id",
        &["comment_id", "hidden_at", "hidden_by", "reason"],
    ),
    table(
        "thread_events",
        "id",
        &["at", "by_id", "id", "resolved", "seq", "thread_id"],
    ),
    table(
        "report_schedules",
        "id",
        &[
            "active",
            "attach",
            "covering",
            "created_at",
            "created_by",
            "hour",
            "id",
            "name",
            "next_run_at",
            "recipients",
            "recurrence",
            "report",
            "updated_at",
            "version",
        ],
    ),
    table(
        "schedule_runs",
        "id",
        &[
            "covers",
            "detail",
            "due_at",
            "id",
            "manual",
            "messages",
            "ran_at",
            "result",
            "schedule_id",
        ],
    ),
    table(
        "outbox_documents",
        "id",
        &["created_at", "data", "id", "name"],
    ),
    table(
        "outbox",
        "id",
        &[
            "attempts",
            "body",
            "claimed_until",
            "created_at",
            "dedupe_key",
            "document_id",
            "folded_into",
            "id",
            "kind",
            "last_error",
            "next_attempt_at",
            "read_at",
            "run_id",
            "sent_at",
            "state",
            "subject",
            "to_address",
            "user_id",
        ],
    ),
    table(
        "audit_log",
        "id",
        &[
            "action",
            "after_json",
            "at",
            "before_json",
            "id",
            "object_key",
            "object_type",
            "user_id",
            "username",
        ],
    ),
];

/// Tables a new database starts with rows in (from its migrations): a restore replaces
/// them with the export's.
pub const SEEDED: &[&str] = &["risk_categories"];

/// Columns holding bytes, carried as base64 text.
pub const BINARY: &[(&str, &str)] = &[("evidence", "data"), ("outbox_documents", "data")];

/// Whether `table.column` holds bytes.
pub fn is_binary(table: &str, column: &str) -> bool {
    BINARY.iter().any(|(t, c)| *t == table && *c == column)
}

/// Whether the table's rows are numbered by an `id` the database assigns.
pub fn has_id(table: &str) -> bool {
    TABLES.iter().any(|t| t.name == table && t.order == "id")
}

/// The table called `name`, if the format has it.
pub fn table_named(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// Why one exported row cannot be restored into `table` (row numbers count from 1): a
/// key the table does not have, a column missing, or a value that is not a number,
/// text, true/false or null.
pub fn row_problem(table: &Table, row: usize, value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let name = table.name;
    let Some(fields) = value.as_object() else {
        return Some(format!("Row {row} of \"{name}\" is not an object."));
    };
    if let Some(key) = fields.keys().find(|k| !table.columns.contains(&k.as_str())) {
        return Some(format!(
            "Row {row} of \"{name}\" has a key \"{}\" that is not a column of \"{name}\".",
            printable(key)
        ));
    }
    if let Some(missing) = table.columns.iter().find(|c| !fields.contains_key(**c)) {
        return Some(format!(
            "Row {row} of \"{name}\" has no \"{missing}\" (every column is written, null when empty)."
        ));
    }
    fields
        .iter()
        .find(|(_, v)| matches!(v, Value::Array(_) | Value::Object(_)))
        .map(|(key, _)| {
            format!("Row {row} of \"{name}\": \"{key}\" holds a list or an object, not a value.")
        })
}

/// The whole document's `tables` checked before anything is written: only known tables,
/// each a list of rows with exactly the table's columns. The first problem, if any.
pub fn check_tables(tables: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    if let Some(unknown) = tables.keys().find(|k| table_named(k).is_none()) {
        return Some(format!(
            "The export has a table \"{}\" this plantrack does not know.",
            printable(unknown)
        ));
    }
    for table in TABLES {
        let Some(rows) = tables.get(table.name) else {
            continue;
        };
        let Some(rows) = rows.as_array() else {
            return Some(format!("\"{}\" is not a list of rows.", table.name));
        };
        for (i, row) in rows.iter().enumerate() {
            if let Some(problem) = row_problem(table, i + 1, row) {
                return Some(problem);
            }
        }
    }
    None
}

/// A name from the file as a message may quote it: control characters escaped, and cut
/// to 80 characters.
fn printable(text: &str) -> String {
    let shown: String = text
        .chars()
        .take(80)
        .flat_map(char::escape_default)
        .collect();
    if text.chars().count() > 80 {
        format!("{shown}…")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_row_has_exactly_its_tables_columns() {
        let goals = table_named("goals").unwrap();
        let mut row = json!({"id": 1, "name": null, "number": "1", "plan_id": 1,
            "retired_in": null, "seq": 1, "statement": "S"});
        assert_eq!(row_problem(goals, 1, &row), None);
        row["name) VALUES ('a'); CREATE TABLE injected (x INT); --"] = json!("x");
        let problem = row_problem(goals, 3, &row).unwrap();
        assert!(
            problem.starts_with("Row 3 of \"goals\" has a key \"name) VALUES"),
            "{problem}"
        );
        let mut short = json!({"id": 1});
        assert!(row_problem(goals, 1, &short)
            .unwrap()
            .contains("has no \"name\""));
        short = json!({"id": 1, "name": [1], "number": "1", "plan_id": 1,
            "retired_in": null, "seq": 1, "statement": "S"});
        assert!(row_problem(goals, 1, &short)
            .unwrap()
            .contains("a list or an object"));
        assert!(row_problem(goals, 1, &json!([1]))
            .unwrap()
            .contains("not an object"));
    }

    #[test]
    fn unknown_tables_and_names_with_control_characters_are_named_safely() {
        let tables = json!({"goals\r\nx": []});
        let problem = check_tables(tables.as_object().unwrap()).unwrap();
        assert!(problem.contains("goals\\r\\nx"), "{problem}");
        assert!(!problem.contains('\n'));
    }

    #[test]
    fn every_ordering_column_is_a_column() {
        for t in TABLES {
            for c in t.order.split(", ") {
                assert!(t.columns.contains(&c), "{}: {c}", t.name);
            }
            let mut sorted = t.columns.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, t.columns, "{} in name order", t.name);
        }
    }
}
