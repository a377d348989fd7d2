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
    let lagging = add_measure(&wg, "4.1.2", "Appeals closed", "sum").await;
    let last = current_quarter().year - 1;
    set_targets(&wg, missed, last, ["40", "", "", "", ""], "").await;
    set_targets(&wg, met, last, ["20", "", "", "", ""], "").await;
    set_targets(&wg, lagging, last, ["8", "", "", "", ""], "").await;
    for (year, per_quarter) in [(last - 2, "3"), (last, "9")] {
        for q in 1..=4 {
            let fq = FiscalQuarter { year, quarter: q };
            let today = during_call(&app, fq);
            record_actual(&wg, missed, &fq.slug(), per_quarter, false).await;
            record_actual(&wg, met, &fq.slug(), "6", false).await;
            record_actual(&wg, untargeted, &fq.slug(), "1", false).await;
            if year == last {
                // Its last quarter's data come 45 days after the quarter ends.
                let value = if q == 4 { "" } else { "2" };
                record_actual(&wg, lagging, &fq.slug(), value, q == 4).await;
            }
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
    assert_eq!(page.count("article.pt-report-measure"), 3);
    assert!(!page.has(&format!("article[data-measure=\"{untargeted}\"]")));
    let summary = page.text_of("section[aria-labelledby=\"report-summary\"]");
    assert!(
        summary.contains(
            "3 measures with a target: ✔ 1 Met · ✖ 1 Not met · ◷ 1 Data not yet available"
        ),
        "{summary}"
    );
    // Data not yet available, with the day they will be: the year's end plus the lag.
    let lag_text = page.text_of(&format!("article[data-measure=\"{lagging}\"]"));
    let available = app::model::report::available_on(Default::default(), last, Some(45))
        .unwrap()
        .format("%-d %B %Y")
        .to_string();
    assert!(
        lag_text.contains(&format!("Data available{available}")),
        "{lag_text}"
    );
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
    assert!(
        text.contains("Accuracy requiredExact to the case"),
        "{text}"
    );
    assert!(
        text.contains("How the limitations are compensated forLate entries are counted"),
        "{text}"
    );
    // A small chart of the six years beside the table, with its words for a reader.
    let chart = format!("{missed_at} .pt-spark[role=\"img\"]");
    assert!(page.has(&chart), "the trend chart");
    assert!(page.has(&format!("{chart} svg rect")));
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
    assert!(header.ends_with("why_not_met,plan_to_meet,schedule,impractical_or_infeasible,data_source,verification,limitations,data_available,definition_of_done,accuracy_required,compensated_by"));
    let row = lines
        .find(|l| l.starts_with(&format!("{missed},")))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(row.contains(",Not met,"), "{row}");
    assert!(
        row.contains("Two vacancies,Hire two analysts,By the second quarter,"),
        "{row}"
    );
    assert_eq!(csv.lines().count(), 4, "the three measures with a target");

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

    // The report as StratML Part 2, type Performance_Report, valid against the published
    // schema, with each measure's result and the explanation of the target not met.
    let (status, xml) = viewer
        .get(&format!("/export/stratml?fy={last}&type=report"))
        .await;
    assert_eq!(status, 200);
    crate::stratml::validate(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert!(xml.contains("Type=\"Performance_Report\""));
    assert!(xml.contains("<DescriptorValue>Not met</DescriptorValue>"));
    assert!(xml.contains("<DescriptorValue>Met</DescriptorValue>"));
    assert!(xml.contains("<DescriptorValue>Two vacancies</DescriptorValue>"));
    assert!(
        xml.contains("<NumberOfUnits>36</NumberOfUnits>"),
        "the year's actual"
    );
    let (status, _) = viewer
        .get(&format!("/export/stratml?fy={last}&type=poem"))
        .await;
    assert_eq!(status, 422);

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

/// A program evaluation recorded in year `fy` (as the matrix needs one to remove); its id.
pub async fn program(app: &TestApp, fy: i32) -> i64 {
    let mut tx = app.db.begin_write().await.unwrap();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO program_evaluations (fiscal_year, title, summary, completed_on,
            recorded_by, recorded_at)
         VALUES ($1, 'Seeded', 'Seeded.', '2027-06-20', 'matrix', 'now') RETURNING id",
    )
    .bind(fy as i64)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
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
    // Program evaluations completed in the year, with a link to the evidence; one dated
    // outside the year or linking to a script is refused with what was typed kept.
    let evaluation = |title: &'static str, on: &'static str, link: &'static str| {
        vec![
            fy_s(),
            ("title", title.to_string()),
            (
                "summary",
                "Intake takes 9 days; triage cut it to 4.".to_string(),
            ),
            ("evidence_url", link.to_string()),
            ("completed_on", on.to_string()),
        ]
    };
    post(
        "wg",
        "add_program_evaluation",
        evaluation("Intake study", "2026-06-20", "javascript:alert(1)"),
    )
    .await;
    assert_eq!(app.count("program_evaluations").await, 0);
    let (_, back) = wg.page(&page).await;
    let programs = back.text_of("#report-programs");
    assert!(
        programs.contains("The FY2027 report summarises evaluations completed in FY2027"),
        "{programs}"
    );
    assert!(
        programs.contains("Give the evidence as a web address"),
        "{programs}"
    );
    assert!(back.has("#report-programs input[name=\"title\"][value=\"Intake study\"]"));
    post(
        "wg",
        "add_program_evaluation",
        evaluation(
            "Intake study",
            "2027-06-20",
            "https://oig.example.gov/2027-14",
        ),
    )
    .await;
    assert_eq!(app.count("program_evaluations").await, 1);
    let (_, listed) = wg.page(&page).await;
    let programs = listed.text_of("#report-programs");
    assert!(
        programs.contains("Intake study") && programs.contains("20 June 2027"),
        "{programs}"
    );
    assert!(listed.has("#report-programs a[href=\"https://oig.example.gov/2027-14\"]"));

    // The public version does not exist until the report is published.
    let anonymous = app.anonymous();
    let (status, _) = anonymous.get(&format!("{page}/public")).await;
    assert_eq!(status, 404);
    let (status, _) = anonymous.get(&format!("{page}/public.pdf")).await;
    assert_eq!(status, 404);

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
    // Nor are the year's program evaluations added to or removed once it is signed.
    post(
        "wg",
        "add_program_evaluation",
        evaluation("Late study", "2027-07-01", ""),
    )
    .await;
    assert_eq!(app.count("program_evaluations").await, 1);
    let mut tx = app.db.begin_write().await.unwrap();
    let removed = sqlx::query("DELETE FROM program_evaluations WHERE fiscal_year = $1")
        .bind(fy as i64)
        .execute(&mut *tx)
        .await;
    assert!(
        removed.is_err(),
        "the database keeps a signed report's evaluations"
    );
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

    // Published, anyone reads the public version: the same report without who wrote or
    // explained what, and without evidence links; nothing to edit.
    let (status, public) = anonymous.page(&format!("{page}/public")).await;
    assert_eq!(status, 200);
    assert!(public.has_text("Annual Performance Report, FY2027 (public version)"));
    assert!(public.has_text("Held up."));
    assert!(public.has_text("The FY2027 data are complete and reliable, except as noted."));
    assert!(public.has_text("Intake study"));
    let body = public.text_of("main");
    for hidden in [
        "oig.example.gov",
        "Last saved by",
        "Recorded by",
        "Explained by",
    ] {
        assert!(
            !body.contains(hidden),
            "{hidden} in the public version: {body}"
        );
    }
    let wg_name = "working-group";
    assert!(!body.contains(wg_name), "no author's name: {body}");
    assert!(!public.has("form"), "nothing to edit");
    assert!(
        published.has(&format!("a[href=\"{page}/public\"]")),
        "the report links its public version"
    );
    let res = anonymous
        .client
        .get(anonymous.url(&format!("{page}/public.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("public.pdf");
    std::fs::write(&file, res.bytes().await.unwrap()).unwrap();
    let text = crate::meetings::poppler("pdftotext", &[], &file);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "(public version)",
        "Transmittal statement",
        "Program evaluations",
        "Intake study",
    ] {
        assert!(
            flat.contains(wanted),
            "{wanted} missing from the public PDF: {flat}"
        );
    }
    assert!(
        !flat.contains("oig.example.gov") && !flat.contains(wg_name),
        "{flat}"
    );
    assert!(published.has_text("Dana Head"), "the signature stays");
}

#[tokio::test]
async fn on_ten_years_of_sample_data_each_measure_shows_its_five_prior_years_as_stored() {
    use std::collections::HashMap;
    let app = TestApp::start(server::setup::FirstRunPlan::Empty).await;
    let size = app::demo::DemoSize {
        strategies: 40,
        years: 10,
        seed: 11,
    };
    app::demo::generate(&app.db, size, app.clock.today())
        .await
        .unwrap();
    let fy = app::model::report::latest_closed(Default::default(), app.clock.today());
    // The stored quarters of the six years, and the year's annual targets.
    let rows: Vec<(i64, i64, i64, Option<f64>)> = sqlx::query_as(
        "SELECT measure_id, fiscal_year, quarter, value FROM actual_current
         WHERE fiscal_year BETWEEN $1 AND $2",
    )
    .bind((fy - 5) as i64)
    .bind(fy as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let mut quarters: HashMap<(i64, i64), Vec<Option<f64>>> = HashMap::new();
    for (m, y, _, v) in rows {
        quarters.entry((m, y)).or_default().push(v);
    }
    // A count adds its four quarters; a year missing one has no annual actual.
    let year_of = |m: i64, y: i32| -> Option<f64> {
        let q = quarters.get(&(m, y as i64))?;
        (q.len() == 4).then(|| q.iter().copied().sum::<Option<f64>>())?
    };
    let targets: Vec<(i64, f64)> = sqlx::query_as(
        "SELECT measure_id, value FROM targets WHERE fiscal_year = $1 AND period = 0",
    )
    .bind(fy as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(targets.len() >= 5, "the sample sets targets: {targets:?}");
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page(&format!("/reports/{fy}")).await;
    assert_eq!(status, 200);
    assert_eq!(page.count("article.pt-report-measure"), targets.len());
    let shown = |text: String| -> Option<f64> {
        let number = text.split_whitespace().next()?.replace(',', "");
        number.parse().ok()
    };
    let mut compared = 0;
    for (m, target) in &targets {
        let at = format!("article[data-measure=\"{m}\"]");
        for y in fy - 5..fy {
            let cell = page.text_of(&format!("{at} td[data-label=\"FY{y}\"]"));
            assert_eq!(
                shown(cell.clone()),
                year_of(*m, y),
                "measure {m} FY{y}: {cell}"
            );
            compared += 1;
        }
        // Met or not by the measure's rule (higher is better) on the year's stored total.
        let result = page.text_of(&format!("{at} dl"));
        match year_of(*m, fy) {
            Some(actual) if actual >= *target => assert!(result.contains("✔ Met"), "{result}"),
            Some(_) => assert!(result.contains("✖ Not met"), "{result}"),
            None => assert!(!result.contains("Met"), "{result}"),
        }
    }
    assert!(compared >= 25, "{compared} prior years compared");
}
