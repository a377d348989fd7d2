//! Quarterly status: recording, history and corrections, conflicts, validation, roll-up.

use crate::harness::{Browser, TestApp};
use app::model::fiscal::{FiscalCalendar, FiscalQuarter};
use app::model::user::Role;

/// The quarter the test servers' clock is in (October fiscal years).
pub fn current_quarter() -> FiscalQuarter {
    FiscalCalendar::default().quarter_of(crate::harness::test_clock().today())
}

/// Moves `app`'s clock to the day after `fq` ends: its data call is open, as when its
/// status and actuals were reported (before the quarter locked). Returns the instant it
/// was at, to move back to.
pub fn during_call(app: &TestApp, fq: FiscalQuarter) -> chrono::DateTime<chrono::Utc> {
    let was = app.clock.now();
    let day = FiscalCalendar::default().end_of(fq) + chrono::Days::new(1);
    app.clock.set(day.and_hms_opt(12, 0, 0).unwrap().and_utc());
    was
}

/// Assigns a strategy to a user by username, straight into the table (the owners form
/// does it through `services::ownership`, audited).
pub async fn assign(app: &TestApp, username: &str, number: &str) {
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO strategy_assignments (strategy_id, user_id)
         SELECT s.id, u.id FROM strategies s, users u WHERE s.number = $1 AND u.username = $2",
    )
    .bind(number)
    .bind(username)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.wrote_directly();
}

pub fn form<'a>(
    base_version: &'a str,
    status: &'a str,
    percent: &'a str,
    text: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("base_version", base_version),
        ("status", status),
        ("percent", percent),
        ("accomplishments", text),
        ("issues", ""),
        ("next_steps", ""),
        ("explanation", ""),
        ("corrective_action", ""),
    ]
}

/// Posts the status form for `number` in the current quarter as a browser without JS.
pub async fn save(browser: &Browser, number: &str, fields: &[(&str, &str)]) -> String {
    save_in(browser, number, current_quarter(), fields).await
}

/// Posts the status form for `number` in `quarter`.
pub async fn save_in(
    browser: &Browser,
    number: &str,
    quarter: FiscalQuarter,
    fields: &[(&str, &str)],
) -> String {
    let page = format!("/strategies/{number}/status");
    let action = browser.action(&page, "save_status").await;
    let slug = quarter.slug();
    let mut all: Vec<(&str, &str)> = vec![("number", number), ("quarter", slug.as_str())];
    all.extend_from_slice(fields);
    let res = browser.post_form(&action, &all).await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

#[tokio::test]
async fn a_recorded_update_shows_on_the_strategy_and_quarter_pages() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let to = save(
        &wg,
        "4.1.3",
        &form("0", "on_track", "40", "Protocols drafted"),
    )
    .await;
    assert_eq!(to, "/strategies/4.1.3");
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(page.has_text("Protocols drafted"));
    assert!(page.has_text("40% complete"));
    assert!(page.has_text(&current_quarter().to_string()));
    let (status, quarter) = wg
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert_eq!(status, 200);
    assert!(quarter.has_text("On track"));
    assert!(quarter.has_text("working-group"));
    // Without a quarter, the page is the reporting quarter's (the last one ended).
    let (_, default) = wg.page("/quarters").await;
    let reporting = current_quarter().previous();
    assert!(default.has_text(&format!("Quarter status: {reporting}")));
    assert!(default
        .text_of(".pt-quarter-phase")
        .contains("(the reporting quarter)"));
}

