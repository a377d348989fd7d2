//! `plantrack demo`: a synthetic plan with history, marked as sample data on every page.

use crate::harness::TestApp;
use app::demo::{generate, DemoError, DemoSize};
use app::model::user::Role;
use server::setup::FirstRunPlan;

#[tokio::test]
async fn sample_data_fills_an_empty_database_and_says_so_on_every_page() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let size = DemoSize {
        strategies: 45,
        years: 2,
        seed: 7,
    };
    let made = generate(&app.db, size, app.clock.today()).await.unwrap();
    assert_eq!(made.strategies, 45);
    assert_eq!(app.count("strategies").await, 45);
    assert_eq!(
        app.count("status_updates").await,
        made.status_updates as i64
    );
    assert!(
        made.status_updates > 45 * 4,
        "at least a year of quarters: {made:?}"
    );
    assert_eq!(app.count("measures").await, made.measures as i64);
    assert!(made.actuals > 0);
    let viewer = app.signed_in(Role::Viewer).await;
    for path in ["/", "/app", "/quarters"] {
        let (status, page) = viewer.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            page.has_text("Sample data."),
            "{path} lacks the sample-data banner"
        );
    }
    // Never over a real plan, and the same seed makes the same data.
    assert!(matches!(
        generate(&app.db, size, app.clock.today()).await,
        Err(DemoError::NotEmpty)
    ));
    let other = TestApp::start(FirstRunPlan::Empty).await;
    let again = generate(&other.db, size, other.clock.today())
        .await
        .unwrap();
    assert_eq!(again, made);
    let real = TestApp::with_excerpt().await;
    let (_, page) = real.signed_in(Role::Viewer).await.page("/").await;
    assert!(!page.has_text("Sample data."));
}
