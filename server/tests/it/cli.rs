//! The `plantrack` command as the README promises it: serving options, JSON logs, a clean
//! stop on SIGTERM, `import --dry-run --json`, `demo --seed`, and a bad backup refused.

use crate::page::Page;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_plantrack");

/// A server process started on port 0, its address, and its log lines as they come.
pub struct Served {
    pub child: Child,
    pub base: String,
    log: Receiver<String>,
    seen: Vec<String>,
}

impl Served {
    /// Starts `plantrack` with `args` on a database URL and port 0; waits for its address.
    pub fn start(url: &str, args: &[&str]) -> Served {
        Self::start_with_env(url, args, &[])
    }

    /// Starts `plantrack` as [`Served::start`] does, with these environment variables.
    pub fn start_with_env(url: &str, args: &[&str], env: &[(&str, &str)]) -> Served {
        let mut child = Command::new(BIN)
            .args(["--database-url", url, "--addr", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, log) = channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            // Read to the end even when nobody listens, so the pipe never fills.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut seen = Vec::new();
        let base = loop {
            let line = log
                .recv_timeout(Duration::from_secs(60))
                .expect("the server says where it listens");
            let found = line.split("plantrack listening on ").nth(1).map(|rest| {
                rest.chars()
                    .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\u{1b}'))
                    .collect::<String>()
            });
            seen.push(line);
            if let Some(base) = found {
                break base;
            }
        };
        Served {
            child,
            base,
            log,
            seen,
        }
    }

    /// GETs `path` anonymously, as a browser; returns the status and the page.
    async fn get(&self, path: &str) -> (u16, Page) {
        let res = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, Page::parse(&res.text().await.unwrap()))
    }

    /// Sends SIGTERM and waits for the process to end; returns whether it exited 0.
    fn terminate(self) -> (bool, Vec<String>) {
        self.signal_term();
        self.wait()
    }

    /// Sends SIGTERM without waiting.
    fn signal_term(&self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
    }

    /// Waits for the process to end; returns whether it exited 0, and what it logged.
    fn wait(mut self) -> (bool, Vec<String>) {
        let status = self.child.wait().unwrap();
        self.seen.extend(self.log.iter());
        (status.success(), self.seen)
    }
}

