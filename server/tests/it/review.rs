//! Submit, approve, return (issue 18): a manager's update is a draft until submitted and
//! counts nowhere until then; the working group approves it or returns it with a comment;
//! the manager sees the comment, corrects and resubmits; an administrator can turn
//! approval off.

use crate::harness::{Browser, TestApp};
use crate::status::{assign, current_quarter, form, save};
use app::model::user::Role;

/// Saves 4.1.3's status for this quarter as a draft (`draft`) or submitted.
async fn save_as(browser: &Browser, base: &str, percent: &str, text: &str, draft: bool) -> String {
    let mut fields = form(base, "on_track", percent, text);
    fields.push(("intent", if draft { "draft" } else { "submit" }));
    save(browser, "4.1.3", &fields).await
}

/// Approves or returns version `version` of 4.1.3's update for this quarter, posting to
/// `action` (the review form's).
async fn review_at(
    browser: &Browser,
    action: &str,
    version: i64,
    comment: Option<&str>,
) -> reqwest::Response {
    let (quarter, version) = (current_quarter().slug(), version.to_string());
    let mut fields = vec![
        ("number", "4.1.3"),
        ("quarter", quarter.as_str()),
        ("version", version.as_str()),
    ];
    match comment {
        Some(c) => fields.extend([("decision", "return"), ("comment", c)]),
        None => fields.push(("decision", "approve")),
    }
    browser.post_form(action, &fields).await
}

/// How many strategies count for this quarter (the roll-up reads these).
async fn counted(app: &TestApp) -> i64 {
    let q = current_quarter();
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM status_current WHERE fiscal_year = $1 AND quarter = $2",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    n
}

/// The manager's row for 4.1.3 on My updates.
async fn my_row(manager: &Browser) -> String {
    let (_, page) = manager.page("/my").await;
    page.text_of("tbody tr")
}

