//! "My updates" as one page of forms: each strategy and measure saved on its own, a refused
//! row coming back to its place with the typed text and the problem, the quarter whose
//! call is open, and the page as a manager's home.

use crate::harness::{Browser, TestApp};
use crate::status::{assign, current_quarter, during_call, form};
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

/// Posts strategy `number`'s row of My updates for `q` with `fields`; returns where the
/// answer sends the browser.
async fn post_row(
    browser: &Browser,
    number: &str,
    q: FiscalQuarter,
    fields: &[(&str, &str)],
) -> String {
    let page = format!("/my?quarter={}", q.slug());
    let action = browser.action(&page, "save_status").await;
    let slug = q.slug();
    // The row's form comes back to the row.
    let back = format!("{page}#row-{}", number.replace('.', "-"));
    let mut all = vec![
        ("number", number),
        ("quarter", slug.as_str()),
        ("back", back.as_str()),
    ];
    all.extend_from_slice(fields);
    let res = browser.post_form(&action, &all).await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

fn with_intent<'a>(
    mut fields: Vec<(&'static str, &'a str)>,
    intent: &'a str,
) -> Vec<(&'static str, &'a str)> {
    fields.push(("intent", intent));
    fields
}

fn row(number: &str) -> String {
    format!("section#row-{}", number.replace('.', "-"))
}

#[tokio::test]
async fn each_row_of_my_updates_is_saved_on_its_own_and_a_refused_one_comes_back_beside_its_problem(
) {
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    assign(&app, "manager", "4.1.4").await;
    let measure = crate::measures::add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    let q = current_quarter();
    let (_, page) = manager.page("/my").await;
    assert!(
        page.has(&row("4.1.3")) && page.has(&row("4.1.4")),
        "a row of forms per strategy"
    );
    assert_eq!(page.count("form[action*=\"save_status\"]"), 2);
    assert_eq!(
        page.count("form[action*=\"save_actual\"]"),
        1,
        "the measure's actual under its strategy"
    );

    // At risk without the explanation: nothing saved, back to the row with what was typed.
    let to = post_row(
        &manager,
        "4.1.3",
        q,
        &with_intent(form("0", "at_risk", "20", "Typed on My updates"), "submit"),
    )
    .await;
    assert_eq!(to, format!("/my?quarter={}#row-4-1-3", q.slug()));
    let (_, page) = manager.page(&to).await;
    let refused = page.text_of(&row("4.1.3"));
    assert!(refused.contains("Nothing was saved"), "{refused}");
    assert!(
        refused.contains("Typed on My updates"),
        "the typed text is kept: {refused}"
    );
    assert!(
        !page.text_of(&row("4.1.4")).contains("Nothing was saved"),
        "only that row"
    );
    assert_eq!(app.count("status_updates").await, 0);
    // Shown once: the next visit has a clean form.
    let (_, again) = manager.page("/my").await;
    assert!(!again.text_of(&row("4.1.3")).contains("Nothing was saved"));

    // A draft of one row and a submission of the other, each on its own.
    let to = post_row(
        &manager,
        "4.1.3",
        q,
        &with_intent(
            form("0", "on_track", "20", "Draft from My updates"),
            "draft",
        ),
    )
    .await;
    assert_eq!(to, format!("/my?quarter={}#row-4-1-3", q.slug()));
    post_row(
        &manager,
        "4.1.4",
        q,
        &with_intent(form("0", "completed", "100", "Done"), "submit"),
    )
    .await;
    let (_, page) = manager.page("/my").await;
    assert!(
        page.has_text("Status of strategy 4.1.4"),
        "a notice says what was saved: {}",
        page.text()
    );
    let overview = page.text_of("tbody");
    assert!(
        overview.contains("Draft") && overview.contains("Submitted"),
        "{overview}"
    );
    assert!(
        page.text_of(&row("4.1.3"))
            .contains("Draft from My updates"),
        "the draft fills its row"
    );

    // The measure's actual, refused then recorded, comes back to the same row.
    let action = manager.action("/my", "save_actual").await;
    let id = measure.to_string();
    let back = format!("/my?quarter={}#row-4-1-3", q.slug());
    let slug = q.slug();
    let versions = format!("{slug}:0");
    let fields = |actual: &'static str| {
        vec![
            ("measure_id", id.clone()),
            ("quarter", slug.clone()),
            ("actual", actual.to_string()),
            ("note", String::new()),
            ("back", back.clone()),
            ("versions", versions.clone()),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let manager = &manager;
        let action = action.clone();
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            manager.post_form(&action, &f).await
        }
    };
    send(fields("many")).await;
    let (_, page) = manager.page("/my").await;
    let refused = page.text_of(&row("4.1.3"));
    assert!(
        refused.contains("Nothing was saved") && refused.contains("many"),
        "{refused}"
    );
    send(fields("12")).await;
    let (_, page) = manager.page("/my").await;
    let recorded = page.text_of(&row("4.1.3"));
    assert!(
        recorded.contains("12 cases") && !recorded.contains("Nothing was saved"),
        "{recorded}"
    );
}

