//! History is append-only on both databases: no history row can be changed or deleted,
//! not even directly, and nothing a history row hangs on can be deleted (so no cascade
//! can erase one).

use crate::harness::TestApp;
use crate::measures::{add_measure, record_actual, set_targets};
use crate::status::{current_quarter, form, save};
use app::model::user::Role;

#[tokio::test]
async fn no_history_row_can_be_changed_or_deleted_and_nothing_it_hangs_on_can_be_deleted() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Kept for ever", "sum").await;
    let now = current_quarter();
    set_targets(&wg, id, now.year, ["40", "10", "10", "10", "10"], "").await;
    record_actual(&wg, id, &now.slug(), "12", false).await;
    save(&wg, "4.1.3", &form("0", "on_track", "40", "Going well")).await;
    let mut tx = app.db.begin_write().await.unwrap();
    for sql in [
        "INSERT INTO shortfalls (measure_id, fiscal_year, why, author_name, created_at)
         VALUES (1, 2026, 'Staffing', 'wg', 'now')",
        "INSERT INTO app_revisions (fiscal_year, revision, state, targets, author_name, created_at)
         VALUES (2027, 1, 'approved', '[]', 'wg', 'now')",
        "INSERT INTO unlocks (item_kind, item_id, fiscal_year, quarter, after_version, reason,
            author_name, created_at)
         VALUES ('strategy', 1, 2026, 4, 0, 'Late figures', 'wg', 'now')",
        "INSERT INTO status_reviews (strategy_id, fiscal_year, quarter, version, decision,
            comment, author_name, created_at)
         VALUES (1, 2027, 1, 1, 'approved', '', 'wg', 'now')",
    ] {
        sqlx::query(sql).execute(&mut *tx).await.unwrap();
    }
    sqlx::query(
        "INSERT INTO evidence (item_kind, item_id, fiscal_year, quarter, version, filename,
            content_type, size_bytes, data, author_name, created_at)
         VALUES ('strategy', 1, 2027, 1, 1, 'kept.pdf', 'application/pdf', 4, $1, 'wg', 'now')",
    )
    .bind(b"%PDF".to_vec())
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let history = [
        "status_updates",
        "actuals",
        "target_changes",
        "shortfalls",
        "app_revisions",
        "unlocks",
        "status_reviews",
        "evidence",
        "plan_revisions",
        "audit_log",
    ];
    let anchors = ["measures", "strategies", "objectives", "goals", "plans"];
    let mut counts = Vec::new();
    for table in history.iter().chain(&anchors) {
        let n = app.count(table).await;
        assert!(n > 0, "{table} has a row to protect");
        counts.push(n);
    }
    for table in history {
        for sql in [
            format!("UPDATE {table} SET id = id"),
            format!("DELETE FROM {table}"),
        ] {
            let result = sqlx::query(&sql).execute(app.db.pool()).await;
            assert!(result.is_err(), "{sql} was allowed");
        }
    }
    for table in anchors {
        let sql = format!("DELETE FROM {table}");
        let result = sqlx::query(&sql).execute(app.db.pool()).await;
        assert!(result.is_err(), "{sql} was allowed (and would cascade)");
    }
    for (table, before) in history.iter().chain(&anchors).zip(counts) {
        assert_eq!(app.count(table).await, before, "{table} lost rows");
    }
}
