//! Reminders and the outbox (issue 18): the schedule driven by a clock passed in (no
//! sleeping), a returned update telling its owner in the same transaction, delivery with
//! no mail server (kept in the app, marked not sent), through a real SMTP conversation,
//! with retries, and each message claimed once when two senders run at once.

use crate::harness::TestApp;
use crate::status::{assign, form, save};
use app::model::fiscal::FiscalCalendar;
use app::model::user::Role;
use app::queries::outbox::MessageRow;
use app::services::outbox::{deliver, queue_due, Sender, Sent};
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

fn at(day: &str) -> DateTime<Utc> {
    app::clock::parse_instant(day).unwrap()
}

/// The outbox as (username, kind, subject, state), oldest first.
async fn outbox(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT u.username, o.kind, o.subject, o.state FROM outbox o
         JOIN users u ON u.id = o.user_id ORDER BY o.id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn owners_are_reminded_on_schedule_once_a_day_until_they_submit() {
    let app = TestApp::with_excerpt().await;
    let _wg = app.signed_in(Role::WorkingGroup).await;
    app.create_user("ana", Role::Manager).await;
    assign(&app, "ana", "4.1.3").await;
    let cal = FiscalCalendar::default();
    // FY2027 Q1: due 15 January 2027, locks 14 February 2027.
    let queue = |day: &'static str| {
        let db = app.db.clone();
        async move { queue_due(&db, cal, at(day)).await.unwrap() }
    };
    assert_eq!(queue("2027-01-07").await, 0, "more than a week before");
    assert_eq!(queue("2027-01-08").await, 1, "a week before");
    assert_eq!(queue("2027-01-08").await, 0, "once a day");
    let sent = outbox(&app).await;
    assert_eq!(sent[0].0, "ana");
    assert_eq!(sent[0].2, "1 update for FY2027 Q1 due 15 January 2027");
    assert_eq!(queue("2027-01-09").await, 0);
    assert_eq!(queue("2027-01-15").await, 1, "on the due date");
    // The day after: the working group's summary (to the working-group member).
    assert_eq!(queue("2027-01-16").await, 1);
    let sent = outbox(&app).await;
    assert_eq!(sent[2].1, "summary");
    assert_eq!(sent[2].2, "FY2027 Q1 data call: 0 of 30 submitted");
    // It names the strategies nobody owns (all but ana's 4.1.3), so someone takes them.
    let (body,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE kind = 'summary' ORDER BY id LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(
        body.contains("29 strategies have no owner, so nobody is asked for their updates:"),
        "{body}"
    );
    assert!(
        body.contains("\n- 4.1.1 ") && !body.contains("\n- 4.1.3 "),
        "{body}"
    );
    assert_eq!(queue("2027-01-18").await, 1, "overdue, every three days");
    assert!(outbox(&app).await[3]
        .2
        .starts_with("Overdue: 1 update for FY2027 Q1"));

    // Submitted: no more reminders.
    app.clock.set(at("2027-01-19"));
    let ana = app.anonymous();
    ana.login("ana", crate::harness::TEST_PASSWORD).await;
    let q1 = app::model::fiscal::FiscalQuarter {
        year: 2027,
        quarter: 1,
    };
    let to = crate::status::save_in(&ana, "4.1.3", q1, &form("0", "on_track", "30", "Done")).await;
    assert_eq!(to, "/strategies/4.1.3");
    assert_eq!(queue("2027-01-21").await, 0);
    assert_eq!(queue("2027-02-14").await, 0, "locked");
}

#[tokio::test]
async fn a_returned_update_tells_its_owner_who_reads_it_in_the_app() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    save(
        &manager,
        "4.1.3",
        &form("0", "on_track", "90", "Nearly done"),
    )
    .await;
    let action = wg.action("/strategies/4.1.3", "review_status").await;
    let quarter = crate::status::current_quarter().slug();
    wg.post_form(
        &action,
        &[
            ("number", "4.1.3"),
            ("quarter", quarter.as_str()),
            ("version", "1"),
            ("decision", "return"),
            ("comment", "90% is more than the milestones show."),
        ],
    )
    .await;
    let sent = outbox(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].0.as_str(), sent[0].1.as_str()),
        ("manager", "returned")
    );
    // Without a mail server delivery keeps it in the app; why is not the manager's business.
    // (Delivery only: the whole round would also queue whatever reminder is due on the
    // test's date, e.g. an overdue Q3 update in late July, and this test is about one message.)
    app::services::outbox::deliver(&app.db, &app::services::mail::Mailer::Off, app.clock.now())
        .await
        .unwrap();
    let (_, page) = manager.page("/notifications").await;
    assert!(page.has_text("Returned for correction: strategy 4.1.3"));
    assert!(page.has_text("90% is more than the milestones show."));
    assert!(page.has_text("Kept here, not e-mailed"), "{}", page.text());
    assert!(!page.has_text("PLANTRACK_SMTP_URL"));
    // The address in the message is a link.
    assert!(
        page.attrs(".pt-timeline__entry a", "href")
            .iter()
            .any(|h| h.ends_with("/my") || h.contains("/strategies/4.1.3")),
        "{:?}",
        page.attrs(".pt-timeline__entry a", "href")
    );
    assert!(page.has_text("1 unread."), "{}", page.text());
    assert_eq!(page.text_of(".pt-count"), "1 unread", "{}", page.text());
    let action = manager
        .action("/notifications", "mark_notifications_read")
        .await;
    manager.post_form(&action, &[]).await;
    let (_, page) = manager.page("/notifications").await;
    assert!(page.has_text("Everything here is read."));
    assert!(!page.has(".pt-count"));
}

