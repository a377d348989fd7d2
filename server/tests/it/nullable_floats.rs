//! Every statement that binds a nullable number, run with a NULL and then with a number on
//! one database connection. sqlx 0.8.6 bound a NULL `f64` as `float4` through its `Any`
//! driver; PostgreSQL prepared the statement with that type and the next number on the same
//! connection failed ("incorrect binary data format", shown as "Internal"). With a pool of
//! one connection every statement below reuses its prepared form, so the bug cannot hide
//! behind which pooled connection happened to run it (see vendor/sqlx-core/PATCHED.md).

use crate::harness::{Browser, TestApp};
use crate::measures::{post, record_actual, set_targets};
use app::auth::AuthSettings;
use app::demo::{generate, DemoSize};
use app::model::user::Role;
use server::setup::FirstRunPlan;

/// The form a browser posts to add (id empty) or edit a measure, with this baseline.
async fn save_measure(browser: &Browser, id: Option<i64>, name: &str, baseline: &str) -> String {
    let (page, id) = match id {
        Some(id) => (format!("/measures/{id}/edit"), id.to_string()),
        None => ("/measures/new?attach_to=4.1.3".to_string(), String::new()),
    };
    let baseline_fy = if baseline.is_empty() { "" } else { "2025" };
    // The version the edit form shows, as a browser would send it back.
    let (_, form) = browser.page(&page).await;
    let version = form.value_of("version").unwrap_or_default();
    post(
        browser,
        &page,
        "save_measure",
        &[
            ("id", &id),
            ("version", &version),
            ("attach_to", "4.1.3"),
            ("name", name),
            ("unit", "cases"),
            ("direction", "higher"),
            ("kind", "quantitative"),
            ("aggregation", "sum"),
            ("baseline_value", baseline),
            ("baseline_fy", baseline_fy),
            ("data_source", "Case management system"),
            ("verification", "Reconciled quarterly"),
            ("limitations", "None known"),
        ],
    )
    .await
}

fn measure_id(location: &str) -> i64 {
    location
        .trim_start_matches("/measures/")
        .parse()
        .unwrap_or_else(|_| panic!("expected a measure page, got {location}"))
}

#[tokio::test]
async fn a_null_number_then_a_number_saves_through_every_statement_on_one_connection() {
    let app = TestApp::start_with_pool(FirstRunPlan::Bundled, AuthSettings::default(), 1).await;
    let wg = app.signed_in(Role::WorkingGroup).await;

    // Measures: INSERT and UPDATE bind the baseline, which may be empty.
    let first = measure_id(&save_measure(&wg, None, "Without a baseline", "").await);
    let second = measure_id(&save_measure(&wg, None, "With a baseline", "120").await);
    let page = format!("/measures/{second}");
    assert_eq!(
        save_measure(&wg, Some(second), "With a baseline", "").await,
        page
    );
    assert_eq!(
        save_measure(&wg, Some(second), "With a baseline", "130.5").await,
        page
    );
    let baselines: Vec<(i64, Option<f64>)> =
        sqlx::query_as("SELECT id, baseline_value FROM measures ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(baselines, vec![(first, None), (second, Some(130.5))]);

    // Target changes log the old value (none at first) and the new one (none when cleared).
    let page = format!("/measures/{first}?fy=2027#targets");
    let steps: [([&str; 5], &str); 4] = [
        (["40", "10", "10", "10", "10"], "First draft"),
        (["40", "10", "10", "10", ""], "Q4 not planned yet"),
        (["44", "10", "10", "12", "12"], "Q4 planned"),
        (["", "10", "10", "12", "12"], "Annual figure withdrawn"),
    ];
    for (values, reason) in steps {
        assert_eq!(
            set_targets(&wg, first, 2027, values, reason).await,
            page,
            "{reason}"
        );
    }
    type Change = (i64, Option<f64>, Option<f64>);
    let changes: Vec<Change> = sqlx::query_as(
        "SELECT period, old_value, new_value FROM target_changes WHERE measure_id = $1
         ORDER BY id",
    )
    .bind(first)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let annual: Vec<Change> = changes.iter().filter(|c| c.0 == 0).cloned().collect();
    assert_eq!(
        annual,
        vec![
            (0, None, Some(40.0)),
            (0, Some(40.0), Some(44.0)),
            (0, Some(44.0), None)
        ]
    );
    let q4: Vec<Change> = changes.iter().filter(|c| c.0 == 4).cloned().collect();
    assert_eq!(
        q4,
        vec![
            (4, None, Some(10.0)),
            (4, Some(10.0), None),
            (4, None, Some(12.0))
        ]
    );

    // Actuals: a data lag stores no value; the next reading of the quarter stores one.
    let back = format!("/measures/{first}");
    let quarter = crate::status::current_quarter();
    for (actual, lag) in [("", true), ("7", false), ("", true), ("9.25", false)] {
        assert_eq!(
            record_actual(&wg, first, &quarter.slug(), actual, lag).await,
            back,
            "actual {actual:?}, lag {lag}"
        );
    }
    let values: Vec<(Option<f64>,)> = sqlx::query_as(
        "SELECT value FROM actuals WHERE measure_id = $1 AND fiscal_year = $2 AND quarter = $3
         ORDER BY version",
    )
    .bind(first)
    .bind(quarter.year as i64)
    .bind(quarter.quarter as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(values, vec![(None,), (Some(7.0),), (None,), (Some(9.25),)]);
}

#[tokio::test]
async fn sample_data_of_1000_strategies_and_10_years_loads_on_one_connection() {
    let app = TestApp::start_with_pool(FirstRunPlan::Empty, AuthSettings::default(), 1).await;
    let size = DemoSize {
        strategies: 1000,
        years: 10,
        seed: 11,
    };
    let made = generate(&app.db, size, app.clock.today())
        .await
        .expect("sample data");
    assert_eq!(made.strategies, 1000);
    assert_eq!(app.count("strategies").await, 1000);
    assert_eq!(app.count("goals").await, made.goals as i64);
    assert_eq!(app.count("objectives").await, made.objectives as i64);
    assert_eq!(
        app.count("status_updates").await,
        made.status_updates as i64
    );
    assert_eq!(app.count("measures").await, made.measures as i64);
    assert_eq!(app.count("actuals").await, made.actuals as i64);
    assert!(
        made.status_updates > 1000 * 20,
        "years of quarterly reports: {made:?}"
    );
    // Some actuals are data lags (no value) among real numbers: both kinds went through.
    let (lags,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM actuals WHERE value IS NULL")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(lags > 0 && lags < made.actuals as i64, "{lags} data lags");
}
