//! Sign-in, sessions, cookies, CSRF, throttling, passwords, audit trail, user admin.

use crate::harness::{TestApp, TEST_PASSWORD};
use app::auth::AuthSettings;
use app::model::user::Role;
use server::setup::FirstRunPlan;

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("plantrack"))
        .map(str::to_string)
}

#[tokio::test]
async fn anonymous_visitors_see_only_the_sign_in_page() {
    let app = TestApp::with_excerpt().await;
    let anon = app.anonymous();
    for path in [
        "/",
        "/goals/4",
        "/strategies/4.1.3",
        "/admin/users",
        "/admin/audit",
    ] {
        let res = anon
            .client
            .get(anon.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 302, "{path}");
        let location = res.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/login?next="), "{path} → {location}");
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("Information Technology"),
            "{path} leaked plan text"
        );
    }
    let (status, html) = anon.page("/login").await;
    assert_eq!(status, 200);
    assert!(html.has_text("Sign in"));
}

#[tokio::test]
async fn public_read_mode_lets_anonymous_visitors_read_but_not_change() {
    let settings = AuthSettings {
        public_read: true,
        ..AuthSettings::default()
    };
    let app = TestApp::start_with(FirstRunPlan::Bundled, settings).await;
    let anon = app.anonymous();
    let (status, html) = anon.page("/goals/4").await;
    assert_eq!(status, 200);
    assert!(html.has_text("Information Technology"));
    let (status, _) = anon.page("/admin/users").await;
    assert_eq!(status, 302);
}

