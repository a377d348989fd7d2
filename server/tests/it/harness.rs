//! Starts the real app on a random port against a fresh database.

use app::db::Db;
use app::state::AppState;
use server::setup::{open_database, FirstRunPlan};
use std::net::SocketAddr;

/// A running app, its database and an HTTP client that does not follow redirects.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// Starts the app on a fresh SQLite file with the given first-run plan.
    pub async fn start(first_run: FirstRunPlan) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = open_database(&url, &first_run).await.expect("database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState {
            leptos_options: server::leptos_options(Some(addr)),
            db: db.clone(),
        };
        tokio::spawn(async move {
            axum::serve(listener, server::router(state)).await.unwrap();
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            db,
            client,
            _dir: dir,
        }
    }

    /// Starts the app with the bundled DRO excerpt imported.
    pub async fn with_excerpt() -> TestApp {
        Self::start(FirstRunPlan::Bundled).await
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
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

    /// Counts rows of a table.
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .unwrap();
        n
    }
}

/// The value of the first `attr="..."` attribute whose value starts with `prefix`.
pub fn attr_starting_with(html: &str, attr: &str, prefix: &str) -> Option<String> {
    let needle = format!("{attr}=\"{prefix}");
    let start = html.find(&needle)? + attr.len() + 2;
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}