#[tokio::test]
async fn a_draft_counts_nowhere_until_submitted_and_the_working_group_approves_or_returns_it() {
    let app = TestApp::settled().await;
    let manager = app.signed_in(Role::Manager).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    assign(&app, "manager", "4.1.3").await;
    let before = counted(&app).await;

    // A draft: saved, shown as a draft, counted nowhere, not reviewable.
    assert_eq!(
        save_as(&manager, "0", "40", "Half written", true).await,
        "/strategies/4.1.3"
    );
    assert_eq!(counted(&app).await, before);
    let row = my_row(&manager).await;
    assert!(
        row.contains("Draft") && row.contains("Finish and submit"),
        "{row}"
    );
    let (_, page) = manager.page("/quarters").await;
    let line = page.text_of("tr[data-strategy=\"4.1.3\"]");
    assert!(
        !line.contains("On track"),
        "a draft is not on the quarter page: {line}"
    );
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(page.has_text("Draft, not counted until submitted"));
    assert_eq!(
        page.count("textarea[name=comment]"),
        0,
        "nothing to review yet"
    );

    // Submitted: counted, awaiting approval.
    assert_eq!(
        save_as(&manager, "1", "40", "Done writing", false).await,
        "/strategies/4.1.3"
    );
    let action = wg.action("/strategies/4.1.3", "review_status").await;
    review_at(&wg, &action, 1, None).await;
    assert_eq!(app.count("status_reviews").await, 0, "version 1 is a draft");
    assert_eq!(counted(&app).await, before + 1);
    assert!(my_row(&manager)
        .await
        .contains("Submitted, awaiting approval"));

    // A return needs a comment; with one, the owner reads it on My updates and the form.
    let refused = review_at(&wg, &action, 2, Some("  ")).await;
    assert!(refused.status().is_redirection() || refused.status().as_u16() == 422);
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(
        page.has_text("Say what needs correcting"),
        "{}",
        page.text()
    );
    assert_eq!(app.count("status_reviews").await, 0);
    review_at(
        &wg,
        &action,
        2,
        Some("The percent looks too high for a kick-off."),
    )
    .await;
    assert_eq!(app.count("status_reviews").await, 1);
    let row = my_row(&manager).await;
    assert!(
        row.contains("Returned") && row.contains("The percent looks too high"),
        "{row}"
    );
    assert!(row.contains("Correct and resubmit"));
    let (_, form_page) = manager.page("/strategies/4.1.3/status").await;
    assert!(form_page.has_text("Returned for correction"));
    assert!(form_page.has_text("The percent looks too high for a kick-off."));
    // The tracker counts it as still to do, and the next reminder lists it.
    let q = crate::status::current_quarter();
    let (_, tracker) = wg.page(&format!("/quarters/{}/call", q.slug())).await;
    let line = tracker.text_of("tr[data-owner=\"manager\"]");
    assert!(
        line.contains("0 of 1 recorded") && line.contains("4.1.3 (↩ returned)"),
        "{line}"
    );
    let cal = app::model::fiscal::FiscalCalendar::default();
    let today = app.clock.today();
    let t = app::services::read::tracker::tracker(&app.db, q, cal, today)
        .await
        .unwrap();
    assert_eq!(t.owners[0].returned, vec!["4.1.3".to_string()]);
    let actor = app::queries::audit::Actor::system();
    let when = (cal, app.clock.now());
    app::services::outbox::remind_now(&app.db, &actor, "manager", q, when)
        .await
        .unwrap();
    let (body,): (String,) = sqlx::query_as("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        body.contains("Strategy 4.1.3: quarterly status")
            && body.contains("returned for correction"),
        "{body}"
    );
    // Reviewed once: a second decision on the same version is a conflict.
    review_at(&wg, &action, 2, None).await;
    assert_eq!(app.count("status_reviews").await, 1);

    // Corrected and resubmitted, then approved; the timeline says who did what.
    save_as(&manager, "2", "15", "Kick-off held", false).await;
    assert!(my_row(&manager)
        .await
        .contains("Submitted, awaiting approval"));
    review_at(&wg, &action, 2, None).await;
    assert_eq!(app.count("status_reviews").await, 1, "a stale version");
    review_at(&wg, &action, 3, None).await;
    assert_eq!(app.count("status_reviews").await, 2);
    assert!(my_row(&manager).await.contains("Approved"));
    let (_, page) = manager.page("/strategies/4.1.3").await;
    let timeline = page.text_of(".pt-timeline");
    assert!(timeline.contains("Approved by working-group"), "{timeline}");
    assert!(timeline.contains("Returned by working-group"), "{timeline}");
    assert!(timeline.contains("submitted by manager"), "{timeline}");
    let actions: Vec<(String,)> =
        sqlx::query_as("SELECT action FROM audit_log WHERE object_type = 'status' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let actions: Vec<&str> = actions.iter().map(|(a,)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["save_draft", "correct", "return", "correct", "approve"]
    );

    // A manager may not review (the policy table).
    save_as(&manager, "3", "20", "More done", false).await;
    let res = review_at(&manager, &action, 4, None).await;
    assert!(res.status().is_client_error() || res.status().is_redirection());
    assert_eq!(app.count("status_reviews").await, 2);
}

#[tokio::test]
async fn with_approval_off_a_submitted_update_counts_without_review() {
    let app = TestApp::settled().await;
    let admin = app.signed_in(Role::Admin).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let fy = current_quarter().year;
    let (_, page) = admin.page(&format!("/cycle/{fy}")).await;
    assert!(page.has_text("Approval is on"));
    let action = admin.action(&format!("/cycle/{fy}"), "set_approval").await;
    let year = fy.to_string();
    admin
        .post_form(&action, &[("on", "false"), ("fiscal_year", year.as_str())])
        .await;
    let (_, page) = admin.page(&format!("/cycle/{fy}")).await;
    assert!(page.has_text("Approval is off"));
    save_as(&manager, "0", "40", "Going well", false).await;
    let row = my_row(&manager).await;
    assert!(
        row.contains("Submitted") && !row.contains("awaiting"),
        "{row}"
    );
    let (_, page) = admin.page("/strategies/4.1.3").await;
    assert_eq!(
        page.count("textarea[name=comment]"),
        0,
        "no approval to give"
    );
    let (_, page) = admin.page("/").await;
    assert!(page.has_text("drafts are not counted"));
}
