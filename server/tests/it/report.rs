//! The Annual Performance Report: each target against its actual, the five years before,
//! the targets not met with their explanations, human capital and data quality.

use crate::harness::TestApp;
use crate::measures::{add_measure, record_actual, set_targets};
use crate::status::{current_quarter, during_call};
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

#[tokio::test]
async fn the_report_judges_each_target_shows_five_prior_years_and_asks_for_what_is_missing() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let missed = add_measure(&wg, "4.1.3", "Cases resolved", "sum").await;
    let met = add_measure(&wg, "5.1.1", "Staff trained", "sum").await;
    let untargeted = add_measure(&wg, "4.1.1", "Untargeted count", "sum").await;
    let last = current_quarter().year - 1;
    set_targets(&wg, missed, last, ["40", "", "", "", ""], "").await;
    set_targets(&wg, met, last, ["20", "", "", "", ""], "").await;
    for (year, per_quarter) in [(last - 2, "3"), (last, "9")] {
        for q in 1..=4 {
            let fq = FiscalQuarter { year, quarter: q };
            let today = during_call(&app, fq);
            record_actual(&wg, missed, &fq.slug(), per_quarter, false).await;
            record_actual(&wg, met, &fq.slug(), "6", false).await;
            record_actual(&wg, untargeted, &fq.slug(), "1", false).await;
            app.clock.set(today);
        }
    }

    let viewer = app.signed_in(Role::Viewer).await;
    // The report a reader opens is last fiscal year's, the one that has ended.
    let (status, page) = viewer.page("/reports").await;
    assert_eq!(status, 200);
    assert!(page.has_text(&format!("Annual Performance Report, FY{last}")));
    let due = app::model::report::due(Default::default(), last)
        .format("%-d %B %Y")
        .to_string();
    assert!(page.has_text(&format!("Due {due}")), "{due}");
    for heading in [
        "Summary of results",
        "Results against the performance goals",
        "Targets not met",
        "Human capital",
        "Data quality",
    ] {
        assert!(page.has_text(heading), "{heading}");
    }
    // Only measures with a target in the year are reported; each is judged by its rule.
    assert_eq!(page.count("article.pt-report-measure"), 2);
    assert!(!page.has(&format!("article[data-measure=\"{untargeted}\"]")));
    assert!(page.has_text("2 measures with a target: ✔ 1 Met · ✖ 1 Not met"));
    let missed_at = format!("article[data-measure=\"{missed}\"]");
    let text = page.text_of(&missed_at);
    assert!(text.contains("Not met"), "{text}");
    assert!(text.contains("36 cases"), "the year's actual: {text}");
    // The five preceding years beside this one, as stored: 12 two years back, none since.
    let trend = format!("{missed_at} table.pt-report-trend");
    assert_eq!(page.count(&format!("{trend} thead th")), 6);
    assert_eq!(
        page.text_of(&format!("{trend} td[data-label=\"FY{}\"]", last - 2)),
        "12 cases"
    );
    assert!(page.has(&format!("{trend} td[data-label=\"FY{}\"]", last - 5)));
    assert!(
        text.contains("Case management system"),
        "data source: {text}"
    );
    assert!(text.contains("Quarterly reconciliation by the data steward"));
    // A target not met with no explanation is named: the report is not ready.
    assert!(
        page.has_text("The report cannot be finalised while a target not met has no explanation")
    );
    assert!(page.has_text("No explanation recorded yet."));
    // Human capital: goal 5's results, with the measure of strategy 5.1.1.
    let human = page.text_of("section[aria-labelledby=\"report-human-capital\"]");
    assert!(
        human.contains("Goal 5: Human Capital Management"),
        "{human}"
    );
    assert!(human.contains("Staff trained"), "{human}");

    // Not finalised while that explanation is missing: the refusal names the measure.
    let action = wg
        .action(&format!("/reports/{last}"), "finalise_report")
        .await;
    wg.post_form(
        &action,
        &[("fy", last.to_string().as_str()), ("version", "0")],
    )
    .await;
    assert_eq!(state_version(&app, last).await, 0);
    let (_, refused) = wg.page(&format!("/reports/{last}")).await;
    let state = refused.text_of("#report-state");
    assert!(state.contains("cannot be finalised"), "{state}");
    assert!(state.contains("Cases resolved"), "{state}");

    // Once the shortfall is explained, the report carries the explanation.
    let (id_s, fy_s) = (missed.to_string(), last.to_string());
    let action = wg
        .action(&format!("/measures/{missed}"), "save_shortfall")
        .await;
    wg.post_form(
        &action,
        &[
            ("measure_id", id_s.as_str()),
            ("fiscal_year", fy_s.as_str()),
            ("why", "Two vacancies"),
            ("plan", "Hire two analysts"),
            ("schedule", "By the second quarter"),
            ("infeasible", ""),
        ],
    )
    .await;
    let (_, page) = viewer.page(&format!("/reports/{last}")).await;
    let not_met = page.text_of("section[aria-labelledby=\"report-not-met\"]");
    assert!(not_met.contains("Two vacancies"), "{not_met}");
    assert!(not_met.contains("Hire two analysts") && not_met.contains("By the second quarter"));
    assert!(!page.has_text("The report cannot be finalised"));

    // The same tables as CSV: a row per measure with its result and explanation.
    let (status, csv) = viewer.get(&format!("/csv/report/{last}")).await;
    assert_eq!(status, 200);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header
        .starts_with("measure_id,measure,goal,attached_to,unit,fiscal_year,target,actual,result,"));
    assert!(header.contains(&format!("actual_fy{}", last - 5)));
    assert!(header.ends_with("why_not_met,plan_to_meet,schedule,impractical_or_infeasible,data_source,verification,limitations"));
    let row = lines
        .find(|l| l.starts_with(&format!("{missed},")))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(",Not met,"), "{row}");
    assert!(
        row.contains("Two vacancies,Hire two analysts,By the second quarter,"),
        "{row}"
    );
    assert_eq!(csv.lines().count(), 3, "the two measures with a target");

    // The PDF, read by a real reader: every required section under its heading.
    let res = viewer
        .client
        .get(viewer.url(&format!("/reports/{last}/report.pdf?paper=a4")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, res.bytes().await.unwrap()).unwrap();
    let info = crate::meetings::poppler("pdfinfo", &[], &file);
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");
    assert!(
        info.contains(&format!("Annual Performance Report, FY{last}")),
        "{info}"
    );
    let text = crate::meetings::poppler("pdftotext", &[], &file);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Summary of results",
        "Results against the performance goals",
        "Targets not met",
        "Human capital",
        "Evaluation of the year's plan",
        "Data source: Case management system",
        "Why it was not met: Two vacancies",
        "✖ Not met",
    ] {
        assert!(
            flat.contains(wanted),
            "{wanted} missing from the PDF: {flat}"
        );
    }
    let (status, _) = viewer.get("/reports/abc/report.pdf").await;
    assert_eq!(status, 404);

    // The planning cycle shows when it is due; a year with no targets says so.
    let (_, cycle) = viewer.page(&format!("/cycle/{}", last + 1)).await;
    assert!(cycle.has_text(&format!("FY{last} Annual Performance Report published")));
    assert!(cycle.has(&format!("a[href=\"/reports/{last}\"]")));
    let (_, empty) = viewer.page(&format!("/reports/{}", last - 3)).await;
    assert!(empty.has_text("No measure has an FY"));
    let (status, body) = app.anonymous().get(&format!("/reports/{last}")).await;
    assert_eq!(status, 302, "signed out: to the sign-in page");
    assert!(!body.contains("Cases resolved"));
    let (status, _) = viewer.get("/reports/abc").await;
    assert_eq!(status, 404);
}

