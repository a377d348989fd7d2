//! PostgreSQL going away while the app runs: a clear 503, no panic, recovery by itself.
//! The app reaches the database through a TCP relay this test can cut and restore.

use crate::harness::TestApp;
use app::model::user::Role;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Relays 127.0.0.1:port → the PostgreSQL server; `down()` cuts every connection.
struct Relay {
    port: u16,
    down: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let down = Arc::new(AtomicBool::new(false));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (d, l) = (down.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if d.load(Ordering::SeqCst) {
                    continue; // dropped: connection refused in effect
                }
                let target = target.clone();
                l.lock().unwrap().push(tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                }));
            }
        });
        Relay { port, down, links }
    }

    fn down(&self) {
        self.down.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn up(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_503_while_postgres_is_down_and_recover_without_a_restart() {
    let server = std::env::var("PLANTRACK_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432".into());
    let (credentials, host) = server
        .trim_start_matches("postgres://")
        .split_once('@')
        .unwrap();
    let relay = Relay::start(host.trim_end_matches('/').to_string()).await;
    let via_relay = format!("postgres://{credentials}@127.0.0.1:{}", relay.port);
    let app = TestApp::on_postgres_server(&via_relay).await;
    let admin = app.signed_in(Role::Admin).await;
    let (status, _) = admin.page("/goals/4").await;
    assert_eq!(status, 200);

    relay.down();
    for path in ["/goals/4", "/admin/users", "/"] {
        let (status, page) = admin.page(path).await;
        assert_eq!(status, 503, "{path}");
        assert!(page.has_text("not reachable"), "{path}: {}", page.text());
    }
    let (status, _) = admin.page("/readyz").await;
    assert_eq!(status, 503);
    let (status, _) = admin.page("/healthz").await;
    assert_eq!(status, 200, "the process is still up");

    relay.up();
    let mut recovered = false;
    for _ in 0..50 {
        if admin.get("/goals/4").await.0 == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(recovered, "the app reconnects by itself");
    let (status, page) = admin.page("/goals/4").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Information Technology"));
}
