//! The working group's quarterly review meeting (issue 19): the agenda built from a seeded
//! quarter, what is recorded per item, actions and their carry-over to the next review,
//! sign-off making the record read-only, addenda, and who may do what.

use crate::harness::{Browser, TestApp};
use crate::measures::{add_measure, record_actual, set_targets};
use crate::status::{assign, current_quarter, during_call, form, save_in};
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

/// Posts server function `name`'s form from the review page of `q`; returns where the
/// answer sends the browser.
async fn post(browser: &Browser, q: FiscalQuarter, name: &str, fields: &[(&str, &str)]) -> String {
    let page = format!("/reviews/{}", q.slug());
    let action = browser.action(&page, name).await;
    let res = browser.post_form(&action, fields).await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

/// Opens quarter `q`'s review from `/reviews`.
pub async fn open(browser: &Browser, q: FiscalQuarter) -> String {
    let action = browser.action("/reviews", "open_review").await;
    let slug = q.slug();
    let res = browser
        .post_form(&action, &[("quarter", slug.as_str())])
        .await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The agenda item ids and titles of `q`'s review, in order.
async fn agenda(app: &TestApp, q: FiscalQuarter) -> Vec<(i64, String, i64)> {
    sqlx::query_as(
        "SELECT i.id, i.title, i.version FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
         WHERE m.fiscal_year = $1 AND m.quarter = $2 ORDER BY i.position",
    )
    .bind(q.year as i64)
    .bind(q.quarter as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

/// Seeds last quarter while its call was open: 4.1.3 at risk, 4.1.4 off track, a measure
/// far below its target, and 4.2.1 owned by a manager who reported nothing.
pub async fn seed_last_quarter(app: &TestApp, wg: &Browser) -> FiscalQuarter {
    let last = current_quarter().previous();
    let measure = add_measure(wg, "4.1.3", "Cases closed", "sum").await;
    set_targets(
        wg,
        measure,
        last.year,
        ["400", "100", "100", "100", "100"],
        "Seeded",
    )
    .await;
    // Every quarter of the year so far reported, far below the targets.
    for quarter in 1..=last.quarter {
        let fq = FiscalQuarter {
            year: last.year,
            quarter,
        };
        let was = during_call(app, fq);
        record_actual(wg, measure, &fq.slug(), "3", false).await;
        app.clock.set(was);
    }
    let was = during_call(app, last);
    let mut at_risk = form("0", "at_risk", "30", "Slow start");
    at_risk[6] = ("explanation", "Vendor slipped");
    at_risk[7] = ("corrective_action", "Weekly check-ins");
    save_in(wg, "4.1.3", last, &at_risk).await;
    let mut off = form("0", "off_track", "5", "Stalled");
    off[6] = ("explanation", "No staff");
    off[7] = ("corrective_action", "Hire");
    save_in(wg, "4.1.4", last, &off).await;
    app.create_user("quiet", Role::Manager).await;
    assign(app, "quiet", "4.2.1").await;
    app.clock.set(was);
    last
}

#[tokio::test]
async fn a_review_opens_with_an_agenda_built_from_the_quarters_data_most_urgent_first() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    let (_, page) = wg.page("/reviews").await;
    assert!(page.has_text("No review has been held yet."));
    let to = open(&wg, last).await;
    assert_eq!(to, format!("/reviews/{}", last.slug()));
    let titles: Vec<String> = agenda(&app, last)
        .await
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert!(
        titles[0].starts_with("Strategy 4.1.4"),
        "off track first: {titles:?}"
    );
    assert!(
        titles[1].starts_with("Strategy 4.1.3"),
        "then at risk: {titles:?}"
    );
    assert_eq!(titles[2], "Measure: Cases closed", "{titles:?}");
    assert!(
        titles.iter().any(|t| t == "Missing updates: quiet"),
        "{titles:?}"
    );
    let (_, page) = wg.page(&to).await;
    assert!(page.has_text(&format!("Quarterly review, {last}")));
    assert!(page.has_text("✖ Off track") && page.has_text("▲ At risk"));
    assert!(
        page.text_of("#agenda").contains("status of 4.2.1"),
        "{}",
        page.text_of("#agenda")
    );
    // Once per quarter; a quarter not begun cannot be reviewed.
    open(&wg, last).await;
    let (_, page) = wg.page("/reviews").await;
    assert!(
        page.has_text(&format!("The {last} review is already open.")),
        "{}",
        page.text_of("main")
    );
    open(&wg, current_quarter().next()).await;
    let (_, page) = wg.page("/reviews").await;
    assert!(page.has_text("has not begun"));
    assert_eq!(app.count("meetings").await, 1);
}

#[tokio::test]
async fn items_are_recorded_reordered_and_a_signed_off_review_is_read_only_but_takes_addenda() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let chair = app.signed_in_as("chair", Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    let slug = last.slug();
    let items = agenda(&app, last).await;
    let (first, _, version) = items[0].clone();
    let (id, v) = (first.to_string(), version.to_string());

    // Low likelihood without an improvement strategy: refused, typed text kept beside it.
    let mut fields = vec![
        ("quarter", slug.as_str()),
        ("item", id.as_str()),
        ("version", v.as_str()),
        ("notes", "Staff left in August"),
        ("likelihood", "low"),
        ("risk", "1"),
        ("improvement", ""),
        ("decisions", "Escalate to the director"),
    ];
    let to = post(&wg, last, "record_agenda_item", &fields).await;
    assert_eq!(to, format!("/reviews/{slug}#item-{first}"));
    let (_, page) = wg.page(&to).await;
    let section = page.text_of(&format!("#item-{first}"));
    assert!(
        section.contains("Nothing was saved") && section.contains("improvement strategy"),
        "{section}"
    );
    assert_eq!(
        page.value_of("notes").as_deref(),
        Some("Staff left in August")
    );
    fields[6] = ("improvement", "Borrow two analysts from Court Services");
    post(&wg, last, "record_agenda_item", &fields).await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(!page
        .text_of(&format!("#item-{first}"))
        .contains("Nothing was saved"));
    // The same form again (its version is stale): a conflict, nothing overwritten.
    fields[3] = ("notes", "Overwritten?");
    post(&wg, last, "record_agenda_item", &fields).await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(page
        .text_of(&format!("#item-{first}"))
        .contains("Someone else changed this review"));
    let (notes,): (String,) = sqlx::query_as("SELECT notes FROM agenda_items WHERE id = $1")
        .bind(first)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(notes, "Staff left in August");

    // Reordered, and an item added by hand at the end.
    post(
        &wg,
        last,
        "move_agenda_item",
        &[("quarter", &slug), ("item", &id), ("direction", "down")],
    )
    .await;
    assert_eq!(agenda(&app, last).await[1].0, first);
    post(
        &wg,
        last,
        "add_agenda_item",
        &[("quarter", &slug), ("title", "Budget outlook")],
    )
    .await;
    assert_eq!(agenda(&app, last).await.last().unwrap().1, "Budget outlook");

    // Sign-off needs a date and a chair, and is the chair's (or an administrator's).
    post(
        &wg,
        last,
        "sign_off_review",
        &[("quarter", &slug), ("version", "1")],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(page.has_text("Set the meeting's date and chair before signing it off."));
    let (chair_id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'chair'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let chair_s = chair_id.to_string();
    let version = |app: &TestApp| {
        let pool = app.db.pool().clone();
        let (y, q) = (last.year as i64, last.quarter as i64);
        async move {
            let (v,): (i64,) = sqlx::query_as(
                "SELECT version FROM meetings WHERE fiscal_year = $1 AND quarter = $2",
            )
            .bind(y)
            .bind(q)
            .fetch_one(&pool)
            .await
            .unwrap();
            v.to_string()
        }
    };
    let v = version(&app).await;
    post(
        &wg,
        last,
        "set_review_details",
        &[
            ("quarter", &slug),
            ("version", &v),
            ("held_on", "2027-01-20"),
            ("chair", &chair_s),
            ("attendees[]", &chair_s),
            ("guests", "Dana Diaz (budget office)"),
        ],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert_eq!(
        page.value_of("guests").as_deref(),
        Some("Dana Diaz (budget office)")
    );
    let v = version(&app).await;
    post(
        &wg,
        last,
        "sign_off_review",
        &[("quarter", &slug), ("version", &v)],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(page.has_text("Only the chair (chair) or an administrator signs the review off."));
    post(
        &chair,
        last,
        "sign_off_review",
        &[("quarter", &slug), ("version", &v)],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(
        page.has_text("✔ Signed off by chair"),
        "{}",
        page.text_of("main")
    );
    // Stamped with the app's date, not the system clock's (issue 37).
    let today = app.clock.today().format("%-d %b %Y").to_string();
    assert!(
        page.has_text(&format!("Signed off by chair on {today}")),
        "{}",
        page.text_of("main")
    );
    assert!(
        page.has_text("Borrow two analysts from Court Services"),
        "the record reads on"
    );
    assert!(
        !page.has("form[action*=\"record_agenda_item\"]"),
        "no more item forms"
    );

    // Read-only: the service refuses, and so does the database itself.
    let system = app::queries::audit::Actor::system();
    let input = app::model::meeting::ItemInput {
        notes: "Late".into(),
        version: 2,
        ..Default::default()
    };
    assert!(
        app::services::meeting::record_item(&app.db, &system, last, first, &input)
            .await
            .is_err()
    );
    for sql in [
        "UPDATE agenda_items SET notes = 'tampered'",
        "UPDATE meetings SET guests = 'tampered'",
        "DELETE FROM agenda_items",
        "DELETE FROM meetings",
    ] {
        assert!(
            sqlx::query(sql).execute(app.db.pool()).await.is_err(),
            "{sql} was allowed"
        );
    }
    // Later notes are addenda, with who and when.
    post(
        &chair,
        last,
        "add_review_addendum",
        &[
            ("quarter", &slug),
            ("text", "Director approved the loan of analysts."),
        ],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    let addenda = page.text_of("#addenda");
    assert!(
        addenda.contains("Director approved the loan of analysts.") && addenda.contains("chair"),
        "{addenda}"
    );
    let (_, audit) = app.signed_in(Role::Admin).await.page("/admin/audit").await;
    assert!(audit.has_text(&format!("Signed off review {slug}")));
}

#[tokio::test]
async fn open_actions_carry_to_the_next_review_and_to_their_owners_my_updates_until_closed() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    let slug = last.slug();
    let (owner,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'manager'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let owner = owner.to_string();
    let first = agenda(&app, last).await[0].0.to_string();
    // Refused without a due date; then added, due before today (overdue).
    post(
        &wg,
        last,
        "add_review_action",
        &[
            ("quarter", &slug),
            ("item", &first),
            ("title", "Draft a staffing plan"),
            ("owner", &owner),
            ("due", ""),
        ],
    )
    .await;
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(
        page.text_of("#actions").contains("Nothing was added"),
        "{}",
        page.text_of("#actions")
    );
    assert_eq!(
        page.attr_of("#action-title", "value").as_deref(),
        Some("Draft a staffing plan")
    );
    let due = (app.clock.today() - chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    post(
        &wg,
        last,
        "add_review_action",
        &[
            ("quarter", &slug),
            ("item", &first),
            ("title", "Draft a staffing plan"),
            ("owner", &owner),
            ("due", &due),
        ],
    )
    .await;
    let (_, page) = manager.page("/my").await;
    let mine = page.text_of("main");
    assert!(
        mine.contains("My follow-up actions") && mine.contains("Draft a staffing plan"),
        "{mine}"
    );
    assert!(page.has_text("⚠ 1 of your actions from the working group's reviews are overdue."));

    // This quarter's review carries it onto its agenda.
    let now = current_quarter();
    open(&wg, now).await;
    let titles: Vec<String> = agenda(&app, now)
        .await
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert!(
        titles.contains(&"Open action: Draft a staffing plan".to_string()),
        "{titles:?}"
    );

    // Closing takes a note; then it is gone from /reviews' open actions and from /my.
    let (id, version): (i64, i64) = sqlx::query_as("SELECT id, version FROM meeting_actions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (id, version) = (id.to_string(), version.to_string());
    let action = wg.action("/reviews", "close_review_action").await;
    wg.post_form(
        &action,
        &[
            ("quarter", ""),
            ("id", &id),
            ("version", &version),
            ("note", "  "),
        ],
    )
    .await;
    let (_, page) = wg.page("/reviews").await;
    assert!(
        page.has_text("Say how it was closed"),
        "{}",
        page.text_of("main")
    );
    wg.post_form(
        &action,
        &[
            ("quarter", ""),
            ("id", &id),
            ("version", &version),
            ("note", "Plan adopted 3 Feb"),
        ],
    )
    .await;
    let (_, page) = wg.page("/reviews").await;
    assert!(page.has_text("No open action."));
    let (_, page) = manager.page("/my").await;
    assert!(!page.has_text("My follow-up actions"));
    let (_, page) = wg.page(&format!("/reviews/{slug}")).await;
    assert!(
        page.text_of("#actions").contains("Closed by working-group"),
        "{}",
        page.text_of("#actions")
    );
}

#[tokio::test]
async fn viewers_read_reviews_and_only_the_working_group_and_administrators_run_them() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    let slug = last.slug();
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page(&format!("/reviews/{slug}")).await;
    assert_eq!(status, 200);
    assert!(page.has_text(&format!("Quarterly review, {last}")));
    assert!(
        !page.has("form[action*=\"record_agenda_item\"]")
            && !page.has("form[action*=\"sign_off_review\"]")
    );
    let (_, list) = viewer.page("/reviews").await;
    assert!(!list.has("form[action*=\"open_review\"]"));
    let manager = app.signed_in(Role::Manager).await;
    let action = wg
        .action(&format!("/reviews/{slug}"), "add_agenda_item")
        .await;
    let before = app.count("agenda_items").await;
    for who in [&viewer, &manager] {
        let res = who
            .post_form(&action, &[("quarter", &slug), ("title", "Sneaked in")])
            .await;
        assert_eq!(res.status().as_u16(), 403);
    }
    assert_eq!(app.count("agenda_items").await, before);
    let (status, _) = app.anonymous().get(&format!("/reviews/{slug}")).await;
    assert!(status == 401 || status == 302 || status == 303, "{status}");
    let (status, _) = wg.get("/reviews/2031-Q9").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_briefing_packet_has_the_dashboard_charts_the_agenda_and_the_open_actions() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    let slug = last.slug();
    let owner = user_id(&app, "working-group").await.to_string();
    post(
        &wg,
        last,
        "add_review_action",
        &[
            ("quarter", &slug),
            ("title", "Draft a staffing plan"),
            ("owner", &owner),
            ("due", "2030-01-31"),
        ],
    )
    .await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (status, page) = viewer.page(&format!("/reviews/{slug}/packet")).await;
    assert_eq!(status, 200);
    assert!(page.has_text(&format!("Briefing packet: {last} quarterly review")));
    let titles: Vec<String> = (1..=page.count("figure.pt-packet__chart"))
        .map(|n| page.text_of(&format!("figure.pt-packet__chart:nth-of-type({n}) h3")))
        .collect();
    assert!(titles.len() >= 2, "the dashboard's charts: {titles:?}");
    assert!(
        page.count("figure.pt-packet__chart table") >= 1,
        "each chart's data, shown"
    );
    let agenda = page.text_of("section[aria-labelledby=\"packet-agenda\"]");
    assert!(
        agenda.contains("Strategy 4.1.4") && agenda.contains("✖ Off track"),
        "{agenda}"
    );
    assert!(page
        .text_of("section[aria-labelledby=\"packet-actions\"]")
        .contains("Draft a staffing plan"));
    assert!(page.has(&format!("a[href=\"/reviews/{slug}/packet.pdf\"]")));
}

/// Runs a poppler tool (pdfinfo, pdftotext) on `pdf`; its output.
pub fn poppler(tool: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}): run scripts/setup.sh --browser (it installs poppler-utils)"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_packet_pdf_reads_in_a_real_reader_with_every_chart_and_the_agenda() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    let slug = last.slug();
    let owner = user_id(&app, "working-group").await.to_string();
    post(
        &wg,
        last,
        "add_review_action",
        &[
            ("quarter", &slug),
            ("title", "Draft a staffing plan"),
            ("owner", &owner),
            ("due", "2030-01-31"),
        ],
    )
    .await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page(&format!("/reviews/{slug}/packet")).await;
    let titles: Vec<String> = (1..=page.count("figure.pt-packet__chart"))
        .map(|n| page.text_of(&format!("figure.pt-packet__chart:nth-of-type({n}) h3")))
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    let dir = tempfile::tempdir().unwrap();
    for (paper, query, size) in [
        ("letter", "", "612 x 792 pts (letter)"),
        ("a4", "?paper=a4", "595 x 842 pts (A4)"),
    ] {
        let res = viewer
            .client
            .get(viewer.url(&format!("/reviews/{slug}/packet.pdf{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert!(res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        let file = dir.path().join(format!("packet-{paper}.pdf"));
        std::fs::write(&file, res.bytes().await.unwrap()).unwrap();
        let info = poppler("pdfinfo", &[], &file);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        assert!(pages >= 2, "{info}");
        assert!(info.contains(size), "{info}");
        let title = format!("Briefing packet: {last} quarterly review");
        assert!(
            info.lines()
                .any(|l| l.starts_with("Title:") && l.trim_end().ends_with(&title)),
            "{info}"
        );
        let text = poppler("pdftotext", &[], &file);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for wanted in [
            format!("Briefing packet: {last} quarterly review"),
            "Agenda (".to_string(),
            "Strategy 4.1.4".to_string(),
            "Off track".to_string(),
            // The glossary's symbol beside the words, drawn from the symbol font.
            "✖ Off track - Strategy 4.1.4".to_string(),
            "Measure: Cases closed".to_string(),
            "Draft a staffing plan".to_string(),
            format!("page {pages} of {pages}"),
        ] {
            assert!(
                flat.contains(&wanted),
                "{wanted} missing from the PDF: {flat}"
            );
        }
        for title in &titles {
            let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&title),
                "chart \"{title}\" missing from the PDF: {flat}"
            );
        }
    }
    let (status, _) = app
        .anonymous()
        .get(&format!("/reviews/{slug}/packet.pdf"))
        .await;
    assert_eq!(status, 401);
    let (status, _) = viewer.get("/reviews/2031-Q1/packet.pdf").await;
    assert_eq!(status, 404);
}

/// For the permission matrix: this quarter's review with two items added by hand (the
/// first moves down and back), and FY2001 Q3's review signed off (it takes addenda).
pub async fn matrix_seed(app: &TestApp) {
    let system = app::queries::audit::Actor::system();
    let cal = app::model::fiscal::FiscalCalendar::default();
    let when = (cal, app.clock.today());
    let now = current_quarter();
    app::services::meeting::open(&app.db, &system, now, when)
        .await
        .unwrap_or_else(|_| panic!("open"));
    for title in ["Matrix item A", "Matrix item B"] {
        app::services::meeting::add_item(&app.db, &system, now, title)
            .await
            .unwrap_or_else(|_| panic!("add"));
    }
    let closed = FiscalQuarter {
        year: 2001,
        quarter: 3,
    };
    fresh_chaired(app, closed).await;
    app::services::meeting::sign_off(&app.db, None, closed, 2)
        .await
        .unwrap_or_else(|_| panic!("sign off"));
}

/// Opens quarter `q`'s review chaired by the working-group account, dated; returns its version.
pub async fn fresh_chaired(app: &TestApp, q: FiscalQuarter) -> i64 {
    let system = app::queries::audit::Actor::system();
    let cal = app::model::fiscal::FiscalCalendar::default();
    app::services::meeting::open(&app.db, &system, q, (cal, app.clock.today()))
        .await
        .unwrap_or_else(|_| panic!("open {q}"));
    let chair = user_id(app, "working-group").await.to_string();
    let details = app::services::meeting::DetailsInput {
        held_on: "2001-01-20".into(),
        chair,
        attendees: Vec::new(),
        guests: String::new(),
        version: 1,
    };
    app::services::meeting::set_details(&app.db, &system, q, &details)
        .await
        .unwrap_or_else(|_| panic!("details {q}"));
    2
}

/// A new open action on this quarter's review, owned by the working-group account: (id, version).
pub async fn fresh_action(app: &TestApp, n: usize) -> (i64, i64) {
    let system = app::queries::audit::Actor::system();
    let owner = user_id(app, "working-group").await.to_string();
    let title = format!("Matrix action {n}");
    let args = (None, title.as_str(), owner.as_str(), "2027-03-31");
    app::services::action::add_action(&app.db, &system, current_quarter(), args)
        .await
        .unwrap_or_else(|_| panic!("action"));
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM meeting_actions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    (id, 1)
}

/// A user's id by username.
pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

/// This quarter's review's version, and its first item's id and version.
pub async fn matrix_state(app: &TestApp) -> (i64, i64, i64) {
    let now = current_quarter();
    let (v,): (i64,) =
        sqlx::query_as("SELECT version FROM meetings WHERE fiscal_year = $1 AND quarter = $2")
            .bind(now.year as i64)
            .bind(now.quarter as i64)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (id, iv): (i64, i64) =
        sqlx::query_as("SELECT id, version FROM agenda_items WHERE title = 'Matrix item A'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    (v, id, iv)
}

/// Opens this quarter's review (as the command line).
pub async fn seed_open(app: &TestApp) {
    let system = app::queries::audit::Actor::system();
    let cal = app::model::fiscal::FiscalCalendar::default();
    app::services::meeting::open(
        &app.db,
        &system,
        current_quarter(),
        (cal, app.clock.today()),
    )
    .await
    .unwrap_or_else(|_| panic!("open"));
}

/// A new risk category (as the command line); its id.
pub async fn fresh_risk(app: &TestApp, n: usize) -> i64 {
    let system = app::queries::audit::Actor::system();
    let name = format!("Matrix risk {n}");
    app::services::risk::add_risk(&app.db, &system, &name)
        .await
        .unwrap_or_else(|_| panic!("risk"));
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM risk_categories WHERE name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn administrators_keep_the_list_of_risk_categories_and_a_retired_one_stays_on_its_items() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let now = current_quarter();
    seed_open(&app).await;
    let system = app::queries::audit::Actor::system();
    app::services::meeting::add_item(&app.db, &system, now, "Vendor review")
        .await
        .unwrap_or_else(|_| panic!("add"));
    let (_, page) = wg.page("/reviews").await;
    assert!(
        !page.has("form[action*=\"add_risk_category\"]"),
        "administrators only"
    );
    let action = admin.action("/reviews", "add_risk_category").await;
    admin
        .post_form(&action, &[("name", "Vendor performance")])
        .await;
    admin
        .post_form(&action, &[("name", "Vendor performance")])
        .await;
    let (_, page) = admin.page("/reviews").await;
    assert!(
        page.has_text("\u{201c}Vendor performance\u{201d} is on the list already."),
        "{}",
        page.text_of("main")
    );
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM risk_categories WHERE name = 'Vendor performance'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    // An item given it keeps it after it is retired; it is no longer offered.
    let item = agenda(&app, now)
        .await
        .into_iter()
        .find(|i| i.1 == "Vendor review")
        .unwrap();
    let input = app::model::meeting::ItemInput {
        risk: id.to_string(),
        version: item.2,
        ..Default::default()
    };
    app::services::meeting::record_item(&app.db, &system, now, item.0, &input)
        .await
        .unwrap_or_else(|_| panic!("record"));
    let retire = admin.action("/reviews", "retire_risk_category").await;
    admin.post_form(&retire, &[("id", &id.to_string())]).await;
    let (_, page) = wg.page(&format!("/reviews/{}", now.slug())).await;
    let offered = page.count(&format!("select[name=\"risk\"] option[value=\"{id}\"]"));
    assert_eq!(offered, 1, "only on the item that has it (selected there)");
    assert!(page.has(&format!(
        "#item-{} select[name=\"risk\"] option[selected][value=\"{id}\"]",
        item.0
    )));
    let (_, audit) = admin.page("/admin/audit").await;
    assert!(audit.has_text("Retired the risk category Vendor performance"));
}