#[tokio::test]
async fn my_updates_opens_on_last_quarter_while_its_call_is_open_and_links_this_one() {
    let app = TestApp::settled().await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let last = current_quarter().previous();
    let was = during_call(&app, last);
    let (_, page) = manager.page("/my").await;
    assert!(
        page.has_text(&format!("{last} updates are due")),
        "{}",
        page.text_of("main")
    );
    assert!(page.has(&format!(
        "input[name=\"quarter\"][value=\"{}\"]",
        last.slug()
    )));
    let this = last.next();
    assert!(
        page.has(&format!("a[href=\"/my?quarter={}\"]", this.slug())),
        "this quarter is a link away"
    );
    app.clock.set(was);
    let (_, page) = manager.page("/my").await;
    assert!(page.has_text(&format!("{} updates are due", current_quarter())));
    let (status, _) = manager.get("/my?quarter=someday").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_manager_signs_in_to_my_updates_and_others_to_the_plan() {
    let app = TestApp::with_excerpt().await;
    for (name, role, home) in [
        ("mgr-home", Role::Manager, "/my"),
        ("viewer-home", Role::Viewer, "/"),
    ] {
        app.create_user(name, role).await;
        let browser = app.anonymous();
        let action = browser.action("/login", "login").await;
        let password = crate::harness::TEST_PASSWORD;
        let res = browser
            .post_form(
                &action,
                &[("username", name), ("password", password), ("next", "")],
            )
            .await;
        let to = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        assert_eq!(to.as_deref(), Some(home), "{name}");
    }
    // Asked for a page, a manager gets that page.
    let browser = app.anonymous();
    let action = browser.action("/login", "login").await;
    let res = browser
        .post_form(
            &action,
            &[
                ("username", "mgr-home"),
                ("password", crate::harness::TEST_PASSWORD),
                ("next", "/quarters"),
            ],
        )
        .await;
    assert_eq!(res.headers().get("location").unwrap(), "/quarters");
}

#[tokio::test]
async fn a_conflict_on_my_updates_shows_the_other_persons_update_beside_what_was_typed() {
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let q = current_quarter();
    // The working group records 4.1.3 while the manager's page is open at version 0.
    crate::status::save(
        &wg,
        "4.1.3",
        &with_intent(
            form("0", "on_track", "60", "Recorded by the working group"),
            "submit",
        ),
    )
    .await;
    let to = post_row(
        &manager,
        "4.1.3",
        q,
        &with_intent(
            form("0", "on_track", "30", "Typed by the manager"),
            "submit",
        ),
    )
    .await;
    let (_, page) = manager.page(&to).await;
    let section = page.text_of(&row("4.1.3"));
    assert!(section.contains("Someone else saved first"), "{section}");
    assert!(
        section.contains("Recorded by the working group"),
        "theirs: {section}"
    );
    assert!(section.contains("60% complete"), "{section}");
    assert!(
        section.contains("Typed by the manager"),
        "mine kept: {section}"
    );
}
