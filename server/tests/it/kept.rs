//! Pages kept between requests (`server::kept_pages`): served again to the same reader
//! with a nonce of its own; rendered afresh after a save, for another reader, while a
//! notice waits in the session, and never past the session's limits.

use crate::harness::{Browser, TestApp};
use crate::status::{form, save};
use app::model::user::Role;
use chrono::TimeZone;

/// A page as the browser got it: how it was served, its body, its policy's nonce.
struct Seen {
    status: u16,
    how: String,
    body: String,
    nonce: String,
}

async fn see(browser: &Browser, path: &str) -> Seen {
    let res = browser
        .client
        .get(browser.url(path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let how = header(server::kept_pages::KEPT_HEADER);
    let policy = header("content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string();
    let status = res.status().as_u16();
    Seen {
        status,
        how,
        body: res.text().await.unwrap(),
        nonce,
    }
}

#[tokio::test]
async fn a_page_read_again_is_served_kept_with_a_nonce_of_its_own() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let first = see(&viewer, "/strategies/4.1.3").await;
    let again = see(&viewer, "/strategies/4.1.3").await;
    assert_eq!((first.status, first.how.as_str()), (200, "rendered"));
    assert_eq!((again.status, again.how.as_str()), (200, "kept"));
    assert!(!first.nonce.is_empty() && !again.nonce.is_empty());
    assert_ne!(
        first.nonce, again.nonce,
        "each response has a nonce of its own"
    );
    for seen in [&first, &again] {
        assert!(
            seen.body.contains(&format!("nonce=\"{}\"", seen.nonce)),
            "the page's scripts carry its policy's nonce"
        );
    }
    assert_eq!(
        again.body.replace(&again.nonce, "N"),
        first.body.replace(&first.nonce, "N"),
        "the kept page is the rendered one"
    );
    // A page that is not kept (a form) says nothing of the kind.
    let wg = app.signed_in(Role::WorkingGroup).await;
    let form_page = see(&wg, "/strategies/4.1.3/status").await;
    assert_eq!((form_page.status, form_page.how.as_str()), (200, ""));
}

#[tokio::test]
async fn a_save_shows_on_the_next_view_and_each_reader_gets_their_own_page() {
    let app = TestApp::settled().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let admin = app.signed_in(Role::Admin).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    see(&viewer, "/strategies/4.1.3").await;
    assert_eq!(see(&viewer, "/strategies/4.1.3").await.how, "kept");
    let text = "Kept-page check: the survey went out.";
    let back = save(&wg, "4.1.3", &form("0", "on_track", "40", text)).await;
    assert!(back.starts_with("/strategies/4.1.3"), "{back}");
    let after = see(&viewer, "/strategies/4.1.3").await;
    assert_eq!(after.how, "rendered", "a save makes the next view render");
    assert!(
        after.body.contains(text),
        "the viewer sees the save at once"
    );
    // Each reader's own page: the administrator's menu is not the viewer's.
    see(&admin, "/").await;
    let for_admin = see(&admin, "/").await;
    see(&viewer, "/").await;
    let for_viewer = see(&viewer, "/").await;
    assert_eq!(
        (for_admin.how.as_str(), for_viewer.how.as_str()),
        ("kept", "kept")
    );
    assert!(for_admin.body.contains("href=\"/admin/users\""));
    assert!(!for_viewer.body.contains("href=\"/admin/users\""));
}

#[tokio::test]
async fn a_notice_waits_for_a_page_rendered_afresh_and_is_shown_once() {
    let app = TestApp::settled().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    see(&wg, "/strategies/4.1.3").await;
    assert_eq!(see(&wg, "/strategies/4.1.3").await.how, "kept");
    save(&wg, "4.1.3", &form("0", "on_track", "40", "Notice check.")).await;
    let with_notice = see(&wg, "/strategies/4.1.3").await;
    assert_eq!(with_notice.how, "personal");
    assert!(
        with_notice.body.contains("pt-notice")
            && with_notice.body.contains("Status of strategy 4.1.3"),
        "the notice is shown on the page the save went back to"
    );
    let next = see(&wg, "/strategies/4.1.3").await;
    assert_eq!(
        next.how, "rendered",
        "the notice taken, pages are kept again"
    );
    assert!(!next.body.contains("pt-notice"), "shown once");
    assert_eq!(see(&wg, "/strategies/4.1.3").await.how, "kept");
}

#[tokio::test]
async fn a_kept_page_is_not_served_past_the_session_limit() {
    let auth = app::auth::AuthSettings {
        idle_timeout: chrono::Duration::hours(24),
        ..Default::default()
    };
    let app = TestApp::start_with(server::setup::FirstRunPlan::Bundled, auth).await;
    let at = |h, m, s, ms| {
        chrono::Utc.with_ymd_and_hms(2026, 11, 16, h, m, s).unwrap()
            + chrono::Duration::milliseconds(ms)
    };
    app.clock.set(at(8, 0, 0, 0));
    let viewer = app.signed_in(Role::Viewer).await;
    // Twelve hours on, to the millisecond: still signed in, and the page is kept.
    app.clock.set(at(20, 0, 0, 0));
    see(&viewer, "/goals/4").await;
    assert_eq!(see(&viewer, "/goals/4").await.how, "kept");
    // Half a second later, in the same minute: the session is over.
    app.clock.set(at(20, 0, 0, 500));
    let over = see(&viewer, "/goals/4").await;
    assert_eq!(over.status, 302, "signed out, not served the kept page");
}