#[tokio::test]
async fn a_correction_is_a_new_entry_linked_to_the_one_it_corrects() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    save(&wg, "4.1.3", &form("0", "on_track", "40", "First")).await;
    let to = save(&wg, "4.1.3", &form("1", "at_risk", "35", "Second")).await;
    assert_eq!(
        to,
        format!(
            "/strategies/4.1.3/status?quarter={}",
            current_quarter().slug()
        ),
        "needs explanation"
    );
    let mut second = form("1", "at_risk", "35", "Second");
    second[6] = ("explanation", "Vendor slipped");
    second[7] = ("corrective_action", "Weekly check-ins");
    assert_eq!(save(&wg, "4.1.3", &second).await, "/strategies/4.1.3");
    let rows: Vec<(i64, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, version, corrects_id, accomplishments FROM status_updates ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].1, rows[1].2), (2, Some(rows[0].0)));
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(page.has_text("First") && page.has_text("Second"));
    assert!(page.has_text("correction (version 2)"));
    assert!(sqlx::query("UPDATE status_updates SET percent = 99")
        .execute(app.db.pool())
        .await
        .is_err());
}

#[tokio::test]
async fn the_second_of_two_simultaneous_saves_gets_a_conflict_and_keeps_its_text() {
    let app = TestApp::with_excerpt().await;
    let first = app.signed_in(Role::WorkingGroup).await;
    let second = app.signed_in(Role::Admin).await;
    assert_eq!(
        save(
            &first,
            "4.1.3",
            &form("0", "on_track", "50", "Saved by the first")
        )
        .await,
        "/strategies/4.1.3"
    );
    let back = save(
        &second,
        "4.1.3",
        &form("0", "completed", "100", "Typed by the second"),
    )
    .await;
    assert!(back.starts_with("/strategies/4.1.3/status"), "{back}");
    assert_eq!(
        app.count("status_updates").await,
        1,
        "nothing lost, nothing overwritten"
    );
    let (_, page) = second.page(&back).await;
    assert!(page.has_text("Someone else saved first"));
    assert!(
        page.has_text("Saved by the first"),
        "shows the other person's text"
    );
    assert!(page.has_text("Typed by the second"), "keeps the typed text");
    assert!(page.has("input[name=\"base_version\"][value=\"1\"]"));
}

#[tokio::test]
async fn invalid_updates_are_refused_with_messages_and_nothing_written() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let long = "x".repeat(10_001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            form("0", "on_track", "101", "kept text 1"),
            "Enter a whole number from 0 to 100.",
        ),
        (
            form("0", "off_track", "10", "kept text 2"),
            "Explain why the strategy is off track.",
        ),
        (
            form("0", "on_track", "10", &long),
            "Use at most 10000 characters",
        ),
    ];
    for (fields, message) in cases {
        let back = save(&wg, "4.1.3", &fields).await;
        assert!(back.starts_with("/strategies/4.1.3/status"), "{back}");
        let (_, page) = wg.page(&back).await;
        assert!(page.has_text(message), "{message}");
        assert!(page.has_text("Nothing was saved"));
        if let Some(kept) = fields
            .iter()
            .find(|(k, v)| *k == "accomplishments" && v.starts_with("kept"))
        {
            assert_eq!(
                page.value_of("accomplishments").as_deref(),
                Some(kept.1),
                "typed text shown again"
            );
        }
    }
    // A quarter after the current one.
    let action = wg.action("/strategies/4.1.3/status", "save_status").await;
    let future = current_quarter().next().slug();
    let mut fields = form("0", "on_track", "10", "future");
    fields.extend([("number", "4.1.3"), ("quarter", future.as_str())]);
    let res = wg.post_form(&action, &fields).await;
    let back = res.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = wg.page(&back).await;
    assert!(page.has_text("has not started yet"));
    // An unknown strategy.
    let mut fields = form("0", "on_track", "10", "nowhere");
    let slug = current_quarter().slug();
    fields.extend([("number", "9.9.9"), ("quarter", slug.as_str())]);
    let res = wg
        .client
        .post(wg.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        500.min(res.status().as_u16()).max(400)
    );
    let page = crate::page::Page::parse(&res.text().await.unwrap());
    assert!(page.has_text("There is no strategy 9.9.9"));
    assert_eq!(app.count("status_updates").await, 0);
}

