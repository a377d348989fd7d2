//! Forms that keep what was typed (issue 37): a refused form comes back to a clean
//! address, filled in as it was sent, with each problem beside its field; a refused
//! button comes back with its reason at the top of the page.

use crate::harness::{Browser, TestApp};
use app::model::user::Role;

/// Posts `form` to server function `name` found on `page`, as a browser without
/// JavaScript does; returns the status and where it goes back to.
async fn refused(browser: &Browser, page: &str, name: &str, form: &[(&str, &str)]) -> String {
    let action = browser.action(page, name).await;
    let res = browser
        .client
        .post(browser.url(&action))
        .header("accept", "text/html")
        .header("referer", browser.url(page))
        .form(form)
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_redirection(),
        "{name}: a plain form post is sent back ({})",
        res.status()
    );
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        !location.contains("__err") && !location.contains("__path"),
        "{name}: the address stays clean: {location}"
    );
    location
}

#[tokio::test]
async fn a_refused_add_user_comes_back_filled_in_with_the_problem_beside_its_field() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    app.create_user("vera", Role::Viewer).await;
    let before = app.count("users").await;
    let back = refused(
        &admin,
        "/admin/users",
        "add_user",
        &[
            ("username", "vera"),
            ("display_name", "Vera Quinn"),
            ("role", "working_group"),
        ],
    )
    .await;
    assert_eq!(back, "/admin/users#add-user");
    assert_eq!(app.count("users").await, before, "nothing was added");
    let (_, page) = admin.page("/admin/users").await;
    assert_eq!(page.value_of("username").as_deref(), Some("vera"));
    assert_eq!(page.value_of("display_name").as_deref(), Some("Vera Quinn"));
    assert_eq!(page.value_of("role").as_deref(), Some("working_group"));
    assert_eq!(
        page.text_of(".usa-form-group--error #new-username-error"),
        "The username \"vera\" is taken."
    );
    assert_eq!(
        page.attr_of("#new-username", "aria-describedby").as_deref(),
        Some("new-username-hint new-username-error")
    );
    // Shown once: the next visit has an empty form.
    let (_, again) = admin.page("/admin/users").await;
    assert_eq!(again.value_of("username").unwrap_or_default(), "");
    assert!(!again.has(".usa-form-group--error"));

    // Two problems at once, each beside its own field.
    refused(
        &admin,
        "/admin/users",
        "add_user",
        &[
            ("username", "X!"),
            ("display_name", " "),
            ("role", "manager"),
        ],
    )
    .await;
    let (_, page) = admin.page("/admin/users").await;
    assert_eq!(page.value_of("username").as_deref(), Some("X!"));
    assert_eq!(page.value_of("role").as_deref(), Some("manager"));
    assert!(page
        .text_of("#new-username-error")
        .starts_with("Use 3 to 32 characters"));
    assert_eq!(
        page.text_of("#new-display-error"),
        "Give a display name of up to 100 characters."
    );
}

#[tokio::test]
async fn a_refused_button_comes_back_with_its_reason_at_the_top_of_the_page() {
    let app = TestApp::with_excerpt().await;
    let me = app.signed_in(Role::Manager).await;
    let created = me.action("/account/tokens", "create_token").await;
    me.post_form(
        &created,
        &[("name", "Reporting"), ("scope", "read"), ("days", "30")],
    )
    .await;
    let (_, page) = me.page("/account/tokens").await;
    assert!(page.has_text("Reporting"));
    // Another tab revoked it meanwhile; this one's button names a token that is gone.
    let back = refused(&me, "/account/tokens", "revoke_token", &[("id", "999999")]).await;
    assert!(back.ends_with("/account/tokens"), "{back}");
    let (_, page) = me.page("/account/tokens").await;
    assert_eq!(
        page.text_of(".usa-alert--error .pt-notice"),
        "You have no token 999999."
    );
    let (_, again) = me.page("/account/tokens").await;
    assert!(!again.has(".usa-alert--error"), "shown once");
}

#[tokio::test]
async fn a_refused_milestone_and_a_refused_account_edit_come_back_as_typed() {
    let app = TestApp::with_excerpt().await;
    let group = app.signed_in(Role::WorkingGroup).await;
    let back = refused(
        &group,
        "/ip/2027",
        "add_ip_milestone",
        &[
            ("fiscal_year", "2027"),
            ("strategy", "4.1.3"),
            ("quarter", "2"),
            ("description", " "),
        ],
    )
    .await;
    assert_eq!(back, "/ip/2027#add-milestone");
    let (_, page) = group.page("/ip/2027").await;
    assert_eq!(page.value_of("strategy").as_deref(), Some("4.1.3"));
    assert_eq!(page.value_of("quarter").as_deref(), Some("2"));
    assert_eq!(
        page.text_of(".usa-form-group--error #ms-description-error"),
        "Describe the milestone in under 1,000 characters."
    );

    let admin = app.signed_in(Role::Admin).await;
    let id = app.create_user("hana", Role::Viewer).await;
    let path = format!("/admin/users/{id}");
    let (_, page) = admin.page(&path).await;
    let version = page.value_of("version").unwrap();
    let back = refused(
        &admin,
        &path,
        "update_user",
        &[
            ("id", &id.to_string()),
            ("version", &version),
            ("display_name", "   "),
            ("role", "manager"),
            ("disabled", "on"),
        ],
    )
    .await;
    assert_eq!(back, format!("{path}#account-heading"));
    let (_, page) = admin.page(&path).await;
    assert_eq!(page.value_of("display_name").as_deref(), Some("   "));
    assert_eq!(page.value_of("role").as_deref(), Some("manager"));
    assert!(page.has("#disabled[checked]"));
    assert!(page
        .text_of("#account-heading ~ form .usa-alert--error")
        .contains("Give a display name of up to 100 characters."));
}

#[tokio::test]
async fn the_strategy_picker_opens_only_the_goals_with_picked_strategies() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let id = app.create_user("picker", Role::Manager).await;
    crate::status::assign(&app, "picker", "4.1.3").await;
    let (_, page) = admin.page(&format!("/admin/users/{id}")).await;
    let goals = page.count("details.pt-picker-goal");
    assert!(goals >= 2, "a group per goal");
    assert_eq!(
        page.count("details.pt-picker-goal[open]"),
        1,
        "only goal 4's"
    );
    assert!(page
        .text_of("details.pt-picker-goal[open] summary")
        .contains("(1 of "));
    assert!(!page.text().contains("0 >"), "no stray text");
}
