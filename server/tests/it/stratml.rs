//! StratML Part 2 (issue 21): a year's export valid against the schema written for what
//! plantrack emits (xmllint), awkward text intact, a round trip through an empty
//! database giving the same document, and a hand-written file with naming drift.

use crate::harness::{Browser, TestApp};
use crate::import::upload;
use crate::measures::{add_measure, record_actual, set_targets};
use crate::status::{current_quarter, form, save};
use app::model::fiscal::FiscalCalendar;
use app::model::user::Role;
use app::outline::parse_outline;
use app::queries::audit::Actor;
use app::services::import::{apply_outline, PlanFields};
use server::setup::FirstRunPlan;
use std::process::Command;

/// The schema written for the subset plantrack emits.
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs/stratml/plantrack-stratml.xsd"
);

/// The published StratML Part 2 schema (2016-02-16), as the StratML project keeps it.
const PUBLISHED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../docs/stratml/PerformancePlanOrReport20160216.xsd"
);

/// Validates `xml` with `xmllint --schema` against `schema`.
fn validate_with(schema: &str, xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; scripts/setup.sh installs it)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Validates `xml` against the published schema and against plantrack's own (which is
/// stricter); returns xmllint's complaint when either finds it invalid.
pub fn validate(xml: &str) -> Result<(), String> {
    validate_with(PUBLISHED, xml).map_err(|e| format!("published schema: {e}"))?;
    validate_with(SCHEMA, xml).map_err(|e| format!("plantrack's schema: {e}"))
}

const AWKWARD: &str = "Plan <Résumé> & Co\n\n\
Goal 1: Access & <Equity>: Serve everyone — naïve café users \"first\".\n\
Objective 1.1 - Reach rural areas & towns\n\
1.1.1: Staff phones <24/7> & answer within 2 minutes\n\
1.1.2: Ünïcode strategy ✓\n\
Goal 2: Data: Keep good data.\n\
Objective 2.1 - Clean it\n\
2.1.1: Remove duplicates\n";

