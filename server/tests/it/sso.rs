//! Single sign-on against a real OpenID Connect provider: `oidc-provider` from npm (the
//! OpenID Certified Node.js provider), started from `end2end/oidc/provider.mjs` on a
//! loopback port. The code flow is walked as a browser without JavaScript walks it:
//! plantrack's button, the provider's sign-in and consent forms, the callback.

use crate::harness::{Browser, TestApp, TEST_PASSWORD};
use crate::page::Page;
use app::auth::AuthSettings;
use app::model::oidc::{check, OidcInput};
use app::model::user::Role;
use std::path::PathBuf;
use std::process::Stdio;

/// A running test provider, stopped when dropped.
pub struct Provider {
    pub port: u16,
    child: std::process::Child,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The provider script.
fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end/oidc/provider.mjs")
}

/// A free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl Provider {
    /// Starts the provider for the plantrack site `site`, with the `private_key_jwt`
    /// client's public keys when `jwks` is given, and waits until discovery answers; on
    /// another port when the one picked was taken meanwhile.
    pub async fn start(site: &str, jwks: Option<PathBuf>) -> Provider {
        let modules =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end/node_modules/oidc-provider");
        assert!(
            modules.exists(),
            "{} is missing: run scripts/setup.sh (npm ci in end2end)",
            modules.display()
        );
        for _ in 0..3 {
            if let Some(provider) = Self::try_start(free_port(), site, jwks.as_deref()).await {
                return provider;
            }
        }
        panic!("the test provider did not start");
    }

    /// The provider on `port`, or `None` when it stopped at start (the port was taken).
    async fn try_start(port: u16, site: &str, jwks: Option<&std::path::Path>) -> Option<Provider> {
        let mut command = std::process::Command::new("node");
        command
            .arg(script())
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_REDIRECTS", site)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(jwks) = jwks {
            command
                .env("OIDC_CLIENT_JWKS", jwks)
                .env("OIDC_ACR", "urn:test:loa:2")
                // Claims from userinfo only, as Login.gov serves them.
                .env("OIDC_USERINFO_ONLY", "1");
        }
        let mut child = command.spawn().expect("node starts the test provider");
        let discovery = format!("http://127.0.0.1:{port}/.well-known/openid-configuration");
        // Up to a minute: node is slow to start while the other tests load the machine.
        for _ in 0..1200 {
            if let Ok(Some(_)) = child.try_wait() {
                return None;
            }
            if let Ok(res) = reqwest::get(&discovery).await {
                if res.status().is_success() {
                    return Some(Provider { port, child });
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the test provider did not answer on port {port} in a minute");
    }

    /// The provider replaces its signing key (a key rotation).
    pub async fn rotate_keys(&self) {
        let url = format!("{}/test/rotate", self.issuer());
        let res = reqwest::Client::new().post(url).send().await.unwrap();
        assert!(res.status().is_success());
    }

    /// The issuer URL.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Sets the groups the provider gives `login`.
    pub async fn set_groups(&self, login: &str, groups: &str) {
        let url = format!("{}/test/groups", self.issuer());
        let res = reqwest::Client::new()
            .post(url)
            .query(&[("login", login), ("groups", groups)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
    }

    /// Makes the next token answer misbehave: `audience` or `unknown-key`.
    pub async fn misbehave_once(&self, mode: &str) {
        let url = format!("{}/test/mode", self.issuer());
        let res = reqwest::Client::new()
            .post(url)
            .query(&[("next", mode)])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
    }
}

/// The settings for plantrack at `site` signing in through `provider` with the secret
/// client, changed by `with`.
pub fn settings(
    provider: &Provider,
    site: &str,
    with: impl FnOnce(&mut OidcInput),
) -> AuthSettings {
    let mut input = OidcInput {
        issuer: Some(provider.issuer()),
        client_id: Some("plantrack".into()),
        client_secret: Some("plantrack-test-secret".into()),
        scopes: Some("openid email profile groups".into()),
        button_label: Some("Test provider".into()),
        role_map: Some("working_group=spwg,admin=plantrack-admins".into()),
        provision: true,
        public_url: Some(site.into()),
        ..OidcInput::default()
    };
    with(&mut input);
    AuthSettings {
        oidc: check(&input).expect("test settings"),
        ..AuthSettings::default()
    }
}

/// plantrack and the provider, configured for each other.
pub async fn start(with: impl FnOnce(&mut OidcInput)) -> (TestApp, Provider) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let provider = Provider::start(&site, None).await;
    let app = TestApp::start_bound(listener, settings(&provider, &site, with)).await;
    (app, provider)
}

/// The `Location` of a redirect, absolute, against `base`.
fn location(res: &reqwest::Response) -> String {
    let to = res
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect: {}", res.status()))
        .to_str()
        .unwrap()
        .to_string();
    res.url().join(&to).unwrap().to_string()
}

/// Presses "Sign in with …" on the sign-in page: the provider's authorization URL.
pub async fn press_button(browser: &Browser, next: &str) -> String {
    let (status, page) = browser.page("/login").await;
    assert_eq!(status, 200);
    assert!(
        page.has_text("Sign in with Test provider"),
        "{}",
        page.text()
    );
    let action = page
        .form_action("/auth/oidc/start")
        .expect("the provider's button");
    let res = browser.post_form(&action, &[("next", next)]).await;
    assert_eq!(res.status().as_u16(), 303);
    location(&res)
}

/// Walks the provider's pages from `auth_url` as `login` (sign-in form, consent form):
/// the URL it sends the browser back to plantrack with, not yet followed.
pub async fn at_provider(browser: &Browser, auth_url: &str, login: &str) -> String {
    let mut url = auth_url.to_string();
    for _ in 0..12 {
        if url.starts_with(&browser.base) {
            return url;
        }
        let res = browser.client.get(&url).send().await.unwrap();
        if res.status().is_redirection() {
            url = location(&res);
            continue;
        }
        let here = res.url().clone();
        let html = res.text().await.unwrap();
        let page = Page::parse(&html);
        let action = page
            .attr_of("form[method=\"post\"]", "action")
            .unwrap_or_else(|| panic!("no provider form at {here}: {}", page.text()));
        let action = here.join(&action).unwrap();
        let form: Vec<(&str, &str)> = if html.contains("value=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        let res = browser
            .client
            .post(action)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        url = location(&res);
    }
    panic!("the provider never sent the browser back");
}

/// Signs in through the provider as `login`: the callback's answer.
pub async fn sign_in(browser: &Browser, login: &str, next: &str) -> reqwest::Response {
    let auth_url = press_button(browser, next).await;
    let back = at_provider(browser, &auth_url, login).await;
    browser.client.get(back).send().await.unwrap()
}

/// The refusal message the sign-in page shows after `res` (a redirect to it).
async fn refused_with(browser: &Browser, res: reqwest::Response) -> String {
    assert_eq!(res.status().as_u16(), 303);
    let to = location(&res);
    assert!(to.contains("/login?error=sso-"), "{to}");
    let (status, page) = browser.page(&to.replacen(&browser.base, "", 1)).await;
    assert_eq!(status, 200);
    page.text_of(".usa-alert--error")
}

/// Runs `sql` (an UPDATE of `users` by `$1`) for account `id`: the test's setup.
async fn change_user(app: &TestApp, sql: &str, id: i64) {
    sqlx::query(sql)
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
}

/// The role of account `username`.
async fn role_of(app: &TestApp, username: &str) -> String {
    let (role,): (String,) = sqlx::query_as("SELECT role FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    role
}

/// Audit rows of single sign-on with this action.
async fn audited(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'sign_in' AND action = $1",
    )
    .bind(action)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    n
}

#[tokio::test]
async fn a_new_person_signs_in_through_the_provider_with_the_role_their_group_maps_to() {
    let (app, provider) = start(|_| {}).await;
    let ada = app.anonymous();
    let res = sign_in(&ada, "ada", "").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), ada.url("/"));
    let (status, page) = ada.page("/").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Ada Example"), "{}", page.text());
    assert_eq!(role_of(&app, "ada").await, "working_group");
    // A group with no mapping: a viewer; and `next` is followed within the site.
    let bob = app.anonymous();
    let res = sign_in(&bob, "bob", "/goals/4").await;
    assert_eq!(location(&res), bob.url("/goals/4"));
    assert_eq!(role_of(&app, "bob").await, "viewer");
    assert_eq!(audited(&app, "sign_in").await, 2);
    // The role follows the groups at each sign-in, and the change is audited.
    provider.set_groups("ada", "staff").await;
    let again = app.anonymous();
    assert_eq!(sign_in(&again, "ada", "").await.status().as_u16(), 303);
    assert_eq!(role_of(&app, "ada").await, "viewer");
    let (changes,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'user' AND action = 'update'
           AND object_key = 'ada'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(changes, 1);
    // Provisioned accounts have no password that signs in.
    let res = app.anonymous().login("ada", TEST_PASSWORD).await;
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .contains("error=invalid"));
}

#[tokio::test]
async fn an_account_is_linked_by_its_verified_e_mail_and_a_disabled_one_is_refused() {
    let (app, _provider) = start(|i| i.provision = false).await;
    let carol = app.create_user("carol", Role::Manager).await;
    change_user(
        &app,
        "UPDATE users SET email = 'Carol@example.gov' WHERE id = $1",
        carol,
    )
    .await;
    let browser = app.anonymous();
    let res = sign_in(&browser, "carol", "").await;
    // A manager with nowhere asked for lands on their updates.
    assert_eq!(location(&res), browser.url("/my"));
    assert_eq!(app.count("sso_links").await, 1);
    assert_eq!(audited(&app, "link").await, 1);
    // Nobody is created without --oidc-provision, and an unverified e-mail links nobody.
    let unverified = app.create_user("unverified-dan", Role::Viewer).await;
    change_user(
        &app,
        "UPDATE users SET email = 'unverified-dan@example.gov' WHERE id = $1",
        unverified,
    )
    .await;
    for login in ["erin", "unverified-dan"] {
        let b = app.anonymous();
        let message = refused_with(&b, sign_in(&b, login, "").await).await;
        assert!(
            message.contains("no plantrack account is linked"),
            "{message}"
        );
    }
    assert_eq!(app.count("sso_links").await, 1);
    // A disabled account is refused even though the provider said yes.
    change_user(&app, "UPDATE users SET disabled = 1 WHERE id = $1", carol).await;
    let b = app.anonymous();
    let message = refused_with(&b, sign_in(&b, "carol", "").await).await;
    assert!(message.contains("disabled"), "{message}");
    let (status, _) = b.get("/my").await;
    assert_ne!(status, 200, "not signed in");
    assert_eq!(audited(&app, "refuse").await, 3);
}

#[tokio::test]
async fn a_tampered_or_replayed_answer_is_refused_with_a_clear_page() {
    let (app, provider) = start(|_| {}).await;
    // State: a callback this browser did not start, and one used twice.
    let b = app.anonymous();
    let auth_url = press_button(&b, "").await;
    let back = at_provider(&b, &auth_url, "ada").await;
    let forged = back.replace("state=", "state=x");
    let message = refused_with(&b, b.client.get(&forged).send().await.unwrap()).await;
    assert!(message.contains("not started here"), "{message}");
    let b = app.anonymous();
    let auth_url = press_button(&b, "").await;
    let back = at_provider(&b, &auth_url, "ada").await;
    assert_eq!(
        b.client.get(&back).send().await.unwrap().status().as_u16(),
        303
    );
    let message = refused_with(&b, b.client.get(&back).send().await.unwrap()).await;
    assert!(message.contains("already used"), "{message}");
    // PKCE: the provider saw another challenge than the verifier plantrack holds.
    let b = app.anonymous();
    let auth_url = press_button(&b, "").await;
    let tampered = swap_param(
        &auth_url,
        "code_challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
    let back = at_provider(&b, &tampered, "ada").await;
    let message = refused_with(&b, b.client.get(&back).send().await.unwrap()).await;
    assert!(message.contains("expired or was refused"), "{message}");
    // Nonce: the ID token answers another sign-in.
    let b = app.anonymous();
    let auth_url = press_button(&b, "").await;
    let back = at_provider(&b, &swap_param(&auth_url, "nonce", "another-nonce"), "ada").await;
    let message = refused_with(&b, b.client.get(&back).send().await.unwrap()).await;
    assert!(message.contains("security check"), "{message}");
    // An ID token for another audience, and one signed by a key the provider never
    // published (plantrack fetches the keys again once, then refuses).
    for mode in ["audience", "unknown-key"] {
        provider.misbehave_once(mode).await;
        let b = app.anonymous();
        let message = refused_with(&b, sign_in(&b, "ada", "").await).await;
        assert!(message.contains("security check"), "{mode}: {message}");
        let (status, _) = b.get("/account/tokens").await;
        assert_ne!(status, 200, "{mode}: not signed in");
    }
    // The provider's own refusal (the person cancelled).
    let b = app.anonymous();
    let auth_url = press_button(&b, "").await;
    let state = param(&auth_url, "state");
    let cancelled = format!("/auth/oidc/callback?error=access_denied&state={state}");
    let message = refused_with(&b, b.client.get(b.url(&cancelled)).send().await.unwrap()).await;
    assert!(message.contains("did not sign you in"), "{message}");
    assert_eq!(audited(&app, "refuse").await, 7);
    assert_eq!(audited(&app, "sign_in").await, 1);
    // What was audited names the refusal and the address, never a token.
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT object_key, after_json FROM audit_log WHERE action = 'refuse' ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    for (code, after) in &rows {
        let after = after.clone().unwrap_or_default();
        assert!(code.starts_with("sso-"), "{code}");
        assert!(after.contains("127.0.0.1"), "{after}");
        assert!(!after.contains("eyJ"), "a token was recorded: {after}");
    }
}

/// `url` with query parameter `name` set to `value`.
fn swap_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = reqwest::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// Query parameter `name` of `url`.
fn param(url: &str, name: &str) -> String {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_key_rotation_at_the_provider_is_followed_and_sign_out_ends_its_session() {
    let (app, provider) = start(|_| {}).await;
    let b = app.anonymous();
    assert_eq!(sign_in(&b, "ada", "").await.status().as_u16(), 303);
    // New signing keys: plantrack's cached ones no longer match, so it fetches them again.
    provider.rotate_keys().await;
    let b = app.anonymous();
    let res = sign_in(&b, "ada", "").await;
    assert_eq!(location(&res), b.url("/"), "signed in after the rotation");
    // Signing out ends plantrack's session and sends the browser to the provider's
    // end-session page with the ID token hint, which brings it back to the sign-in page.
    let (_, page) = b.page("/").await;
    let action = page.form_action("/api/logout").expect("a sign-out button");
    let res = b.post_form(&action, &[]).await;
    let to = location(&res);
    assert!(
        to.starts_with(&format!("{}/session/end", provider.issuer())),
        "{to}"
    );
    assert!(!param(&to, "id_token_hint").is_empty(), "{to}");
    assert_eq!(
        param(&to, "post_logout_redirect_uri"),
        b.url("/login?signed_out=1")
    );
    let (status, _) = b.get("/account/tokens").await;
    assert_ne!(status, 200, "plantrack's session is over");
    let res = b.client.get(&to).send().await.unwrap();
    let here = res.url().clone();
    let html = res.text().await.unwrap();
    let page = Page::parse(&html);
    assert!(
        page.has_text("Sign out of the test provider?"),
        "{}",
        page.text()
    );
    let action = page
        .attr_of("form[id=\"op.logoutForm\"]", "action")
        .expect("the provider's form");
    let action = here.join(&action).unwrap();
    let xsrf = page.value_of("xsrf").unwrap_or_default();
    let res = b
        .client
        .post(action)
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), b.url("/login?signed_out=1"));
    let (_, page) = b.page("/login?signed_out=1").await;
    assert!(page.has_text("You are signed out."));
}

#[tokio::test]
async fn with_sso_only_passwords_sign_in_break_glass_accounts_alone() {
    let (app, _provider) = start(|i| i.only = true).await;
    app.create_user("staff-admin", Role::Admin).await;
    let glass = app.create_user("glass", Role::Admin).await;
    change_user(
        &app,
        "UPDATE users SET break_glass = 1 WHERE id = $1",
        glass,
    )
    .await;
    let b = app.anonymous();
    let (_, page) = b.page("/login").await;
    assert!(page.has_text("Break-glass sign-in for administrators"));
    let res = b.login("staff-admin", TEST_PASSWORD).await;
    let to = location(&res);
    assert!(to.contains("error=sso-only"), "{to}");
    let (_, page) = b.page(&to.replacen(&b.base, "", 1)).await;
    assert!(page.text_of(".usa-alert--error").contains("break-glass"));
    let (status, _) = b.get("/account/tokens").await;
    assert_ne!(status, 200);
    let glass_browser = app.anonymous();
    let res = glass_browser.login("glass", TEST_PASSWORD).await;
    assert_eq!(location(&res), glass_browser.url("/"));
}

/// Login.gov's way: `private_key_jwt`, an assurance level asked for, claims from userinfo.
#[tokio::test]
async fn a_private_key_jwt_client_signs_in_with_claims_from_userinfo() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("node")
        .arg(script())
        .arg("--make-client-key")
        .arg(dir.path())
        .stderr(Stdio::null())
        .status()
        .expect("node");
    assert!(made.success());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let provider = Provider::start(&site, Some(dir.path().join("client-jwks.json"))).await;
    let key = dir.path().join("client-key.pem").display().to_string();
    let auth = settings(&provider, &site, |i| {
        i.client_id = Some("plantrack-jwt".into());
        i.client_secret = None;
        i.private_key = Some(key);
        i.acr = Some("urn:test:loa:2".into());
        i.userinfo = true;
    });
    let app = TestApp::start_bound(listener, auth).await;
    let b = app.anonymous();
    let res = sign_in(&b, "ada", "").await;
    assert_eq!(location(&res), b.url("/"));
    // The assurance level the provider reported is recorded with the sign-in.
    let (after,): (String,) = sqlx::query_as(
        "SELECT after_json FROM audit_log WHERE object_type = 'sign_in' AND action = 'sign_in'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(after.contains("urn:test:loa:2"), "{after}");
    // The groups and name came from userinfo: the mapped role, the provider's name.
    assert_eq!(role_of(&app, "ada").await, "working_group");
    let (_, page) = b.page("/").await;
    assert!(page.has_text("Ada Example"), "{}", page.text());
}

#[tokio::test]
async fn failed_answers_from_one_address_are_throttled() {
    let (app, _provider) = start(|_| {}).await;
    let b = app.anonymous();
    for _ in 0..10 {
        let res = b
            .client
            .get(b.url("/auth/oidc/callback?state=x&code=y"))
            .send()
            .await
            .unwrap();
        assert!(location(&res).contains("error=sso-state"));
    }
    let res = b
        .client
        .get(b.url("/auth/oidc/callback?state=x&code=y"))
        .send()
        .await
        .unwrap();
    let message = refused_with(&b, res).await;
    assert!(message.contains("Too many failed sign-ins"), "{message}");
}

#[tokio::test]
async fn without_single_sign_on_the_page_has_no_button_and_its_routes_say_so() {
    let app = TestApp::with_excerpt().await;
    let b = app.anonymous();
    let (_, page) = b.page("/login").await;
    assert!(!page.has_text("Sign in with"));
    assert!(page.has("#username"));
    let res = b.post_form("/auth/oidc/start", &[("next", "/")]).await;
    assert!(location(&res).ends_with("/login?error=sso-off"));
    let message = refused_with(
        &b,
        b.client
            .get(b.url("/auth/oidc/callback?code=x"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(message.contains("not set up"), "{message}");
}

/// Runs `plantrack` with `args` (and `stdin`); returns whether it succeeded and what it
/// printed.
fn plantrack(args: &[&str], stdin: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn bad_settings_stop_the_start_naming_the_flag_and_accounts_are_prepared_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let serve = |extra: &[&str]| {
        let mut args = vec!["--database-url", &url, "--addr", "127.0.0.1:0", "--no-plan"];
        args.extend_from_slice(extra);
        plantrack(&args, "")
    };
    let (ok, text) = serve(&[
        "--oidc-issuer",
        "http://login.example.gov",
        "--oidc-client-id",
        "plantrack",
        "--oidc-client-secret",
        "s",
        "--public-url",
        "https://plan.example.gov",
    ]);
    assert!(!ok);
    assert!(
        text.contains("--oidc-issuer \"http://login.example.gov\" is not an https address"),
        "{text}"
    );
    let missing = dir.path().join("missing.pem").display().to_string();
    let (ok, text) = serve(&[
        "--oidc-issuer",
        "https://login.example.gov",
        "--oidc-client-id",
        "plantrack",
        "--oidc-private-key",
        &missing,
        "--public-url",
        "https://plan.example.gov",
    ]);
    assert!(!ok);
    assert!(text.contains("--oidc-private-key"), "{text}");
    let (ok, text) = serve(&["--oidc-role-map", "working_group=spwg"]);
    assert!(!ok);
    assert!(
        text.contains("--oidc-role-map is set but --oidc-issuer is not"),
        "{text}"
    );
    // A break-glass administrator, and an account linked to its subject ahead of time.
    let (ok, text) = plantrack(
        &[
            "--database-url",
            &url,
            "user",
            "add",
            "glass",
            "--role",
            "admin",
            "--break-glass",
            "--password-stdin",
        ],
        "a-long-enough-emergency-secret\n",
    );
    assert!(ok, "{text}");
    let link = [
        "--database-url",
        &url,
        "user",
        "link",
        "glass",
        "--issuer",
        "https://login.example.gov",
        "--subject",
        "abc-123",
    ];
    let (ok, text) = plantrack(&link, "");
    assert!(ok && text.contains("linked glass"), "{text}");
    let (ok, text) = plantrack(&link, "");
    assert!(
        !ok && text.contains("linked to this issuer already"),
        "{text}"
    );
}

#[tokio::test]
async fn a_subject_linked_ahead_of_time_signs_in_to_its_account() {
    // No role mapping: the role is plantrack's own.
    let (app, provider) = start(|i| {
        i.provision = false;
        i.role_map = None;
    })
    .await;
    app.create_user("frank", Role::WorkingGroup).await;
    let actor = app::queries::audit::Actor::system();
    app::services::sso::link_subject(&app.db, &actor, "frank", (&provider.issuer(), "fjones"))
        .await
        .unwrap();
    let b = app.anonymous();
    let res = sign_in(&b, "fjones", "").await;
    assert_eq!(location(&res), b.url("/"));
    let (_, page) = b.page("/").await;
    assert!(page.has_text("frank — Working group"), "{}", page.text());
    // The link is history: it cannot be changed or removed.
    let changed = sqlx::query("UPDATE sso_links SET subject = 'someone-else'")
        .execute(app.db.pool())
        .await;
    assert!(changed.is_err());
    let removed = sqlx::query("DELETE FROM sso_links")
        .execute(app.db.pool())
        .await;
    assert!(removed.is_err());
}
