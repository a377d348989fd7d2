//! The quarter lock (issue 18): after a quarter locks, its status and actuals are refused
//! whatever door they come in by; a working-group member unlocks one strategy or measure
//! with a reason (audited), and the owner's next save locks it again.

use crate::harness::TestApp;
use crate::measures::{add_measure, import, post, record_actual};
use crate::status::{assign, current_quarter, form, save_in};
use app::model::user::Role;

/// The audit entries of unlocks, as (object type, key, reason).
async fn unlock_events(app: &TestApp) -> Vec<(String, String, String)> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT object_type, object_key, after_json FROM audit_log WHERE action = 'unlock' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    rows
}

#[tokio::test]
async fn a_locked_quarter_refuses_status_until_unlocked_and_locks_again_on_the_next_save() {
    let app = TestApp::settled().await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let last = current_quarter().previous();
    let form_page = format!("/strategies/4.1.3/status?quarter={}", last.slug());
    let (status, page) = manager.page(&form_page).await;
    assert_eq!(status, 200);
    assert!(
        page.has_text(&format!("{last} is locked")),
        "{}",
        page.text()
    );
    assert!(page.has_text("Ask the working group to unlock it"));
    assert_eq!(
        page.count("textarea[name=accomplishments]"),
        0,
        "no form to type into"
    );
    assert_eq!(
        page.count("textarea[name=reason]"),
        0,
        "a manager cannot unlock"
    );

    // A save for the locked quarter (a form opened before it locked) is refused and the
    // typed text comes back with why.
    let updates = app.count("status_updates").await;
    let to = save_in(
        &manager,
        "4.1.3",
        last,
        &form("0", "on_track", "60", "Late report"),
    )
    .await;
    assert!(to.starts_with("/strategies/4.1.3/status"), "{to}");
    let (_, page) = manager.page(&to).await;
    assert!(
        page.has_text(&format!("{last} locked on")),
        "{}",
        page.text()
    );
    assert!(page.has_text("Late report"), "what was typed is kept");
    assert_eq!(app.count("status_updates").await, updates);

    // The working group unlocks it, with a reason.
    let wg = app.signed_in(Role::WorkingGroup).await;
    let (_, page) = wg.page(&form_page).await;
    assert_eq!(page.count("textarea[name=reason]"), 1);
    let action = wg.action(&form_page, "unlock_quarter").await;
    let slug = last.slug();
    let unlock = |reason: &'static str| {
        let action = action.clone();
        let slug = slug.clone();
        let wg = &wg;
        async move {
            wg.post_form(
                &action,
                &[
                    ("kind", "strategy"),
                    ("item", "4.1.3"),
                    ("quarter", slug.as_str()),
                    ("reason", reason),
                ],
            )
            .await
        }
    };
    unlock("   ").await;
    let (_, page) = wg.page(&form_page).await;
    assert!(page.has_text("Say why this quarter is being unlocked"));
    assert_eq!(app.count("unlocks").await, 0);
    unlock("Finance corrected the figures").await;
    assert_eq!(app.count("unlocks").await, 1);
    let events = unlock_events(&app).await;
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].0.as_str(), events[0].1.as_str()),
        ("strategy", format!("4.1.3 {slug}").as_str())
    );
    assert!(events[0].2.contains("Finance corrected the figures"));

    // The owner sees why and saves; the quarter locks again.
    let (_, page) = manager.page(&form_page).await;
    assert!(
        page.has_text("unlocked it for this strategy"),
        "{}",
        page.text()
    );
    assert!(page.has_text("Finance corrected the figures"));
    let to = save_in(
        &manager,
        "4.1.3",
        last,
        &form("0", "on_track", "60", "Late report"),
    )
    .await;
    assert_eq!(to, "/strategies/4.1.3");
    assert_eq!(app.count("status_updates").await, updates + 1);
    let (_, page) = manager.page(&form_page).await;
    assert!(page.has_text(&format!("{last} is locked")));
    let to = save_in(
        &manager,
        "4.1.3",
        last,
        &form("1", "completed", "100", "Again"),
    )
    .await;
    assert!(to.starts_with("/strategies/4.1.3/status"), "{to}");
    assert_eq!(app.count("status_updates").await, updates + 1);

    // This quarter is not locked: nothing to unlock.
    let now = current_quarter().slug();
    let res = wg
        .post_form(
            &action,
            &[
                ("kind", "strategy"),
                ("item", "4.1.3"),
                ("quarter", now.as_str()),
                ("reason", "No need"),
            ],
        )
        .await;
    assert!(res.status().is_client_error() || res.status().is_redirection());
    assert_eq!(app.count("unlocks").await, 1);
}

