//! The dashboard and its charts: drawn on the server, downloadable, and built from a fixed
//! number of SQL queries whatever the plan's size.

use crate::harness::TestApp;
use crate::logs::QUERIES;
use crate::page::Page;
use app::model::user::Role;
use std::sync::atomic::Ordering;

async fn sample(strategies: usize, years: usize) -> TestApp {
    TestApp::with_sample(strategies, years, 1).await
}

/// SQL statements the first dashboard view runs (nothing cached yet), and a second view
/// of the unchanged plan (answered from the cache).
async fn queries_for_dashboard(app: &TestApp) -> ((usize, String), (usize, String)) {
    let viewer = app.signed_in(Role::Viewer).await;
    let mut counts = Vec::new();
    for _ in 0..2 {
        let (before, from) = (QUERIES.load(Ordering::SeqCst), crate::logs::recorded_len());
        let (status, page) = viewer.page("/").await;
        assert_eq!(status, 200);
        assert!(page.has("[data-chart=\"status-by-goal\"]"));
        let statements = format!(
            "port {}:\n{}",
            app.addr.port(),
            crate::logs::recorded_since(from)
        );
        counts.push((QUERIES.load(Ordering::SeqCst) - before, statements));
    }
    let again = counts.pop().unwrap();
    (counts.pop().unwrap(), again)
}

/// SQL statements one view of `path` runs.
async fn queries_for(viewer: &crate::harness::Browser, path: &str) -> usize {
    let before = QUERIES.load(Ordering::SeqCst);
    let (status, _) = viewer.page(path).await;
    assert_eq!(status, 200, "{path}");
    QUERIES.load(Ordering::SeqCst) - before
}

#[tokio::test]
async fn the_quarter_page_and_heat_map_run_as_many_queries_for_a_large_plan_as_for_a_small_one() {
    let _alone = crate::harness::alone().await;
    let (small_plan, large_plan) = (sample(12, 1).await, sample(600, 4).await);
    let small = small_plan.signed_in(Role::Viewer).await;
    let large = large_plan.signed_in(Role::Viewer).await;
    for path in [
        "/quarters",
        "/quarters?goal=1&page=2",
        "/heatmap?goal=1&quarters=8",
        "/heatmap?goal=1&quarters=40&page=2",
    ] {
        let (few, many) = (
            queries_for(&small, path).await,
            queries_for(&large, path).await,
        );
        assert!(few > 3, "queries are being counted ({path}: {few})");
        assert_eq!(few, many, "queries per view of {path}");
    }
}

#[tokio::test]
async fn the_dashboard_runs_the_same_number_of_queries_for_a_small_and_a_large_plan() {
    let _alone = crate::harness::alone().await;
    let small = sample(12, 1).await;
    let (small_first, small_again) = queries_for_dashboard(&small).await;
    let large = sample(600, 4).await;
    let (large_first, large_again) = queries_for_dashboard(&large).await;
    assert!(
        small_first.0 > 5,
        "queries are being counted ({})",
        small_first.0
    );
    assert_eq!(
        small_first.0, large_first.0,
        "queries per dashboard view; small plan's:\n{}\nlarge plan's:\n{}",
        small_first.1, large_first.1
    );
    assert_eq!(
        small_again.0, large_again.0,
        "queries per cached dashboard view; small plan's:\n{}\nlarge plan's:\n{}",
        small_again.1, large_again.1
    );
    assert!(
        large_again.0 + 10 < large_first.0,
        "an unchanged plan's dashboard comes from the cache ({} vs {})",
        large_again.0,
        large_first.0
    );
}

