//! The five-year business plan (issue 39): a strategy's years saved, refused, protected
//! against a concurrent edit and audited; an owner plans only their own strategies; a
//! year is frozen once its IP is distributed; each goal's needs beside its requests.

use crate::harness::{Browser, TestApp};
use crate::status::current_quarter;
use app::model::user::Role;

/// Saves strategy `number`'s year `fy` from its planning page; returns where the answer
/// sends the browser (or its status).
async fn plan(
    browser: &Browser,
    number: &str,
    fy: i32,
    version: &str,
    fields: &[(&str, &str)],
) -> String {
    let page = format!("/business-plan/strategies/{number}");
    let action = browser.action(&page, "save_business_plan_entry").await;
    let fy = fy.to_string();
    let mut form = vec![
        ("strategy", number),
        ("fiscal_year", fy.as_str()),
        ("version", version),
    ];
    form.extend_from_slice(fields);
    let res = browser.post_form(&action, &form).await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

/// The version of strategy `number`'s entry for `fy` (0: none).
pub async fn version(app: &TestApp, number: &str, fy: i32) -> i64 {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT e.version FROM business_plan_entries e JOIN strategies s ON s.id = e.strategy_id
         WHERE s.number = $1 AND e.fiscal_year = $2",
    )
    .bind(number)
    .bind(fy as i64)
    .fetch_optional(app.db.pool())
    .await
    .unwrap();
    row.map_or(0, |(v,)| v)
}

#[tokio::test]
async fn a_strategys_years_are_planned_refused_when_wrong_and_never_lost_to_a_stale_form() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let first = current_quarter().year;
    let next = first + 1;
    let to = plan(
        &wg,
        "4.1.3",
        next,
        "0",
        &[
            ("active", "on"),
            ("milestones", "Q3: Go live\nQ1: Pilot in two offices"),
            ("dollars", "1,200,000"),
            ("fte", "2.5"),
            ("it", "Case system licences"),
            ("lead_office", "Office of IT"),
            ("contributing", "Field offices"),
        ],
    )
    .await;
    assert_eq!(to, format!("/business-plan/strategies/4.1.3#fy{next}"));
    assert_eq!(version(&app, "4.1.3", next).await, 1);
    let audit: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'business_plan_entry'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(audit.0, 1, "the save is audited");

    // Refused: negative FTE, a year outside the five, text too long; nothing is saved and
    // what was typed comes back beside the errors.
    let long = "x".repeat(app::model::business_plan::MAX_TEXT + 1);
    plan(
        &wg,
        "4.1.3",
        next,
        "1",
        &[("fte", "-1"), ("staff", long.as_str()), ("dollars", "9")],
    )
    .await;
    assert_eq!(version(&app, "4.1.3", next).await, 1);
    let (_, back) = wg.page("/business-plan/strategies/4.1.3").await;
    let year = back.text_of(&format!("#fy{next}"));
    assert!(year.contains("FTE cannot be negative."), "{year}");
    assert!(year.contains("Keep this under 2000 characters."), "{year}");
    assert!(back.has(&format!("#fy{next}-fte[value=\"-1\"]")));
    plan(&wg, "4.1.3", first + 5, "0", &[("fte", "1")]).await;
    assert_eq!(app.count("business_plan_entries").await, 1);
    let (_, back) = wg.page("/business-plan/strategies/4.1.3").await;
    assert!(back.has_text(&format!(
        "is not one of the business plan's five years (FY{first} to FY{})",
        first + 4
    )));

    // A form opened before someone else's save is refused and loses nothing saved.
    plan(&wg, "4.1.3", next, "1", &[("active", "on"), ("fte", "3")]).await;
    assert_eq!(version(&app, "4.1.3", next).await, 2);
    plan(&wg, "4.1.3", next, "1", &[("active", "on"), ("fte", "9")]).await;
    assert_eq!(version(&app, "4.1.3", next).await, 2);
    let (_, stale) = wg.page("/business-plan/strategies/4.1.3").await;
    assert!(stale.has_text("since you opened it: nothing was saved"));
    let (_, page) = app
        .signed_in(Role::Viewer)
        .await
        .page(&format!("/business-plan/{first}"))
        .await;
    let row = page.text_of("table.pt-roadmap tbody tr");
    assert!(row.contains("3 FTE") && !row.contains("9 FTE"), "{row}");
}

