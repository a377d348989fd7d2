//! Personal access tokens (issue 21): made on the account page and shown once, stored
//! hashed, listed with scope, expiry and last use, revoked, audited; a token signs in
//! only while active, as its owner, never with more than the owner's role.

use crate::harness::{Browser, TestApp};
use app::model::token::Scope;
use app::model::user::Role;
use app::services::token::authenticate;

/// Posts the token form as a browser without JavaScript; returns where it led.
async fn make(browser: &Browser, name: &str, scope: &str, days: &str) -> reqwest::Response {
    let action = browser.action("/account/tokens", "create_token").await;
    browser
        .post_form(&action, &[("name", name), ("scope", scope), ("days", days)])
        .await
}

#[tokio::test]
async fn a_token_is_shown_once_signs_in_as_its_owner_until_revoked_or_expired() {
    let app = TestApp::with_excerpt().await;
    let manager = app.signed_in(Role::Manager).await;
    let (status, page) = manager.page("/account/tokens").await;
    assert_eq!(status, 200);
    assert!(page.has_text("You have no tokens yet."));

    // A name is required; what was typed comes back with the message.
    let res = make(&manager, "   ", "read", "30").await;
    assert!(res.status().is_redirection() || res.status() == 422);
    let (_, page) = manager.page("/account/tokens").await;
    assert!(page.has_text("Name the token"), "{}", page.text());
    assert_eq!(app.count("api_tokens").await, 0, "nothing half-saved");

    let res = make(&manager, "Finance sheet", "write", "30").await;
    assert!(res.status().is_redirection());
    let (_, page) = manager.page("/account/tokens").await;
    let secret = page.text_of("#new-token");
    assert!(secret.starts_with("plt_") && secret.len() == 44, "{secret}");
    assert!(page.has_text("shown only this once"));
    let (_, again) = manager.page("/account/tokens").await;
    assert!(!again.has_text(&secret), "shown once");
    assert!(again.has_text("Finance sheet") && again.has_text("Never used"));
    assert!(again.has_text("Read and write"));
    // Dates as every page writes them, not ISO (the app's date, and 30 days on).
    let today = app.clock.today();
    let expires = today + chrono::Days::new(30);
    assert!(
        again.has_text(&today.format("%-d %b %Y").to_string())
            && again.has_text(&expires.format("%-d %b %Y").to_string()),
        "{}",
        again.text()
    );
    assert!(!again.has_text(&today.format("%Y-%m-%d").to_string()));

    // Stored hashed: the token itself is nowhere in the database.
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM api_tokens")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_ne!(stored, secret);
    assert_eq!(stored.len(), 64);

    let (who, scope) = authenticate(&app.db, &secret, app.clock.now())
        .await
        .unwrap();
    assert_eq!(
        (who.username.as_str(), who.role, scope),
        ("manager", Role::Manager, Scope::Write)
    );
    let (_, used) = manager.page("/account/tokens").await;
    assert!(!used.has_text("Never used"), "last use is shown");
    assert!(authenticate(&app.db, "plt_0000", app.clock.now())
        .await
        .is_err());

    // Another person cannot revoke it; its owner can, and then it signs nothing in.
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM api_tokens")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let viewer = app.signed_in(Role::Viewer).await;
    let action = manager.action("/account/tokens", "revoke_token").await;
    viewer.post_form(&action, &[("id", &id.to_string())]).await;
    assert!(authenticate(&app.db, &secret, app.clock.now())
        .await
        .is_ok());
    let res = manager.post_form(&action, &[("id", &id.to_string())]).await;
    assert!(res.status().is_redirection());
    assert!(authenticate(&app.db, &secret, app.clock.now())
        .await
        .is_err());
    let (_, page) = manager.page("/account/tokens").await;
    assert!(page.has_text("Revoked"));

    // Expiry: a 7-day token works on day 6 and not on day 8.
    make(&manager, "Short", "read", "7").await;
    let (_, page) = manager.page("/account/tokens").await;
    let short = page.text_of("#new-token");
    let later = |days| app.clock.now() + chrono::Duration::days(days);
    assert!(authenticate(&app.db, &short, later(6)).await.is_ok());
    assert!(authenticate(&app.db, &short, later(8)).await.is_err());

    let (made,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE object_type = 'api_token'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(made, 3, "made, revoked, made: each audited");
}

#[tokio::test]
async fn a_disabled_owner_s_token_signs_nothing_in() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    make(&viewer, "Reader", "read", "90").await;
    let (_, page) = viewer.page("/account/tokens").await;
    let secret = page.text_of("#new-token");
    assert!(authenticate(&app.db, &secret, app.clock.now())
        .await
        .is_ok());
    sqlx::query("UPDATE users SET disabled = 1 WHERE username = 'viewer'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(authenticate(&app.db, &secret, app.clock.now())
        .await
        .is_err());
}
