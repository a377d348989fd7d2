//! Measures, APP lifecycle and revisions, target change log, actuals, shortfalls, CSV
//! exchange and the planning cycle, through the forms a browser without JavaScript posts.

use crate::harness::{Browser, TestApp};
use crate::status::current_quarter;
use app::clock::parse_instant;
use app::model::fiscal::FiscalCalendar;
use app::model::user::Role;

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

/// Posts the form for server function `name` found on `page`.
pub async fn post(browser: &Browser, page: &str, name: &str, fields: &[(&str, &str)]) -> String {
    let action = browser.action(page, name).await;
    location(&browser.post_form(&action, fields).await)
}

/// Adds a measure through the form; returns its id.
pub async fn add_measure(browser: &Browser, attach_to: &str, name: &str, aggregation: &str) -> i64 {
    let to = post(
        browser,
        &format!("/measures/new?attach_to={attach_to}"),
        "save_measure",
        &[
            ("id", ""),
            ("attach_to", attach_to),
            ("name", name),
            ("unit", "cases"),
            ("direction", "higher"),
            ("kind", "quantitative"),
            ("aggregation", aggregation),
            ("baseline_value", "100"),
            ("baseline_fy", "2025"),
            ("data_source", "Case management system"),
            (
                "verification",
                "Quarterly reconciliation by the data steward",
            ),
            ("limitations", "Manual entry lags by a month"),
            ("accuracy", "Exact to the case"),
            (
                "compensation",
                "Late entries are counted in the next quarter's reconciliation",
            ),
            ("lag_days", "45"),
        ],
    )
    .await;
    to.trim_start_matches("/measures/")
        .parse()
        .unwrap_or_else(|_| panic!("expected the new measure's page, got {to}"))
}

/// Sets targets: [annual, q1, q2, q3, q4] and a reason.
pub async fn set_targets(
    browser: &Browser,
    id: i64,
    fy: i32,
    values: [&str; 5],
    reason: &str,
) -> String {
    let (id_s, fy_s) = (id.to_string(), fy.to_string());
    let page = format!("/measures/{id}?fy={fy}");
    // The values the form shows, as a browser sends them back.
    let (_, form) = browser.page(&page).await;
    let shown = form.value_of("shown").unwrap_or_default();
    post(
        browser,
        &page,
        "set_targets",
        &[
            ("shown", &shown),
            ("measure_id", &id_s),
            ("fiscal_year", &fy_s),
            ("annual", values[0]),
            ("q1", values[1]),
            ("q2", values[2]),
            ("q3", values[3]),
            ("q4", values[4]),
            ("reason", reason),
        ],
    )
    .await
}

pub async fn record_actual(
    browser: &Browser,
    id: i64,
    quarter: &str,
    actual: &str,
    lag: bool,
) -> String {
    let id_s = id.to_string();
    // The quarters' latest versions, as the form on the page carries them.
    let (_, page) = browser.page(&format!("/measures/{id}")).await;
    let versions = page.value_of("versions").unwrap_or_default();
    let mut fields = vec![
        ("measure_id", id_s.as_str()),
        ("quarter", quarter),
        ("actual", actual),
        ("note", ""),
        ("back", ""),
        ("versions", versions.as_str()),
    ];
    if lag {
        fields.push(("data_lag", "on"));
    }
    post(browser, &format!("/measures/{id}"), "save_actual", &fields).await
}

pub async fn step(browser: &Browser, fy: i32, step: &str, note: &str) -> String {
    let fy_s = fy.to_string();
    let action = browser
        .action(&format!("/app/{fy}"), "change_app_state")
        .await;
    let res = browser
        .post_form(
            &action,
            &[("fiscal_year", &fy_s), ("step", step), ("note", note)],
        )
        .await;
    location(&res)
}

#[tokio::test]
async fn a_measure_and_its_data_quality_record_are_saved_and_bad_input_comes_back() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let (status, page) = wg.page(&format!("/measures/{id}")).await;
    assert_eq!(status, 200);
    for text in [
        "Cases resolved",
        "Strategy 4.1.3",
        "Case management system",
        "Quarterly reconciliation",
        "Manual entry lags",
        "100 cases in FY2025",
    ] {
        assert!(page.has_text(text), "measure page lacks {text}");
    }
    let (_, strategy) = wg.page("/strategies/4.1.3").await;
    assert!(strategy.has(&format!("a[href=\"/measures/{id}\"]")));
    let before = app.count("measures").await;
    let to = post(
        &wg,
        "/measures/new?attach_to=4.1.3",
        "save_measure",
        &[
            ("id", ""),
            ("attach_to", "4.1.3"),
            ("name", "Typed <name> kept"),
            ("unit", ""),
            ("direction", "sideways"),
            ("kind", "quantitative"),
            ("aggregation", "sum"),
            ("baseline_value", "lots"),
            ("baseline_fy", "2025"),
            ("data_source", ""),
            ("verification", ""),
            ("limitations", ""),
        ],
    )
    .await;
    assert_eq!(to, "/measures/new?attach_to=4.1.3");
    assert_eq!(app.count("measures").await, before, "nothing half-saved");
    let (_, form) = wg.page(&to).await;
    assert!(form.has_text("Choose whether higher or lower is better."));
    assert!(
        form.has_text("\"lots\" is not a number.") || form.has_text("\"lots\" is not a number.")
    );
    assert!(
        form.has("input[name=\"name\"][value=\"Typed <name> kept\"]"),
        "typed name re-shown, escaped"
    );
}