/// A sender that records what it was given and fails when `fail`. With a `hold`, its
/// first send says so (`.0`) and waits (for `.1`) before going on: another sender then
/// runs while this one holds every message it claimed.
#[derive(Clone, Default)]
struct Recorder {
    sent: Arc<Mutex<Vec<i64>>>,
    fail: bool,
    hold: Option<Arc<(tokio::sync::Notify, tokio::sync::Notify)>>,
}

impl Sender for Recorder {
    async fn send(&self, m: &MessageRow, _: Option<&app::queries::outbox::Document>) -> Sent {
        let first = self.sent.lock().unwrap().is_empty();
        if let Some(hold) = self.hold.as_ref().filter(|_| first) {
            hold.0.notify_one();
            hold.1.notified().await;
        }
        self.sent.lock().unwrap().push(m.id);
        if self.fail {
            Sent::Failed("451 try again later".into())
        } else {
            Sent::Sent
        }
    }
}

#[tokio::test]
async fn messages_are_sent_once_by_two_senders_at_once_and_retried_with_backoff() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    for i in 0..12 {
        let name = format!("owner{i}");
        app.create_user(&name, Role::Manager).await;
        assign(&app, &name, "4.1.3").await;
    }
    let _ = wg;
    let cal = FiscalCalendar::default();
    assert_eq!(queue_due(&app.db, cal, at("2027-01-15")).await.unwrap(), 12);
    let now = at("2027-01-15T18:00:00Z");
    // The second sender runs while the first is inside its first send: certain overlap.
    let hold = Arc::new((tokio::sync::Notify::new(), tokio::sync::Notify::new()));
    let ok = Recorder {
        hold: Some(hold.clone()),
        ..Recorder::default()
    };
    let second = async {
        hold.0.notified().await;
        let n = deliver(&app.db, &ok, now).await;
        hold.1.notify_one();
        n
    };
    let (a, b) = tokio::join!(deliver(&app.db, &ok, now), second);
    assert_eq!(
        (a.unwrap(), b.unwrap()),
        (12, 0),
        "the first sender's claim holds"
    );
    let mut ids = ok.sent.lock().unwrap().clone();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "each message sent once");
    assert!(outbox(&app).await.iter().all(|m| m.3 == "sent"));

    // A failure is retried a minute later, then after 2, 4, 8 minutes, then given up.
    assert_eq!(queue_due(&app.db, cal, at("2027-01-18")).await.unwrap(), 12);
    let failing = Recorder {
        fail: true,
        ..Recorder::default()
    };
    let mut t = at("2027-01-18T18:00:00Z");
    for wait in [1, 2, 4, 8] {
        assert_eq!(deliver(&app.db, &failing, t).await.unwrap(), 12);
        assert_eq!(
            deliver(&app.db, &failing, t).await.unwrap(),
            0,
            "not due yet"
        );
        t += chrono::Duration::minutes(wait);
    }
    assert_eq!(deliver(&app.db, &failing, t).await.unwrap(), 12);
    let failed = outbox(&app)
        .await
        .iter()
        .filter(|m| m.3 == "failed")
        .count();
    assert_eq!(failed, 12);
    assert_eq!(
        deliver(&app.db, &failing, t + chrono::Duration::hours(1))
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn without_a_mail_server_messages_stay_in_the_app_and_with_one_they_are_e_mailed() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let ana = app.create_user("ana", Role::Manager).await;
    assign(&app, "ana", "4.1.3").await;
    let cal = FiscalCalendar::default();
    queue_due(&app.db, cal, at("2027-01-15")).await.unwrap();
    let off = app::services::mail::Mailer::new("", "").unwrap();
    deliver(&app.db, &off, at("2027-01-15T18:00:00Z"))
        .await
        .unwrap();
    let (_, page) = admin.page("/admin/outbox").await;
    let row = page.text_of("tbody tr");
    assert!(
        row.contains("Not sent") && row.contains("PLANTRACK_SMTP_URL"),
        "{row}"
    );
    assert!(row.contains("ana (no e-mail address)"), "{row}");

    // With an address and a mail server, the next reminder is e-mailed.
    let system = app::queries::audit::Actor::system();
    app::services::users::set_email(&app.db, &system, ana, "ana@example.gov")
        .await
        .unwrap();
    assert!(
        app::services::users::set_email(&app.db, &system, ana, "not an address")
            .await
            .is_err()
    );
    queue_due(&app.db, cal, at("2027-01-18")).await.unwrap();
    let server = crate::smtp::Smtp::start().await;
    let smtp = app::services::mail::Mailer::new(&server.url(), "plantrack <plantrack@example.gov>")
        .unwrap();
    assert_eq!(
        deliver(&app.db, &smtp, at("2027-01-18T18:00:00Z"))
            .await
            .unwrap(),
        1
    );
    let got = server.messages();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].to, "ana@example.gov");
    assert!(
        got[0]
            .subject
            .starts_with("Overdue: 1 update for FY2027 Q1"),
        "{got:?}"
    );
    assert!(
        got[0]
            .body
            .contains("- Strategy 4.1.3: quarterly status (not submitted)"),
        "{got:?}"
    );
    let states: Vec<String> = outbox(&app).await.into_iter().map(|m| m.3).collect();
    assert_eq!(states, ["not_sent", "sent"]);
    let bad_from = app::services::mail::Mailer::new("smtp://127.0.0.1:25", "nobody");
    assert!(bad_from.is_err(), "PLANTRACK_MAIL_FROM must be an address");
}

