//! Running several instances, health and readiness, limits.

use crate::harness::TestApp;
use app::model::user::Role;

#[tokio::test]
async fn two_instances_share_sessions_and_see_each_others_writes_at_once() {
    let a = TestApp::with_excerpt().await;
    let b = a.second_instance().await;
    let admin_on_a = a.signed_in(Role::Admin).await;
    let admin_on_b = admin_on_a.at(&b);
    let (status, page) = admin_on_b.page("/admin/users").await;
    assert_eq!(status, 200, "the session made on A is valid on B");
    assert!(!page.has_text("newcomer"));

    let add = admin_on_a.action("/admin/users", "add_user").await;
    admin_on_a
        .post_form(
            &add,
            &[
                ("username", "newcomer"),
                ("display_name", "New"),
                ("role", "viewer"),
            ],
        )
        .await;
    let (_, page) = admin_on_b.page("/admin/users").await;
    assert!(page.has_text("newcomer"), "a write through A is seen on B");

    let logout = admin_on_b.action("/", "logout").await;
    admin_on_b.post_form(&logout, &[]).await;
    let (status, _) = admin_on_a.page("/admin/users").await;
    assert_eq!(status, 302, "signing out on B ends the session on A too");
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::with_excerpt().await;
    let anon = app.anonymous();
    let (status, body) = anon.get("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok"));
    let (status, body) = anon.get("/readyz").await;
    assert_eq!((status, body.as_str()), (200, "ready"));
    app.close_database().await;
    let (status, _) = anon.page("/readyz").await;
    assert_eq!(status, 503, "database gone: not ready");
    let (status, _) = anon.page("/healthz").await;
    assert_eq!(status, 200, "the process is still up");
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let big = "x".repeat(5 * 1024 * 1024);
    let form = reqwest::multipart::Form::new().text("text", big);
    let res = admin
        .client
        .post(admin.url("/admin/import"))
        .multipart(form)
        .send()
        .await;
    // The server answers 413 as soon as it sees the length, and may close the connection
    // before the client has finished sending: either way the body was refused.
    match res {
        Ok(res) => assert_eq!(res.status().as_u16(), 413),
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    assert_eq!(app.count("import_drafts").await, 0);
}