async fn export(browser: &Browser, fy: i32) -> String {
    let res = browser
        .client
        .get(browser.url(&format!("/export/stratml?fy={fy}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    res.text().await.unwrap()
}

/// Uploads `xml` on the plan import page and commits the draft; returns the preview.
async fn import_file(admin: &Browser, xml: &str) -> crate::page::Page {
    let location = upload(admin, xml).await;
    assert!(location.starts_with("/admin/import/"), "{location}");
    let (status, preview) = admin.page(&location).await;
    assert_eq!(status, 200, "{}", preview.text());
    let action = preview
        .form_action("/api/commit_import")
        .unwrap_or_else(|| panic!("a commit form: {}", preview.text()));
    let res = admin
        .client
        .post(admin.url(&action))
        .header("accept", "text/html")
        .header("referer", admin.url(&location))
        .form(&[("draft_id", location.rsplit('/').next().unwrap())])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    preview
}

#[tokio::test]
async fn a_year_exports_as_valid_stratml_and_round_trips_through_an_empty_database() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let fields = PlanFields {
        title: None,
        organisation: Some("Office of <Plans> & Résumés".into()),
    };
    let outline = parse_outline(AWKWARD).unwrap();
    apply_outline(&app.db, &outline, &fields, &Actor::system())
        .await
        .unwrap();
    let wg = app.signed_in(Role::WorkingGroup).await;
    let fy = FiscalCalendar::default().quarter_of(app.clock.today()).year;
    let quarter = current_quarter().slug();
    let calls = add_measure(&wg, "1.1.1", "Calls answered <2 min> & more", "sum").await;
    let whole = add_measure(&wg, "1", "Satisfaction — café survey", "latest").await;
    let clean = add_measure(&wg, "2.1", "Records cleaned", "sum").await;
    set_targets(&wg, calls, fy, ["400", "100", "100", "100", "100"], "First").await;
    set_targets(&wg, whole, fy, ["80.5", "", "", "", ""], "First").await;
    record_actual(&wg, calls, &quarter, "90", false).await;
    record_actual(&wg, clean, &quarter, "", true).await;
    // Issues and next steps too: a result carries one Descriptor in the published
    // schema, so these continue in results of their own.
    let mut fields = form("0", "on_track", "40", "Done & <dusted> — ✓");
    fields[4].1 = "Two staff short & <late>";
    fields[5].1 = "Hire two";
    let to = save(&wg, "1.1.1", &fields).await;
    assert!(!to.starts_with("status"), "status saved: {to}");

    let viewer = app.signed_in(Role::Viewer).await;
    let xml = export(&viewer, fy).await;
    validate(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    for expected in [
        "<Name>Office of &lt;Plans&gt; &amp; Résumés</Name>",
        "<Identifier>s-1.1.1</Identifier>",
        "<SequenceIndicator>1.1.1</SequenceIndicator>",
        "<MeasurementDimension>Calls answered &lt;2 min&gt; &amp; more</MeasurementDimension>",
        "<NumberOfUnits>80.5</NumberOfUnits>",
        "<DescriptorValue>On track</DescriptorValue>",
        "<Description>Done &amp; &lt;dusted&gt; — ✓</Description>",
        "Attached to: goal 1",
        "<DescriptorValue>Not yet available</DescriptorValue>",
        "<DescriptorValue>Two staff short &amp; &lt;late&gt;</DescriptorValue>",
        // The published order: the dimension and unit before the identifier.
        "</UnitOfMeasurement>\n          <Identifier>m-",
    ] {
        assert!(xml.contains(expected), "{expected} missing from\n{xml}");
    }
    // The CLI writes the same document.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.xml");
    let run = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args([
            "--database-url",
            &app.url,
            "--now",
            &app.clock.today().to_string(),
        ])
        .args(["export", "--format", "stratml", "--fy", &fy.to_string()])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), xml);

    // Into an empty database through the plan import preview, and out again: the same.
    let empty = TestApp::start(FirstRunPlan::Empty).await;
    let admin = empty.signed_in(Role::Admin).await;
    let preview = import_file(&admin, &xml).await;
    assert!(preview.has_text("Staff phones <24/7> & answer within 2 minutes"));
    assert_eq!(empty.count("measures").await, 3);
    assert_eq!(empty.count("status_updates").await, 1);
    let again = export(&admin, fy).await;
    assert_eq!(
        again, xml,
        "export → import → export gives the same document"
    );
    let (_, page) = admin.page("/strategies/1.1.1").await;
    assert!(page.has_text("Done & <dusted> — ✓"), "{}", page.text());
    assert!(page.has_text("Two staff short & <late>"), "{}", page.text());
}

#[tokio::test]
async fn the_schema_refuses_what_the_published_one_refuses() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let fy = FiscalCalendar::default().quarter_of(app.clock.today()).year;
    let xml = export(&viewer, fy).await;
    validate(&xml).unwrap_or_else(|e| panic!("{e}"));
    // An identifier that starts with a digit, results out of order, a number with a
    // unit in it: each makes the file invalid, so the checks above can fail.
    let digit = xml.replacen("<Identifier>s-", "<Identifier>", 1);
    assert!(
        validate(&digit).is_err(),
        "an ID may not start with a digit"
    );
    let no_type = xml.replacen(" Type=\"Performance_Plan\"", "", 1);
    assert!(validate(&no_type).is_err(), "Type is required");
    let bad_date = xml.replacen("<StartDate>", "<StartDate>FY", 1);
    assert!(validate(&bad_date).is_err(), "dates are dates");
    // An unknown year is a clear 4xx.
    let (status, _) = viewer.get("/export/stratml?fy=twenty").await;
    assert_eq!(status, 422);
}

const DRIFTED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<PerformancePlanOrReport xmlns="http://www.stratml.net/PerformancePlanOrReport" Type="Performance_Report">
  <Name>Hand-made plan</Name>
  <StrategicPlanCore>
    <Organization><Name>Field Office</Name></Organization>
    <Goal>
      <Name>Serve the public</Name>
      <Description>Serve everyone well.</Description>
      <SequenceIndicator>1</SequenceIndicator>
      <Objective>
        <Name>Answer the phones</Name>
        <Identifier>_9f1c2e</Identifier>
        <PerformanceIndicator IndicatorType="Quantitative">
          <MeasurementDimension>Calls answered</MeasurementDimension>
          <UnitOfMeasurement>calls</UnitOfMeasurement>
          <MeasurementInstance>
            <TargetResult>
              <Description>Year target</Description>
              <NumberOfUnits>1200</NumberOfUnits>
              <StartDate>2026-10-01</StartDate>
              <EndDate>2027-09-30</EndDate>
            </TargetResult>
          </MeasurementInstance>
        </PerformanceIndicator>
      </Objective>
      <Objective>
        <Name>Write back</Name>
      </Objective>
    </Goal>
    <Goal>
      <Name>Keep records</Name>
      <Description/>
      <Objective><Name>Scan the files</Name></Objective>
    </Goal>
  </StrategicPlanCore>
</PerformancePlanOrReport>
"#;