#[tokio::test]
async fn sign_in_cycles_the_session_id_and_sets_safe_cookie_flags() {
    let app = TestApp::with_excerpt().await;
    app.create_user("ann", Role::Viewer).await;
    let browser = app.anonymous();
    // A failed attempt gives an anonymous session id (with the pending failure redirect).
    let failed = browser.login("ann", "not-the-password").await;
    assert_eq!(failed.status().as_u16(), 302);
    assert!(failed.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=invalid"));
    let ok = browser.login("ann", TEST_PASSWORD).await;
    assert_eq!(ok.headers()["location"], "/");
    let cookie = session_cookie(&ok).expect("session cookie set at sign-in");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "no TLS configured: {cookie}");
    let (status, _) = browser.page("/goals/4").await;
    assert_eq!(status, 200);

    // Session fixation: an id planted before sign-in is not the id after it.
    let other = app.anonymous();
    let planted = "plantrack_session=fixed-by-attacker";
    let action = other.action("/login", "login").await;
    let res = other
        .client
        .post(other.url(&action))
        .header("cookie", planted)
        .header("accept", "text/html")
        .form(&[
            ("username", "ann"),
            ("password", TEST_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    let new_cookie = session_cookie(&res).expect("new session cookie");
    assert!(!new_cookie.contains("fixed-by-attacker"));
}

#[tokio::test]
async fn signing_in_over_a_signed_in_session_gives_a_new_session_id() {
    let app = TestApp::with_excerpt().await;
    app.create_user("ann", Role::Viewer).await;
    app.create_user("bob", Role::Manager).await;
    let browser = app.anonymous();
    let first = browser.login("ann", TEST_PASSWORD).await;
    let ann = session_cookie(&first).expect("cookie at ann's sign-in");
    let second = browser.login("bob", TEST_PASSWORD).await;
    assert_eq!(second.headers()["location"], "/");
    let bob = session_cookie(&second).expect("a new cookie at bob's sign-in");
    let id = |c: &str| c.split(';').next().unwrap().to_string();
    assert_ne!(id(&ann), id(&bob), "the second sign-in kept the first id");
    // The first session id no longer signs anyone in.
    let stale = app.anonymous();
    let res = stale
        .client
        .get(stale.url("/goals/4"))
        .header("cookie", id(&ann))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302, "the old id still works");
}

#[tokio::test]
async fn after_sign_in_only_a_path_on_this_site_is_followed() {
    let app = TestApp::with_excerpt().await;
    app.create_user("ann", Role::Viewer).await;
    for (next, expected) in [
        ("/goals/4", "/goals/4"),
        (
            "/strategies/4.1.3?quarter=2027-Q1",
            "/strategies/4.1.3?quarter=2027-Q1",
        ),
        ("/\t/evil.example", "/"),
        ("/\tevil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/%09/evil.example", "/%09/evil.example"),
        ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ("javascript:alert(1)", "/"),
    ] {
        let browser = app.anonymous();
        let action = browser.action("/login", "login").await;
        let res = browser
            .post_form(
                &action,
                &[
                    ("username", "ann"),
                    ("password", TEST_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 302, "{next:?}");
        let location = res.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(location, expected, "next = {next:?}");
    }
}

#[tokio::test]
async fn secure_cookies_use_the_host_prefix() {
    let settings = AuthSettings {
        secure_cookies: true,
        ..AuthSettings::default()
    };
    let app = TestApp::start_with(FirstRunPlan::Bundled, settings).await;
    app.create_user("ann", Role::Viewer).await;
    let res = app.anonymous().login("ann", TEST_PASSWORD).await;
    let cookie = session_cookie(&res).unwrap();
    assert!(cookie.starts_with("__Host-plantrack="), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let action = viewer.action("/", "logout").await;
    let res = viewer.post_form(&action, &[]).await;
    assert_eq!(res.headers()["location"], "/login?signed_out=1");
    let (status, _) = viewer.page("/goals/4").await;
    assert_eq!(status, 302);
}

#[tokio::test]
async fn repeated_failures_are_throttled_even_with_the_right_password() {
    let app = TestApp::with_excerpt().await;
    app.create_user("bob", Role::Viewer).await;
    let browser = app.anonymous();
    for _ in 0..5 {
        let res = browser.login("bob", "wrong-password-123").await;
        assert_eq!(res.status().as_u16(), 302);
    }
    let res = browser.login("bob", TEST_PASSWORD).await;
    assert_eq!(res.status().as_u16(), 302);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=throttled"));
    let (status, _) = browser.page("/goals/4").await;
    assert_eq!(status, 302, "still signed out");
    // Another account from the same address is still allowed (per-account limit).
    app.create_user("cy", Role::Viewer).await;
    let res = browser.login("cy", TEST_PASSWORD).await;
    assert_eq!(res.headers()["location"], "/");
    assert_eq!(
        app.count("login_failures").await,
        5,
        "refused attempts are not checked, so not counted"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let action = admin.action("/admin/users", "add_user").await;
    let form = [
        ("username", "mallory"),
        ("display_name", "M"),
        ("role", "admin"),
    ];
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = admin
            .client
            .post(admin.url(&action))
            .header(header, value)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{header}: {value}");
    }
    assert_eq!(app.count("users").await, 1);
    // The same request from the app's own origin goes through.
    let own = admin.url("");
    let res = admin
        .client
        .post(admin.url(&action))
        .header("origin", own.trim_end_matches('/'))
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(app.count("users").await, 2);
}

#[tokio::test]
async fn changing_a_password_checks_the_rules_and_the_current_password() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let action = viewer.action("/account/password", "change_password").await;
    let attempt = |current: &'static str, new: &'static str, confirm: &'static str| {
        let action = action.clone();
        let viewer = &viewer;
        async move {
            let res = viewer
                .post_form(
                    &action,
                    &[("current", current), ("new", new), ("confirm", confirm)],
                )
                .await;
            res.headers()["location"].to_str().unwrap().to_string()
        }
    };
    assert_eq!(
        attempt(
            "wrong-current-pw",
            "tide-river-lantern",
            "tide-river-lantern"
        )
        .await,
        "/account/password?error=current"
    );
    assert_eq!(
        attempt(TEST_PASSWORD, "short", "short").await,
        "/account/password?error=short"
    );
    assert_eq!(
        attempt(TEST_PASSWORD, "1qaz2wsx3edc", "1qaz2wsx3edc").await,
        "/account/password?error=common"
    );
    assert_eq!(
        attempt(TEST_PASSWORD, "tide-river-lantern", "tide-river-lanterx").await,
        "/account/password?error=mismatch"
    );
    let (_, page) = viewer.page("/account/password?error=common").await;
    assert!(page.has_text("commonly used passwords"));
    assert_eq!(
        attempt(TEST_PASSWORD, "tide-river-lantern", "tide-river-lantern").await,
        "/"
    );
    let fresh = app.anonymous();
    let old = fresh.login("viewer", TEST_PASSWORD).await;
    assert!(old.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error"));
    assert_eq!(
        fresh.login("viewer", "tide-river-lantern").await.headers()["location"],
        "/"
    );
}

#[tokio::test]
async fn administrators_manage_users_and_every_change_is_audited() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let audit_before = app.count("audit_log").await;

    let add = admin.action("/admin/users", "add_user").await;
    let res = admin
        .post_form(
            &add,
            &[
                ("username", "maria"),
                ("display_name", "<script>alert(1)</script>"),
                ("role", "manager"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/admin/users");
    let (_, html) = admin.get("/admin/users").await;
    let page = crate::page::Page::parse(&html);
    assert!(
        page.has_text("Their temporary password is"),
        "generated password shown once"
    );
    // The display name is escaped in the markup, and reads as typed.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(page.has_text("<script>alert(1)</script>"));
    let (_, again) = admin.page("/admin/users").await;
    assert!(
        !again.has_text("Their temporary password is"),
        "and only once"
    );

    let (maria_id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'maria'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let id = maria_id.to_string();
    let assign = admin.action("/admin/users/1", "assign_strategies").await;
    admin
        .post_form(
            &assign,
            &[
                ("id", &id),
                ("version", "1"),
                ("strategies", "4.1.1, 4.1.2"),
            ],
        )
        .await;
    let bad = admin
        .post_form(
            &assign,
            &[("id", &id), ("version", "2"), ("strategies", "9.9.9")],
        )
        .await;
    assert!(!bad.status().is_success() || bad.headers().get("location").is_some());
    assert_eq!(
        app.count("strategy_assignments").await,
        2,
        "unknown number wrote nothing"
    );

    let update = admin.action("/admin/users/1", "update_user").await;
    admin
        .post_form(
            &update,
            &[
                ("id", &id),
                ("version", "2"),
                ("display_name", "Maria"),
                ("role", "manager"),
                ("disabled", "on"),
            ],
        )
        .await;
    let reset = admin
        .action("/admin/users/1?confirm=reset", "reset_password")
        .await;
    admin.post_form(&reset, &[("id", &id)]).await;

    let actions: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT username, action, object_type FROM audit_log WHERE id > $1 ORDER BY id",
    )
    .bind(audit_before)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let kinds: Vec<&str> = actions.iter().map(|(_, a, _)| a.as_str()).collect();
    assert_eq!(kinds, ["create", "assign", "update", "reset_password"]);
    assert!(actions
        .iter()
        .all(|(who, _, what)| who == "admin" && what == "user"));

    // Disabled: cannot sign in.
    let res = app.anonymous().login("maria", "whatever-password").await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error"));

    // The audit page lists them, filtered by user.
    let (_, audit) = admin.page("/admin/audit?user=admin").await;
    assert!(audit.has_text("Reset the password of user maria"));
    // Audit rows cannot be changed or removed, even directly.
    assert!(sqlx::query("UPDATE audit_log SET username = 'x'")
        .execute(app.db.pool())
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(app.db.pool())
        .await
        .is_err());
}

#[tokio::test]
async fn an_import_is_audited_per_changed_item() {
    let app = TestApp::with_excerpt().await;
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'strategy' AND action = 'create'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 30, "the first-run import recorded each strategy");
}

#[tokio::test]
async fn a_forced_password_change_comes_first() {
    let app = TestApp::with_excerpt().await;
    let id = app.create_user("newbie", Role::Viewer).await;
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let browser = app.anonymous();
    let res = browser.login("newbie", TEST_PASSWORD).await;
    assert_eq!(res.headers()["location"], "/account/password");
    let res = browser
        .client
        .get(browser.url("/goals/4"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/account/password");
    // Not only the pages: every server function (the matrix test walks them all) and
    // plain route but changing the password and signing out is refused until then.
    assert_eq!(browser.get("/csv/app/2027").await.0, 403);
    let change = browser.action("/account/password", "change_password").await;
    let new = "tide-river-lantern";
    let res = browser
        .post_form(
            &change,
            &[("current", TEST_PASSWORD), ("new", new), ("confirm", new)],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(browser.get("/csv/app/2027").await.0, 200);
}

#[test]
fn the_command_line_adds_users_without_a_default_password() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let bin = env!("CARGO_BIN_EXE_plantrack");
    let out = std::process::Command::new(bin)
        .args([
            "--database-url",
            &url,
            "user",
            "add",
            "root-admin",
            "--role",
            "admin",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("password"))
        .expect("password printed once");
    let generated = line.rsplit(' ').next().unwrap();
    assert_eq!(generated.len(), 20);

    let mut child = std::process::Command::new(bin)
        .args([
            "--database-url",
            &url,
            "user",
            "add",
            "scripted",
            "--role",
            "viewer",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "a weak password is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12"));
}

#[tokio::test]
async fn password_changes_and_imports_are_audited_too() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let change = admin.action("/account/password", "change_password").await;
    admin
        .post_form(
            &change,
            &[
                ("current", TEST_PASSWORD),
                ("new", "tide-river-lantern"),
                ("confirm", "tide-river-lantern"),
            ],
        )
        .await;
    let form =
        reqwest::multipart::Form::new().text("text", "Goal 1: A: B.\nObjective 1.1: C\n1.1.1: D\n");
    let res = admin
        .client
        .post(admin.url("/admin/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let preview = res.headers()["location"].to_str().unwrap().to_string();
    let commit = admin.action(&preview, "commit_import").await;
    let id = preview.rsplit('/').next().unwrap();
    admin.post_form(&commit, &[("draft_id", id)]).await;
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, object_type, object_key FROM audit_log WHERE username = 'admin' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let rows: Vec<String> = rows
        .into_iter()
        .map(|(a, t, k)| format!("{a} {t} {k}"))
        .collect();
    assert_eq!(
        rows,
        [
            "change_password user admin".to_string(),
            format!("create import_draft {id}"),
            "create plan plan".into(),
            "create goal 1".into(),
            "create objective 1.1".into(),
            "create strategy 1.1.1".into(),
            // The first import is the plan's revision 1.
            "revise revision revision 1".into(),
        ]
    );
}

#[tokio::test]
async fn twenty_failures_from_one_address_throttle_every_account_there_with_429() {
    let app = TestApp::with_excerpt().await;
    app.create_user("dana", Role::Viewer).await;
    let browser = app.anonymous();
    // 4 failures each for 5 names: under the per-account limit, at the per-address one.
    for name in ["n1", "n2", "n3", "n4", "n5"] {
        for _ in 0..4 {
            let res = browser.login(name, "wrong-password-123").await;
            assert_eq!(res.status().as_u16(), 302);
        }
    }
    assert_eq!(app.count("login_failures").await, 20);
    let res = browser.login("dana", TEST_PASSWORD).await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=throttled"));
    // A script (no HTML wanted) is told 429 Too Many Requests.
    let action = browser.action("/login", "login").await;
    let res = browser
        .client
        .post(browser.url(&action))
        .form(&[("username", "dana"), ("password", TEST_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);
    let (status, _) = browser.page("/goals/4").await;
    assert_eq!(status, 302, "still signed out");
}

#[tokio::test]
async fn the_audit_trail_filters_by_date_with_the_end_day_included() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    for (at, key) in [
        ("2026-01-09T23:59:59.000Z", "before-range"),
        ("2026-01-10T00:00:00.000Z", "first-day"),
        ("2026-01-31T23:59:59.000Z", "last-day"),
        ("2026-02-01T00:00:00.000Z", "after-range"),
    ] {
        sqlx::query(
            "INSERT INTO audit_log (at, username, action, object_type, object_key)
             VALUES ($1, 'historian', 'note', 'test', $2)",
        )
        .bind(at)
        .bind(key)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let (_, page) = admin
        .page("/admin/audit?user=historian&from=2026-01-10&to=2026-01-31")
        .await;
    assert!(page.has_text("first-day"), "{}", page.text());
    assert!(page.has_text("last-day"));
    assert!(!page.has_text("before-range"));
    assert!(!page.has_text("after-range"));
}

/// A browser whose requests say (to a trusted proxy's header) they come from `ip`.
fn from_address(app: &TestApp, ip: &str) -> crate::harness::Browser {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", ip.parse().unwrap());
    crate::harness::Browser {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .unwrap(),
        base: app.anonymous().base,
    }
}

async fn behind_a_proxy() -> TestApp {
    let settings = AuthSettings {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..AuthSettings::default()
    };
    TestApp::start_with(FirstRunPlan::Bundled, settings).await
}

#[tokio::test]
async fn a_burst_of_concurrent_wrong_passwords_is_checked_at_most_five_times() {
    let app = TestApp::with_excerpt().await;
    app.create_user("erin", Role::Viewer).await;
    let browser = app.anonymous();
    let action = browser.action("/login", "login").await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let client = browser.client.clone();
        let url = browser.url(&action);
        attempts.spawn(async move {
            let res = client
                .post(url)
                .form(&[("username", "erin"), ("password", "wrong-password-123")])
                .send()
                .await
                .unwrap();
            res.status().as_u16()
        });
    }
    let statuses = attempts.join_all().await;
    let checked = statuses.iter().filter(|&&s| s == 422).count();
    let throttled = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!(checked + throttled, 40, "{statuses:?}");
    assert_eq!(checked, 5, "only five were checked against the password");
    assert_eq!(app.count("login_failures").await, 5);
}

#[tokio::test]
async fn an_attacker_elsewhere_cannot_lock_the_owner_out() {
    let app = behind_a_proxy().await;
    app.create_user("fay", Role::Viewer).await;
    let attacker = from_address(&app, "203.0.113.9");
    for _ in 0..8 {
        attacker.login("fay", "wrong-password-123").await;
    }
    let res = attacker.login("fay", TEST_PASSWORD).await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=throttled"));
    // The owner, from their own address, signs in; so does anyone else from a third.
    let owner = from_address(&app, "198.51.100.7");
    let res = owner.login("fay", TEST_PASSWORD).await;
    assert_eq!(res.headers()["location"], "/");
    // The attacker's failures still count after the owner's success.
    let res = attacker.login("fay", TEST_PASSWORD).await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=throttled"));
}

#[tokio::test]
async fn a_forwarded_for_header_counts_only_from_a_trusted_proxy() {
    // No trusted proxy: the header is the client's claim and is ignored, so changing it
    // does not escape the limit.
    let app = TestApp::with_excerpt().await;
    app.create_user("gus", Role::Viewer).await;
    for i in 0..5 {
        let browser = from_address(&app, &format!("198.51.100.{i}"));
        browser.login("gus", "wrong-password-123").await;
    }
    let res = from_address(&app, "198.51.100.99")
        .login("gus", TEST_PASSWORD)
        .await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?error=throttled"));
}

#[tokio::test]
async fn an_overlong_username_is_refused_before_anything_is_stored() {
    let app = TestApp::with_excerpt().await;
    let browser = app.anonymous();
    let long = "a".repeat(151);
    let res = browser.login(&long, "wrong-password-123").await;
    assert_eq!(res.status().as_u16(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/login?error=invalid"), "{location}");
    assert!(!location.contains(&long));
    assert_eq!(app.count("login_failures").await, 0);
}

/// An account's current version.
async fn version_of(app: &TestApp, id: i64) -> String {
    let (v,): (i64,) = sqlx::query_as("SELECT version FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    v.to_string()
}

#[tokio::test]
async fn an_account_edited_from_a_stale_form_is_refused_with_what_it_is_now() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let other = app.signed_in_as("second-admin", Role::Admin).await;
    let id = app.create_user("hana", Role::Viewer).await;
    let opened = version_of(&app, id).await;
    let update = admin.action("/admin/users/1", "update_user").await;
    let id_s = id.to_string();
    let first = other
        .post_form(
            &update,
            &[
                ("id", &id_s),
                ("version", &opened),
                ("display_name", "Hana K."),
                ("role", "manager"),
            ],
        )
        .await;
    assert_eq!(first.status().as_u16(), 302);
    let audit = app.count("audit_log").await;
    // The first administrator's form still shows the old version.
    let res = admin
        .client
        .post(admin.url(&update))
        .form(&[
            ("id", id_s.as_str()),
            ("version", opened.as_str()),
            ("display_name", "Hana"),
            ("role", "working_group"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    let answer = res.text().await.unwrap();
    assert!(answer.contains("Someone else changed hana"), "{answer}");
    assert!(answer.contains("Hana K."), "{answer}");
    let (name, role): (String, String) =
        sqlx::query_as("SELECT display_name, role FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((name.as_str(), role.as_str()), ("Hana K.", "manager"));
    assert_eq!(app.count("audit_log").await, audit, "nothing written");
    // Assignments from a stale form are refused the same way.
    let assign = admin.action("/admin/users/1", "assign_strategies").await;
    let res = admin
        .client
        .post(admin.url(&assign))
        .form(&[
            ("id", id_s.as_str()),
            ("version", opened.as_str()),
            ("strategies", "4.1.1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    assert_eq!(app.count("strategy_assignments").await, 0);
}

#[tokio::test]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    let app = TestApp::with_excerpt().await;
    for round in 0..8 {
        let (a, b) = (format!("admin-a{round}"), format!("admin-b{round}"));
        let browser_a = app.signed_in_as(&a, Role::Admin).await;
        let browser_b = app.signed_in_as(&b, Role::Admin).await;
        // Every other administrator is disabled, so these two are the only active ones.
        sqlx::query(
            "UPDATE users SET disabled = 1 WHERE role = 'admin' AND username NOT IN ($1, $2)",
        )
        .bind(&a)
        .bind(&b)
        .execute(app.db.pool())
        .await
        .unwrap();
        let id_of = |name: String| {
            let pool = app.db.pool().clone();
            async move {
                let (id, v): (i64, i64) =
                    sqlx::query_as("SELECT id, version FROM users WHERE username = $1")
                        .bind(name)
                        .fetch_one(&pool)
                        .await
                        .unwrap();
                (id.to_string(), v.to_string())
            }
        };
        let ((id_a, v_a), (id_b, v_b)) = (id_of(a.clone()).await, id_of(b.clone()).await);
        let update = browser_a.action("/admin/users/1", "update_user").await;
        let demote = |browser: &crate::harness::Browser, id: String, v: String| {
            let client = browser.client.clone();
            let url = browser.url(&update);
            async move {
                client
                    .post(url)
                    .form(&[
                        ("id", id.as_str()),
                        ("version", v.as_str()),
                        ("display_name", "Demoted"),
                        ("role", "viewer"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        };
        let (one, two) = tokio::join!(demote(&browser_a, id_b, v_b), demote(&browser_b, id_a, v_a));
        let (admins,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(admins, 1, "round {round}: answers {one} and {two}");
    }
}
