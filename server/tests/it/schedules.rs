//! Scheduled reports: a schedule saved or refused with each problem beside its field, its
//! next run in the organisation's time zone (month ends, daylight saving, fiscal years),
//! a due run queued once per recipient with two instances running, and what each
//! audience gets: a role what it reads, outside addresses only the public version — by
//! a real mail server, the PDF attached.

use crate::harness::{Browser, TestApp};
use crate::measures::{add_measure, set_targets};
use app::model::schedule::form::ScheduleInput;
use app::model::user::{CurrentUser, Role};
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// An administrator as the services see one (for schedules made without a browser).
fn admin(id: i64) -> CurrentUser {
    CurrentUser {
        id,
        username: "schedule-admin".into(),
        display_name: "Schedule Admin".into(),
        role: Role::Admin,
        must_change_password: false,
        can: app::auth::policy::can(Role::Admin),
    }
}

/// A schedule's form with `report`, sent monthly on `day` at `hour`, to `roles`.
fn typed(name: &str, report: &str, (day, hour): (&str, &str), roles: &[&str]) -> ScheduleInput {
    ScheduleInput {
        name: name.into(),
        report: report.into(),
        every: "monthly".into(),
        day: day.into(),
        hour: hour.into(),
        format: "link".into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    }
}

/// Saves `input` as an administrator (id 1 is no one: the audit row names them); its id.
pub async fn made(app: &TestApp, input: &ScheduleInput) -> i64 {
    let who = app
        .create_user(&format!("sched-{}", app.count("users").await), Role::Admin)
        .await;
    app::services::schedule::save(&app.db, &admin(who), None, input, app.clock.now())
        .await
        .unwrap_or_else(|_| panic!("the schedule {} is saved", input.name))
}

/// A schedule for the permission matrix: the exceptions list as a link to viewers.
pub async fn for_matrix(app: &TestApp) -> (i64, i64) {
    let id = made(
        app,
        &typed("Matrix schedule", "exceptions", ("1", "8"), &["viewer"]),
    )
    .await;
    let row = app::queries::schedule::get(&app.db, id)
        .await
        .unwrap()
        .unwrap();
    (id, row.version)
}

/// The stored next run of schedule `id`.
async fn next_run(app: &TestApp, id: i64) -> Option<String> {
    app::queries::schedule::get(&app.db, id)
        .await
        .unwrap()
        .unwrap()
        .next_run_at
}

async fn set_zone(app: &TestApp, zone: &str) {
    let actor = app::queries::audit::Actor::system();
    app::services::settings::set_time_zone(&app.db, &actor, zone)
        .await
        .unwrap();
}

/// Posts the schedule form as a browser without JavaScript does.
async fn post_schedule(browser: &Browser, fields: &[(&str, &str)]) -> u16 {
    let action = browser.action("/admin/schedules", "save_schedule").await;
    browser.post_form(&action, fields).await.status().as_u16()
}