#[tokio::test]
async fn an_owner_plans_only_their_own_strategy_and_a_distributed_year_is_frozen() {
    let app = TestApp::with_excerpt().await;
    let first = current_quarter().year;
    let manager = app.signed_in_as("bp-owner", Role::Manager).await;
    crate::status::assign(&app, "bp-owner", "4.1.3").await;
    let to = plan(
        &manager,
        "4.1.3",
        first + 2,
        "0",
        &[("active", "on"), ("fte", "1")],
    )
    .await;
    assert!(to.starts_with("/business-plan/strategies/4.1.3"), "{to}");
    assert_eq!(version(&app, "4.1.3", first + 2).await, 1);
    // Another strategy's page offers them no form, and a posted one is refused.
    let (_, other) = manager.page("/business-plan/strategies/4.1.1").await;
    assert!(!other.has("form textarea[name=\"milestones\"]"));
    let path = crate::matrix::server_functions()
        .into_iter()
        .find(|(n, _, _)| n == "save_business_plan_entry")
        .map(|(_, p, _)| p)
        .unwrap();
    let fy = (first + 2).to_string();
    let res = manager
        .post_form(
            &path,
            &[
                ("strategy", "4.1.1"),
                ("fiscal_year", fy.as_str()),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(version(&app, "4.1.1", first + 2).await, 0);

    // Once a year's IP is distributed its entries are frozen: no form, a save refused.
    let wg = app.signed_in(Role::WorkingGroup).await;
    let next = (first + 1).to_string();
    crate::measures::post(
        &wg,
        &format!("/ip/{next}"),
        "distribute_ip",
        &[("fiscal_year", next.as_str())],
    )
    .await;
    let (_, page) = wg.page("/business-plan/strategies/4.1.3").await;
    let year = page.text_of(&format!("#fy{next}"));
    assert!(year.contains("this year is frozen"), "{year}");
    assert!(!page.has(&format!("#fy{next} form")));
    plan(&wg, "4.1.3", first + 1, "0", &[("active", "on")]).await;
    assert_eq!(version(&app, "4.1.3", first + 1).await, 0);
    let (_, back) = wg.page("/business-plan/strategies/4.1.3").await;
    assert!(back.has_text("Implementation Plan is distributed: its business plan is frozen"));

    // A frozen year changes through a change proposal, approved at a review.
    assert!(back.has("a[href=\"/plan/proposals/new?kind=business_plan&item=4.1.3\"]"));
    let refused = crate::proposals::propose(
        &wg,
        "business_plan",
        &[
            ("item", "4.1.3"),
            ("fiscal_year", next.as_str()),
            ("fte", "-3"),
            ("reason", "x"),
        ],
    )
    .await;
    assert!(refused.starts_with("/plan/proposals/new"), "{refused}");
    let to = crate::proposals::propose(
        &wg,
        "business_plan",
        &[
            ("item", "4.1.3"),
            ("fiscal_year", next.as_str()),
            ("text", "Q2: Pilot"),
            ("target", "75,000"),
            ("fte", "1"),
            ("reason", "The pilot moved into the distributed year"),
        ],
    )
    .await;
    let q = crate::proposals::open_review(&app).await;
    crate::proposals::decide(&wg, q, &[&crate::proposals::id_of(&to)], &[]).await;
    assert_eq!(version(&app, "4.1.3", first + 1).await, 1);
    let (_, page) = wg.page("/business-plan/strategies/4.1.3").await;
    let year = page.text_of(&format!("#fy{next}"));
    assert!(
        year.contains("Q2: Pilot") && year.contains("$75,000 · 1 FTE"),
        "{year}"
    );
}

#[tokio::test]
async fn each_goals_needs_stand_beside_the_years_budget_requests_with_the_gaps_flagged() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let first = current_quarter().year;
    let next = first + 1;
    for (number, dollars) in [("4.1.3", "800,000"), ("4.2.2", "400,000")] {
        plan(
            &wg,
            number,
            next,
            "0",
            &[("active", "on"), ("dollars", dollars), ("fte", "1.5")],
        )
        .await;
    }
    // $400,000 requested for goal 4 next year: 75% of it supports 4.2.2, 25% 4.1.3.
    crate::budget::save(
        &wg,
        next,
        "",
        &[
            ("title", "Case management system"),
            ("amount", "400,000"),
            ("status", "submitted"),
            ("share_1", "4.2.2"),
            ("percent_1", "75"),
            ("share_2", "4.1.3"),
            ("percent_2", "25"),
            ("version", "0"),
        ],
    )
    .await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page("/business-plan").await;
    assert_eq!(status, 200);
    assert!(page.has_text(&format!(
        "Five-year business plan, FY{first} to FY{}",
        first + 4
    )));
    let gaps = page.text_of("section[aria-labelledby=\"plan-gaps\"]");
    assert!(
        gaps.contains(&format!(
            "FY{next}: $1,200,000 planned for goal 4, $400,000 requested"
        )),
        "{gaps}"
    );
    let totals = page.text_of("table.pt-plan-totals");
    assert!(
        totals.contains("$1,200,000") && totals.contains("$800,000 short"),
        "{totals}"
    );
    assert!(totals.contains("3"), "FTE added up: {totals}");
    assert_eq!(page.count("table.pt-roadmap tbody tr"), 2);
    // A goal with nothing planned is left out; the planning cycle links the comparison.
    assert!(!page.has_text("Goal 5:"));
    let (_, cycle) = viewer.page(&format!("/cycle/{first}")).await;
    assert!(cycle.has(&format!("a[href=\"/business-plan/{first}#plan-gaps\"]")));
    let (_, empty) = viewer.page(&format!("/business-plan/{}", first + 20)).await;
    assert!(empty.has_text("No strategy has a business plan for"));
}

/// Posts a business plan CSV; returns the import page as it then reads.
async fn import(browser: &Browser, csv: &str) -> crate::page::Page {
    let form = reqwest::multipart::Form::new().text("text", csv.to_string());
    let res = browser
        .client
        .post(browser.url("/business-plan/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    browser.page("/business-plan/import").await.1
}

#[tokio::test]
async fn the_business_plan_goes_out_as_csv_and_comes_back_checked_row_by_row() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let first = current_quarter().year;
    plan(
        &wg,
        "4.1.3",
        first,
        "0",
        &[
            ("active", "on"),
            ("milestones", "Q1: Pilot\nQ3: Go live"),
            ("dollars", "250,000.50"),
            ("fte", "1.5"),
            ("it", "=HYPERLINK(\"x\")"),
            ("lead_office", "Office of IT"),
        ],
    )
    .await;
    let (status, csv) = wg.get(&format!("/csv/business-plan/{first}")).await;
    assert_eq!(status, 200);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "strategy,fiscal_year,active,milestones,dollars,fte,staff,it,facilities,training,contracts,lead_office,contributing"
    );
    assert!(
        csv.contains(&format!(
            "4.1.3,{first},yes,\"Q1: Pilot\nQ3: Go live\",250000.50,1.5,,"
        )),
        "{csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "a formula is guarded: {csv}");

    // The same file back, with one more strategy: the entries come out as they went in.
    let again = format!("{csv}4.2.2,{},no,,,,,,,,,,\n", first + 1);
    let page = import(&wg, &again).await;
    assert!(
        page.has_text("2 business plan entries saved."),
        "{}",
        page.text()
    );
    let (_, back) = wg.get(&format!("/csv/business-plan/{first}")).await;
    assert_eq!(back.lines().nth(1), csv.lines().nth(1), "{back}");
    assert!(back.contains(&format!("4.2.2,{},no,", first + 1)), "{back}");
    assert_eq!(
        version(&app, "4.1.3", first).await,
        2,
        "saved over the stored version"
    );

    // A bad row: nothing is written, every problem listed by line.
    let before = app.count("business_plan_entries").await;
    let bad = format!(
        "strategy,fiscal_year,fte,milestones\n4.1.1,{first},2,Q1: Start\n9.9.9,{first},1,\n4.1.2,{},1,\n4.1.4,{first},-1,Sometime\n",
        first + 7
    );
    let page = import(&wg, &bad).await;
    let alert = page.text_of(".usa-alert--error");
    assert!(
        alert.contains("Line 3") && alert.contains("no strategy 9.9.9"),
        "{alert}"
    );
    assert!(
        alert.contains("Line 4") && alert.contains("five years"),
        "{alert}"
    );
    assert!(
        alert.contains("Line 5") && alert.contains("FTE cannot be negative"),
        "{alert}"
    );
    assert_eq!(app.count("business_plan_entries").await, before);
    // Only the working group and administrators import.
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, _) = viewer.get("/business-plan/import").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn starting_a_year_offers_its_business_plan_milestones_for_the_ip() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let first = current_quarter().year;
    let next = first + 1;
    let id = crate::measures::add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    crate::measures::set_targets(&wg, id, first, ["400", "", "", "", ""], "").await;
    app::services::plan_year::add_ip_milestone(
        &app.db,
        &app::queries::audit::Actor::system(),
        first,
        "4.1.3",
        "Q2",
        "Pilot the tool",
    )
    .await
    .unwrap_or_else(|_| panic!("milestone"));
    plan(
        &wg,
        "4.1.3",
        next,
        "0",
        &[
            ("active", "on"),
            ("milestones", "Q2: Pilot the tool\nQ4: Go live nationally"),
        ],
    )
    .await;
    plan(
        &wg,
        "4.2.2",
        next,
        "0",
        &[("milestones", "Q1: Not worked on, so not offered")],
    )
    .await;
    let (_, preview) = wg.page(&format!("/app/{next}/start")).await;
    let milestones = preview.text_of("#copy-milestones");
    assert!(
        milestones.contains("Go live nationally (from the business plan)"),
        "{milestones}"
    );
    assert_eq!(
        milestones.matches("Pilot the tool").count(),
        1,
        "{milestones}"
    );
    assert!(!milestones.contains("Not worked on"), "{milestones}");
    let action = wg.action(&format!("/app/{next}/start"), "start_year").await;
    let fy = next.to_string();
    wg.post_form(&action, &[("fy", fy.as_str())]).await;
    let (_, ip) = wg.page(&format!("/ip/{next}")).await;
    assert!(
        ip.has_text("Go live nationally") && ip.has_text("Pilot the tool"),
        "{}",
        ip.text()
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ip_milestones WHERE fiscal_year = $1")
        .bind(next as i64)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 2);
}

#[tokio::test]
async fn the_roadmap_is_drawn_with_its_table_and_downloads_and_pages_past_fifty_strategies() {
    let app = TestApp::with_sample(60, 1, 5).await;
    let first = current_quarter().year;
    sqlx::query(
        "INSERT INTO business_plan_entries (strategy_id, fiscal_year, active, milestones,
            updated_by, updated_at)
         SELECT id, $1, 1, 'Q2: Pilot', 'wg', 'now' FROM strategies",
    )
    .bind(first as i64)
    .execute(app.db.pool())
    .await
    .unwrap();
    let total = app.count("business_plan_entries").await;
    assert!(total > 50, "{total} strategies planned");
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page("/business-plan").await;
    assert_eq!(status, 200);
    let id = format!("roadmap-fy{first}");
    let figure = format!("figure#chart-{id}");
    assert!(page.has(&format!("{figure} svg")), "the roadmap is drawn");
    assert!(page.has_text(&format!("Strategies 1–50 of {total} (page 1 of 2)")));
    let table = page.text_of(&format!("{figure} table"));
    assert!(
        table.contains(&format!("FY{first} Q2")) && table.contains("Worked on, a milestone due"),
        "{table}"
    );
    assert_eq!(page.count(&format!("{figure} table tbody tr")), 50);
    assert!(page.has(&format!("a[href=\"/business-plan/{first}?page=2\"]")));
    let (_, second) = viewer.page(&format!("/business-plan/{first}?page=2")).await;
    assert!(second.has(&format!("figure#chart-{id}-p2 svg")));
    assert_eq!(
        second.count(&format!("figure#chart-{id}-p2 table tbody tr")),
        total as usize - 50
    );
    for file in [
        format!("{id}.svg"),
        format!("{id}.png"),
        format!("{id}-p2.svg"),
    ] {
        let (status, _) = viewer.get(&format!("/charts/{file}")).await;
        assert_eq!(status, 200, "{file}");
    }
    let (status, _) = viewer.get(&format!("/charts/{id}-p3.svg")).await;
    assert_eq!(status, 404, "no third page");
}