#[tokio::test]
async fn managers_update_only_their_assigned_strategies() {
    let app = TestApp::with_excerpt().await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    assert_eq!(
        save(&manager, "4.1.3", &form("0", "on_track", "5", "Mine")).await,
        "/strategies/4.1.3"
    );
    let action = manager
        .action("/strategies/4.1.3/status", "save_status")
        .await;
    let slug = current_quarter().slug();
    let mut fields = form("0", "on_track", "5", "Not mine");
    fields.extend([("number", "4.1.1"), ("quarter", slug.as_str())]);
    let res = manager
        .client
        .post(manager.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("status_updates").await, 1);
    let (_, page) = manager.page("/strategies/4.1.1/status").await;
    assert!(page.has_text("You can read this strategy"));
}

#[tokio::test]
async fn roll_up_is_explained_and_the_rule_can_be_changed() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    assign(&app, "admin", "4.1.4").await;
    let mut risky = form("0", "at_risk", "20", "");
    risky[6] = ("explanation", "Late");
    risky[7] = ("corrective_action", "Escalate");
    save(&admin, "4.1.1", &risky).await;
    save(&admin, "4.1.2", &form("0", "on_track", "60", "")).await;
    save(&admin, "4.1.3", &form("0", "on_track", "60", "")).await;
    let (_, page) = admin
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    // The share rule by default, its thresholds on the page.
    assert!(
        page.has_text("At risk: 2 of 3 counted strategies on track or completed"),
        "objective 4.1"
    );
    assert!(page.has_text("80 % or more is On track, 60 % or more At risk"));
    let missing = page.text_of("section[aria-labelledby=\"missing-heading\"]");
    assert!(
        missing.contains("admin: 4.1.4"),
        "missing updates per owner: {missing}"
    );
    let action = admin.action("/quarters", "set_rollup_rule").await;
    admin.post_form(&action, &[("rule", "worst_of")]).await;
    let (_, page) = admin
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert!(page.has_text("At risk: 1 of 4 strategies at risk, 2 on track, 1 not reported"));
    // Thresholds an administrator sets: 2 of 3 (67 %) is now off track; a refused pair
    // comes back as typed.
    admin
        .post_form(
            &action,
            &[
                ("rule", "share_on_track"),
                ("on_track_share", "90"),
                ("at_risk_share", "70"),
            ],
        )
        .await;
    let (_, page) = admin
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert!(page.has_text("Off track: 2 of 3 counted strategies on track or completed"));
    assert!(page.has_text("90 % or more is On track, 70 % or more At risk"));
    admin
        .post_form(
            &action,
            &[
                ("rule", "share_on_track"),
                ("on_track_share", "50"),
                ("at_risk_share", "75"),
            ],
        )
        .await;
    let (_, page) = admin
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert!(page.has_text("cannot be above the on-track share"));
    assert_eq!(
        page.attr_of("#rollup-at-risk", "value").as_deref(),
        Some("75")
    );
    let (_, filtered) = admin
        .page(&format!(
            "/quarters/{}?status=at_risk",
            current_quarter().slug()
        ))
        .await;
    assert!(filtered.has("a[href=\"/strategies/4.1.1\"]"));
    assert!(!filtered.has("a[href=\"/strategies/4.1.2\"]"));
}

#[tokio::test]
async fn the_fiscal_year_start_month_is_configurable() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let action = admin.action("/quarters", "set_fiscal_start_month").await;
    admin.post_form(&action, &[("month", "1")]).await;
    let today = app.clock.today();
    // The page opens on the reporting quarter of the new calendar.
    let calendar_year = FiscalCalendar::new(1).unwrap().quarter_of(today).previous();
    let (_, page) = admin.page("/quarters").await;
    assert!(
        page.has_text(&format!("Quarter status: {calendar_year}")),
        "{calendar_year}"
    );
    let res = admin
        .client
        .post(admin.url(&action))
        .form(&[("month", "13")])
        .send()
        .await
        .unwrap();
    assert!(!res.status().is_success());
    let (_, page) = admin.page("/quarters").await;
    assert!(
        page.has_text(&format!("Quarter status: {calendar_year}")),
        "unchanged by a bad month"
    );
}

