//! The plantrack server: router factory, start-up and command-line handling.

pub mod backup;
pub mod chart_files;
pub mod cli;
pub mod csrf;
pub mod csv_routes;
pub mod error_status;
pub mod evidence;
pub mod export;
pub mod jobs;
pub mod json_api;
pub mod kept_pages;
pub mod outage;
pub mod packet;
pub mod public;
pub mod refusal;
pub mod setup;
pub mod sso;
pub mod upload;

use app::auth::{AuthSettings, Backend};
use app::state::AppState;
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::LazyLock;
use tower_http::services::{ServeDir, ServeFile};
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

/// The app's routes, generated once per process. Generating them raises a process-wide
/// Leptos flag (`SuppressResourceLoad`) under which any resource first polled meanwhile
/// waits forever (leptos-rs/leptos#4773): a second server started in the same process
/// while another serves (the integration tests do this) made that one's page hang.
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

/// Builds the whole application router for `state`; tests start it on `127.0.0.1:0`.
pub fn router(state: AppState) -> Router {
    router_with_timeout(state, REQUEST_TIMEOUT)
}

/// [`router`] answering 408 to a request that takes longer than `timeout`.
pub fn router_with_timeout(state: AppState, timeout: std::time::Duration) -> Router {
    let routes = ROUTES.clone();
    let options = state.leptos_options.clone();
    let auth_layer = auth_layer(&state);
    // Checked at start by the command line (a bad key file stops it there).
    let sso: sso::Sso = state.auth.oidc.clone().and_then(|settings| {
        sso::provider::RelyingParty::new(settings)
            .inspect_err(|e| tracing::error!(error = %e, "single sign-on is off"))
            .ok()
            .map(std::sync::Arc::new)
    });
    // Health checks stay outside the session layer: they answer whatever the session store does.
    let health = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(state.clone());
    // The site's own files (stylesheets, wasm, USWDS, the icon) have their own routes, so
    // no request for one goes through the fallback that renders the 404 page.
    let site = std::path::PathBuf::from(options.site_root.as_ref());
    let app = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(site.join(options.site_pkg_dir.as_ref())),
        )
        .nest_service("/vendor", ServeDir::new(site.join("vendor")))
        .route_service("/favicon.ico", ServeFile::new(site.join("favicon.ico")))
        .route("/admin/import", post(upload::create_draft_handler))
        .route("/measures/import", post(csv_routes::import))
        .route("/measures/targets/import", post(csv_routes::import_targets))
        .route(
            "/business-plan/import",
            post(csv_routes::import_business_plan),
        )
        .route("/csv/{table}/{fy}", get(csv_routes::export))
        .route("/export/stratml", get(export::stratml))
        .route("/export/plan.json", get(export::plan_json))
        .route("/export/plan.zip", get(export::plan_zip))
        .route("/charts/{file}", get(chart_files::chart_file))
        .route(
            "/evidence",
            post(evidence::attach).layer(axum::extract::DefaultBodyLimit::max(EVIDENCE_BODY_BYTES)),
        )
        .route("/evidence/{id}", get(evidence::download))
        .route("/reviews/{quarter}/packet.pdf", get(packet::packet_pdf))
        .route("/reports/{fy}/report.pdf", get(packet::report_pdf))
        .route("/reports/{fy}/public.pdf", get(packet::public_report_pdf))
        .route("/auth/oidc/start", post(sso::start))
        .route("/auth/oidc/callback", get(sso::callback))
        .route("/robots.txt", get(public::robots_txt))
        .route("/sitemap.xml", get(public::sitemap_xml))
        .layer(axum::Extension(sso))
        .merge(json_api::router())
        .leptos_routes_with_context(&state, routes, || (), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Inside the session layer, so a 4xx answer still saves the session.
        .layer(axum::middleware::from_fn(error_status::status_from_error))
        .layer(axum::middleware::from_fn(refusal::clean_refusal))
        // Inside the session layer: a kept page is the signed-in reader's own.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            kept_pages::keep_pages,
        ))
        .layer(auth_layer)
        // Every stored timestamp of the request from the app's clock (sessions too).
        .layer(axum::middleware::from_fn_with_state(
            state.clock.clone(),
            |axum::extract::State(clock): axum::extract::State<app::clock::Clock>,
             request: axum::extract::Request,
             next: axum::middleware::Next| async move {
                app::db::with_clock(clock, next.run(request)).await
            },
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            outage::explain_outage,
        ))
        .layer(axum::middleware::from_fn(csrf::reject_cross_site))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(
            |mut res: axum::response::Response| async move {
                app::security::add_headers(res.headers_mut());
                res
            },
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                run_to_end(request, next, timeout)
            },
        ))
        // A panic answers with the error page (and is logged) instead of dropping the
        // connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_page))
        .layer(axum::middleware::from_fn(limit_body))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(state);
    health.merge(app)
}