#[tokio::test]
async fn a_schedule_is_saved_or_refused_beside_its_fields_and_runs_next_in_the_organisations_time()
{
    let app = TestApp::time_travelling().await;
    app.clock.set(at("2028-01-15T15:00:00Z"));
    set_zone(&app, "America/New_York").await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let viewer = app.signed_in(Role::Viewer).await;
    assert_eq!(
        viewer.get("/admin/schedules").await.0,
        403,
        "a viewer schedules nothing"
    );
    let (status, empty) = wg.page("/admin/schedules").await;
    assert_eq!(status, 200);
    assert!(
        empty.has_text("No report is scheduled yet"),
        "{}",
        empty.text()
    );

    // A bad day and nobody to send it to: nothing saved, each problem by its field, the
    // name as typed.
    let bad = [
        ("id", "new"),
        ("name", "Board packet"),
        ("report", "packet"),
        ("every", "monthly"),
        ("day", "32"),
        ("hour", "8"),
        ("format", "pdf"),
    ];
    assert!(matches!(post_schedule(&wg, &bad).await, 302 | 303 | 422));
    let (_, back) = wg.page("/admin/schedules").await;
    assert!(
        back.has_text("Enter a day of the month from 1 to 31."),
        "{}",
        back.text()
    );
    assert!(back.has_text("Choose who receives it: a role, a person or an outside address."));
    assert_eq!(back.value_of("name").as_deref(), Some("Board packet"));
    assert_eq!(app.count("report_schedules").await, 0);

    // The working group may not send outside; an administrator may, but not the packet.
    let mut outside = bad.to_vec();
    outside[4] = ("day", "31");
    outside.push(("outside", "board@example.gov"));
    post_schedule(&wg, &outside).await;
    let (_, back) = wg.page("/admin/schedules").await;
    assert!(back.has_text("Only an administrator may send reports to outside addresses."));
    let admin = app.signed_in(Role::Admin).await;
    post_schedule(&admin, &outside).await;
    let (_, back) = admin.page("/admin/schedules").await;
    assert!(
        back.has_text("is not public: outside addresses may receive"),
        "{}",
        back.text()
    );
    assert_eq!(app.count("report_schedules").await, 0);

    // Saved: monthly on the 31st at 8:00 New York time, to viewers and a named person.
    let mut good = bad.to_vec();
    good[4] = ("day", "31");
    good.push(("roles[]", "viewer"));
    good.push(("users", "working-group"));
    good.push(("covering", "For the director's Monday meeting."));
    assert_eq!(post_schedule(&wg, &good).await, 302);
    let (_, list) = wg.page("/admin/schedules").await;
    let row = list.text_of("tr[data-schedule]");
    assert!(row.contains("Board packet"), "{row}");
    assert!(row.contains("Monthly on day 31, at 08:00"), "{row}");
    assert!(row.contains("Mon 31 Jan 2028, 08:00 EST"), "{row}");
    assert!(row.contains("Never run"), "{row}");
    assert!(list.has_text("Times are in the organisation's time zone, America/New_York."));
    let id: i64 = sqlx::query_as::<_, (i64,)>("SELECT id FROM report_schedules")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
        .0;
    assert_eq!(
        next_run(&app, id).await.as_deref(),
        Some("2028-01-31T13:00:00.000Z")
    );

    // Someone else's edit first: the stale form is refused with what was typed.
    let edit = format!("/admin/schedules/{id}");
    let (_, form) = wg.page(&edit).await;
    let version = form.value_of("version").unwrap();
    let action = wg.action(&edit, "save_schedule").await;
    let id_s = id.to_string();
    let mut change = good.clone();
    change[0] = ("id", &id_s);
    change.push(("version", &version));
    change[1] = ("name", "Board packet (theirs)");
    assert_eq!(
        admin.post_form(&action, &change).await.status().as_u16(),
        302
    );
    change[1] = ("name", "Board packet (mine)");
    let res = wg.post_form(&action, &change).await;
    assert_eq!(res.status().as_u16(), 302);
    let (_, back) = wg.page(&edit).await;
    assert!(
        back.has_text("Someone changed the schedule \"Board packet (theirs)\""),
        "{}",
        back.text()
    );
    assert_eq!(
        back.value_of("name").as_deref(),
        Some("Board packet (mine)")
    );
    let audited: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE object_type = 'report_schedule'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        audited.0, 2,
        "a create and one change; nothing for the refusals"
    );

    // The next run across month ends, daylight saving and fiscal years.
    let leap = made(&app, &typed("Leap", "exceptions", ("30", "8"), &["viewer"])).await;
    app.clock.set(at("2028-02-01T00:00:00Z"));
    let again = made(
        &app,
        &typed("End of month", "exceptions", ("31", "8"), &["viewer"]),
    )
    .await;
    assert_eq!(
        next_run(&app, again).await.as_deref(),
        Some("2028-02-29T13:00:00.000Z")
    );
    assert_eq!(
        next_run(&app, leap).await.as_deref(),
        Some("2028-01-30T13:00:00.000Z")
    );
    app.clock.set(at("2028-03-01T00:00:00Z"));
    let spring = made(
        &app,
        &typed("Spring forward", "exceptions", ("12", "2"), &["viewer"]),
    )
    .await;
    // 12 March 2028: 2:00 does not exist in New York; the run is at 3:00 EDT.
    assert_eq!(
        next_run(&app, spring).await.as_deref(),
        Some("2028-03-12T07:00:00.000Z")
    );
    let mut yearly = typed("Fiscal year start", "exceptions", ("1", "9"), &["viewer"]);
    yearly.every = "yearly".into();
    yearly.month = "10".into();
    let fy = made(&app, &yearly).await;
    assert_eq!(
        next_run(&app, fy).await.as_deref(),
        Some("2028-10-01T13:00:00.000Z")
    );
    let mut quarterly = typed("After the lock", "exceptions", ("", "8"), &["viewer"]);
    quarterly.every = "after_lock".into();
    quarterly.days_after = "3".into();
    let q = made(&app, &quarterly).await;
    // FY2028 Q1's lock (plus 3 days) is past on 1 March: the next is Q2's, in daylight time.
    let call = app::queries::settings::call_schedule(&app.db)
        .await
        .unwrap();
    let cal = app::queries::settings::calendar(&app.db).await.unwrap();
    let q2 = app::model::fiscal::FiscalQuarter {
        year: 2028,
        quarter: 2,
    };
    let day = call.lock(cal, q2) + chrono::Days::new(3);
    assert_eq!(
        next_run(&app, q).await,
        Some(format!("{}T12:00:00.000Z", day.format("%Y-%m-%d")))
    );
}

