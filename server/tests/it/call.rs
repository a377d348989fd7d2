//! The quarterly data call's schedule (issue 18): when a quarter's updates are due and
//! when it locks, shown on the planning-cycle page and set by an administrator.

use crate::harness::TestApp;
use app::model::call::{CallSchedule, CallState};
use app::model::fiscal::FiscalCalendar;
use app::model::user::Role;

#[tokio::test]
async fn the_planning_cycle_shows_each_quarters_call_by_the_schedule_an_administrator_sets() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let today = app.clock.today();
    let cal = FiscalCalendar::default();
    let now = cal.quarter_of(today);
    let path = format!("/cycle/{}", now.year);
    let (_, page) = admin.page(&path).await;
    assert!(page
        .has_text("due 15 days after the quarter ends; 45 days after it ends the quarter locks"));
    let row = |page: &crate::page::Page, q: app::model::fiscal::FiscalQuarter| {
        page.text_of(&format!("tr[data-call=\"{}\"]", q.slug()))
    };
    let default = CallSchedule::default();
    let shown = row(&page, now);
    assert!(
        shown.contains(CallState::Open.label()),
        "this quarter: {shown}"
    );
    assert!(
        shown.contains(&default.due(cal, now).format("%-d %b %Y").to_string()),
        "{shown}"
    );

    // Refused: a lock before the due date; what was typed comes back with why.
    let action = admin.action(&path, "set_call_schedule").await;
    let year = now.year.to_string();
    admin
        .post_form(
            &action,
            &[
                ("due_days", "30"),
                ("lock_days", "10"),
                ("fiscal_year", &year),
            ],
        )
        .await;
    let (_, page) = admin.page(&path).await;
    assert!(page.has_text("cannot lock (10 days) before its updates are due (30 days)"));
    assert_eq!(page.value_of("lock_days").as_deref(), Some("10"));
    assert!(page.has_text("due 15 days after"), "nothing saved");

    let res = admin
        .post_form(
            &action,
            &[
                ("due_days", "0"),
                ("lock_days", "0"),
                ("fiscal_year", &year),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let (_, page) = admin.page(&path).await;
    assert!(page.has_text("Data-call schedule saved."));
    // Due and locked on the day the quarter ends: last quarter is locked now.
    let before = now.previous();
    let (_, last_year) = admin.page(&format!("/cycle/{}", before.year)).await;
    assert!(row(&last_year, before).contains(CallState::Locked.label()));
    let (_, audit) = admin.page("/admin/audit").await;
    assert!(audit.has_text("Changed setting call_schedule"));

    // Others read the calls but may not change the schedule.
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page(&path).await;
    assert!(page.has(&format!("tr[data-call=\"{}\"]", now.slug())));
    assert!(!page.has("input[name=\"due_days\"]"));
}

#[tokio::test]
async fn my_updates_lists_what_i_own_and_what_this_quarter_still_needs() {
    use crate::status::{assign, current_quarter, form, save};
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    let (_, empty) = manager.page("/my").await;
    assert!(empty.has_text("No strategies are assigned to you."));

    assign(&app, "manager", "4.1.3").await;
    let measure = crate::measures::add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    let q = current_quarter();
    let (_, page) = manager.page("/my").await;
    assert!(
        page.has_text(&format!("2 to submit for {q}.")),
        "{}",
        page.text_of("main")
    );
    let form_link = format!("a[href=\"/strategies/4.1.3/status?quarter={}\"]", q.slug());
    assert!(page.has(&form_link), "each missing entry leads to its form");
    assert!(page.has_text("Cases closed"));
    assert!(page.has_text("○ Not started"), "an actual not recorded yet");
    assert!(!page.has_text("4.1.2"), "only mine");

    save(
        &manager,
        "4.1.3",
        &form("0", "on_track", "30", "Going well"),
    )
    .await;
    crate::measures::record_actual(&manager, measure, &q.slug(), "12", false).await;
    let (_, page) = manager.page("/my").await;
    assert!(page.has_text(&format!("Everything of yours is submitted for {q}.")));
    assert!(page.has_text("On track"));
    assert!(page.has_text("➜ Submitted: 12 cases"));

    // Signed out, there is nothing to show.
    let (status, _) = app.anonymous().get("/my").await;
    assert!(status == 401 || status == 302 || status == 303, "{status}");
}

#[tokio::test]
async fn the_working_group_tracks_the_call_by_owner_overdue_first_and_by_goal() {
    use crate::status::{assign, current_quarter, form, save};
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    assign(&app, "manager", "4.1.4").await;
    let measure = crate::measures::add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    save(
        &manager,
        "4.1.3",
        &form("0", "on_track", "30", "Going well"),
    )
    .await;
    let q = current_quarter();

    let (status, page) = wg.page(&format!("/quarters/{}/call", q.slug())).await;
    assert_eq!(status, 200);
    let row = page.text_of("tr[data-owner=\"manager\"]");
    assert!(row.contains("1 of 2 recorded"), "statuses: {row}");
    assert!(row.contains("0 of 1 recorded"), "actuals: {row}");
    assert!(
        row.contains("4.1.4") && row.contains("Cases closed"),
        "missing: {row}"
    );
    assert!(!row.contains("Overdue"), "not yet due: {row}");
    assert!(page.has(&format!(
        "a[href=\"/strategies/4.1.4/status?quarter={}\"]",
        q.slug()
    )));
    assert!(page.has(&format!("a[href=\"/measures/{measure}\"]")));
    assert!(page.has_text("1 of 16"), "goal 4's count");

    // The previous quarter is past its due date: whoever has nothing there is overdue.
    let (_, before) = wg
        .page(&format!("/quarters/{}/call", q.previous().slug()))
        .await;
    assert!(before
        .text_of("tr[data-owner=\"manager\"]")
        .contains("Overdue"));
    // The count agrees with its noun: "1 owner is overdue", "2 owners are overdue".
    let overdue = before.count("tr[data-owner] .pt-call--past_due");
    let words = app::model::words::count(overdue, "owner is", "owners are");
    assert!(
        before.has_text(&format!("⚠ {words} overdue.")),
        "{}",
        before.text()
    );

    let (_, quarter) = wg.page(&format!("/quarters/{}", q.slug())).await;
    assert!(quarter.has(&format!("a[href=\"/quarters/{}/call\"]", q.slug())));
    let (status, _) = manager.get(&format!("/quarters/{}/call", q.slug())).await;
    assert_eq!(status, 403, "the working group's page");
    let (status, _) = wg.get("/quarters/2027-Q9/call").await;
    assert_eq!(status, 404);
}
