//! Backups under write load, and acknowledged writes surviving SIGKILL (SQLite).

use crate::cli::{add_admin, Served};
use app::db::Db;
use app::queries::audit::Actor;
use app::services::import::create_draft;
use server::setup::{open_database, FirstRunPlan};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

async fn drafts(db: &Db) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT id, body FROM import_drafts ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_to_a_consistent_copy() {
    // Its own database handles run SQL outside a test server.
    let _sharing = crate::harness::sharing().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let db = open_database(&url, &FirstRunPlan::Bundled).await.unwrap();
    // The writer keeps writing while the backup runs: 20 writes before it starts, and
    // until 20 more after it has finished (counted, not timed).
    let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let writer = {
        let db = db.clone();
        let done = done.clone();
        tokio::spawn(async move {
            let mut started_tx = Some(started_tx);
            let (mut written, mut after) = (0, 0);
            while after < 20 {
                create_draft(
                    &db,
                    "load",
                    &format!("Goal 1: write {written}\n"),
                    &Actor::system(),
                )
                .await
                .unwrap();
                written += 1;
                if written == 20 {
                    let _ = started_tx.take().map(|tx| tx.send(()));
                }
                if done.load(Ordering::SeqCst) {
                    after += 1;
                }
            }
            written
        })
    };
    started.await.unwrap();
    let file = dir.path().join("backup.db");
    server::backup::backup(&url, &file).await.unwrap();
    done.store(true, Ordering::SeqCst);
    let written = writer.await.unwrap();
    eprintln!("backup taken while {written} drafts were written");

    let restored_url = format!("sqlite://{}", dir.path().join("restored.db").display());
    server::backup::restore(&restored_url, &file).await.unwrap();
    let restored = Db::connect(&restored_url).await.unwrap();
    let copy = drafts(&restored).await;
    let live = drafts(&db).await;
    assert!(
        !copy.is_empty() && copy.len() < live.len(),
        "{} of {}",
        copy.len(),
        live.len()
    );
    eprintln!("backup holds {} of {} drafts", copy.len(), live.len());
    assert_eq!(
        copy[..],
        live[..copy.len()],
        "the backup is a snapshot: a prefix of the live rows"
    );
    let (strategies,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM strategies")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(strategies, 30);
    assert_eq!(
        app::queries::backup::integrity_check(&restored)
            .await
            .unwrap(),
        "ok"
    );
}

/// Waits until the server at `base` answers its health check.
async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server at {base} did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    // Its own database handles run SQL outside a test server.
    let _sharing = crate::harness::sharing().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("crash.db").display());
    add_admin(&url, "crash-admin");
    let Served {
        mut child, base, ..
    } = Served::start(&url, &[]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    wait_ready(&client, &base).await;
    let (_, login_page) = {
        let res = client.get(format!("{base}/login")).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    };
    let action = crate::harness::attr_starting_with(&login_page, "action", "/api/login").unwrap();
    let res = client
        .post(format!("{base}{action}"))
        .header("accept", "text/html")
        .form(&[
            ("username", "crash-admin"),
            ("password", crate::harness::TEST_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/");

    // Stream writes; remember each one the server acknowledged; kill it once 50 are
    // acknowledged (counted, not timed), with more on the way.
    let (fifty_tx, fifty) = tokio::sync::oneshot::channel::<()>();
    let writer = {
        let client = client.clone();
        let base = base.clone();
        tokio::spawn(async move {
            let mut fifty_tx = Some(fifty_tx);
            let mut acknowledged = Vec::new();
            for n in 0..100_000 {
                let body = format!("Goal 1: acknowledged write {n}\n");
                let form = reqwest::multipart::Form::new().text("text", body.clone());
                match client
                    .post(format!("{base}/admin/import"))
                    .multipart(form)
                    .send()
                    .await
                {
                    Ok(res) if res.status().as_u16() == 303 => acknowledged.push(body),
                    _ => break,
                }
                if acknowledged.len() == 50 {
                    let _ = fifty_tx.take().map(|tx| tx.send(()));
                }
            }
            acknowledged
        })
    };
    fifty.await.expect("50 writes acknowledged");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let acknowledged = writer.await.unwrap();
    assert!(
        acknowledged.len() >= 50,
        "writes were acknowledged before the kill ({})",
        acknowledged.len()
    );
    eprintln!("{} writes acknowledged before SIGKILL", acknowledged.len());

    let Served {
        mut child, base, ..
    } = Served::start(&url, &[]);
    wait_ready(&client, &base).await;
    let db = Db::connect(&url).await.unwrap();
    let stored: Vec<String> = drafts(&db).await.into_iter().map(|(_, b)| b).collect();
    let missing: Vec<_> = acknowledged
        .iter()
        .filter(|b| !stored.contains(b))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged writes lost",
        missing.len()
    );
    assert_eq!(
        app::queries::backup::integrity_check(&db).await.unwrap(),
        "ok"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
