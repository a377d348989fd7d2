//! The plantrack server: router factory, start-up and command-line handling.

pub mod cli;
pub mod setup;
pub mod upload;

use app::state::AppState;
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

/// Builds the whole application router for `state`; tests start it on `127.0.0.1:0`.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/admin/import", post(upload::create_draft_handler))
        .leptos_routes_with_context(&state, routes, || (), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state)
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