#[tokio::test]
async fn a_hand_written_file_with_naming_drift_imports_with_numbers_given_in_order() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let preview = import_file(&admin, DRIFTED).await;
    assert!(
        preview.has_text("2 goals, 3 objectives, 0 strategies"),
        "{}",
        preview.text()
    );
    let (_, page) = admin.page("/objectives/1.2").await;
    assert!(page.has_text("Write back"), "{}", page.text());
    let (_, page) = admin.page("/objectives/2.1").await;
    assert!(page.has_text("Scan the files"), "{}", page.text());
    let (_, page) = admin.page("/app/2027").await;
    assert!(page.has_text("Calls answered"), "{}", page.text());
    assert!(page.has_text("1200 calls"), "{}", page.text());
    let (target,): (f64,) =
        sqlx::query_as("SELECT value FROM targets WHERE fiscal_year = 2027 AND period = 0")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(target, 1200.0);
}

#[tokio::test]
async fn a_file_with_values_a_form_would_refuse_is_shown_with_its_problems_and_imports_nothing() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    // A milestone half done, and a status the plan does not know.
    let bad = DRIFTED
        .replace("IndicatorType=\"Quantitative\"", "IndicatorType=\"Qualitative\"")
        .replace("<NumberOfUnits>1200</NumberOfUnits>", "<NumberOfUnits>0.5</NumberOfUnits>")
        .replace(
            "<Objective>\n        <Name>Write back</Name>",
            "<Objective>\n        <Name>Write back</Name>
        <PerformanceIndicator><MeasurementDimension>Quarterly status</MeasurementDimension>
          <MeasurementInstance><ActualResult>
            <StartDate>2026-10-01</StartDate><EndDate>2026-12-31</EndDate>
            <NumberOfUnits>40</NumberOfUnits>
            <Descriptor><DescriptorName>Status</DescriptorName><DescriptorValue>Greenish</DescriptorValue></Descriptor>
          </ActualResult></MeasurementInstance>
        </PerformanceIndicator>",
        );
    assert_ne!(bad, DRIFTED);
    let location = upload(&admin, &bad).await;
    let (status, preview) = admin.page(&location).await;
    assert_eq!(status, 200);
    assert!(
        preview.has_text("StratML: The file has 2 problems, so nothing in it can be imported."),
        "{}",
        preview.text()
    );
    assert!(
        preview.has_text("0.5 is neither 1 (done) nor 0 (not done)"),
        "{}",
        preview.text()
    );
    assert!(
        preview.has_text("\"Greenish\" is not one of"),
        "{}",
        preview.text()
    );
    assert!(preview.form_action("/api/commit_import").is_none());
    assert_eq!(app.count("goals").await, 0);
    assert_eq!(app.count("measures").await, 0);
}