#[tokio::test]
async fn the_app_keeps_every_revision_and_logs_every_target_change() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1", "Reviews completed", "sum").await;
    let fy = current_quarter().year;
    let page = format!("/measures/{id}?fy={fy}#targets");
    assert_eq!(
        set_targets(&wg, id, fy, ["40", "10", "10", "10", "10"], "").await,
        page
    );
    assert_eq!(
        step(&wg, fy, "approve", "Baseline agreed").await,
        format!("/app/{fy}")
    );
    let (_, app_page) = wg.page(&format!("/app/{fy}")).await;
    assert_eq!(
        app_page.text_of(".pt-notice"),
        format!("The FY{fy} APP is approved.")
    );
    // Approved: annual targets are locked until a mid-year revision starts.
    assert_eq!(
        set_targets(&wg, id, fy, ["50", "10", "10", "10", "10"], "More staff").await,
        page
    );
    let (_, shown) = wg.page(&page).await;
    assert!(
        shown.has_text("start the mid-year revision"),
        "locked target explained"
    );
    assert_eq!(
        step(&wg, fy, "start_revision", "").await,
        format!("/app/{fy}")
    );
    assert_eq!(
        set_targets(&wg, id, fy, ["50", "10", "10", "10", "10"], "").await,
        page
    );
    let (_, shown) = wg.page(&page).await;
    assert!(
        shown.has_text("Say why the target changes"),
        "reason required after the draft"
    );
    assert!(shown.has("input[value=\"50\"]"), "typed target kept");
    assert_eq!(
        set_targets(
            &wg,
            id,
            fy,
            ["50", "10", "10", "15", "15"],
            "Two analysts hired"
        )
        .await,
        page
    );
    assert_eq!(
        step(&wg, fy, "publish_revision", "Mid-year review").await,
        format!("/app/{fy}")
    );
    // A step out of order changes nothing.
    let audit = app.count("audit_log").await;
    step(&wg, fy, "publish_revision", "").await;
    assert_eq!(app.count("audit_log").await, audit);

    let revisions: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT revision, state, targets FROM app_revisions WHERE fiscal_year = $1 ORDER BY revision",
    )
    .bind(fy as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!((revisions[0].0, revisions[0].1.as_str()), (1, "approved"));
    assert!(revisions[0].2.contains("40 cases"), "{}", revisions[0].2);
    assert_eq!((revisions[1].0, revisions[1].1.as_str()), (2, "revised"));
    assert!(revisions[1].2.contains("50 cases"), "{}", revisions[1].2);

    type Logged = (i64, Option<f64>, Option<f64>, String, String);
    let log: Vec<Logged> = sqlx::query_as(
        "SELECT period, old_value, new_value, reason, author_name FROM target_changes
         WHERE measure_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        log.len(),
        8,
        "5 first-draft targets, then annual, Q3 and Q4 changed: {log:?}"
    );
    assert!(log[..5]
        .iter()
        .all(|l| l.3 == "First draft" && l.1.is_none()));
    let annual = log.iter().rfind(|l| l.0 == 0).unwrap();
    assert_eq!((annual.1, annual.2), (Some(40.0), Some(50.0)));
    assert_eq!(annual.3, "Two analysts hired");
    assert_eq!(annual.4, "working-group");

    let (_, app_page) = wg.page(&format!("/app/{fy}")).await;
    assert!(app_page.has_text("Revised"));
    assert!(app_page.has_text("Revision 2"));
    assert!(app_page.has_text("Revision 1"));
    let (_, measure) = wg.page(&format!("/measures/{id}")).await;
    assert!(
        measure.has_text("Two analysts hired"),
        "change log on the measure page"
    );
}