#[tokio::test]
async fn a_locked_quarter_refuses_actuals_from_the_form_and_from_a_file_until_unlocked() {
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let last = current_quarter().previous();
    let measure_page = format!("/measures/{id}");

    // The form does not offer the locked quarter, and says it is locked.
    let (_, page) = manager.page(&measure_page).await;
    assert!(page.has_text(&format!("Locked (the data call has closed): {last}")));
    assert!(page.has_text("Ask the working group to unlock one"));
    assert_eq!(page.count(&format!("option[value=\"{}\"]", last.slug())), 0);
    let actuals = app.count("actuals").await;
    record_actual(&manager, id, &last.slug(), "12", false).await;
    let (_, page) = manager.page(&measure_page).await;
    assert!(
        page.has_text(&format!("{last} locked on")),
        "{}",
        page.text()
    );
    assert_eq!(app.count("actuals").await, actuals);

    // A file is refused too, naming the line; nothing of it is written.
    let now = current_quarter().slug();
    let csv = format!(
        "measure_id,quarter,actual\n{id},{now},3\n{id},{},4\n",
        last.slug()
    );
    let outcome = import(&wg, &csv).await;
    assert!(outcome.contains("Line 3: "), "{outcome}");
    assert!(outcome.contains("locked on"), "{outcome}");
    assert_eq!(app.count("actuals").await, actuals);

    // Unlocked by the working group on the measure page: the owner records once.
    let (_, page) = wg.page(&measure_page).await;
    assert!(page.has_text("Unlock a locked quarter"));
    let action = wg.action(&measure_page, "unlock_quarter").await;
    let slug = last.slug();
    let id_s = id.to_string();
    let fields = [
        ("kind", "measure"),
        ("item", id_s.as_str()),
        ("quarter", slug.as_str()),
        ("reason", "Late data from the regions"),
    ];
    assert_eq!(
        post(&wg, &measure_page, "unlock_quarter", &fields).await,
        measure_page
    );
    let events = unlock_events(&app).await;
    assert_eq!(events[0].1, format!("measure {id} {slug}"));
    let (_, page) = manager.page(&measure_page).await;
    assert_eq!(page.count(&format!("option[value=\"{slug}\"]")), 1);
    assert_eq!(
        record_actual(&manager, id, &slug, "12", false).await,
        measure_page
    );
    assert_eq!(app.count("actuals").await, actuals + 1);
    record_actual(&manager, id, &slug, "13", false).await;
    assert_eq!(app.count("actuals").await, actuals + 1, "locked again");

    // A manager may not unlock (the policy table).
    let res = manager.post_form(&action, &fields).await;
    assert_eq!(res.status().as_u16(), 403);
}