/// Adds an administrator `name` with the test password through `plantrack user add`.
pub fn add_admin(url: &str, name: &str) {
    use std::io::Write;
    let mut add = Command::new(BIN)
        .args(["--database-url", url, "user", "add", name])
        .args(["--role", "admin", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(crate::harness::TEST_PASSWORD.as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn sqlite(dir: &tempfile::TempDir, name: &str) -> String {
    format!("sqlite://{}", dir.path().join(name).display())
}

#[tokio::test]
async fn serve_options_no_plan_a_plan_file_public_read_and_json_logs() {
    let dir = tempfile::tempdir().unwrap();
    // --no-plan: an empty database stays empty; --public-read lets anonymous visitors in.
    let empty = Served::start(&sqlite(&dir, "empty.db"), &["--no-plan", "--public-read"]);
    let (status, page) = empty.get("/").await;
    assert_eq!(status, 200);
    assert!(page.has_text("No plan yet"), "{}", page.text());
    let (ok, _) = empty.terminate();
    assert!(ok);

    // --plan FILE on an empty database, without public read: anonymous goes to sign-in.
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "Goal 1: Readiness: Be ready.\nObjective 1.1 - Train the staff\nStrategy 1.1.1 - Run drills every quarter\n",
    )
    .unwrap();
    let url = sqlite(&dir, "file.db");
    let private = Served::start(&url, &["--plan", plan.to_str().unwrap()]);
    let (status, _) = private.get("/goals/1").await;
    assert_eq!(status, 302, "signed-out visitors are sent to sign in");
    private.terminate();
    let public = Served::start(&url, &["--public-read", "--log-json"]);
    let (status, page) = public.get("/strategies/1.1.1").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Run drills every quarter"));
    // --log-json: every line it logged is a JSON object.
    let (ok, lines) = public.terminate();
    assert!(ok, "a clean exit on SIGTERM");
    assert!(!lines.is_empty());
    for line in &lines {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        assert!(value.is_object(), "{line}");
    }
    assert!(
        lines.iter().any(|l| l.contains("plantrack stopped")),
        "it says it stopped: {lines:?}"
    );
}

#[test]
fn import_dry_run_json_prints_the_tree_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "Goal 2: People: Grow.\nObjective 2.1 - Hire well\nStrategy 2.1.1 - Publish every vacancy\n",
    )
    .unwrap();
    let db = dir.path().join("never.db");
    let url = format!("sqlite://{}", db.display());
    let out = run(&[
        "--database-url",
        &url,
        "import",
        plan.to_str().unwrap(),
        "--dry-run",
        "--json",
    ]);
    assert!(out.status.success(), "{out:?}");
    let tree: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let text = tree.to_string();
    assert!(text.contains("Publish every vacancy"), "{text}");
    assert!(text.contains("2.1.1"), "{text}");
    assert!(!db.exists(), "a dry run creates no database");
}

#[test]
fn demo_with_a_seed_makes_the_same_plan_and_refuses_a_database_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let counts = |name: &str, seed: &str| {
        let out = run(&[
            "--database-url",
            &sqlite(&dir, name),
            "--now",
            "2026-11-15",
            "demo",
            "--strategies",
            "30",
            "--years",
            "2",
            "--seed",
            seed,
        ]);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        // "Sample data: 3 goals, … actuals in 0.2 s." without the time it took.
        text.split(" in ").next().unwrap().to_string()
    };
    let first = counts("a.db", "7");
    assert!(first.contains("30 strategies"), "{first}");
    assert_eq!(counts("b.db", "7"), first, "the same seed, the same data");
    let again = run(&["--database-url", &sqlite(&dir, "a.db"), "demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a plan"));
}

#[test]
fn a_backup_restores_and_a_file_that_is_not_one_is_refused_leaving_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite(&dir, "live.db");
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, "Goal 1: Readiness: Be ready.\n").unwrap();
    let imported = run(&["--database-url", &url, "import", plan.to_str().unwrap()]);
    assert!(imported.status.success(), "{imported:?}");
    let copy = dir.path().join("copy.db");
    let backup = run(&["--database-url", &url, "backup", copy.to_str().unwrap()]);
    assert!(backup.status.success(), "{backup:?}");
    assert!(String::from_utf8_lossy(&backup.stdout).contains("integrity check: ok"));

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "this is not a database").unwrap();
    let live = std::fs::read(dir.path().join("live.db")).unwrap();
    let refused = run(&["--database-url", &url, "restore", junk.to_str().unwrap()]);
    assert!(!refused.status.success(), "{refused:?}");
    assert!(
        !String::from_utf8_lossy(&refused.stderr).is_empty(),
        "it says why"
    );
    assert_eq!(
        std::fs::read(dir.path().join("live.db")).unwrap(),
        live,
        "the live database is untouched"
    );
    let restored = run(&["--database-url", &url, "restore", copy.to_str().unwrap()]);
    assert!(restored.status.success(), "{restored:?}");
    let again = dir.path().join("again.db");
    let check = run(&["--database-url", &url, "backup", again.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "the restored database backs up cleanly"
    );
}

