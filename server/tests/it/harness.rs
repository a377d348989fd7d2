//! Starts the real app on a random port against a fresh database, and signs people in.

use app::auth::{password, AuthSettings};
use app::clock::Clock;
use app::db::Db;
use app::model::user::Role;
use app::queries::users::{insert, NewUser};
use server::setup::{app_state, open_database_with, FirstRunPlan};
use std::net::SocketAddr;
use std::sync::LazyLock;

/// One runtime, alive for the whole test binary, that runs every test server. Each
/// `#[tokio::test]` has its own runtime that ends with the test; tasks that Leptos spawns
/// while serving must not land on a runtime that a finished test has dropped.
static SERVER_RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("test server runtime")
});

/// Connections per pool of a test server: many test servers share one PostgreSQL
/// server's connection limit.
pub const TEST_POOL_SIZE: u32 = 3;

/// The date every test server runs at unless `PLANTRACK_TEST_NOW` names another (the app
/// is given its date: no test depends on the day it runs; `scripts/test.sh` runs the
/// PostgreSQL pass at another date than the SQLite pass).
pub const TEST_NOW: &str = "2026-11-15";

/// A new clock fixed at `PLANTRACK_TEST_NOW`, or [`TEST_NOW`].
pub fn test_clock() -> Clock {
    let at = std::env::var("PLANTRACK_TEST_NOW")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| TEST_NOW.to_string());
    Clock::fixed(
        app::clock::parse_instant(&at).unwrap_or_else(|e| panic!("PLANTRACK_TEST_NOW: {e}")),
    )
}

/// The password every test account gets (test data only; the product has no default).
pub const TEST_PASSWORD: &str = "correct-horse-battery-staple";

/// A running app and its database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub url: String,
    /// The server's clock, fixed at [`test_clock`]'s date; a test moves it with `clock.set`.
    pub clock: Clock,
    auth: AuthSettings,
    server: Server,
    /// Set when a test closed the database on purpose: no summary check after it.
    closed: std::sync::atomic::AtomicBool,
    _dir: tempfile::TempDir,
}

/// What a running test server holds, released when the test ends.
struct Server {
    task: tokio::task::JoinHandle<()>,
    sessions: app::auth::store::AppSessionStore,
    /// The server's kept pages.
    pages: app::kept_pages::PageCache,
    /// Counted in [`SHARED`] (every server but those of a test that runs [`alone`]).
    shared: bool,
}

/// Test servers running now, other than those of a test that runs alone.
static SHARED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Held while a server joins [`SHARED`], and for the whole of a test that runs alone.
static ALONE: LazyLock<std::sync::Arc<tokio::sync::Mutex<()>>> = LazyLock::new(Default::default);