#[tokio::test]
async fn the_dashboard_shows_each_chart_with_its_text_alternative_table_and_downloads() {
    let app = sample(40, 3).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page("/").await;
    // Downloads are of the quarter shown: by default the reporting quarter.
    let shown = crate::status::current_quarter().previous().slug();
    for id in ["status-by-goal", "percent-trend", "app-scorecard"] {
        assert!(
            page.has(&format!("[data-chart=\"{id}\"]")),
            "{id} on the dashboard"
        );
        assert!(page.has(&format!("a[href=\"/charts/{id}.svg?quarter={shown}\"]")));
        assert!(page.has(&format!("a[href=\"/charts/{id}.png?quarter={shown}\"]")));
    }
    assert!(page.has("svg"), "charts are inline SVG");
    assert!(page.has_text("Show the data table"));
    assert!(page.has("[role=\"img\"][aria-label^=\"Strategy status by goal\"]"));
    let res = viewer
        .client
        .get(viewer.url("/charts/status-by-goal.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(res.text().await.unwrap().starts_with("<svg"));
    let res = viewer
        .client
        .get(viewer.url("/charts/percent-trend.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(&res.bytes().await.unwrap()[..4], b"\x89PNG");
    let res = viewer
        .client
        .get(viewer.url("/charts/nothing.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let anon = app.anonymous();
    let res = anon
        .client
        .get(anon.url("/charts/status-by-goal.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

#[tokio::test]
async fn an_empty_plan_shows_charts_with_a_clear_empty_state() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page("/").await;
    assert_eq!(status, 200);
    assert!(page.has_text("No data yet"), "empty charts say so");
    assert!(page.has_text("FY") && page.has_text("APP scorecard"));
}

#[tokio::test]
async fn the_heat_map_shows_each_strategy_by_quarter_and_downloads() {
    let app = sample(30, 2).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page("/heatmap?goal=1&quarters=4").await;
    assert_eq!(status, 200);
    assert!(page.has("[data-chart=\"heatmap-goal-1-q4\"]"));
    assert!(page.has_text("Strategy 1.1.1"));
    assert!(page.has_text("Show the data table"));
    let res = viewer
        .client
        .get(viewer.url("/charts/heatmap-goal-1-q4.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(&res.bytes().await.unwrap()[..4], b"\x89PNG");
    let res = viewer
        .client
        .get(viewer.url("/charts/heatmap-goal-1-q99.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn a_large_goals_heat_map_comes_fifty_strategies_at_a_time() {
    let app = sample(500, 1).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let rows = ".pt-chart__table tbody tr";
    // The sample has one year of status, up to the quarter under way: the map ends there.
    let now = crate::status::current_quarter().slug();
    let (status, first) = viewer
        .page(&format!("/heatmap?goal=1&quarters=4&quarter={now}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(first.count(rows), 50);
    let showing = first.text_of(".pt-showing");
    let total: usize = showing
        .strip_prefix("Strategies 1–50 of ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{showing}"));
    assert!((51..=100).contains(&total), "{showing}");
    assert!(first.has("[data-chart=\"heatmap-goal-1-q4\"]"));
    let next = format!(
        "a.usa-pagination__next-page[href=\"/heatmap?goal=1&quarters=4&quarter={now}&page=2\"]"
    );
    assert!(first.has(&next), "the next page keeps the quarter");
    assert!(!first.has(".usa-pagination__previous-page"));

    let (_, second) = viewer
        .page(&format!("/heatmap?goal=1&quarters=4&quarter={now}&page=2"))
        .await;
    assert_eq!(second.count(rows), total - 50);
    assert!(second.has_text(&format!("Strategies 51–{total} of {total} (page 2 of 2)")));
    assert!(second.has("[data-chart=\"heatmap-goal-1-q4-p2\"]"));
    let row_one = |p: &Page| p.text_of(".pt-chart__table tbody th");
    // Rows are named by number and title (the table has the whole title).
    assert!(
        row_one(&first).starts_with("Strategy 1.1.1: Sample strategy 1.1.1"),
        "{}",
        row_one(&first)
    );
    assert!(
        !row_one(&second).starts_with("Strategy 1.1.1:"),
        "page 2 starts after the first 50"
    );
    assert!(!second.has(".usa-pagination__next-page"));

    // Each page downloads as its own chart; a page that does not exist is not found.
    let get = |path: String| {
        let req = viewer.client.get(viewer.url(&path));
        async move { req.send().await.unwrap() }
    };
    let svg = get(format!("/charts/heatmap-goal-1-q4-p2.svg?quarter={now}")).await;
    assert_eq!(svg.status().as_u16(), 200);
    let svg = svg.text().await.unwrap();
    assert!(svg.contains(&format!("strategies 51–{total} of {total}")));
    assert_eq!(
        get(format!("/charts/heatmap-goal-1-q4-p3.svg?quarter={now}"))
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        get(format!("/charts/heatmap-goal-1-q4-p1.svg?quarter={now}"))
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn the_dashboard_lists_strategies_that_turned_at_risk_and_overdue_milestones() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    // FY2026 Q4 on track, FY2027 Q1 at risk: 4.1.1 turned; 4.1.2 was at risk already.
    app.clock
        .set(app::clock::parse_instant("2026-11-15").unwrap());
    let cal = app::model::fiscal::FiscalCalendar::default();
    let now = cal.quarter_of(app.clock.today());
    let before = now.previous();
    let mut risky = crate::status::form("0", "at_risk", "20", "");
    risky[6] = ("explanation", "Late");
    risky[7] = ("corrective_action", "Escalate");
    let on_track = crate::status::form("0", "on_track", "50", "");
    // Last quarter's reported during its data call (it has locked since).
    let today = crate::status::during_call(&app, before);
    crate::status::save_in(&wg, "4.1.1", before, &on_track).await;
    crate::status::save_in(&wg, "4.1.2", before, &risky).await;
    app.clock.set(today);
    crate::status::save_in(&wg, "4.1.1", now, &risky).await;
    crate::status::save_in(&wg, "4.1.2", now, &risky).await;
    let (_, page) = wg.page(&format!("/?quarter={}", now.slug())).await;
    let turned = page.text_of("section[aria-labelledby=\"turned-heading\"]");
    assert!(
        turned.contains("Strategy 4.1.1") && turned.contains("(was On track)"),
        "{turned}"
    );
    assert!(
        turned.contains("Identify DRO Information Technology team"),
        "with its title: {turned}"
    );
    assert!(!turned.contains("Strategy 4.1.2"), "{turned}");
    // A working-group review is due once its quarter's data call opens, and overdue
    // when the quarter locks without it.
    app.clock
        .set(app::clock::parse_instant("2027-01-10").unwrap());
    let (_, page) = wg.page("/").await;
    let milestones = page.text_of("section[aria-labelledby=\"milestones-heading\"]");
    assert!(
        milestones.contains("Due Working group review, FY2027 Q1 (due 14 Feb 2027)"),
        "{milestones}"
    );
    app.clock
        .set(app::clock::parse_instant("2027-02-15").unwrap());
    let (_, page) = wg.page("/").await;
    let milestones = page.text_of("section[aria-labelledby=\"milestones-heading\"]");
    assert!(
        milestones.contains("Overdue Working group review, FY2027 Q1 (due 14 Feb 2027)"),
        "{milestones}"
    );
    // Marked done, it leaves the list.
    let fy = "2027".to_string();
    let action = wg.action("/cycle/2027", "mark_cycle").await;
    wg.post_form(
        &action,
        &[
            ("fiscal_year", fy.as_str()),
            ("milestone", "wg_review_q1"),
            ("done", "true"),
        ],
    )
    .await;
    let (_, page) = wg.page("/").await;
    let milestones = page.text_of("section[aria-labelledby=\"milestones-heading\"]");
    assert!(
        !milestones.contains("Working group review, FY2027 Q1"),
        "{milestones}"
    );
}

#[tokio::test]
async fn chart_files_are_drawn_once_per_data_version_and_the_largest_heat_map_is_a_picture() {
    let _alone = crate::harness::alone().await;
    // 640 strategies: 8 goals of 80; a 40-quarter heat map page of 50 is 2,400 × 1,220.
    let app = sample(640, 1).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let download = |path: &'static str| {
        let client = viewer.client.clone();
        let url = viewer.url(path);
        async move {
            let before = QUERIES.load(Ordering::SeqCst);
            let res = client.get(url).send().await.unwrap();
            let status = res.status().as_u16();
            let bytes = res.bytes().await.unwrap();
            (status, bytes, QUERIES.load(Ordering::SeqCst) - before)
        }
    };
    let (status, first, first_queries) = download("/charts/status-by-goal.png").await;
    assert_eq!(status, 200);
    assert!(first.starts_with(b"\x89PNG"));
    let (status, again, again_queries) = download("/charts/status-by-goal.png").await;
    assert_eq!(status, 200);
    assert_eq!(first, again);
    assert!(
        again_queries + 2 <= first_queries,
        "kept, not rebuilt: {first_queries} queries, then {again_queries}"
    );
    // Any audited write moves the data version on: the next download is rebuilt.
    sqlx::query(
        "INSERT INTO audit_log (at, username, action, object_type, object_key)
         VALUES ('2026-11-15T00:00:00.000Z', 'test', 'update', 'setting', 'x')",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let (_, _, after_write) = download("/charts/status-by-goal.png").await;
    assert!(
        after_write >= first_queries - 1,
        "{after_write} vs {first_queries}"
    );
    // The largest heat map (a page of 50 strategies over 40 quarters) is a picture too.
    let (status, body, _) = download("/charts/heatmap-goal-1-q40.png").await;
    assert_eq!(status, 200);
    assert_eq!(&body[..4], b"\x89PNG");
    let (status, svg, _) = download("/charts/heatmap-goal-1-q40.svg").await;
    assert_eq!(status, 200);
    assert!(svg.starts_with(b"<svg"));
}

#[tokio::test]
async fn the_heat_map_opens_on_the_first_goal_with_data_in_the_quarters_shown() {
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    // Goal 3 comes first in the plan but has no status; goal 4 has one in the quarter shown.
    let (_, page) = wg.page("/heatmap").await;
    let shown = app::model::fiscal::quarter_in_address(
        &page
            .attr_of(
                "input[name=quarter], select[name=quarter] option[selected]",
                "value",
            )
            .unwrap_or_default(),
    )
    .unwrap_or_else(|_| crate::status::current_quarter().previous());
    let was = crate::status::during_call(&app, shown);
    let mut fields = crate::status::form("0", "on_track", "40", "Heat map data");
    fields.push(("intent", "submit"));
    crate::status::save_in(&wg, "4.2.1", shown, &fields).await;
    app.clock.set(was);
    let (_, page) = wg.page("/heatmap").await;
    assert_eq!(
        page.value_of("goal").as_deref(),
        Some("4"),
        "{}",
        page.text()
    );
}