#[tokio::test]
async fn secure_cookies_mark_the_session_cookie_secure_and_host_only() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite(&dir, "secure.db");
    add_admin(&url, "sec-admin");
    let served = Served::start(&url, &["--secure-cookies"]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (_, login) = served.get("/login").await;
    let action = login.form_action("/api/login").expect("a sign-in form");
    let res = client
        .post(format!("{}{action}", served.base))
        .header("accept", "text/html")
        .header("origin", served.base.as_str())
        .form(&[
            ("username", "sec-admin"),
            ("password", crate::harness::TEST_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.contains("plantrack"))
        .expect("a session cookie");
    assert!(cookie.starts_with("__Host-"), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    served.terminate();
}

/// Sends `head` and `body` on a new connection to `base`; returns the stream.
async fn send_raw(base: &str, head: &str, body: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let host = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

/// Reads until the end of the next response head; returns its status code.
async fn read_status(stream: &mut tokio::net::TcpStream) -> u16 {
    use tokio::io::AsyncReadExt;
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    let read = async {
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.unwrap();
            assert!(n > 0, "the connection closed without an answer");
            seen.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .expect("an answer within a minute");
    let head = String::from_utf8_lossy(&seen);
    head.split(' ').nth(1).unwrap().parse().unwrap()
}

/// A sign-in form post whose body is `body.len()` bytes long.
fn sign_in_head(base: &str, action: &str, body: &str, extra: &str) -> String {
    let host = base.trim_start_matches("http://");
    format!(
        "POST {action} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{extra}\r\n",
        body.len()
    )
}

#[tokio::test]
async fn a_request_whose_body_never_finishes_is_answered_408_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&sqlite(&dir, "slow.db"), &["--request-timeout", "1"]);
    let (_, page) = served.get("/login").await;
    let action = page.form_action("/api/login").expect("the sign-in form");
    let body = "username=nobody&password=wrong-password&next=%2F";
    // Half the body, then nothing: the request can only end by the server's timeout.
    let head = sign_in_head(&served.base, &action, body, "");
    let mut stream = send_raw(&served.base, &head, &body[..10]).await;
    assert_eq!(read_status(&mut stream).await, 408);
    let (ok, _) = served.terminate();
    assert!(ok);
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_before_the_server_stops() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(&sqlite(&dir, "drain.db"), &[]);
    let (_, page) = served.get("/login").await;
    let action = page.form_action("/api/login").expect("the sign-in form");
    let body = "username=nobody&password=wrong-password&next=%2F";
    // "100 Continue" comes back once the handler reads the body: the request is in flight.
    let head = sign_in_head(&served.base, &action, body, "Expect: 100-continue\r\n");
    let mut stream = send_raw(&served.base, &head, "").await;
    assert_eq!(read_status(&mut stream).await, 100);
    served.signal_term();
    // Shutting down: new connections are refused (the listener is closed)...
    let host = served.base.trim_start_matches("http://").to_string();
    let refused = async {
        while tokio::net::TcpStream::connect(&host).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(60), refused)
        .await
        .expect("the server stops listening after SIGTERM");
    // ...but the request already in flight still gets its answer.
    use tokio::io::AsyncWriteExt;
    stream.write_all(body.as_bytes()).await.unwrap();
    let status = read_status(&mut stream).await;
    assert!(
        (200..500).contains(&status) && status != 408,
        "the in-flight sign-in was answered, not cut off: {status}"
    );
    drop(stream);
    let (ok, lines) = served.wait();
    assert!(ok, "a clean exit after draining: {lines:?}");
}

#[tokio::test]
async fn static_files_answer_200_while_unknown_urls_answer_404_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let files = [
        ("pkg/plantrack.css", "body { color: #1b1b1b; }"),
        (
            "vendor/uswds/css/uswds.min.css",
            ".usa-button { color: #005ea2; }",
        ),
        ("favicon.ico", "icon"),
    ];
    for (path, text) in files {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let url = sqlite(&dir, "static.db");
    let site_root = site.display().to_string();
    let served = Served::start_with_env(&url, &[], &[("LEPTOS_SITE_ROOT", &site_root)]);
    let client = reqwest::Client::new();
    let mut requests = tokio::task::JoinSet::new();
    let mut answers = Vec::new();
    for i in 0..300 {
        let (path, _) = files[i % 2];
        for target in [format!("/{path}"), format!("/no-such-page-{i}")] {
            let client = client.clone();
            let url = format!("{}{target}", served.base);
            requests.spawn(async move {
                let res = client.get(url).send().await.unwrap();
                (target, res.status().as_u16())
            });
        }
        while requests.len() >= 16 {
            answers.push(requests.join_next().await.unwrap().unwrap());
        }
    }
    answers.extend(requests.join_all().await);
    assert_eq!(answers.len(), 600);
    let wrong: Vec<_> = answers
        .iter()
        .filter(|(path, status)| {
            let is_file = !path.starts_with("/no-such-page");
            (is_file && *status != 200) || (!is_file && *status != 404 && *status != 302)
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
    served.terminate();
}

#[tokio::test]
async fn check_summaries_finds_a_summary_that_disagrees_with_history_and_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite(&dir, "sample.db");
    let demo = run(&[
        "--database-url",
        &url,
        "--now",
        "2026-11-15",
        "demo",
        "--strategies",
        "30",
        "--years",
        "2",
    ]);
    assert!(demo.status.success(), "{demo:?}");
    let check = |extra: &[&str]| {
        let mut args = vec!["--database-url", url.as_str(), "check-summaries"];
        args.extend_from_slice(extra);
        let out = run(&args);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        (out.status.success(), text, out)
    };
    let (ok, text, out) = check(&[]);
    assert!(ok, "{out:?}");
    assert!(text.contains("agree with history"), "{text}");

    // Someone edits the summary by hand: the check names the strategy and quarter.
    // Statements run here, outside a test server, are counted as another test's.
    let _sharing = crate::harness::sharing().await;
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let (number, year, quarter): (String, i64, i64) = sqlx::query_as(
        "SELECT s.number, c.fiscal_year, c.quarter FROM status_current c
         JOIN strategies s ON s.id = c.strategy_id ORDER BY c.fiscal_year DESC, s.id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE status_current SET percent = 100 - percent, status = 'deferred'
         WHERE fiscal_year = $1 AND quarter = $2
           AND strategy_id = (SELECT id FROM strategies WHERE number = $3)",
    )
    .bind(year)
    .bind(quarter)
    .bind(&number)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let (ok, text, out) = check(&[]);
    assert!(!ok, "a difference fails the check: {out:?}");
    assert!(
        text.contains(&format!("strategy {number} FY{year} Q{quarter}")),
        "{text}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 differences"),
        "{out:?}"
    );

    let (ok, text, out) = check(&["--repair"]);
    assert!(ok, "{out:?}");
    assert!(text.contains("2 differences repaired"), "{text}");
    let (ok, text, _) = check(&[]);
    assert!(ok && text.contains("agree with history"), "{text}");
}

#[tokio::test]
async fn check_summaries_also_compares_the_current_actuals_and_goal_sums() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite(&dir, "sample.db");
    let demo = run(&[
        "--database-url",
        &url,
        "--now",
        "2026-11-15",
        "demo",
        "--strategies",
        "12",
        "--years",
        "2",
    ]);
    assert!(demo.status.success(), "{demo:?}");
    // Statements run here, outside a test server, are counted as another test's.
    let _sharing = crate::harness::sharing().await;
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let (kept,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM actual_current")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(kept > 0, "the sample's actuals are summarised");
    sqlx::query("DELETE FROM actual_current WHERE rowid = (SELECT MIN(rowid) FROM actual_current)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE goal_quarter SET percent_sum = percent_sum + 7
         WHERE rowid = (SELECT MIN(rowid) FROM goal_quarter)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let out = run(&["--database-url", &url, "check-summaries"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{out:?}");
    assert!(text.contains("actual_current does not"), "{text}");
    assert!(text.contains("goal_quarter holds"), "{text}");
    let repaired = run(&["--database-url", &url, "check-summaries", "--repair"]);
    assert!(repaired.status.success(), "{repaired:?}");
    let again = run(&["--database-url", &url, "check-summaries"]);
    assert!(again.status.success(), "{again:?}");
}
