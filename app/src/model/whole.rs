//! The whole-plan export: which tables it carries, in the order a restore writes them
//! (every table after the ones it refers to), and how each is ordered so the same
//! database always gives the same document. The format is documented in
//! `docs/export-format.md`.

/// What the document calls itself.
pub const FORMAT: &str = "plantrack-export";

/// The version of the document's shape; a reader refuses versions it does not know.
pub const VERSION: i64 = 1;

/// (table, ORDER BY) in restore order. Left out: summaries kept by triggers
/// (status_current, actual_current, goal_quarter: rebuilt as history is restored),
/// sign-in sessions and failed sign-ins.
pub const TABLES: &[(&str, &str)] = &[
    ("plans", "id"),
    ("narrative_sections", "id"),
    ("goals", "id"),
    ("objectives", "id"),
    ("strategies", "id"),
    ("users", "id"),
    ("api_tokens", "id"),
    ("strategy_assignments", "strategy_id, user_id"),
    ("settings", "key"),
    ("import_drafts", "id"),
    ("status_updates", "id"),
    ("status_reviews", "id"),
    ("measures", "id"),
    ("plan_years", "fiscal_year"),
    ("app_revisions", "id"),
    ("targets", "measure_id, fiscal_year, period"),
    ("target_changes", "id"),
    ("actuals", "id"),
    ("shortfalls", "id"),
    ("ip_milestones", "id"),
    ("cycle_marks", "fiscal_year, milestone"),
    ("unlocks", "id"),
    ("evidence", "id"),
    ("risk_categories", "id"),
    ("meetings", "id"),
    ("meeting_attendees", "meeting_id, user_id"),
    ("agenda_items", "id"),
    ("meeting_actions", "id"),
    ("meeting_addenda", "id"),
    ("annual_reviews", "id"),
    ("plan_revisions", "id"),
    ("change_proposals", "id"),
    ("budget_requests", "id"),
    ("budget_shares", "request_id, strategy_id"),
    ("outbox", "id"),
    ("audit_log", "id"),
];

/// Tables a new database starts with rows in (from its migrations): a restore replaces
/// them with the export's.
pub const SEEDED: &[&str] = &["risk_categories"];

/// Columns holding bytes, carried as base64 text.
pub const BINARY: &[(&str, &str)] = &[("evidence", "data")];

/// Whether `table.column` holds bytes.
pub fn is_binary(table: &str, column: &str) -> bool {
    BINARY.iter().any(|(t, c)| *t == table && *c == column)
}

/// Whether the table's rows are numbered by an `id` the database assigns.
pub fn has_id(table: &str) -> bool {
    TABLES
        .iter()
        .any(|(t, order)| *t == table && *order == "id")
}