/// Runs the request to its end in a task of its own, for at most `timeout` (then it is
/// dropped there, as the timeout layer outside answers 408, so a body that never ends
/// does not keep a task). A client that hangs up stops waiting for the answer but does
/// not stop a write half-way: a save dropped between `BEGIN IMMEDIATE` and its commit
/// left its connection's transaction open, and SQLite then refused every later write as
/// "database is locked" (found by the benchmark: wrk hangs up on requests in flight when
/// a run ends). A panic is passed on to the panic layer outside.
async fn run_to_end(
    request: axum::extract::Request,
    next: axum::middleware::Next,
    timeout: std::time::Duration,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use tracing::Instrument;
    let bounded = async move {
        tokio::time::timeout(timeout, next.run(request))
            .await
            .unwrap_or_else(|_| axum::http::StatusCode::REQUEST_TIMEOUT.into_response())
    };
    match tokio::spawn(bounded.in_current_span()).await {
        Ok(response) => response,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => app::model::AppError::Internal.into_response(),
    }
}

/// The answer to a request whose handler panicked: the 500 page; the panic is logged.
fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = ?detail, "a request handler panicked");
    axum::response::IntoResponse::into_response(app::model::AppError::Internal)
}

/// Largest request body accepted (plan text uploads are far smaller).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Largest evidence upload accepted: a 10 MB file and the form around it (a file a little
/// over 10 MB is refused by the form with a message; past this, with 413).
pub const EVIDENCE_BODY_BYTES: usize = 12 * 1024 * 1024;

/// Answers 413 to a body over its path's limit ([`MAX_BODY_BYTES`], or
/// [`EVIDENCE_BODY_BYTES`] for an evidence upload) as soon as its length says so, and
/// cuts off one that grows past it.
async fn limit_body(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = if req.uri().path() == "/evidence" {
        EVIDENCE_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        let text = format!("The request is larger than {} MB.", limit / (1024 * 1024));
        return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, text).into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body))
        .await
}
/// Longest a request may take before it is answered with 408 (`--request-timeout`).
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// `/readyz`: 200 when the database answers, 503 when it does not.
async fn readyz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    let ping = app::queries::ping(&state.db);
    match tokio::time::timeout(std::time::Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (axum::http::StatusCode::OK, "ready"),
        _ => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "database unavailable",
        ),
    }
}

/// Sessions in the database, with the cookie settings the configuration asks for.
fn auth_layer(
    state: &AppState,
) -> axum_login::AuthManagerLayer<Backend, app::auth::store::AppSessionStore> {
    let AuthSettings {
        secure_cookies,
        idle_timeout,
        ..
    } = state.auth.clone();
    let name = if secure_cookies {
        "__Host-plantrack"
    } else {
        "plantrack_session"
    };
    let idle = time::Duration::seconds(idle_timeout.num_seconds());
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_name(name)
        .with_secure(secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));
    let backend = Backend {
        db: state.db.clone(),
    };
    AuthManagerLayerBuilder::new(backend, sessions).build()
}

/// Rendering options: cargo-leptos's environment when present, sensible defaults
/// otherwise, so the binary also runs on its own from the repository root.
pub fn leptos_options(addr: Option<std::net::SocketAddr>) -> LeptosOptions {
    let from_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = from_cargo_leptos
        .then(|| leptos::config::get_configuration(None).ok())
        .flatten()
        .map(|c| c.leptos_options)
        .unwrap_or_else(|| LeptosOptions::builder().output_name("plantrack").build());
    if options.output_name.is_empty() {
        options.output_name = "plantrack".into();
    }
    if std::env::var_os("LEPTOS_SITE_ROOT").is_none() && options.site_root.as_ref() == "." {
        options.site_root = "target/site".into();
    }
    if let Some(addr) = addr {
        options.site_addr = addr;
    }
    options
}

/// Serves `router` on `listener` with the peer address available (for sign-in
/// throttling) until `shutdown` resolves; in-flight requests finish first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