#[tokio::test]
async fn the_quarter_page_filters_by_goal_and_by_owner() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    app.create_user("mo", Role::Manager).await;
    assign(&app, "mo", "5.1.1").await;
    let (_, goal) = admin
        .page(&format!("/quarters/{}?goal=4", current_quarter().slug()))
        .await;
    assert!(goal.has("a[href=\"/strategies/4.1.1\"]"));
    assert!(!goal.has("a[href=\"/strategies/5.1.1\"]"));
    let (_, owner) = admin
        .page(&format!("/quarters/{}?owner=mo", current_quarter().slug()))
        .await;
    assert!(owner.has("a[href=\"/strategies/5.1.1\"]"));
    assert!(!owner.has("a[href=\"/strategies/4.1.1\"]"));
    assert!(!owner.has("a[href=\"/strategies/5.1.2\"]"));
}

#[tokio::test]
async fn a_large_plans_roll_up_lists_the_objectives_of_the_chosen_goal() {
    let app = TestApp::with_sample(500, 1, 3).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let slug = current_quarter().slug();
    let objectives = "section[aria-labelledby=\"rollup-heading\"] tr.pt-sub";

    let (status, all) = viewer
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        all.count(objectives),
        0,
        "64 objectives are not listed at once"
    );
    let goal_one = format!("a[href=\"/quarters/{slug}?goal=1#rollup-heading\"]");
    assert!(all.has(&goal_one), "each goal links to its objectives");
    assert!(all.text_of(&goal_one).starts_with("8 objectives"));

    let (_, one) = viewer
        .page(&format!("/quarters/{}?goal=1", current_quarter().slug()))
        .await;
    assert_eq!(one.count(objectives), 8);
    assert!(one.has("tr.pt-sub a[href=\"/objectives/1.8\"]"));
    assert!(!one.has("tr.pt-sub a[href=\"/objectives/2.1\"]"));
    assert!(
        !one.has(&goal_one),
        "the chosen goal's objectives are shown, not linked"
    );
    assert!(one.has(&format!(
        "a[href=\"/quarters/{slug}?goal=2#rollup-heading\"]"
    )));
}