#[tokio::test]
async fn a_due_run_queues_one_message_per_recipient_once_with_two_instances_running() {
    let app = TestApp::time_travelling().await;
    app.clock.set(at("2028-01-15T15:00:00Z"));
    let other = app.second_instance().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    add_measure(&wg, "4.1.3", "Appeals decided on time", "sum").await;
    for name in ["vera", "vic"] {
        app.create_user(name, Role::Viewer).await;
    }
    let off = app.create_user("vanished", Role::Viewer).await;
    sqlx::query("UPDATE users SET disabled = 1 WHERE id = $1")
        .bind(off)
        .execute(app.db.pool())
        .await
        .unwrap();
    let mut input = typed("APP to leadership", "app_progress", ("1", "8"), &["viewer"]);
    input.users = "working-group".into();
    let id = made(&app, &input).await;
    let due = next_run(&app, id).await.unwrap();
    assert_eq!(due, "2028-02-01T08:00:00.000Z", "the default zone is UTC");

    // Before it is due: nothing.
    let before = at("2028-02-01T07:59:00Z");
    assert_eq!(
        app::services::schedule::run::run_due(&app.db, before, app::packet::document_pdf)
            .await
            .unwrap(),
        0
    );
    // Due: both instances run their round at once; one queues a message per recipient.
    let now = at("2028-02-01T08:00:30Z");
    let (a, b) = tokio::join!(
        app::services::schedule::run::run_due(&app.db, now, app::packet::document_pdf),
        app::services::schedule::run::run_due(&other.db, now, app::packet::document_pdf)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        3,
        "two viewers and the working group, once each"
    );
    assert_eq!(app.count("schedule_runs").await, 1);
    let to: Vec<(String,)> = sqlx::query_as(
        "SELECT u.username FROM outbox o JOIN users u ON u.id = o.user_id
         WHERE o.kind = 'scheduled_report' ORDER BY u.username",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let to: Vec<&str> = to.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(
        to,
        ["vera", "vic", "working-group"],
        "not the disabled account"
    );
    // Run again in the same minute: nothing more; the next run is March's.
    assert_eq!(
        app::services::schedule::run::run_due(&other.db, now, app::packet::document_pdf)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        next_run(&app, id).await.as_deref(),
        Some("2028-03-01T08:00:00.000Z")
    );
    // Each message says what it is and links to the page.
    let (subject, body): (String, String) = sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE kind = 'scheduled_report' ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(subject, "APP progress, FY2028");
    assert!(body.contains("- Appeals decided on time:"), "{body}");
    assert!(body.contains("/app/2028"), "{body}");

    // The run is on the schedules page with its result; an empty report says so.
    let (_, page) = wg.page("/admin/schedules").await;
    assert!(page.has_text("Queued 3 messages"), "{}", page.text());
    let empty = made(
        &app,
        &typed("Exceptions", "exceptions", ("1", "8"), &["viewer"]),
    )
    .await;
    let actor = app::queries::audit::Actor::system();
    let r = app::services::schedule::run::send_now(
        &app.db,
        &actor,
        empty,
        (now, app::packet::document_pdf),
    )
    .await
    .unwrap();
    assert_eq!(r.queued, 0);
    assert!(
        r.detail.contains("the exceptions list is empty"),
        "{}",
        r.detail
    );
    let admin = app.signed_in(Role::Admin).await;
    let (_, outbox) = admin.page("/admin/outbox").await;
    assert!(outbox.has_text("Scheduled reports that did not go out in full"));
    assert!(
        outbox.has_text("Nothing sent: Viewer (leadership): 2 people: No strategy is at risk"),
        "{}",
        outbox.text()
    );
}

/// The words of a PDF (pdftotext).
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    crate::meetings::poppler("pdftotext", &[], &file)
}

