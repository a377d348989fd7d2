//! Plan pages as a browser receives them from the server.

use crate::harness::TestApp;
use app::model::user::Role;
use server::setup::FirstRunPlan;

#[tokio::test]
async fn first_run_shows_the_excerpt_plan_on_the_overview() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, html) = viewer.page("/").await;
    assert_eq!(status, 200);
    assert!(html.has_text("DRO Strategic Plan"));
    assert!(html.has_text("Goal 4: Information Technology"));
    assert!(html.has_text("Goal 5: Human Capital Management"));
    assert!(html.has_text("Goal 3 (untitled)"));
    assert!(html.has_text("Plan Maintenance"));
    assert!(html.has_text("Planning Cycle"));
    assert_eq!(app.count("strategies").await, 30);
}

#[tokio::test]
async fn goal_objective_and_strategy_pages_by_number() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, goal) = viewer.page("/goals/4").await;
    assert_eq!(status, 200);
    assert!(goal.has_text("Develop and implement a comprehensive integrated information"));
    assert!(goal.has("a[href=\"/objectives/4.4\"]"));
    assert!(goal.has("a[href=\"/strategies/4.1.3\"]"));

    let (status, objective) = viewer.page("/objectives/4.1").await;
    assert_eq!(status, 200);
    assert!(objective.has_text("Enhance existing data management systems."));
    assert!(objective.has_text("Not assigned"));

    let (status, strategy) = viewer.page("/strategies/4.1.3").await;
    assert_eq!(status, 200);
    assert!(strategy.has_text("Develop, if necessary, effective protocols"));
    assert!(strategy.has("[aria-label=\"Breadcrumbs\"]"));
    assert!(strategy.has("a[href=\"/objectives/4.1\"]"));
}

#[tokio::test]
async fn unknown_numbers_and_addresses_answer_404_with_a_page() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    for path in [
        "/goals/9",
        "/objectives/4.9",
        "/strategies/4.1.9",
        "/no/such/page",
    ] {
        let (status, html) = viewer.page(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.has_text("Page not found"), "{path}");
        assert!(html.has_text("Go to the plan overview"), "{path}");
    }
}

#[tokio::test]
async fn an_empty_database_shows_a_useful_empty_state() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, html) = viewer.page("/").await;
    assert_eq!(status, 200);
    assert!(html.has_text("No plan yet"));
    assert!(html.has("a[href=\"/admin/import\"]"));
}

#[tokio::test]
async fn plan_text_is_escaped_not_interpreted() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let outline = app::outline::parse_outline(
        "Goal 1: <script>alert(1)</script>\nObjective 1.1: \"><img src=x onerror=alert(1)>\n1.1.1: ok\n",
    )
    .unwrap();
    let actor = app::queries::audit::Actor::system();
    app::services::import::apply_outline(&app.db, &outline, &Default::default(), &actor)
        .await
        .unwrap();
    // The raw markup: escaped, never interpreted; and a person reads the text as typed.
    let (_, html) = viewer.get("/goals/1").await;
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img src=x"));
    let page = crate::page::Page::parse(&html);
    assert!(page.has_text("<script>alert(1)</script>"));
    assert!(!page.has("img[src=\"x\"]"));
}

#[tokio::test]
async fn the_glossary_gives_each_symbol_one_meaning_and_lists_every_state_with_it() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, home) = viewer.page("/").await;
    assert!(
        home.has("footer a[href=\"/glossary\"]"),
        "linked from every page"
    );
    let (status, page) = viewer.page("/glossary").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Symbols and states"));
    assert_eq!(
        page.count("table tbody tr"),
        app::model::glossary::Mark::ALL.len()
    );
    assert!(page.has_text("Needs attention: at risk, behind target or past due"));
    for family in app::model::states::families() {
        assert!(page.has_text(family.name), "{}", family.name);
    }
    // Likelihood reads with arrows, never with a status's triangle.
    let states = page.text_of("ul.pt-states");
    assert!(!states.is_empty());
    assert!(page.has_text("↑High") || page.has_text("↑ High"));
    assert!(!page.has_text("▲High") && !page.has_text("▲ High"));
    assert!(page.has_text("➜Proposed") || page.has_text("➜ Proposed"));
}