#[tokio::test]
async fn people_set_their_own_e_mail_address_and_administrators_anyones() {
    let app = TestApp::with_excerpt().await;
    let manager = app.signed_in(Role::Manager).await;
    let action = manager.action("/account/password", "set_email").await;
    async fn post(who: &crate::harness::Browser, action: &str, id: String, email: &str) {
        let back = "/account/password";
        who.post_form(
            action,
            &[("id", id.as_str()), ("email", email), ("back", back)],
        )
        .await;
    }
    post(&manager, &action, String::new(), "not an address").await;
    let (_, page) = manager.page("/account/password").await;
    assert!(page.has_text("is not an e-mail address"), "{}", page.text());
    assert_eq!(page.value_of("email").as_deref(), Some("not an address"));
    post(&manager, &action, String::new(), "manager@example.gov").await;
    let (_, page) = manager.page("/account/password").await;
    assert_eq!(
        page.value_of("email").as_deref(),
        Some("manager@example.gov")
    );

    // Someone else's address: administrators only.
    let admin = app.signed_in(Role::Admin).await;
    let admin_id: (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'admin'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    post(
        &manager,
        &action,
        admin_id.0.to_string(),
        "evil@example.com",
    )
    .await;
    let email: (Option<String>,) =
        sqlx::query_as("SELECT email FROM users WHERE username = 'admin'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(email.0, None);
    let manager_id: (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'manager'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let page_path = format!("/admin/users/{}", manager_id.0);
    let (_, page) = admin.page(&page_path).await;
    assert_eq!(
        page.value_of("email").as_deref(),
        Some("manager@example.gov")
    );
    let action = admin.action(&page_path, "set_email").await;
    let id = manager_id.0.to_string();
    admin
        .post_form(
            &action,
            &[
                ("id", id.as_str()),
                ("email", ""),
                ("back", page_path.as_str()),
            ],
        )
        .await;
    let (_, page) = admin.page(&page_path).await;
    assert_eq!(page.value_of("email").as_deref(), Some(""));
    let audited: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'set_email'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(audited.0, 2);
}

#[tokio::test]
async fn an_administrator_sets_when_owners_are_reminded() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    app.create_user("ana", Role::Manager).await;
    assign(&app, "ana", "4.1.3").await;
    let fy = crate::status::current_quarter().year;
    let path = format!("/cycle/{fy}");
    let (_, page) = admin.page(&path).await;
    assert!(page.has_text(
        "reminded 7 days before the due date, on the due date and every 3 days while overdue"
    ));
    let action = admin.action(&path, "set_reminders").await;
    let year = fy.to_string();
    admin
        .post_form(
            &action,
            &[
                ("days_before", "soon"),
                ("every", "0"),
                ("fiscal_year", &year),
            ],
        )
        .await;
    let (_, page) = admin.page(&path).await;
    assert!(
        page.has_text("\"soon\" is not a number of days"),
        "{}",
        page.text()
    );
    assert_eq!(page.value_of("days_before").as_deref(), Some("soon"));
    admin
        .post_form(
            &action,
            &[("days_before", "3"), ("every", "0"), ("fiscal_year", &year)],
        )
        .await;
    let (_, page) = admin.page(&path).await;
    assert!(page.has_text(
        "reminded 3 days before the due date, on the due date, until the quarter locks."
    ));
    // FY2027 Q1 is due 15 January 2027: reminded on the 12th and the 15th, not after.
    let cal = FiscalCalendar::default();
    assert_eq!(queue_due(&app.db, cal, at("2027-01-08")).await.unwrap(), 0);
    assert_eq!(queue_due(&app.db, cal, at("2027-01-12")).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, cal, at("2027-01-15")).await.unwrap(), 1);
    assert_eq!(queue_due(&app.db, cal, at("2027-01-18")).await.unwrap(), 0);
}

#[tokio::test]
async fn a_real_mail_server_gets_each_digest_once_from_two_instances_and_the_working_group_its_summary(
) {
    let server = crate::smtp::Smtp::start().await;
    let app = TestApp::with_excerpt().await;
    let other = app.second_instance().await;
    let system = app::queries::audit::Actor::system();
    let owners = ["ana", "ben", "cho", "dev", "eli", "fay"];
    for (i, name) in owners.iter().enumerate() {
        let id = app.create_user(name, Role::Manager).await;
        let email = format!("{name}@example.gov");
        app::services::users::set_email(&app.db, &system, id, &email)
            .await
            .unwrap();
        assign(&app, name, ["4.1.3", "4.1.4", "4.2.1"][i % 3]).await;
    }
    let wg = app.create_user("wendy", Role::WorkingGroup).await;
    app::services::users::set_email(&app.db, &system, wg, "wendy@example.gov")
        .await
        .unwrap();
    let cal = FiscalCalendar::default();
    let mailer =
        app::services::mail::Mailer::new(&server.url(), "plantrack <plantrack@example.gov>")
            .unwrap();

    // Due today: one digest per owner, sent by whichever instance claims it first.
    assert_eq!(queue_due(&app.db, cal, at("2027-01-15")).await.unwrap(), 6);
    let now = at("2027-01-15T18:00:00Z");
    let (a, b) = tokio::join!(
        deliver(&app.db, &mailer, now),
        deliver(&other.db, &mailer, now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 6);
    let got = server.messages();
    let mut to: Vec<String> = got.iter().map(|m| m.to.clone()).collect();
    to.sort();
    let wanted: Vec<String> = owners.iter().map(|n| format!("{n}@example.gov")).collect();
    assert_eq!(to, wanted, "each owner once");
    let ana = got.iter().find(|m| m.to == "ana@example.gov").unwrap();
    assert_eq!(ana.subject, "Due today: 1 update for FY2027 Q1");
    assert!(ana.body.contains("Hello ana,"), "{}", ana.body);
    assert!(
        ana.body
            .contains("- Strategy 4.1.3: quarterly status (not submitted)"),
        "{}",
        ana.body
    );
    assert!(ana.body.contains("/my"), "{}", ana.body);

    // The day after: the working group's summary, once.
    queue_due(&app.db, cal, at("2027-01-16")).await.unwrap();
    let now = at("2027-01-16T18:00:00Z");
    let (a, b) = tokio::join!(
        deliver(&app.db, &mailer, now),
        deliver(&other.db, &mailer, now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let got = server.messages();
    let summary: Vec<_> = got.iter().filter(|m| m.to == "wendy@example.gov").collect();
    assert_eq!(summary.len(), 1, "{got:?}");
    assert!(
        summary[0].subject.starts_with("FY2027 Q1 data call: 0 of "),
        "{}",
        summary[0].subject
    );
    assert!(
        summary[0].body.contains("- ana: 1 item(s)"),
        "{}",
        summary[0].body
    );
    assert_eq!(got.len(), 7);
}
