//! The annual strategic review (issue 19): each objective rated once a year with its
//! progress, evidence, risks and improvement strategies; the summary leadership reads.

use crate::harness::{Browser, TestApp};
use app::model::user::Role;

/// Posts objective `number`'s review of `fy`; returns where the answer sends the browser.
async fn save(
    browser: &Browser,
    fy: i32,
    number: &str,
    version: &str,
    rating: &str,
    improvement: &str,
) -> String {
    let page = format!("/annual-reviews/{fy}");
    let action = browser.action(&page, "save_annual_review").await;
    let fy = fy.to_string();
    let res = browser
        .post_form(
            &action,
            &[
                ("fy", fy.as_str()),
                ("objective", number),
                ("version", version),
                ("progress", "Case backlog down a third"),
                ("evidence_reviewed", "Quarterly case reports"),
                ("evidence_gaps", "No data for Q2"),
                ("risks", "Two analysts leaving"),
                ("improvement", improvement),
                ("rating", rating),
            ],
        )
        .await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The saved version of objective `number`'s review of `fy` (0: none).
pub async fn version(app: &TestApp, fy: i32, number: &str) -> i64 {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT a.version FROM annual_reviews a JOIN objectives o ON o.id = a.objective_id
         WHERE a.fiscal_year = $1 AND o.number = $2",
    )
    .bind(fy as i64)
    .bind(number)
    .fetch_optional(app.db.pool())
    .await
    .unwrap();
    row.map_or(0, |(v,)| v)
}

#[tokio::test]
async fn each_objective_is_rated_once_a_year_and_the_summary_counts_the_ratings() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let fy = crate::status::current_quarter().year;
    let (_, page) = wg.page(&format!("/annual-reviews/{fy}")).await;
    assert!(page.has_text(&format!("Annual strategic review, FY{fy}")));
    let objectives = page.count("tbody tr[data-objective]");
    assert!(objectives >= 3, "every objective of the plan");
    assert!(page.has_text(&format!("Not rated yet: {objectives}")));

    assert_eq!(
        save(&wg, fy, "4.1", "0", "noteworthy", "").await,
        format!("/annual-reviews/{fy}#objective-4-1")
    );
    // A focus area without improvement strategies: refused, typed text kept beside it.
    save(&wg, fy, "4.2", "0", "focus", "").await;
    let (_, page) = wg.page(&format!("/annual-reviews/{fy}")).await;
    let section = page.text_of("#objective-4-2");
    assert!(
        section.contains("Nothing was saved") && section.contains("improvement strategies"),
        "{section}"
    );
    assert!(
        section.contains("Two analysts leaving"),
        "typed text kept: {section}"
    );
    save(&wg, fy, "4.2", "0", "focus", "Cross-train two analysts").await;
    // The same form again, now stale: a conflict, and nothing overwritten.
    save(&wg, fy, "4.1", "0", "neither", "").await;
    let (_, page) = wg.page(&format!("/annual-reviews/{fy}")).await;
    assert!(
        page.text_of("#objective-4-1")
            .contains("Someone else saved"),
        "{}",
        page.text_of("#objective-4-1")
    );
    assert!(page.has_text(&format!(
        "★ Noteworthy progress: 1 · ⚑ Focus areas for improvement: 1 · – Neither: 0 · ○ Not rated yet: {}",
        objectives - 2
    )));
    assert!(page
        .text_of("tr[data-objective=\"4.1\"]")
        .contains("Noteworthy progress"));
    assert!(page
        .text_of("tr[data-objective=\"4.2\"]")
        .contains("Focus area for improvement"));
    let v = version(&app, fy, "4.1").await.to_string();
    save(&wg, fy, "4.1", &v, "neither", "").await;
    assert_eq!(version(&app, fy, "4.1").await, 2);

    // Leadership (a viewer) reads it; only the working group and administrators record it.
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page(&format!("/annual-reviews/{fy}")).await;
    assert!(page
        .text_of("#objective-4-2")
        .contains("Cross-train two analysts"));
    assert!(!page.has("form[action*=\"save_annual_review\"]"));
    let action = wg
        .action(&format!("/annual-reviews/{fy}"), "save_annual_review")
        .await;
    let res = viewer
        .post_form(
            &action,
            &[
                ("fy", "2027"),
                ("objective", "4.3"),
                ("version", "0"),
                ("rating", "neither"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    let (_, audit) = app.signed_in(Role::Admin).await.page("/admin/audit").await;
    assert!(audit.has_text(&format!(
        "Recorded the annual strategic review, FY{fy} objective 4.2"
    )));
    let (status, _) = wg.get("/annual-reviews/someday").await;
    assert_eq!(status, 404);
}