#[tokio::test]
async fn a_viewer_gets_the_report_a_viewer_reads_and_an_outside_address_only_the_published_version_by_mail(
) {
    let server = crate::smtp::Smtp::start().await;
    let app = TestApp::time_travelling().await;
    app.clock.set(at("2028-01-15T15:00:00Z"));
    let wg = app.signed_in(Role::WorkingGroup).await;
    let measure = add_measure(&wg, "4.1.3", "Appeals decided on time", "sum").await;
    set_targets(&wg, measure, 2027, ["40", "", "", "", ""], "").await;
    // A program evaluation with internal evidence: in the report, not its public version.
    sqlx::query(
        "INSERT INTO program_evaluations (fiscal_year, title, summary, evidence_url,
            completed_on, recorded_by, recorded_at)
         VALUES (2027, 'Records backlog review', 'Found the backlog halved.',
            'https://intranet.example.gov/evidence/eval-7', '2027-06-20', 'wg', 'now')",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let system = app::queries::audit::Actor::system();
    let viewer = app.create_user("vera", Role::Viewer).await;
    app::services::users::set_email(&app.db, &system, viewer, "vera@example.gov")
        .await
        .unwrap();
    let mut input = typed("Annual report", "annual_report", ("1", "8"), &["viewer"]);
    input.format = "pdf".into();
    input.outside = "board@example.gov".into();
    input.covering = "The year's report, for the board.".into();
    let id = made(&app, &input).await;
    let mailer =
        app::services::mail::Mailer::new(&server.url(), "plantrack <plantrack@example.gov>")
            .unwrap();

    // Not published yet: the viewer gets it, the outside address nothing (and why).
    let now = at("2028-01-20T12:00:00Z");
    let r = app::services::schedule::run::send_now(
        &app.db,
        &system,
        id,
        (now, app::packet::document_pdf),
    )
    .await
    .unwrap();
    assert_eq!(r.queued, 1, "{r:?}");
    app::services::outbox::deliver(&app.db, &mailer, now)
        .await
        .unwrap();
    let got = server.messages();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].to, "vera@example.gov");
    assert_eq!(got[0].subject, "Annual Performance Report, FY2027");
    assert!(
        got[0].body.starts_with("The year's report, for the board."),
        "{}",
        got[0].body
    );
    assert_eq!(got[0].attachments.len(), 1);
    let (name, pdf) = &got[0].attachments[0];
    assert_eq!(name, "performance-report-fy2027.pdf");
    let text = pdf_text(pdf);
    assert!(text.contains("Annual Performance Report, FY2027"), "{text}");
    assert!(text.contains("Appeals decided on time"), "{text}");
    assert!(
        text.contains("intranet.example.gov/evidence/eval-7"),
        "{text}"
    );
    let (_, page) = app
        .signed_in(Role::Admin)
        .await
        .page("/admin/schedules")
        .await;
    assert!(
        page.has_text(
            "The FY2027 Annual Performance Report is not published: outside addresses get nothing."
        ),
        "{}",
        page.text()
    );

    // Published: the outside address gets the public version, without the evidence.
    crate::report::seeded(&app, 2027, "published").await;
    let later = at("2028-01-21T12:00:00Z");
    let r = app::services::schedule::run::send_now(
        &app.db,
        &system,
        id,
        (later, app::packet::document_pdf),
    )
    .await
    .unwrap();
    assert_eq!(r.queued, 2, "{r:?}");
    app::services::outbox::deliver(&app.db, &mailer, later)
        .await
        .unwrap();
    let got = server.messages();
    let board = got
        .iter()
        .find(|m| m.to == "board@example.gov")
        .unwrap_or_else(|| panic!("{got:?}"));
    assert_eq!(board.attachments.len(), 1, "{}", board.body);
    let (name, pdf) = &board.attachments[0];
    assert_eq!(name, "performance-report-fy2027-public.pdf");
    let text = pdf_text(pdf);
    assert!(text.contains("(public version)"), "{text}");
    assert!(text.contains("Appeals decided on time"), "{text}");
    assert!(
        !text.contains("intranet.example.gov"),
        "no evidence in public: {text}"
    );
    // The outbox lists the outside address as such.
    let (_, outbox) = app
        .signed_in_as("admin-two", Role::Admin)
        .await
        .page("/admin/outbox")
        .await;
    assert!(
        outbox.has_text("board@example.gov (outside address)"),
        "{}",
        outbox.text()
    );
}