#[tokio::test]
async fn actuals_and_data_lags_show_on_the_app_and_ip_pages() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    // In the first quarter, 12 of a 10-a-quarter target is on track; in the second,
    // with nothing more reported, the year's cumulative target (20) is not being met.
    app.clock.set(parse_instant("2026-11-15").unwrap());
    let now = FiscalCalendar::default().quarter_of(app.clock.today());
    let fy = now.year;
    set_targets(&wg, id, fy, ["40", "10", "10", "10", "10"], "").await;
    assert_eq!(
        record_actual(&wg, id, &now.slug(), "12", false).await,
        format!("/measures/{id}")
    );
    let (_, ip) = wg.page(&format!("/ip/{fy}")).await;
    assert!(ip.has_text("12 cases"));
    assert!(ip.has_text("Cases resolved"));
    // An IP cell names its quarter, so it is not read against the APP's year to date.
    assert!(
        ip.has_text(&format!("Met (Q{})", now.quarter)),
        "{}",
        ip.text()
    );
    let (_, app_page) = wg.page(&format!("/app/{fy}")).await;
    assert!(app_page.has_text("40 cases"));
    assert!(app_page.has_text("On track"));
    assert!(!app_page.has_text("Behind target"));
    // A correction is a new version; the data lag is its own state, not a miss.
    record_actual(&wg, id, &now.slug(), "", true).await;
    let (_, ip) = wg.page(&format!("/ip/{fy}")).await;
    assert!(ip.has_text("Data not yet available"));
    let versions: Vec<(i64,)> =
        sqlx::query_as("SELECT version FROM actuals WHERE measure_id = $1 ORDER BY version")
            .bind(id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(versions, vec![(1,), (2,)]);
    // A future quarter and a word are refused and nothing is written.
    let before = app.count("actuals").await;
    record_actual(&wg, id, &now.next().slug(), "3", false).await;
    record_actual(&wg, id, &now.slug(), "twelve", false).await;
    assert_eq!(app.count("actuals").await, before);
    let (_, page) = wg.page(&format!("/measures/{id}")).await;
    assert!(
        page.has_text("\"twelve\" is not a number.")
            || page.has_text("\"twelve\" is not a number.")
    );
    assert!(page.has("input[value=\"twelve\"]"), "typed actual kept");
    // Goal filter.
    let (_, other_goal) = wg.page(&format!("/app/{fy}?goal=1")).await;
    let link = format!("a[href=\"/measures/{id}\"]");
    assert!(!other_goal.has(&link), "filtered out");
    let (_, same_goal) = wg.page(&format!("/app/{fy}?goal=4")).await;
    assert!(same_goal.has(&link));
    // In the second quarter, 12 + 5 against the cumulative 20 is behind target.
    app.clock.set(parse_instant("2027-01-15").unwrap());
    record_actual(&wg, id, &now.slug(), "12", false).await;
    record_actual(&wg, id, &now.next().slug(), "5", false).await;
    let (_, app_page) = wg.page(&format!("/app/{fy}")).await;
    assert!(app_page.has_text("Behind target"), "17 of 20 by FY2027 Q2");
    assert!(!app_page.has_text("On track"));
    let (_, ip) = wg.page(&format!("/ip/{fy}")).await;
    assert!(
        ip.has_text(&format!("Behind target (Q{}, so far)", now.next().quarter)),
        "{}",
        ip.text()
    );
}

#[tokio::test]
async fn a_missed_target_in_a_closed_year_asks_for_the_explanation_the_law_requires() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let last = current_quarter().year - 1;
    set_targets(&wg, id, last, ["40", "", "", "", ""], "").await;
    for q in 1..=4 {
        // Each quarter reported during its data call (the year's quarters are locked now).
        let fq = app::model::fiscal::FiscalQuarter {
            year: last,
            quarter: q,
        };
        let today = crate::status::during_call(&app, fq);
        record_actual(&wg, id, &fq.slug(), "9", false).await;
        app.clock.set(today);
    }
    let (_, app_page) = wg.page(&format!("/app/{last}")).await;
    assert!(app_page.has_text("Not met"));
    assert!(app_page.has_text("Explanation needed"));
    let (_, next_year) = wg.page(&format!("/app/{}", last + 1)).await;
    assert!(
        next_year.has_text("36 cases"),
        "prior year's actual beside the next target"
    );

    let (id_s, fy_s) = (id.to_string(), last.to_string());
    let fields = |plan: &'static str, schedule: &'static str, infeasible: &'static str| {
        vec![
            ("measure_id", id_s.clone()),
            ("fiscal_year", fy_s.clone()),
            ("why", "Two vacancies".to_string()),
            ("plan", plan.to_string()),
            ("schedule", schedule.to_string()),
            ("infeasible", infeasible.to_string()),
        ]
    };
    let action = wg
        .action(&format!("/measures/{id}"), "save_shortfall")
        .await;
    let post = |f: Vec<(&'static str, String)>| {
        let action = action.clone();
        let wg = &wg;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            location(&wg.post_form(&action, &pairs).await)
        }
    };
    post(fields("Hire two analysts", "", "")).await;
    assert_eq!(app.count("shortfalls").await, 0);
    let (_, page) = wg.page(&format!("/measures/{id}")).await;
    assert!(page.has_text("Give the schedule for the plan."));
    assert!(page.has_text("Hire two analysts"), "typed plan kept");
    post(fields("Hire two analysts", "By FY2027 Q2", "")).await;
    assert_eq!(app.count("shortfalls").await, 1);
    let (_, app_page) = wg.page(&format!("/app/{last}")).await;
    assert!(!app_page.has_text("Explanation needed"));
    let (_, page) = wg.page(&format!("/measures/{id}")).await;
    assert!(page.has_text("Two vacancies") && page.has_text("By FY2027 Q2"));
}

