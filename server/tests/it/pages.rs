//! Plan pages as a browser receives them from the server.

use crate::harness::TestApp;
use app::model::user::Role;
use server::setup::FirstRunPlan;

#[tokio::test]
async fn first_run_shows_the_excerpt_plan_on_the_overview() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, html) = viewer.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("DRO Strategic Plan"));
    assert!(html.contains("Goal 4: Information Technology"));
    assert!(html.contains("Goal 5: Human Capital Management"));
    assert!(html.contains("Goal 3 (untitled)"));
    assert!(html.contains("Plan Maintenance"));
    assert!(html.contains("Planning Cycle"));
    assert_eq!(app.count("strategies").await, 30);
}

#[tokio::test]
async fn goal_objective_and_strategy_pages_by_number() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, goal) = viewer.get("/goals/4").await;
    assert_eq!(status, 200);
    assert!(goal.contains("Develop and implement a comprehensive integrated information"));
    assert!(goal.contains("href=\"/objectives/4.4\""));
    assert!(goal.contains("href=\"/strategies/4.1.3\""));

    let (status, objective) = viewer.get("/objectives/4.1").await;
    assert_eq!(status, 200);
    assert!(objective.contains("Enhance existing data management systems."));
    assert!(objective.contains("Not assigned"));

    let (status, strategy) = viewer.get("/strategies/4.1.3").await;
    assert_eq!(status, 200);
    assert!(strategy.contains("Develop, if necessary, effective protocols"));
    assert!(strategy.contains("aria-label=\"Breadcrumbs\""));
    assert!(strategy.contains("href=\"/objectives/4.1\""));
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
        let (status, html) = viewer.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page not found"), "{path}");
        assert!(html.contains("Go to the plan overview"), "{path}");
    }
}

#[tokio::test]
async fn an_empty_database_shows_a_useful_empty_state() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, html) = viewer.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("No plan yet"));
    assert!(html.contains("href=\"/admin/import\""));
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
    app::queries::import::apply_outline(&app.db, &outline, &Default::default(), &actor)
        .await
        .unwrap();
    let (_, html) = viewer.get("/goals/1").await;
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img src=x"));
}