/// The version of goal `goal`'s evaluation in year `fy` (0: none yet).
pub async fn version(app: &TestApp, fy: i32, goal: &str) -> i64 {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT r.version FROM report_narratives r JOIN goals g ON g.id = r.goal_id
         WHERE r.fiscal_year = $1 AND g.number = $2",
    )
    .bind(fy as i64)
    .bind(goal)
    .fetch_optional(app.db.pool())
    .await
    .unwrap();
    row.map_or(0, |(v,)| v)
}

#[tokio::test]
async fn the_working_group_writes_each_goals_evaluation_and_a_stale_form_is_refused() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let fy = 2027;
    let page = format!("/reports/{fy}");
    let action = wg.action(&page, "save_report_evaluation").await;
    let send = |text: &'static str, version: &'static str| {
        let (wg, action) = (&wg, action.clone());
        async move {
            wg.post_form(
                &action,
                &[
                    ("fy", "2027"),
                    ("goal", "4"),
                    ("version", version),
                    ("evaluation", text),
                ],
            )
            .await
        }
    };
    // Refused: nothing typed; the form comes back at the goal with the error beside it.
    let res = send("   ", "0").await;
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("{page}#evaluation-4")
    );
    assert_eq!(app.count("report_narratives").await, 0);
    let (_, back) = wg.page(&page).await;
    assert!(
        back.has_text("Write the evaluation"),
        "{}",
        back.text_of("#evaluation-4")
    );
    assert!(back.has("#evaluation-4 .usa-form-group--error"));

    send("The IT goal held up: two of three systems shipped.", "0").await;
    assert_eq!(crate::report::version(&app, fy, "4").await, 1);
    // A form opened before that save is refused, and loses nothing that was saved.
    send("An older draft.", "0").await;
    assert_eq!(crate::report::version(&app, fy, "4").await, 1);
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, read) = viewer.page(&page).await;
    let section = read.text_of("#evaluation-4");
    assert!(
        section.contains("The IT goal held up: two of three systems shipped."),
        "{section}"
    );
    assert!(
        section.contains("Annual strategic review: no objective rated yet."),
        "{section}"
    );
    assert!(!section.contains("An older draft."));
    assert!(!read.has("#evaluation-4 form"), "a viewer reads, no form");
    assert!(read.has_text("Not written yet."), "goal 5 has none");
    let (_, mine) = wg.page(&page).await;
    assert!(mine.has("#evaluation-4 textarea[name=\"evaluation\"]"));
    // The stale form comes back once with its text, over the version now saved.
    assert!(mine.has("#evaluation-4 input[name=\"version\"][value=\"1\"]"));
    assert!(mine.has_text("Someone else saved this goal's evaluation since you opened it"));
    assert!(mine
        .text_of("#evaluation-4 textarea")
        .contains("An older draft."));
}