/// Unlocks 4.1.3's status for quarter `q` as the working group, with a reason.
async fn unlock_strategy(wg: &crate::harness::Browser, q: app::model::fiscal::FiscalQuarter) {
    let form_page = format!("/strategies/4.1.3/status?quarter={}", q.slug());
    let action = wg.action(&form_page, "unlock_quarter").await;
    let slug = q.slug();
    let res = wg
        .post_form(
            &action,
            &[
                ("kind", "strategy"),
                ("item", "4.1.3"),
                ("quarter", slug.as_str()),
                ("reason", "Late figures"),
            ],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
}

/// The latest version of 4.1.3's status in quarter `q` (drafts included).
async fn latest_version(app: &TestApp, q: app::model::fiscal::FiscalQuarter) -> String {
    let (v,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(u.version), 0) FROM status_updates u
           JOIN strategies s ON s.id = u.strategy_id
          WHERE s.number = '4.1.3' AND u.fiscal_year = $1 AND u.quarter = $2",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    v.to_string()
}

/// Saves 4.1.3's status for `q` as the owner: a draft or submitted.
async fn owner_saves(
    app: &TestApp,
    owner: &crate::harness::Browser,
    q: app::model::fiscal::FiscalQuarter,
    draft: bool,
    text: &str,
) -> String {
    let base = latest_version(app, q).await;
    let mut fields = form(&base, "on_track", "60", text);
    fields.push(("intent", if draft { "draft" } else { "submit" }));
    save_in(owner, "4.1.3", q, &fields).await
}

#[tokio::test]
async fn an_unlock_holds_through_drafts_until_the_owner_submits() {
    let app = TestApp::settled().await;
    let manager = app.signed_in(Role::Manager).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    assign(&app, "manager", "4.1.3").await;
    let now = app.clock.now();
    let last = current_quarter().previous();
    let form_page = format!("/strategies/4.1.3/status?quarter={}", last.slug());
    let saved = "/strategies/4.1.3";

    // Draft → unlock → submit: a draft saved while the quarter was open.
    let cal = app::model::fiscal::FiscalCalendar::default();
    let in_last = cal.end_of(last).and_hms_opt(12, 0, 0).unwrap().and_utc();
    app.clock.set(in_last);
    assert_eq!(
        owner_saves(&app, &manager, last, true, "Half done").await,
        saved
    );
    app.clock.set(now);
    let (_, page) = manager.page(&form_page).await;
    assert!(
        page.has_text(&format!("{last} is locked")),
        "{}",
        page.text()
    );
    unlock_strategy(&wg, last).await;
    let (_, page) = manager.page(&form_page).await;
    assert!(
        page.has_text("It stays open until an update is submitted"),
        "the page says until when: {}",
        page.text()
    );
    assert_eq!(
        owner_saves(&app, &manager, last, false, "All done").await,
        saved,
        "the unlock opens the quarter although a draft was pending"
    );
    let (_, page) = manager.page(&form_page).await;
    assert!(
        page.has_text(&format!("{last} is locked")),
        "submitting locks it again"
    );
    let refused = owner_saves(&app, &manager, last, false, "Once more").await;
    assert!(refused.starts_with("/strategies/4.1.3/status"), "{refused}");

    // Unlock → draft → submit, the submit through the JSON API.
    unlock_strategy(&wg, last).await;
    assert_eq!(
        owner_saves(&app, &manager, last, true, "Correcting").await,
        saved
    );
    assert_eq!(
        owner_saves(&app, &manager, last, true, "Still correcting").await,
        saved,
        "drafts keep it open"
    );
    let (_, page) = manager.page(&form_page).await;
    assert!(
        page.has_text("unlocked it for this strategy"),
        "{}",
        page.text()
    );
    let api = crate::api::Api::new(&app);
    let (token, _) = crate::api::token(&app, "api-owner", Role::Manager, "write").await;
    assign(&app, "api-owner", "4.1.3").await;
    let base: i64 = latest_version(&app, last).await.parse().unwrap();
    let body = serde_json::json!({"quarter": last.slug(), "status": "on_track", "percent": 70,
        "accomplishments": "Corrected", "base_version": base});
    let (status, answer) = api
        .post(&token, "/api/v1/strategies/4.1.3/status", &body)
        .await;
    assert_eq!(status, 201, "{answer}");
    let body = serde_json::json!({"quarter": last.slug(), "status": "on_track", "percent": 70,
        "accomplishments": "Again", "base_version": base + 1});
    let (status, answer) = api
        .post(&token, "/api/v1/strategies/4.1.3/status", &body)
        .await;
    assert_eq!(status, 422, "locked again once submitted: {answer}");
    assert!(answer.to_string().contains("locked"), "{answer}");
}
