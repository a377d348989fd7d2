//! The public performance page: nothing until an administrator publishes it; then the
//! goals, objectives and the measures marked public, with approved targets and the
//! results of years that are over, readable signed out, and nothing internal.

use crate::harness::{Browser, TestApp};
use crate::measures::{add_measure, post, set_targets, step};
use crate::status::{assign, current_quarter, during_call};
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

/// Posts a quarter's actual with a note (the note is internal: never public).
async fn actual_with_note(browser: &Browser, id: i64, fq: FiscalQuarter, value: &str, note: &str) {
    let page = format!("/measures/{id}");
    let (_, form) = browser.page(&page).await;
    let versions = form.value_of("versions").unwrap_or_default();
    let id_s = id.to_string();
    let slug = fq.slug();
    let fields = [
        ("measure_id", id_s.as_str()),
        ("quarter", slug.as_str()),
        ("actual", value),
        ("note", note),
        ("back", ""),
        ("versions", versions.as_str()),
    ];
    post(browser, &page, "save_actual", &fields).await;
}

/// Publishes the public page (`true`) or takes it down, as the command line would.
pub async fn publish(app: &TestApp, on: bool) {
    let actor = app::queries::audit::Actor::system();
    app::services::public::set_published(&app.db, &actor, on, app.clock.now())
        .await
        .unwrap();
}

/// The ids of the measures marked public, from the database.
pub async fn public_ids(app: &TestApp) -> Vec<i64> {
    app::queries::public::public_ids(&app.db).await.unwrap()
}