/// Pastes `csv` into the import form and sends it.
async fn post_import(browser: &Browser, csv: &str) {
    let form = reqwest::multipart::Form::new().text("text", csv.to_string());
    let res = browser
        .client
        .post(browser.url("/measures/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/measures/import");
}

pub async fn import(browser: &Browser, csv: &str) -> String {
    post_import(browser, csv).await;
    // What a person reads on the page after the import.
    let (_, page) = browser.page("/measures/import").await;
    page.text().to_string()
}

#[tokio::test]
async fn the_ip_table_exports_and_an_edited_export_imports_back() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases, \"resolved\"", "sum").await;
    let now = current_quarter();
    set_targets(&wg, id, now.year, ["40", "10", "10", "10", "10"], "").await;
    record_actual(&wg, id, &now.slug(), "12.5", false).await;
    let res = wg
        .client
        .get(wg.url(&format!("/csv/ip/{}", now.year)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let exported = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(exported.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one row per quarter");
    assert_eq!(&rows[0][1], "Cases, \"resolved\"", "quoted text survives");
    assert_eq!(&rows[(now.quarter - 1) as usize][7], "12.5");
    // Importing the export unchanged writes nothing.
    let actuals = app.count("actuals").await;
    let outcome = import(&wg, &exported).await;
    assert!(
        outcome.contains("0 actuals recorded; 1 unchanged."),
        "{outcome}"
    );
    assert_eq!(app.count("actuals").await, actuals);
    // Editing the actual imports the new value.
    let edited = exported.replace(",12.5,", ",14,");
    let outcome = import(&wg, &edited).await;
    assert!(
        outcome.contains("1 actual recorded; 0 unchanged."),
        "{outcome}"
    );
    let again = wg
        .client
        .get(wg.url(&format!("/csv/ip/{}", now.year)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(again, edited, "round trip");
    let app_csv = wg
        .client
        .get(wg.url(&format!("/csv/app/{}", now.year)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(app_csv.starts_with("measure_id,measure,goal"));
    assert!(app_csv.contains(",40,"));
    // Not signed in: refused.
    let anon = app.anonymous();
    let res = anon
        .client
        .get(anon.url(&format!("/csv/ip/{}", now.year)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

#[tokio::test]
async fn a_csv_with_bad_rows_writes_nothing_and_names_each_bad_line() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let now = current_quarter();
    let (q, prev, next) = (now.slug(), now.previous().slug(), now.next().slug());
    let csv = format!(
        "measure_id,quarter,actual,note\n{id},{prev},5,good row\n999,{q},5,\n{id},2027-Q9,5,\n{id},{next},5,\n{id},{q},lots,\n{id},{prev},6,\n"
    );
    let (actuals, audit) = (app.count("actuals").await, app.count("audit_log").await);
    let outcome = import(&wg, &csv).await;
    for expected in [
        "Line 3: There is no measure ",
        "Line 4: ",
        "is not a quarter",
        "Line 5:",
        "Line 6: Measure",
        "Line 7: Measure",
        "is also on line 2.",
        "Nothing was written: 5 problems",
    ] {
        assert!(outcome.contains(expected), "missing {expected}: {outcome}");
    }
    assert!(
        outcome.contains("good row"),
        "the text comes back to be corrected"
    );
    assert_eq!(app.count("actuals").await, actuals, "nothing written");
    assert_eq!(app.count("audit_log").await, audit);
    // Pasted text arrives with CRLF line ends: the line numbers still match.
    let outcome = import(&wg, "measure_id,quarter,actual\r\n999,2020-Q1,5\r\n").await;
    assert!(
        outcome.contains("Line 2: There is no measure "),
        "{outcome}"
    );
    let outcome = import(&wg, "id,when\n1,2\n").await;
    assert!(outcome.contains("Line 1: The first line must name the columns"));
    // Viewers may not import.
    let viewer = app.signed_in(Role::Viewer).await;
    let res = viewer
        .client
        .post(viewer.url("/measures/import"))
        .multipart(reqwest::multipart::Form::new().text("text", csv))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("actuals").await, actuals);
}

#[tokio::test]
async fn planning_cycle_milestones_are_marked_done_by_someone_at_a_time() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let fy = current_quarter().year;
    let (status, page) = wg.page(&format!("/cycle/{fy}")).await;
    assert_eq!(status, 200);
    assert!(page.has_text(&format!("FY{} Annual Performance Plan developed", fy + 1)));
    assert!(page.has_text("31 Dec"), "Q1 due at the end of December");
    let fy_s = fy.to_string();
    let action = wg.action(&format!("/cycle/{fy}"), "mark_cycle").await;
    let res = wg
        .post_form(
            &action,
            &[
                ("fiscal_year", &fy_s),
                ("milestone", "wg_review_q1"),
                ("done", "true"),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("/cycle/{fy}"));
    let (_, page) = wg.page(&format!("/cycle/{fy}")).await;
    assert!(page.has_text("Marked done by working-group"));
    let audit: Vec<(String, String)> =
        sqlx::query_as("SELECT action, object_key FROM audit_log WHERE object_type = 'cycle'")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        audit,
        vec![("mark_done".to_string(), format!("FY{fy} wg_review_q1"))]
    );
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, seen) = viewer.page(&format!("/cycle/{fy}")).await;
    assert!(seen.has_text("Marked done by working-group"));
    assert!(
        !seen.has_text("/api/mark_cycle"),
        "no mark button for viewers"
    );
}

#[tokio::test]
async fn managers_record_actuals_only_for_their_strategies_measures() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let mine = add_measure(&wg, "4.1.3", "Mine", "sum").await;
    let other = add_measure(&wg, "4.1.1", "Not mine", "sum").await;
    let manager = app.signed_in(Role::Manager).await;
    crate::status::assign(&app, "manager", "4.1.3").await;
    let q = current_quarter().slug();
    record_actual(&manager, mine, &q, "3", false).await;
    assert_eq!(app.count("actuals").await, 1);
    let action = wg.action(&format!("/measures/{mine}"), "save_actual").await;
    let other_s = other.to_string();
    let res = manager
        .post_form(
            &action,
            &[
                ("measure_id", &other_s),
                ("quarter", &q),
                ("actual", "3"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(app.count("actuals").await, 1);
    // The status form offers the strategy's measures for the same quarter.
    let (_, status_form) = manager.page("/strategies/4.1.3/status").await;
    assert!(status_form.has_text("Measure actuals for"));
    assert!(status_form.has_text("Actual: Mine"));
}

#[tokio::test]
async fn an_actual_recorded_from_the_status_form_returns_to_it_and_shows_there() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let now = current_quarter();
    let form_page = format!("/strategies/4.1.3/status?quarter={}", now.slug());
    let (_, page) = wg.page(&form_page).await;
    assert!(page.has_text(&format!("Measure actuals for {now}")));
    let action = wg.action(&form_page, "save_actual").await;
    let id_s = id.to_string();
    let slug = now.slug();
    let res = wg
        .post_form(
            &action,
            &[
                ("measure_id", id_s.as_str()),
                ("quarter", slug.as_str()),
                ("actual", "17"),
                ("note", "From the status form"),
                ("back", form_page.as_str()),
            ],
        )
        .await;
    assert_eq!(location(&res), form_page, "back to the status form");
    let (_, page) = wg.page(&form_page).await;
    assert!(
        page.has_text("latest actual this quarter: 17 cases"),
        "{}",
        page.text_of("section[aria-labelledby=\"actuals-heading\"]")
    );
    let (_, measure) = wg.page(&format!("/measures/{id}")).await;
    assert!(measure.has_text("From the status form"));
}

#[tokio::test]
async fn the_ip_is_distributed_once_and_its_milestones_are_added_and_done() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let (_, ip) = wg.page("/ip/2027").await;
    assert!(ip.has_text("Draft: not distributed yet"));
    let to = post(
        &wg,
        "/ip/2027",
        "add_ip_milestone",
        &[
            ("fiscal_year", "2027"),
            ("strategy", "4.1.3"),
            ("quarter", "2"),
            ("description", "Protocols signed off"),
        ],
    )
    .await;
    assert!(to.starts_with("/ip/2027"), "{to}");
    let (milestone,): (i64,) = sqlx::query_as("SELECT id FROM ip_milestones")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (_, ip) = wg.page("/ip/2027").await;
    assert!(ip.has_text("Protocols signed off"));
    let id = milestone.to_string();
    post(
        &wg,
        "/ip/2027",
        "set_ip_milestone_done",
        &[("id", id.as_str()), ("done", "true")],
    )
    .await;
    let (done,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM ip_milestones WHERE done_at IS NOT NULL")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(done, 1);
    post(&wg, "/ip/2027", "distribute_ip", &[("fiscal_year", "2027")]).await;
    let (_, ip) = wg.page("/ip/2027").await;
    assert!(!ip.has_text("Draft: not distributed yet"));
    assert!(ip.has_text("Distributed"), "{}", ip.text());
    assert!(
        !ip.has("form[action^=\"/api/distribute_ip\"]"),
        "offered once"
    );
}

#[tokio::test]
async fn a_measure_with_no_actual_for_the_last_ended_quarter_reads_not_reported() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    app.clock.set(parse_instant("2026-11-15").unwrap());
    set_targets(&wg, id, 2027, ["40", "10", "10", "10", "10"], "").await;
    record_actual(&wg, id, "2027-Q1", "12", false).await;
    // In Q2 the last ended quarter (Q1) has its actual: on track.
    app.clock.set(parse_instant("2027-01-15").unwrap());
    let (_, app_page) = wg.page("/app/2027").await;
    assert!(app_page.has_text("On track"));
    // In Q3 nothing came in for Q2: not reported, rather than on track or behind.
    app.clock.set(parse_instant("2027-04-15").unwrap());
    let (_, app_page) = wg.page("/app/2027").await;
    assert!(app_page.has_text("Not reported"), "{}", app_page.text());
    assert!(!app_page.has_text("On track"));
    assert!(!app_page.has_text("Behind target"));
}

#[tokio::test]
async fn exported_text_never_opens_as_a_formula_and_still_imports_back() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let name = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let id = add_measure(&wg, "4.1.3", name, "sum").await;
    let now = current_quarter();
    record_actual(&wg, id, &now.slug(), "-3", false).await;
    for table in ["app", "ip"] {
        let exported = wg
            .client
            .get(wg.url(&format!("/csv/{table}/{}", now.year)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut reader = csv::Reader::from_reader(exported.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = rows
            .iter()
            .find(|r| &r[0] == id.to_string().as_str())
            .unwrap();
        assert_eq!(&row[1], &format!("'{name}"), "{table}: {row:?}");
        assert!(
            rows.iter().all(|r| !r.iter().any(|c| c.starts_with('='))),
            "{table}: a cell opens as a formula"
        );
        if table == "ip" {
            let quarter = rows
                .iter()
                .find(|r| &r[0] == id.to_string().as_str() && r[5] == now.slug())
                .unwrap();
            assert_eq!(&quarter[7], "-3", "a negative number stays a number");
            let actuals = app.count("actuals").await;
            let outcome = import(&wg, &exported).await;
            assert!(outcome.contains("0 actuals recorded"), "{outcome}");
            assert_eq!(app.count("actuals").await, actuals);
        }
    }
}

#[tokio::test]
async fn hostile_form_values_get_a_clear_answer_and_nothing_is_written_twice() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Hostile input", "sum").await;
    let now = current_quarter();
    // A return address with a control character: the actual is recorded once and the
    // answer leads to the measure's page, not to the address.
    let action = wg.action(&format!("/measures/{id}"), "save_actual").await;
    let actuals = app.count("actuals").await;
    let id_s = id.to_string();
    let res = wg
        .post_form(
            &action,
            &[
                ("measure_id", id_s.as_str()),
                ("quarter", &now.slug()),
                ("actual", "7"),
                ("note", ""),
                ("back", "/measures/1\r\nSet-Cookie: x=y"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], format!("/measures/{id}"));
    assert_eq!(app.count("actuals").await, actuals + 1, "recorded once");
    // Where a new measure hangs, with a control character: refused with the form back.
    let action = wg.action("/measures/new", "save_measure").await;
    let res = wg
        .post_form(
            &action,
            &[
                ("id", ""),
                ("attach_to", "4.1\n3"),
                ("name", "Bad place"),
                ("unit", ""),
                ("direction", "higher"),
                ("kind", "quantitative"),
                ("aggregation", "sum"),
                ("baseline_value", ""),
                ("baseline_fy", ""),
                ("data_source", ""),
                ("verification", ""),
                ("limitations", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/measures/new?attach_to=4.1%0A3"),
        "{location}"
    );
    // A fiscal year no calendar holds: a clear 422.
    let action = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .find(|p| p.trim_end_matches(|c: char| c.is_ascii_digit()) == "/api/save_shortfall")
        .unwrap();
    let res = wg
        .client
        .post(wg.url(&action))
        .form(&[
            ("measure_id", id_s.as_str()),
            ("fiscal_year", "2147483647"),
            ("why", "w"),
            ("plan", "p"),
            ("schedule", "s"),
            ("infeasible", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    // An audit page number far past the end: an empty page, not an overflow.
    let (status, page) = wg.page("/admin/audit?page=9223372036854775807").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Audit trail"));
}

#[tokio::test]
async fn a_flood_of_bad_lines_lists_the_first_hundred_and_keeps_no_megabytes() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let now = current_quarter().slug();
    let mut csv = String::from("measure_id,quarter,actual\n");
    for _ in 0..6000 {
        csv.push_str(&format!("999,{now},5\n"));
    }
    assert!(csv.len() > 64 * 1024);
    post_import(&wg, &csv).await;
    let (_, html) = wg.get("/measures/import").await;
    let page = crate::page::Page::parse(&html);
    assert!(
        page.has_text("Nothing was written: 6000 problems"),
        "{}",
        page.text()
    );
    assert!(page.has_text("…and 5900 more problems not listed"));
    assert!(page.has_text("The text was too long to show again here"));
    assert_eq!(page.count(".pt-import-errors li"), 100);
    assert!(html.len() < 100 * 1024, "the page is {} bytes", html.len());
}

#[tokio::test]
async fn a_measure_edited_from_a_stale_form_is_refused_keeping_both_versions() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let other = app.signed_in_as("second-wg", Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let edit = format!("/measures/{id}/edit");
    let (_, mine) = wg.page(&edit).await;
    let (_, theirs) = other.page(&edit).await;
    let fields = |form: &crate::page::Page, name: &'static str, kind: &'static str| {
        let id_s = id.to_string();
        vec![
            ("id".to_string(), id_s),
            ("version".to_string(), form.value_of("version").unwrap()),
            ("attach_to".to_string(), "4.1.3".to_string()),
            ("name".to_string(), name.to_string()),
            ("unit".to_string(), "cases".to_string()),
            ("direction".to_string(), "higher".to_string()),
            ("kind".to_string(), kind.to_string()),
            ("aggregation".to_string(), "sum".to_string()),
            ("baseline_value".to_string(), "100".to_string()),
            ("baseline_fy".to_string(), "2025".to_string()),
            ("data_source".to_string(), String::new()),
            ("verification".to_string(), String::new()),
            ("limitations".to_string(), String::new()),
        ]
    };
    let action = wg.action(&edit, "save_measure").await;
    let first = other
        .post_form(
            &action,
            &as_pairs(&fields(&theirs, "Cases closed", "quantitative")),
        )
        .await;
    assert_eq!(location(&first), format!("/measures/{id}"));
    let audit = app.count("audit_log").await;
    let second = wg
        .post_form(
            &action,
            &as_pairs(&fields(&mine, "Cases finished", "quantitative")),
        )
        .await;
    assert_eq!(second.status().as_u16(), 302);
    assert_eq!(location(&second), edit, "back to the form");
    assert_eq!(app.count("audit_log").await, audit, "nothing written");
    let (_, back) = wg.page(&edit).await;
    assert!(
        back.has_text("Someone else saved this measure"),
        "{}",
        back.text()
    );
    assert!(back.has_text("\"Cases closed\""), "theirs shown");
    assert!(
        back.has("input[name=\"name\"][value=\"Cases finished\"]"),
        "mine kept"
    );
    // Saving again (now at their version) replaces theirs, and the audit records the whole
    // definition before and after.
    let again = back.value_of("version").unwrap();
    let mut retry = fields(&back, "Cases finished", "quantitative");
    retry[1].1 = again;
    let res = wg.post_form(&action, &as_pairs(&retry)).await;
    assert_eq!(location(&res), format!("/measures/{id}"));
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_json, after_json FROM audit_log WHERE object_type = 'measure'
         ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    for key in [
        "\"direction\"",
        "\"kind\"",
        "\"aggregation\"",
        "\"baseline\"",
    ] {
        assert!(before.contains(key), "{key} before: {before}");
        assert!(after.contains(key), "{key} after: {after}");
    }
}

fn as_pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn an_actual_saved_from_a_stale_form_is_refused_showing_theirs_and_keeping_mine() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let other = app.signed_in_as("second-wg", Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let q = current_quarter().slug();
    // Both open the measure page; the other person records 12 first.
    let (_, mine) = wg.page(&format!("/measures/{id}")).await;
    let stale = mine.value_of("versions").unwrap();
    record_actual(&other, id, &q, "12", false).await;
    let actuals = app.count("actuals").await;
    let action = wg.action(&format!("/measures/{id}"), "save_actual").await;
    let id_s = id.to_string();
    let res = wg
        .post_form(
            &action,
            &[
                ("measure_id", id_s.as_str()),
                ("quarter", q.as_str()),
                ("actual", "15"),
                ("note", "my count"),
                ("back", ""),
                ("versions", stale.as_str()),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("/measures/{id}"));
    assert_eq!(app.count("actuals").await, actuals, "nothing written");
    let (_, page) = wg.page(&format!("/measures/{id}")).await;
    assert!(
        page.has_text("Someone else recorded 12 cases"),
        "{}",
        page.text()
    );
    assert!(
        page.has("input[name=\"actual\"][value=\"15\"]"),
        "mine kept"
    );
    // The page now carries their version: saving again records a correction.
    record_actual(&wg, id, &q, "15", false).await;
    assert_eq!(app.count("actuals").await, actuals + 1);
}

#[tokio::test]
async fn targets_saved_from_a_stale_form_are_refused_and_never_undo_anothers_change() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let other = app.signed_in_as("second-wg", Role::WorkingGroup).await;
    let id = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let fy = current_quarter().year + 1;
    let page = format!("/measures/{id}?fy={fy}");
    let (_, mine) = wg.page(&page).await;
    let stale = mine.value_of("shown").unwrap();
    set_targets(&other, id, fy, ["40", "", "", "", ""], "").await;
    let changes = app.count("target_changes").await;
    // My form still shows no annual target; I only meant to add Q1.
    let action = wg.action(&page, "set_targets").await;
    let (id_s, fy_s) = (id.to_string(), fy.to_string());
    let res = wg
        .post_form(
            &action,
            &[
                ("measure_id", id_s.as_str()),
                ("fiscal_year", fy_s.as_str()),
                ("shown", stale.as_str()),
                ("annual", ""),
                ("q1", "10"),
                ("q2", ""),
                ("q3", ""),
                ("q4", ""),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(
        app.count("target_changes").await,
        changes,
        "their 40 not undone"
    );
    let (_, back) = wg.page(&page).await;
    assert!(back.has_text("Someone else changed FY"), "{}", back.text());
    assert!(back.has_text("annual 40"));
    assert!(back.has("input[name=\"q1\"][value=\"10\"]"), "mine kept");
}

#[tokio::test]
async fn a_plan_of_many_measures_lists_its_app_and_ip_one_goal_at_a_time() {
    let app = TestApp::with_sample(1000, 1, 5).await;
    let measures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM measures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(measures > 100, "{measures} measures");
    let viewer = app.signed_in(Role::Viewer).await;
    let fy = current_quarter().year;
    for (base, rows) in [
        (format!("/app/{fy}"), ".pt-app-table tbody tr"),
        (format!("/ip/{fy}"), ".pt-ip-table tbody tr"),
    ] {
        let (status, page) = viewer.page(&base).await;
        assert_eq!(status, 200, "{base}");
        assert!(
            page.has_text(&format!("{measures} measures: one goal at a time")),
            "{base}"
        );
        assert!(
            !page.has("#f-goal option[value=\"\"]"),
            "no All goals on {base}"
        );
        assert!(page.has("#f-goal option[value=\"1\"][selected]"), "{base}");
        // The first goal by default; each goal on its own page; together, every measure.
        let (mut listed, mut folded) = (0, 0);
        for goal in 1..=8 {
            let (_, one) = viewer.page(&format!("{base}?goal={goal}")).await;
            assert!(one.has(&format!("#f-goal option[value=\"{goal}\"][selected]")));
            if goal == 1 {
                assert_eq!(page.count(rows), one.count(rows), "{base}");
            }
            if base.starts_with("/app") {
                // A goal of many measures folds them by objective, each under its counts.
                let long = one.count(rows) > 40;
                folded += usize::from(long);
                assert_eq!(one.has("details.pt-goal-group"), long, "goal {goal}");
                assert!(!one.has("details.pt-goal-group[open]"));
                if long {
                    let nav = format!(
                        "nav[aria-label=\"Objectives of goal {goal}\"] a[href^=\"#app-part-\"]"
                    );
                    assert_eq!(one.count(&nav), one.count("details.pt-goal-group"));
                    let summary = one.text_of("details.pt-goal-group summary");
                    assert!(summary.starts_with("Objective "), "{summary}");
                    assert!(summary.contains(" measures: "), "{summary}");
                }
            }
            listed += one.count(rows);
        }
        assert_eq!(listed as i64, measures, "{base}");
        assert!((page.count(rows) as i64) < measures, "{base}");
        if base.starts_with("/app") {
            assert_eq!(folded, 0, "a goal of at most 40 measures is not folded");
        }
    }
}

#[tokio::test]
async fn an_app_of_more_than_forty_measures_folds_them_by_objective_under_their_counts() {
    let app = TestApp::with_sample(500, 1, 3).await;
    let measures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM measures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!((41..=100).contains(&measures), "{measures} measures");
    let viewer = app.signed_in(Role::Viewer).await;
    let fy = current_quarter().year;
    let (_, page) = viewer.page(&format!("/app/{fy}")).await;
    assert_eq!(page.count(".pt-app-table tbody tr") as i64, measures);
    let parts = page.count("details.pt-goal-group");
    assert!(parts >= 2, "{parts} folded objectives");
    assert!(!page.has("details.pt-goal-group[open]"));
    assert_eq!(
        page.count("nav.pt-goal-jump a[href^=\"#app-part-\"]"),
        parts,
        "a jump link per folded objective"
    );
    let summary = page.text_of("details.pt-goal-group summary");
    assert!(summary.starts_with("Objective 1.1"), "{summary}");
    assert!(
        summary.contains(" measures: ") || summary.contains(" measure: "),
        "{summary}"
    );
    // The states counted in the summaries add up to the measures listed.
    let counted: usize = (1..=parts)
        .map(|n| {
            let s = page.text_of(&format!("details.pt-goal-group:nth-of-type({n}) summary"));
            s.split(" — ")
                .nth(1)
                .and_then(|t| t.split_whitespace().next())
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert!(counted > 0);
}