#[tokio::test]
async fn a_long_quarter_table_comes_a_page_at_a_time_keeping_its_filters() {
    let app = TestApp::with_sample(250, 1, 3).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let slug = current_quarter().slug();
    let rows = "table.pt-quarter-table tbody tr";

    let (status, first) = viewer
        .page(&format!("/quarters/{}", current_quarter().slug()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(first.count(rows), 100);
    assert!(
        first.has_text("Strategies 1–100 of 250 (page 1 of 3)"),
        "{}",
        first.text_of(".pt-showing")
    );
    assert!(!first.has(".usa-pagination__previous-page"));
    let next = format!("a.usa-pagination__next-page[href=\"/quarters/{slug}?page=2\"]");
    assert!(first.has(&next), "a link to the next page");

    let (_, last) = viewer.page(&format!("/quarters/{slug}?page=3")).await;
    assert_eq!(last.count(rows), 50);
    assert!(last.has_text("Strategies 201–250 of 250 (page 3 of 3)"));
    assert!(!last.has(".usa-pagination__next-page"));
    // A page past the end shows the last one; the roll-ups still cover the whole plan.
    let (status, past) = viewer.page(&format!("/quarters/{slug}?page=99")).await;
    assert_eq!(status, 200);
    assert!(past.has_text("page 3 of 3"));

    // The filter travels with the page links.
    let (_, on_track) = viewer
        .page(&format!(
            "/quarters/{}?status=on_track",
            current_quarter().slug()
        ))
        .await;
    assert!(on_track.has(&format!(
        "a.usa-pagination__next-page[href=\"/quarters/{slug}?page=2&status=on_track\"]"
    )));
    let (_, second) = viewer
        .page(&format!("/quarters/{slug}?page=2&status=on_track"))
        .await;
    assert!(second.count(rows) > 0);
    let this_quarter = format!(
        "td[data-label=\"{}\"] .pt-status--on_track",
        current_quarter()
    );
    assert_eq!(
        second.count(rows),
        second.count(&this_quarter),
        "only strategies on track"
    );
    let (_, none) = viewer
        .page(&format!("/quarters/{}?goal=99", current_quarter().slug()))
        .await;
    assert!(none.has_text("No strategies match these filters."));
}

#[tokio::test]
async fn record_status_is_offered_only_to_people_who_may_record_it() {
    let app = TestApp::with_excerpt().await;
    let link = "a[href^=\"/strategies/4.1.1/status?quarter=\"]";
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page("/strategies/4.1.1").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Strategy 4.1.1"));
    assert!(!page.has(link), "a viewer is not offered the form");
    let wg = app.signed_in(Role::WorkingGroup).await;
    assert!(wg.page("/strategies/4.1.1").await.1.has(link));
    let manager = app.signed_in(Role::Manager).await;
    assert!(
        !manager.page("/strategies/4.1.1").await.1.has(link),
        "not theirs yet"
    );
    assign(&app, "manager", "4.1.1").await;
    assert!(
        manager.page("/strategies/4.1.1").await.1.has(link),
        "assigned to them"
    );
    let (_, other) = manager.page("/strategies/4.1.2").await;
    assert!(
        !other.has("a[href^=\"/strategies/4.1.2/status\"]"),
        "not assigned"
    );
}

#[tokio::test]
async fn a_saved_status_is_confirmed_once_on_the_next_page() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let to = save(&wg, "4.1.2", &form("0", "on_track", "20", "Kick-off held")).await;
    assert_eq!(to, "/strategies/4.1.2");
    let (_, page) = wg.page(&to).await;
    let wanted = format!(
        "Status of strategy 4.1.2 for {} submitted.",
        current_quarter()
    );
    assert_eq!(page.text_of("[role=\"status\"] .pt-notice"), wanted);
    let (_, again) = wg.page(&to).await;
    assert!(!again.has(".pt-notice"), "shown once");
    // Nothing saved, nothing confirmed.
    let refused = save(&wg, "4.1.2", &form("1", "off_track", "20", "")).await;
    let (_, back) = wg.page(&refused).await;
    assert!(!back.has(".pt-notice"), "a refused save confirms nothing");
}

#[tokio::test]
async fn a_long_quarter_page_folds_each_goal_under_its_counts_and_a_short_one_does_not() {
    let app = TestApp::with_sample(250, 1, 3).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let slug = current_quarter().slug();
    let (_, long) = viewer.page(&format!("/quarters/{slug}")).await;
    let goals = long.count("details.pt-goal-group");
    assert!(goals >= 2, "{goals} goals on the first page");
    assert_eq!(long.count("details.pt-goal-group[open]"), 0, "folded");
    assert_eq!(long.count("table.pt-quarter-table tbody tr"), 100);
    let jump = "nav[aria-label=\"Goals on this page\"] a[href^=\"#quarter-goal-\"]";
    assert_eq!(long.count(jump), goals);
    // Each folded goal says how many strategies it holds and how they stand.
    let first = long.text_of("details.pt-goal-group summary");
    assert!(first.starts_with("Goal 1"), "{first}");
    assert!(first.contains("strategies: "), "{first}");
    assert!(
        first.contains("No update") || first.contains("On track"),
        "{first}"
    );

    // A filtered page shows its rows unfolded.
    let (_, one) = viewer.page(&format!("/quarters/{slug}?goal=1")).await;
    assert!(one.count("details.pt-goal-group[open]") >= 1);
    assert_eq!(
        one.count("details.pt-goal-group[open]"),
        one.count("details.pt-goal-group")
    );
    assert!(!one.has("nav[aria-label=\"Goals on this page\"]"));

    // A short plan is never folded.
    let short = TestApp::with_excerpt().await;
    let viewer = short.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page(&format!("/quarters/{slug}")).await;
    assert!(page.count("details.pt-goal-group") >= 2);
    assert_eq!(
        page.count("details.pt-goal-group[open]"),
        page.count("details.pt-goal-group")
    );
    assert!(!page.has("nav[aria-label=\"Goals on this page\"]"));
}