thread_local! {
    /// Whether the test on this thread runs alone (each test has a thread of its own).
    static RUNNING_ALONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A test that holds this runs while no other test has a server: the SQL statements
/// counted in [`crate::logs::QUERIES`] meanwhile are its own.
pub struct Alone(#[allow(dead_code)] tokio::sync::OwnedMutexGuard<()>);

impl Drop for Alone {
    fn drop(&mut self) {
        crate::logs::record_statements(false);
        RUNNING_ALONE.with(|a| a.set(false));
    }
}

/// Waits until no other test has a server running, and keeps new ones from starting
/// until the returned guard is dropped (the tests still run in parallel otherwise).
pub async fn alone() -> Alone {
    loop {
        let turn = ALONE.clone().lock_owned().await;
        if SHARED.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            RUNNING_ALONE.with(|a| a.set(true));
            crate::logs::record_statements(true);
            return Alone(turn);
        }
        drop(turn);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Counts a new server in [`SHARED`] unless this test runs alone (waiting while one does).
async fn join_shared() -> bool {
    if RUNNING_ALONE.with(|a| a.get()) {
        return false;
    }
    let _turn = ALONE.lock().await;
    SHARED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    true
}

/// Held by a test that runs SQL outside a test server (its own `Db`, pool or in-process
/// CLI): counted in [`SHARED`] meanwhile, so a test running [`alone`] counts only its own.
pub struct Sharing(bool);

impl Drop for Sharing {
    fn drop(&mut self) {
        if self.0 {
            SHARED.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

/// Marks this test as running SQL of its own until the guard is dropped.
pub async fn sharing() -> Sharing {
    Sharing(join_shared().await)
}

impl Drop for TestApp {
    /// Stops the server and closes its pools, so PostgreSQL runs do not pile up connections;
    /// when the test is failing, prints what the server logged at WARN and ERROR first.
    /// After a passing test, also checks that the summaries kept on write agree with
    /// history (`plantrack check-summaries`), whatever the test wrote.
    fn drop(&mut self) {
        let closed = self.closed.load(std::sync::atomic::Ordering::SeqCst);
        let differences = if std::thread::panicking() {
            crate::logs::print_for_failed_test(self.addr.port());
            Vec::new()
        } else if closed {
            crate::logs::take(self.addr.port());
            Vec::new()
        } else {
            crate::logs::take(self.addr.port());
            summary_differences(&self.url)
        };
        self.server.task.abort();
        let (db, sessions) = (self.db.clone(), self.server.sessions.clone());
        SERVER_RUNTIME.spawn(async move {
            db.close().await;
            sessions.close().await;
        });
        if self.server.shared {
            SHARED.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
        assert!(
            differences.is_empty(),
            "the summaries differ from history after this test: {differences:#?}"
        );
    }
}

/// What `plantrack check-summaries` would report for the database at `url`; a check that
/// cannot run (a database error, no answer in 60 s) is a difference too, so it fails the
/// test. It opens a pool of its own: the app's pool may hold a connection that the test's
/// runtime, blocked in this drop, would have to hand back first.
fn summary_differences(url: &str) -> Vec<String> {
    let url = url.to_string();
    let (sent, received) = std::sync::mpsc::channel();
    SERVER_RUNTIME.spawn(async move {
        let found = match app::db::Db::connect_with(&url, 1).await {
            Ok(db) => {
                let found = app::services::summary::check(&db).await;
                db.close().await;
                found
            }
            Err(e) => Err(e),
        };
        let _ = sent.send(found);
    });
    match received.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(Ok(differences)) => differences,
        Ok(Err(e)) => vec![format!("the summary check could not run: {e}")],
        Err(_) => vec!["the summary check gave no answer in 60 s".into()],
    }
}

impl TestApp {
    /// Tells the server a test wrote to its database directly, as the request that makes
    /// such a change in the product would (`server::kept_pages`): its kept pages are
    /// rendered again.
    pub fn wrote_directly(&self) {
        self.server.pages.wrote();
    }

    /// Closes the app's database on purpose (an outage test); the summary check after
    /// the test is then skipped, since there is nothing to check.
    pub async fn close_database(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        self.db.close().await;
    }
}

/// An HTTP client with its own cookie jar that does not follow redirects.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl TestApp {
    /// Starts the app on a fresh SQLite file with the given first-run plan.
    pub async fn start(first_run: FirstRunPlan) -> TestApp {
        Self::start_with(first_run, AuthSettings::default()).await
    }

    /// Starts the app with explicit sign-in settings.
    pub async fn start_with(first_run: FirstRunPlan, auth: AuthSettings) -> TestApp {
        Self::start_with_pool(first_run, auth, TEST_POOL_SIZE).await
    }

    /// Starts the app with at most `pool_size` database connections.
    pub async fn start_with_pool(
        first_run: FirstRunPlan,
        auth: AuthSettings,
        pool_size: u32,
    ) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = fresh_database_url(&dir).await;
        let clock = test_clock();
        let (addr, db, server) = launch(
            url.clone(),
            first_run,
            auth.clone(),
            pool_size,
            clock.clone(),
        )
        .await;
        TestApp {
            addr,
            db,
            url,
            clock,
            auth,
            server,
            closed: Default::default(),
            _dir: dir,
        }
    }

    /// Starts the app with the excerpt on a new database of the PostgreSQL server at
    /// `server` (postgres://user@host:port), whatever `PLANTRACK_TEST_POSTGRES` says.
    pub async fn on_postgres_server(server: &str) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = new_postgres_database(server).await;
        let auth = AuthSettings::default();
        let clock = test_clock();
        let (addr, db, server) = launch(
            url.clone(),
            FirstRunPlan::Bundled,
            auth.clone(),
            TEST_POOL_SIZE,
            clock.clone(),
        )
        .await;
        TestApp {
            addr,
            db,
            url,
            clock,
            auth,
            server,
            closed: Default::default(),
            _dir: dir,
        }
    }

    /// Starts the app on the database at `url` as it stands (a restored export, say).
    pub async fn start_on(url: &str) -> TestApp {
        let auth = AuthSettings::default();
        let clock = test_clock();
        let (addr, db, server) = launch(
            url.to_string(),
            FirstRunPlan::Empty,
            auth.clone(),
            TEST_POOL_SIZE,
            clock.clone(),
        )
        .await;
        TestApp {
            addr,
            db,
            url: url.to_string(),
            clock,
            auth,
            server,
            closed: Default::default(),
            _dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Starts the excerpt on `listener` (already bound, so its address could go into
    /// `auth`, as single sign-on's callback does).
    pub async fn start_bound(listener: std::net::TcpListener, auth: AuthSettings) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = fresh_database_url(&dir).await;
        let clock = test_clock();
        let (addr, db, server) = launch_bound(
            url.clone(),
            FirstRunPlan::Bundled,
            auth.clone(),
            (TEST_POOL_SIZE, clock.clone()),
            Some(listener),
        )
        .await;
        TestApp {
            addr,
            db,
            url,
            clock,
            auth,
            server,
            closed: Default::default(),
            _dir: dir,
        }
    }

    /// Another app instance on its own port, sharing this one's database.
    pub async fn second_instance(&self) -> TestApp {
        let (addr, db, server) = launch(
            self.url.clone(),
            FirstRunPlan::Empty,
            self.auth.clone(),
            TEST_POOL_SIZE,
            self.clock.clone(),
        )
        .await;
        TestApp {
            addr,
            db,
            url: self.url.clone(),
            clock: self.clock.clone(),
            auth: self.auth.clone(),
            server,
            closed: Default::default(),
            _dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The excerpt, for a test that moves the clock by months: sessions last ten years
    /// there, so the session limits (30 min idle, 12 h) do not sign its people out on the way.
    pub async fn time_travelling() -> TestApp {
        let auth = AuthSettings {
            absolute_timeout: chrono::Duration::days(3650),
            idle_timeout: chrono::Duration::days(3650),
            ..AuthSettings::default()
        };
        Self::start_with(FirstRunPlan::Bundled, auth).await
    }

    /// The bundled excerpt on a day when last quarter's call is over (locked) and this
    /// quarter's updates are not yet due: the test date itself, or the day last quarter
    /// locks when that is later (still in the same quarter). For tests that record this
    /// quarter's updates and read them where the quarter being recorded is shown.
    pub async fn settled() -> TestApp {
        let app = Self::time_travelling().await;
        let cal = app::model::fiscal::FiscalCalendar::default();
        let today = app.clock.today();
        let last = cal.quarter_of(today).previous();
        let locks = app::model::call::CallSchedule::default().lock(cal, last);
        if locks > today {
            app.clock
                .set(locks.and_hms_opt(12, 0, 0).unwrap().and_utc());
        }
        app
    }

    /// Starts the app with the bundled DRO excerpt imported.
    pub async fn with_excerpt() -> TestApp {
        Self::start(FirstRunPlan::Bundled).await
    }

    /// Starts the app on a plan `plantrack demo` made: `strategies` over `years`.
    pub async fn with_sample(strategies: usize, years: usize, seed: u64) -> TestApp {
        let app = Self::start(FirstRunPlan::Empty).await;
        let size = app::demo::DemoSize {
            strategies,
            years,
            seed,
        };
        app::demo::generate(&app.db, size, app.clock.today())
            .await
            .unwrap();
        app
    }

    /// A browser that is not signed in.
    pub fn anonymous(&self) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_store(true)
                .build()
                .unwrap(),
            base: format!("http://{}", self.addr),
        }
    }

    /// Creates an account named after its role (or `name`) with [`TEST_PASSWORD`].
    pub async fn create_user(&self, name: &str, role: Role) -> i64 {
        let hash = password::hash(TEST_PASSWORD.into()).await.unwrap();
        let mut tx = self.db.begin_write().await.unwrap();
        let id = insert(
            &mut tx,
            &NewUser {
                username: name,
                display_name: name,
                role,
                password_hash: &hash,
                must_change_password: false,
            },
        )
        .await
        .unwrap()
        .expect("new username");
        tx.commit().await.unwrap();
        id
    }

    /// A browser signed in as a new account with this role.
    pub async fn signed_in(&self, role: Role) -> Browser {
        self.signed_in_as(&role.as_str().replace('_', "-"), role)
            .await
    }

    /// A browser signed in as a new account `name` with this role.
    pub async fn signed_in_as(&self, name: &str, role: Role) -> Browser {
        self.create_user(name, role).await;
        let browser = self.anonymous();
        let res = browser.login(name, TEST_PASSWORD).await;
        assert_eq!(res.status().as_u16(), 302, "sign-in as {name}");
        browser
    }

    /// Counts rows of a table.
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .unwrap();
        n
    }
}

impl Browser {
    /// The same browser (same cookies) pointed at another app instance.
    pub fn at(&self, app: &TestApp) -> Browser {
        Browser {
            client: self.client.clone(),
            base: format!("http://{}", app.addr),
        }
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// GETs a page as a browser would; returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.text().await.unwrap())
    }

    /// GETs a page as a browser would; returns status and the page as a person sees it.
    pub async fn page(&self, path: &str) -> (u16, crate::page::Page) {
        let (status, body) = self.get(path).await;
        (status, crate::page::Page::parse(&body))
    }

    /// Finds the action of the form posting to server function `name` on page `path`.
    pub async fn action(&self, path: &str, name: &str) -> String {
        let (status, html) = self.get(path).await;
        attr_starting_with(&html, "action", &format!("/api/{name}")).unwrap_or_else(|| {
            let text = crate::page::Page::parse(&html)
                .text()
                .chars()
                .take(300)
                .collect::<String>();
            panic!("no form for {name} on {path} ({status}): {text}")
        })
    }

    /// Posts a form as a browser without JavaScript does.
    pub async fn post_form(&self, action: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(action))
            .header("accept", "text/html")
            .header("referer", self.url("/"))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Signs in through the sign-in form.
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        let action = self.action("/login", "login").await;
        self.post_form(
            &action,
            &[
                ("username", username),
                ("password", password),
                ("next", "/"),
            ],
        )
        .await
    }
}

/// The value of the first `attr="..."` attribute whose value starts with `prefix`.
pub fn attr_starting_with(html: &str, attr: &str, prefix: &str) -> Option<String> {
    let needle = format!("{attr}=\"{prefix}");
    let start = html.find(&needle)? + attr.len() + 2;
    let end = html[start..].find('"')? + start;
    Some(html[start..end].replace("&amp;", "&"))
}

/// Starts one app instance on `url` in the long-lived server runtime, each request
/// in a span naming its port so that what it logs can be shown when its test fails.
async fn launch(
    url: String,
    first_run: FirstRunPlan,
    auth: AuthSettings,
    pool_size: u32,
    clock: Clock,
) -> (SocketAddr, Db, Server) {
    launch_bound(url, first_run, auth, (pool_size, clock), None).await
}

/// [`launch`] on `bound` when given (a test that must know the port before the app's
/// settings, as single sign-on's callback address), else on a new port.
async fn launch_bound(
    url: String,
    first_run: FirstRunPlan,
    auth: AuthSettings,
    (pool_size, clock): (u32, Clock),
    bound: Option<std::net::TcpListener>,
) -> (SocketAddr, Db, Server) {
    crate::logs::install();
    let shared = join_shared().await;
    SERVER_RUNTIME
        .spawn(async move {
            let db = open_database_with(&url, &first_run, pool_size)
                .await
                .expect("database");
            let listener = match bound {
                Some(l) => {
                    l.set_nonblocking(true).unwrap();
                    tokio::net::TcpListener::from_std(l).unwrap()
                }
                None => tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
            };
            let addr = listener.local_addr().unwrap();
            let options = server::leptos_options(Some(addr));
            let state = app_state(&url, db.clone(), options, auth, clock)
                .await
                .expect("state");
            let sessions = state.sessions.clone();
            let pages = state.pages.clone();
            let port = addr.port();
            let router = server::router(state).layer(axum::middleware::from_fn(
                move |request: axum::extract::Request, next: axum::middleware::Next| {
                    use tracing::Instrument;
                    let span = tracing::info_span!(crate::logs::SERVER_SPAN, port);
                    next.run(request).instrument(span)
                },
            ));
            let task = tokio::spawn(async move {
                server::serve(listener, router, std::future::pending())
                    .await
                    .unwrap();
            });
            (
                addr,
                db,
                Server {
                    task,
                    sessions,
                    pages,
                    shared,
                },
            )
        })
        .await
        .expect("test server started")
}

/// A URL for a new, empty database: a SQLite file in `dir`, or, when
/// `PLANTRACK_TEST_POSTGRES` holds a server URL (postgres://user@host:port), a new
/// database of its own on that server.
pub async fn fresh_database_url(dir: &tempfile::TempDir) -> String {
    match std::env::var("PLANTRACK_TEST_POSTGRES") {
        Ok(server) if !server.is_empty() => new_postgres_database(&server).await,
        _ => format!("sqlite://{}", dir.path().join("test.db").display()),
    }
}

/// Creates a database of its own on the PostgreSQL server and returns its URL.
pub async fn new_postgres_database(server: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "plantrack_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    sqlx::any::install_default_drivers();
    let server = server.trim_end_matches('/');
    // Not while another test runs alone: its statement counts would take in this one's
    // CREATE DATABASE (the test running alone creates its own databases freely).
    let _turn = match RUNNING_ALONE.with(|a| a.get()) {
        true => None,
        false => Some(ALONE.lock().await),
    };
    let mut conn =
        <sqlx::AnyConnection as sqlx::Connection>::connect(&format!("{server}/postgres"))
            .await
            .expect("PostgreSQL reachable for tests");
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    format!("{server}/{name}")
}
