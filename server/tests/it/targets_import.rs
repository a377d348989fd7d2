//! Bulk targets from one CSV (issue 21): every row checked like the target form, all or
//! nothing, each change in the target log with its reason.

use crate::harness::{Browser, TestApp};
use crate::measures::add_measure;
use app::model::user::Role;

/// Posts a targets CSV; returns the import page as it then reads.
async fn import(browser: &Browser, csv: &str) -> crate::page::Page {
    let form = reqwest::multipart::Form::new().text("text", csv.to_string());
    let res = browser
        .client
        .post(browser.url("/measures/targets/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "a plain form post answers with a redirect"
    );
    browser.page("/measures/targets/import").await.1
}

async fn targets(app: &TestApp, id: i64, fy: i64) -> Vec<(i64, f64)> {
    sqlx::query_as("SELECT period, value FROM targets WHERE measure_id = $1 AND fiscal_year = $2 ORDER BY period")
        .bind(id)
        .bind(fy)
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn targets_for_many_measures_come_from_one_csv_checked_row_by_row() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let a = add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    let b = add_measure(&wg, "4.2.1", "Systems assessed", "sum").await;
    // A bad row: nothing at all is written, every problem is listed by line.
    let bad = format!(
        "measure_id,fiscal_year,annual,q1,q2,q3,q4,reason\n{a},2028,400,100,100,100,100,\n{b},20x8,5,,,,,\n999,2028,1,,,,,\n{b},2028,lots,,,,,\n"
    );
    let page = import(&wg, &bad).await;
    let alert = page.text_of(".usa-alert--error");
    assert!(alert.contains("Nothing was written: 3 problems"), "{alert}");
    assert!(
        alert.contains("Line 3: \"20x8\" is not a fiscal year"),
        "{alert}"
    );
    assert!(
        alert.contains("Line 4: There is no measure \"999\""),
        "{alert}"
    );
    assert!(
        alert.contains("Line 5: Measure") && alert.contains("\"lots\" is not a number"),
        "{alert}"
    );
    assert!(targets(&app, a, 2028).await.is_empty(), "all or nothing");
    assert!(page.has_text("lots"), "the text comes back to correct");

    let good = format!(
        "measure_id,fiscal_year,annual,q1,q2,q3,q4,reason\n{a},2028,400,100,100,100,100,\n{b},2028,12,3,3,3,3,\n"
    );
    let page = import(&wg, &good).await;
    assert!(
        page.text_of(".usa-alert--success")
            .contains("10 targets set from 2 rows"),
        "{}",
        page.text()
    );
    assert_eq!(
        targets(&app, a, 2028).await,
        vec![(0, 400.0), (1, 100.0), (2, 100.0), (3, 100.0), (4, 100.0)]
    );

    // After the first draft a change needs its reason; an empty cell keeps the target.
    let page = import(&wg, &format!("measure_id,fiscal_year,q2\n{a},2028,150\n")).await;
    assert!(
        page.text_of(".usa-alert--error")
            .contains("Say why the target changes"),
        "{}",
        page.text()
    );
    let page = import(
        &wg,
        &format!("measure_id,fiscal_year,annual,q2,reason\n{a},2028,,150,Staff added\n"),
    )
    .await;
    assert!(
        page.text_of(".usa-alert--success")
            .contains("1 target set from 1 row"),
        "{}",
        page.text()
    );
    assert_eq!(targets(&app, a, 2028).await[2], (2, 150.0));
    assert_eq!(
        targets(&app, a, 2028).await[0],
        (0, 400.0),
        "the empty annual cell kept 400"
    );
    let (reason,): (String,) = sqlx::query_as("SELECT reason FROM target_changes WHERE measure_id = $1 AND period = 2 ORDER BY id DESC LIMIT 1")
        .bind(a)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(reason, "Staff added");

    // An approved APP's annual targets are closed, as on the form.
    app::services::plan_year::change_app_state(
        &app.db,
        &app::queries::audit::Actor::system(),
        2028,
        app::model::plan_year::AppStep::Approve,
        "",
    )
    .await
    .unwrap_or_else(|_| panic!("approve"));
    let page = import(
        &wg,
        &format!("measure_id,fiscal_year,annual,reason\n{b},2028,20,More\n"),
    )
    .await;
    assert!(
        page.text_of(".usa-alert--error")
            .contains("start the mid-year revision"),
        "{}",
        page.text()
    );
    // Viewers may not import.
    let viewer = app.signed_in(Role::Viewer).await;
    let form = reqwest::multipart::Form::new().text("text", good);
    let res = viewer
        .client
        .post(viewer.url("/measures/targets/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}
