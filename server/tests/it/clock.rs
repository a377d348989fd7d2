//! The app is given its date: pages and rules follow the server's clock at the fiscal
//! year's and the calendar year's boundaries, and on a leap day.

use crate::harness::TestApp;
use crate::measures::{add_measure, record_actual};
use app::clock::parse_instant;
use app::model::fiscal::FiscalCalendar;
use app::model::user::Role;

#[tokio::test]
async fn the_current_quarter_follows_the_clock_across_year_boundaries_and_a_leap_day() {
    let app = TestApp::time_travelling().await;
    let viewer = app.signed_in(Role::Viewer).await;
    // The quarter page opens on the reporting quarter: the last one that has ended.
    for (at, quarter) in [
        ("2026-09-30T23:59:59Z", "FY2026 Q3"),
        ("2026-10-01T00:00:00Z", "FY2026 Q4"),
        ("2026-12-31T23:59:59Z", "FY2026 Q4"),
        ("2027-01-01T00:00:00Z", "FY2027 Q1"),
        ("2028-02-29T12:00:00Z", "FY2028 Q1"),
    ] {
        app.clock.set(parse_instant(at).unwrap());
        let (status, page) = viewer.page("/quarters").await;
        assert_eq!(status, 200, "{at}");
        assert!(
            page.has_text(&format!("Quarter status: {quarter}")),
            "on {at} the quarter page should open on {quarter}"
        );
    }
}

#[tokio::test]
async fn an_actual_for_next_quarter_is_refused_until_that_quarter_starts() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let page = format!("/measures/{id}");

    app.clock
        .set(parse_instant("2026-12-31T23:59:00Z").unwrap());
    record_actual(&wg, id, "2027-Q2", "12", false).await;
    assert_eq!(app.count("actuals").await, 0, "refused on 31 December");
    let (_, shown) = wg.page(&page).await;
    assert!(shown.has_text("FY2027 Q2 has not started yet"));

    app.clock
        .set(parse_instant("2027-01-01T00:01:00Z").unwrap());
    assert_eq!(record_actual(&wg, id, "2027-Q2", "12", false).await, page);
    assert_eq!(app.count("actuals").await, 1);
}

/// The SVG of the chart `id` on a page.
fn chart_svg(page: &str, id: &str) -> String {
    let figure = page
        .find(&format!("data-chart=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let start = figure + page[figure..].find("<svg").expect("an svg");
    let end = start + page[start..].find("</svg>").expect("the svg's end");
    page[start..end].to_string()
}

#[tokio::test]
async fn dashboard_charts_move_to_the_new_quarter_without_any_write() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    app.clock
        .set(parse_instant("2026-12-31T20:00:00Z").unwrap());
    let q1 = FiscalCalendar::default().quarter_of(app.clock.today());
    let to = crate::status::save_in(
        &wg,
        "4.1.3",
        q1,
        &crate::status::form("0", "on_track", "40", "Protocols drafted"),
    )
    .await;
    assert_eq!(to, "/strategies/4.1.3");
    let (_, before) = wg.get("/").await;
    app.clock
        .set(parse_instant("2027-01-01T08:00:00Z").unwrap());
    let (_, after) = wg.get("/").await;
    assert!(
        crate::page::Page::parse(&after).has_text("FY2027 Q2"),
        "the dashboard is on the new quarter"
    );
    assert_ne!(
        chart_svg(&before, "status-by-goal"),
        chart_svg(&after, "status-by-goal"),
        "the FY2027 Q1 drawing must not be shown for FY2027 Q2"
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_signing_in() {
    // Idle for a day allowed here: this test is about the absolute limit alone.
    let auth = app::auth::AuthSettings {
        idle_timeout: chrono::Duration::hours(24),
        ..Default::default()
    };
    let app = TestApp::start_with(server::setup::FirstRunPlan::Bundled, auth).await;
    app.clock
        .set(parse_instant("2026-11-16T08:00:00Z").unwrap());
    let viewer = app.signed_in(Role::Viewer).await;
    app.clock
        .set(parse_instant("2026-11-16T19:59:00Z").unwrap());
    let (status, _) = viewer.get("/goals/4").await;
    assert_eq!(status, 200, "11 h 59 min after signing in");
    app.clock
        .set(parse_instant("2026-11-16T20:01:00Z").unwrap());
    let res = viewer
        .client
        .get(viewer.url("/goals/4"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302, "12 h 1 min after signing in");
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login"));
    // Signed out for good, not only for that request.
    app.clock
        .set(parse_instant("2026-11-16T19:00:00Z").unwrap());
    let (status, _) = viewer.get("/goals/4").await;
    assert_eq!(status, 302);
}

#[tokio::test]
async fn a_session_ends_after_thirty_minutes_without_a_request_but_not_while_in_use() {
    let app = TestApp::with_excerpt().await;
    app.clock
        .set(parse_instant("2026-11-16T08:00:00Z").unwrap());
    let viewer = app.signed_in(Role::Viewer).await;
    // A request every 29 minutes keeps the session alive well past 30 minutes.
    for at in ["08:29", "08:58", "09:27"] {
        app.clock
            .set(parse_instant(&format!("2026-11-16T{at}:00Z")).unwrap());
        let (status, page) = viewer.page("/goals/4").await;
        assert_eq!(status, 200, "still signed in at {at}");
        assert!(page.has_text("Sign out"), "signed in at {at}");
    }
    // Then 31 minutes with nothing: signed out, for good.
    app.clock
        .set(parse_instant("2026-11-16T09:58:00Z").unwrap());
    let (status, _) = viewer.get("/goals/4").await;
    assert_eq!(status, 302, "31 min after the last request");
    app.clock
        .set(parse_instant("2026-11-16T09:28:00Z").unwrap());
    let (status, _) = viewer.get("/goals/4").await;
    assert_eq!(status, 302, "a signed-out session stays signed out");
}