/// Runs `plantrack` with `args` on database `url`; panics with its output when it fails.
fn plantrack(url: &str, args: &[&str]) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--database-url", url])
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "plantrack {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[tokio::test]
async fn the_whole_plan_exports_as_json_and_restores_into_an_empty_database() {
    let app = TestApp::with_sample(24, 2, 11).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let q = current_quarter();
    let version: Option<(i64,)> = sqlx::query_as(
        "SELECT c.version FROM status_current c JOIN strategies s ON s.id = c.strategy_id
          WHERE s.number = '1.1.1' AND c.fiscal_year = $1 AND c.quarter = $2",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_optional(app.db.pool())
    .await
    .unwrap();
    let version = version.map_or(0, |v| v.0).to_string();
    let to = save(
        &wg,
        "1.1.1",
        &form(&version, "on_track", "35", "Late & <short> — ✗"),
    )
    .await;
    assert!(!to.starts_with("status"), "status saved: {to}");
    assert!(
        app.count("audit_log").await > 0,
        "the update was saved: {to}"
    );
    // The business plan, a program evaluation and a signed report travel too (the
    // evaluation restored before the report that freezes it).
    for sql in [
        "INSERT INTO business_plan_entries (strategy_id, fiscal_year, active, milestones,
            amount_cents, fte, it, updated_by, updated_at)
         SELECT id, $1, 1, 'Q1: Pilot\nQ3: Go live', 25000050, 1.5, 'Licences', 'wg', 'now'
           FROM strategies WHERE number = '1.1.1'",
        "INSERT INTO program_evaluations (fiscal_year, title, summary, evidence_url,
            completed_on, recorded_by, recorded_at)
         VALUES ($1 - 1, 'Intake study', 'Found — ✓', '/evidence/1', '2026-06-20', 'wg', 'now')",
        "INSERT INTO performance_reports (fiscal_year, state, transmittal, signed_by,
            signer_title, signed_on, updated_by, updated_at)
         VALUES ($1 - 1, 'signed_off', 'Complete.', 'Dana Head', 'Director', '2027-01-20',
            'admin', 'now')",
    ] {
        sqlx::query(sql)
            .bind(q.year as i64)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    // A discussion travels too: a thread with a corrected question, a mention, a hidden
    // reply, and the thread resolved.
    for sql in [
        "INSERT INTO comments (subject_kind, subject_key, author_id, body, posted_at)
         SELECT 'strategy', '1.1.1', id, 'Who owns this now?', '2026-11-15T12:00:00.000Z'
           FROM users WHERE username = 'working-group'",
        "INSERT INTO comments (subject_kind, subject_key, thread_id, reply_to, author_id, body,
            posted_at)
         SELECT 'strategy', '1.1.1', MIN(id), MIN(id), MIN(author_id), 'Off topic',
            '2026-11-15T12:05:00.000Z' FROM comments",
        "INSERT INTO comment_corrections (comment_id, version, body, corrected_at)
         SELECT MIN(id), 1, 'Who owns 1.1.1 now? — ✓ <b>', '2026-11-15T12:01:00.000Z'
           FROM comments",
        "INSERT INTO comment_mentions (comment_id, user_id)
         SELECT MIN(id), MIN(author_id) FROM comments",
        "INSERT INTO comment_hides (comment_id, reason, hidden_by, hidden_at)
         SELECT MAX(id), 'Duplicate', MIN(author_id), '2026-11-15T12:06:00.000Z' FROM comments",
        "INSERT INTO thread_events (thread_id, seq, resolved, by_id, at)
         SELECT MIN(id), 1, 1, MIN(author_id), '2026-11-15T12:07:00.000Z' FROM comments",
    ] {
        sqlx::query(sql).execute(app.db.pool()).await.unwrap();
    }
    let admin = app.signed_in(Role::Admin).await;
    let res = admin
        .client
        .get(admin.url("/export/plan.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let downloaded = res.text().await.unwrap();
    let (status, _) = wg.get("/export/plan.json").await;
    assert_eq!(status, 403, "administrators only");

    // The same tables as CSV files in a zip.
    let res = admin
        .client
        .get(admin.url("/export/plan.zip"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut goals = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("goals.csv").unwrap(), &mut goals).unwrap();
    let mut rows = csv::Reader::from_reader(goals.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "statement"), "{headers:?}");
    assert!(rows.records().count() >= 1);
    assert!(zip.by_name("status_updates.csv").is_ok());

    let doc: serde_json::Value = serde_json::from_str(&downloaded).unwrap();
    assert_eq!(doc["format"], "plantrack-export");
    assert_eq!(doc["version"], 1);
    let tables = doc["tables"].as_object().unwrap();
    for table in [
        "goals",
        "strategies",
        "status_updates",
        "measures",
        "targets",
        "actuals",
        "audit_log",
        "users",
        "business_plan_entries",
        "program_evaluations",
        "performance_reports",
        "comments",
        "comment_corrections",
        "comment_mentions",
        "comment_hides",
        "thread_events",
    ] {
        assert!(
            !tables[table].as_array().unwrap().is_empty(),
            "{table} is exported"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    std::fs::write(&file, &downloaded).unwrap();
    let empty = crate::harness::fresh_database_url(&dir).await;
    let said = plantrack(
        &empty,
        &["import", "--format", "json", file.to_str().unwrap()],
    );
    assert!(said.contains("restored"), "{said}");
    let again = plantrack(&empty, &["export", "--format", "json", "-"]);
    assert_eq!(again, downloaded, "export → import → export is identical");
    // A second restore into the now full database is refused, and writes nothing.
    let run = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--database-url", &empty, "import", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("not empty"));

    // The restored database serves the same plan, history included.
    let restored = TestApp::start_on(&empty).await;
    let admin = restored.anonymous();
    let res = admin.login("admin", crate::harness::TEST_PASSWORD).await;
    assert_eq!(res.status(), 302, "accounts come back with their passwords");
    let (_, page) = admin.page("/strategies/1.1.1").await;
    assert!(page.has_text("Late & <short> — ✗"), "{}", page.text());
    assert!(
        page.has_text("Who owns 1.1.1 now? — ✓ <b>"),
        "{}",
        page.text_of("#discussion")
    );
    assert!(
        page.has_text("Hidden by working-group"),
        "{}",
        page.text_of("#discussion")
    );
    assert!(
        page.has_text("✓ Resolved by working-group"),
        "{}",
        page.text_of("#discussion")
    );
}