#[tokio::test]
async fn the_public_page_shows_only_public_measures_and_nothing_internal_once_published() {
    let app = TestApp::time_travelling().await;
    let anonymous = app.anonymous();
    let admin = app.signed_in(Role::Admin).await;
    let wg = app.signed_in(Role::WorkingGroup).await;

    // Unpublished: nothing at /public, crawlers kept out of everything, no sitemap.
    let (status, _) = anonymous.get("/public").await;
    assert_eq!(status, 404);
    let (status, robots) = anonymous.get("/robots.txt").await;
    assert_eq!(status, 200);
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
    assert_eq!(anonymous.get("/sitemap.xml").await.0, 404);

    // Two measures, one to be public; last year's APP approved, this year's a draft.
    let now = current_quarter();
    let last = now.year - 1;
    let shown = add_measure(&wg, "4.1.3", "Appeals decided on time", "sum").await;
    let internal = add_measure(&wg, "4.1.1", "Backlog of unfiled folders", "sum").await;
    set_targets(&wg, shown, last, ["40", "", "", "", ""], "").await;
    set_targets(&wg, internal, last, ["12", "", "", "", ""], "").await;
    set_targets(&wg, shown, now.year, ["86421", "", "", "", ""], "").await;
    step(&wg, last, "approve", "Approved by the director").await;
    for quarter in 1..=4 {
        let fq = FiscalQuarter {
            year: last,
            quarter,
        };
        let was = during_call(&app, fq);
        actual_with_note(&wg, shown, fq, "9", "Internal-note-do-not-publish").await;
        actual_with_note(&wg, internal, fq, "5", "").await;
        app.clock.set(was);
    }
    // An owner with a name that must never be public.
    app.create_user("olive-owner", Role::Manager).await;
    assign(&app, "olive-owner", "4.1.3").await;

    // The working group cannot publish or choose; an administrator does both.
    let settings = "/admin/public";
    assert_eq!(wg.get(settings).await.0, 403);
    let (status, page) = admin.page(settings).await;
    assert_eq!(status, 200);
    assert!(page.has_text("Not published"), "{}", page.text());
    let shown_s = shown.to_string();
    let to = post(
        &admin,
        settings,
        "set_public_measures",
        &[("shown", ""), ("picked[]", &shown_s)],
    )
    .await;
    assert_eq!(to, settings);
    assert_eq!(public_ids(&app).await, vec![shown]);
    let action = admin.action(settings, "set_public_page").await;
    let res = wg.post_form(&action, &[("publish", "yes")]).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(anonymous.get("/public").await.0, 404);
    assert_eq!(
        post(&admin, settings, "set_public_page", &[("publish", "yes")]).await,
        settings
    );

    // Published: anyone reads it signed out.
    let (status, html) = anonymous.get("/public").await;
    assert_eq!(status, 200);
    let (_, page) = anonymous.page("/public").await;
    assert!(page.has_text("Goal 4"), "the goals");
    assert!(page.has_text("4.1"), "the objectives");
    let measure = format!("article[data-measure=\"{shown}\"]");
    assert!(page.has(&measure), "the public measure");
    assert!(!page.has(&format!("article[data-measure=\"{internal}\"]")));
    let text = page.text_of(&measure);
    assert!(
        text.contains(&format!("FY{last}40 cases36 cases")),
        "{text}"
    );
    assert!(text.contains("✖ Not met"), "{text}");
    assert!(
        text.contains(&format!("FY{}Not yet setYear in progress", now.year)),
        "{text}"
    );
    assert!(
        page.has(&format!("{measure} figure.pt-chart [role=\"img\"]")),
        "a chart"
    );
    assert!(
        page.has(&format!("{measure} figure.pt-chart details table")),
        "its data table"
    );
    assert!(
        !page.has(&format!("{measure} a[href^=\"/charts/\"]")),
        "no sign-in-only downloads"
    );
    assert!(page.has_text("Last updated"), "when it was updated");
    // Nothing internal anywhere in what is sent: the other measure, the owner, the
    // note, the draft target, anyone's name.
    for hidden in [
        "Backlog of unfiled folders",
        "olive-owner",
        "Internal-note-do-not-publish",
        "86421",
        "86,421",
        "Approved by the director",
        "Case management system",
    ] {
        assert!(!html.contains(hidden), "{hidden} is on the public page");
    }

    // Crawlers: the public pages only, with a sitemap of them.
    let (_, robots) = anonymous.get("/robots.txt").await;
    assert!(robots.contains("Allow: /public\n"), "{robots}");
    assert!(robots.contains("Disallow: /\n"), "{robots}");
    let (status, sitemap) = anonymous.get("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert!(sitemap.contains("/public</loc>"), "{sitemap}");
    assert!(
        !sitemap.contains("/reports/"),
        "no report is published: {sitemap}"
    );

    // A choice made on a stale form is refused, whatever it picked; nothing changes.
    let internal_s = internal.to_string();
    let action = admin.action(settings, "set_public_measures").await;
    let res = admin
        .post_form(&action, &[("shown", ""), ("picked[]", &internal_s)])
        .await;
    assert!(
        res.status().is_redirection() || res.status().as_u16() == 409,
        "{}",
        res.status()
    );
    assert_eq!(public_ids(&app).await, vec![shown]);
    let (_, page) = admin.page(settings).await;
    assert!(
        page.has_text("Someone changed which measures are public"),
        "{}",
        page.text()
    );
    // ... and what was picked comes back checked beside the error.
    assert!(page.has(&format!("input[value=\"{internal}\"][checked]")));
    // A crafted id is refused with nothing saved.
    let res = admin
        .post_form(
            &action,
            &[("shown", shown_s.as_str()), ("picked[]", "999999")],
        )
        .await;
    assert!(!res.status().is_server_error());
    assert_eq!(public_ids(&app).await, vec![shown]);

    // Taken down, the page is gone again.
    assert_eq!(
        post(&admin, settings, "set_public_page", &[("publish", "no")]).await,
        settings
    );
    assert_eq!(anonymous.get("/public").await.0, 404);
    assert_eq!(
        anonymous.get("/robots.txt").await.1,
        "User-agent: *\nDisallow: /\n"
    );
    // Each change is in the audit trail.
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'setting'
         AND object_key IN ('public_page', 'public_measures')",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 3);
}

#[tokio::test]
async fn a_published_report_is_listed_on_the_public_page_and_in_the_sitemap() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let fy = current_quarter().year - 1;
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO performance_reports (fiscal_year, state, transmittal, signed_by,
            signer_title, signed_on, version, updated_by, updated_at)
         VALUES ($1, 'published', 't', 'S', 'D', '2027-01-02', 3, 'test', '2027-01-02T00:00:00Z')",
    )
    .bind(fy as i64)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    post(
        &admin,
        "/admin/public",
        "set_public_page",
        &[("publish", "yes")],
    )
    .await;
    let anonymous = app.anonymous();
    let (status, page) = anonymous.page("/public").await;
    assert_eq!(status, 200);
    assert!(page.has(&format!("a[href=\"/reports/{fy}/public\"]")));
    // No measure is public yet: the page says so rather than showing nothing.
    assert!(page.has_text("No performance measures are published yet."));
    let (_, sitemap) = anonymous.get("/sitemap.xml").await;
    assert!(
        sitemap.contains(&format!("/reports/{fy}/public</loc>")),
        "{sitemap}"
    );
}