/// Year `fy`'s report put in `state` at version 1 (a fresh year); returns `fy`.
pub async fn seeded(app: &TestApp, fy: usize, state: &str) -> usize {
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO performance_reports (fiscal_year, state, updated_by, updated_at)
         VALUES ($1, $2, 'matrix', 'now') ON CONFLICT (fiscal_year) DO NOTHING",
    )
    .bind(fy as i64)
    .bind(state)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    fy
}

/// The version of year `fy`'s report state (0: a draft).
pub async fn state_version(app: &TestApp, fy: i32) -> i64 {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT version FROM performance_reports WHERE fiscal_year = $1")
            .bind(fy as i64)
            .fetch_optional(app.db.pool())
            .await
            .unwrap();
    row.map_or(0, |(v,)| v)
}

#[tokio::test]
async fn the_working_group_finalises_the_head_signs_and_then_the_report_is_read_only() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let admin = app.signed_in(Role::Admin).await;
    let fy = 2027;
    let page = format!("/reports/{fy}");
    // Each server function's address (a signed report shows no forms to read them from).
    let path_of = |name: &str| {
        crate::matrix::server_functions()
            .into_iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, path, _)| path)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let post = |who: &'static str, name: &'static str, fields: Vec<(&'static str, String)>| {
        let browser = if who == "wg" { &wg } else { &admin };
        let path = path_of(name);
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.post_form(&path, &pairs).await
        }
    };
    let fy_s = || ("fy", fy.to_string());
    let (_, draft) = wg.page(&page).await;
    assert!(draft.has_text("✎ Draft"));
    assert!(
        !draft.has("form textarea[name=\"transmittal\"]"),
        "no signing for the working group"
    );
    post(
        "wg",
        "save_report_evaluation",
        vec![
            fy_s(),
            ("goal", "4".into()),
            ("version", "0".into()),
            ("evaluation", "Held up.".into()),
        ],
    )
    .await;
    post(
        "wg",
        "finalise_report",
        vec![fy_s(), ("version", "0".into())],
    )
    .await;
    assert_eq!(state_version(&app, fy).await, 1);
    let (_, review) = admin.page(&page).await;
    assert!(review.has_text("➜ In review, awaiting sign-off"));

    // Signing needs the statement, a name and a title; what was typed comes back.
    post(
        "admin",
        "sign_report",
        vec![
            fy_s(),
            ("version", "1".into()),
            ("transmittal", "".into()),
            ("signer", "Dana Head".into()),
            ("title", "".into()),
        ],
    )
    .await;
    assert_eq!(state_version(&app, fy).await, 1);
    let (_, back) = admin.page(&page).await;
    assert!(back.has_text("Write the transmittal statement"));
    assert!(back.has_text("Give the signer's title."));
    assert!(back.has("input[name=\"signer\"][value=\"Dana Head\"]"));
    post(
        "admin",
        "sign_report",
        vec![
            fy_s(),
            ("version", "1".into()),
            (
                "transmittal",
                "The FY2027 data are complete and reliable, except as noted.".into(),
            ),
            ("signer", "Dana Head".into()),
            ("title", "Director".into()),
        ],
    )
    .await;
    assert_eq!(state_version(&app, fy).await, 2);

    let viewer = app.signed_in(Role::Viewer).await;
    let (_, signed) = viewer.page(&page).await;
    assert!(signed.has_text("■ Signed off"));
    assert!(signed.has_text("The FY2027 data are complete and reliable, except as noted."));
    let today = app.clock.today().format("%-d %B %Y").to_string();
    assert!(signed.has_text(&format!("Signed off by Dana Head, Director, {today}.")));
    // Read-only: no evaluation form, a posted one refused, and the database refuses too.
    let (_, wg_view) = wg.page(&page).await;
    assert!(!wg_view.has("textarea[name=\"evaluation\"]"));
    post(
        "wg",
        "save_report_evaluation",
        vec![
            fy_s(),
            ("goal", "4".into()),
            ("version", "1".into()),
            ("evaluation", "Rewritten.".into()),
        ],
    )
    .await;
    assert_eq!(crate::report::version(&app, fy, "4").await, 1);
    let mut tx = app.db.begin_write().await.unwrap();
    let changed =
        sqlx::query("UPDATE report_narratives SET evaluation = 'x' WHERE fiscal_year = $1")
            .bind(fy as i64)
            .execute(&mut *tx)
            .await;
    assert!(
        changed.is_err(),
        "the database keeps a signed report's evaluations"
    );
    drop(tx);
    let mut tx = app.db.begin_write().await.unwrap();
    let changed =
        sqlx::query("UPDATE performance_reports SET transmittal = 'x' WHERE fiscal_year = $1")
            .bind(fy as i64)
            .execute(&mut *tx)
            .await;
    assert!(changed.is_err(), "the signature never changes");
    drop(tx);

    // The working group cannot publish; an administrator does.
    let res = post(
        "wg",
        "publish_report",
        vec![fy_s(), ("version", "2".into())],
    )
    .await;
    assert_eq!(res.status().as_u16(), 403);
    post(
        "admin",
        "publish_report",
        vec![fy_s(), ("version", "2".into())],
    )
    .await;
    let (_, published) = viewer.page(&page).await;
    assert!(published.has_text("✔ Published"));
    assert!(published.has_text("Dana Head"), "the signature stays");
}
