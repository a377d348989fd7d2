//! The approval inbox (issue 37): every update of the quarter awaiting approval, returned
//! or missing, with what was submitted; approve and return on each row, a refused row
//! back in place with what was typed; filters with counts; no link a reader cannot follow.

use crate::harness::TestApp;
use crate::status::{assign, current_quarter, form, save};
use app::model::user::Role;

/// Submits `number`'s update for this quarter as `browser`.
async fn submit(browser: &crate::harness::Browser, number: &str, text: &str) {
    let mut fields = form("0", "on_track", "35", text);
    fields.push(("intent", "submit"));
    assert_eq!(
        save(browser, number, &fields).await,
        format!("/strategies/{number}")
    );
}

#[tokio::test]
async fn the_working_group_approves_and_returns_from_one_inbox() {
    let app = TestApp::settled().await;
    let manager = app.signed_in(Role::Manager).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    for n in ["4.1.3", "4.2.1"] {
        assign(&app, "manager", n).await;
    }
    crate::measures::add_measure(&wg, "4.1.3", "Inbox cases closed", "sum").await;
    submit(&manager, "4.1.3", "Kick-off held with all regions").await;
    submit(&manager, "4.2.1", "Survey drafted").await;
    let slug = current_quarter().slug();
    let inbox = format!("/quarters/{slug}/inbox");

    let (status, page) = wg.page(&inbox).await;
    assert_eq!(status, 200);
    assert_eq!(page.text_of("h2#rows"), "Awaiting approval (2)");
    assert_eq!(
        page.text_of("a[aria-current=page]"),
        "Awaiting approval (2)"
    );
    let row = page.text_of("#row-4-1-3");
    assert!(row.contains("Kick-off held with all regions"), "{row}");
    assert!(row.contains("35% complete"), "{row}");
    assert!(row.contains("Inbox cases closed✖ Not recorded"), "{row}");
    assert!(page.text_of("#row-4-2-1").contains("Survey drafted"));
    // "Missing" counts the strategies without an update and 4.1.3's missing actual.
    let missing = page
        .attrs("nav[aria-label='Filter the inbox'] a", "href")
        .into_iter()
        .find(|h| h.contains("show=missing"))
        .unwrap();
    let (_, missing_page) = wg.page(&missing).await;
    assert!(missing_page.has("#row-4-1-3"), "a missing actual lists it");
    assert!(missing_page.has("#row-4-1-1"), "no update lists it");
    assert!(!missing_page.has("#row-4-2-1"));

    // A refused return comes back to its own row with the comment as typed.
    let action = wg.action(&inbox, "review_status").await;
    let long = "x".repeat(2001);
    let back = format!("{inbox}?show=awaiting");
    let res = wg
        .post_form(
            &action,
            &[
                ("number", "4.1.3"),
                ("quarter", &slug),
                ("version", "1"),
                ("back", &back),
                ("decision", "return"),
                ("comment", &long),
            ],
        )
        .await;
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("{back}#review-4-1-3-{slug}-1")
    );
    let (_, page) = wg.page(&back).await;
    let row = page.text_of("#row-4-1-3");
    assert!(
        row.contains("Keep the comment under 2,000 characters."),
        "{row}"
    );
    assert_eq!(
        page.value_of("comment").map(|c| c.len()),
        Some(2001),
        "the first form on the page is 4.1.3's, with its comment kept"
    );
    assert_eq!(app.count("status_reviews").await, 0);

    // Return one, approve the other, each from its row; back to the inbox.
    for (number, decision, comment) in [
        ("4.1.3", "return", "Say which regions attended."),
        ("4.2.1", "approve", ""),
    ] {
        let res = wg
            .post_form(
                &action,
                &[
                    ("number", number),
                    ("quarter", &slug),
                    ("version", "1"),
                    ("back", &back),
                    ("decision", decision),
                    ("comment", comment),
                ],
            )
            .await;
        assert_eq!(res.headers()["location"].to_str().unwrap(), back);
    }
    let (_, page) = wg.page(&back).await;
    assert_eq!(page.text_of("h2#rows"), "Awaiting approval (0)");
    assert_eq!(
        page.text_of(".pt-empty"),
        format!("Nothing is awaiting approval for {}.", current_quarter())
    );
    let (_, page) = wg.page(&format!("{inbox}?show=returned")).await;
    assert!(page
        .text_of("#row-4-1-3")
        .contains("Say which regions attended."));
    let (_, page) = wg.page(&format!("{inbox}?show=approved")).await;
    assert!(page.has("#row-4-2-1") && !page.has("#row-4-1-3"));

    // `/inbox` opens the reporting quarter's; the menu links it for the working group.
    let (_, page) = wg.page("/inbox").await;
    assert!(page.text_of("h1").starts_with("Approval inbox, FY"));
    assert!(page.has("a.pt-nav__link[href='/inbox']"));
}

#[tokio::test]
async fn a_viewer_sees_no_link_they_cannot_follow() {
    let app = TestApp::settled().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page("/").await;
    assert!(!page.has("a.pt-nav__link[href='/my']"), "no My updates");
    assert!(!page.has("a.pt-nav__link[href='/inbox']"));
    let (status, _) = viewer.page("/inbox").await;
    assert_eq!(status, 403);
    let manager = app.signed_in(Role::Manager).await;
    let (_, page) = manager.page("/").await;
    assert!(page.has("a.pt-nav__link[href='/my']"));
    // The review page links the data call and the inbox only for those who may open them.
    let group = app.signed_in(Role::WorkingGroup).await;
    let slug = current_quarter().previous().slug();
    let open = group.action("/reviews", "open_review").await;
    group.post_form(&open, &[("quarter", &slug)]).await;
    let review = format!("/reviews/{slug}");
    let (_, page) = group.page(&review).await;
    assert!(page.has(&format!("a[href='/quarters/{slug}/call']")));
    let (status, page) = viewer.page(&review).await;
    assert_eq!(status, 200);
    assert!(!page.has(&format!("a[href='/quarters/{slug}/call']")));
    assert!(!page.has(&format!("a[href='/quarters/{slug}/inbox']")));
}
