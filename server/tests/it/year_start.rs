//! Starting the next fiscal year from this one (issue 20): targets copied as the draft
//! APP and IP, open milestones copied, shown first; refused once the year has targets.

use crate::harness::TestApp;
use crate::measures::{add_measure, set_targets};
use app::model::user::Role;

/// For the permission matrix: a far year (odd years apart) whose year before has a
/// target; returns it.
pub async fn fresh(app: &TestApp, n: usize) -> i32 {
    let fy = 2110 + 2 * (n % 40) as i32;
    sqlx::query(
        "INSERT INTO targets (measure_id, fiscal_year, period, value) VALUES (1, $1, 0, 5)",
    )
    .bind((fy - 1) as i64)
    .execute(app.db.pool())
    .await
    .unwrap();
    fy
}

#[tokio::test]
async fn a_new_year_starts_from_the_last_with_its_targets_as_a_draft_and_open_milestones() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let id = add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    set_targets(&wg, id, 2027, ["400", "100", "100", "100", "100"], "").await;
    for (q, description, done) in [(2, "Pilot the tool", false), (3, "Train staff", true)] {
        let system = app::queries::audit::Actor::system();
        let q = format!("Q{q}");
        let m = app::services::plan_year::add_ip_milestone(
            &app.db,
            &system,
            2027,
            "4.1.3",
            &q,
            description,
        )
        .await
        .unwrap_or_else(|_| panic!("milestone"));
        if done {
            sqlx::query(
                "UPDATE ip_milestones SET done_at = '2027-01-02', done_by = 'wg' WHERE id = $1",
            )
            .bind(m)
            .execute(app.db.pool())
            .await
            .unwrap();
        }
    }
    // The APP of an untargeted year offers the start; the preview lists what is copied.
    let (_, page) = wg.page("/app/2028").await;
    assert!(page.has("a[href='/app/2028/start']"), "{}", page.text());
    let (_, page) = wg.page("/app/2028/start").await;
    assert_eq!(page.count("#copy-targets tbody tr"), 5, "{}", page.text());
    let milestones = page.text_of("#copy-milestones");
    assert!(
        milestones.contains("Pilot the tool") && !milestones.contains("Train staff"),
        "{milestones}"
    );
    // A viewer sees the preview without the button.
    let (_, page) = viewer.page("/app/2028/start").await;
    assert!(!page.has_text("Start FY2028 now"));

    let action = wg.action("/app/2028/start", "start_year").await;
    let res = wg.post_form(&action, &[("fy", "2028")]).await;
    assert_eq!(res.headers()["location"], "/app/2028");
    let rows: Vec<(i64, f64)> = sqlx::query_as("SELECT period, value FROM targets WHERE measure_id = $1 AND fiscal_year = 2028 ORDER BY period")
        .bind(id)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![(0, 400.0), (1, 100.0), (2, 100.0), (3, 100.0), (4, 100.0)]
    );
    let (reason,): (String,) =
        sqlx::query_as("SELECT reason FROM target_changes WHERE fiscal_year = 2028 LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(reason, "Copied from FY2027 as the FY2028 draft");
    let (_, page) = wg.page("/ip/2028").await;
    assert!(
        page.has_text("Pilot the tool") && !page.has_text("Train staff"),
        "{}",
        page.text()
    );
    let (_, page) = wg.page("/app/2028").await;
    assert!(page.has_text("Draft"), "the copied targets are a draft APP");
    assert!(!page.has("a[href='/app/2028/start']"));

    // Twice: refused with the reason, nothing copied again.
    let before = app.count("targets").await;
    let res = wg.post_form(&action, &[("fy", "2028")]).await;
    assert_eq!(res.headers()["location"], "/app/2028/start");
    let (_, page) = wg.page("/app/2028/start").await;
    assert!(
        page.has_text("FY2028 already has 5 targets"),
        "{}",
        page.text()
    );
    assert!(!page.has_text("Start FY2028 now"));
    assert_eq!(app.count("targets").await, before);
    assert_eq!(app.count("ip_milestones").await, 3);
}
