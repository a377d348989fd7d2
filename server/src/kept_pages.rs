//! Pages kept between requests (`app::kept_pages`): a page a person opens often
//! (`app::kept_pages::is_kept`) is rendered once per reader, data version and minute and
//! served again with a fresh CSP nonce; a session holding something shown once (a notice,
//! a form sent back) gets its pages rendered afresh. Every response says which it was in
//! `x-plantrack-kept` (`kept`, `previous`, `rendered` or `personal`).

use app::auth::AuthSession;
use app::kept_pages::{KeptPage, Look};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::hash::{Hash, Hasher};

/// The header that says how a page was served.
pub const KEPT_HEADER: &str = "x-plantrack-kept";

/// Largest page kept (bigger ones are served as rendered).
const LARGEST_PAGE: usize = 16 * 1024 * 1024;

/// Serves a kept page when there is one for this reader and version; keeps a page just
/// rendered; notes every write so this process's readers see it at once.
pub async fn keep_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if method != Method::GET {
        let response = next.run(request).await;
        if method != Method::HEAD && method != Method::OPTIONS {
            state.pages.wrote();
        }
        return response;
    }
    if !app::kept_pages::is_kept(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(mut auth) = request.extensions().get::<AuthSession>().cloned() else {
        return next.run(request).await;
    };
    let one_time = auth
        .session
        .get_value(app::kept_pages::ONE_TIME_KEY)
        .await
        .ok()
        .flatten()
        .is_some();
    if one_time {
        return marked(next.run(request).await, "personal");
    }
    let now = state.clock.now();
    // The idle and absolute limits apply to a kept page as to a rendered one.
    let reader = app::auth::policy::session_user(&mut auth, &state.auth, now)
        .await
        .map_or_else(|| "-".to_string(), |u| u.id.to_string());
    let read = || app::queries::dashboard::data_version(&state.db);
    let Ok(data) = state.pages.data_version(read).await else {
        return next.run(request).await;
    };
    let version = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (data, state.pages.epoch(), now.timestamp().div_euclid(60)).hash(&mut hasher);
        hasher.finish()
    };
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let key = format!("{reader} {path}");
    match state.pages.look(&key, version).await {
        Look::Kept(page) => served(&page, "kept"),
        Look::Previous(page) => served(&page, "previous"),
        Look::Render(turn) => {
            // The page is rendered while its body is read (the response streams), so
            // both happen aside.
            let rendered = aside(async move {
                let response = next.run(request).await;
                if response.status() != StatusCode::OK || !is_html(&response) {
                    return Err(response);
                }
                let (parts, body) = response.into_parts();
                match axum::body::to_bytes(body, LARGEST_PAGE).await {
                    Ok(bytes) => Ok((parts, bytes)),
                    Err(_) => Err(app::model::AppError::Internal.into_response()),
                }
            })
            .await;
            let (parts, bytes) = match rendered {
                Ok(page) => page,
                Err(response) => {
                    turn.finish(None);
                    return response;
                }
            };
            let nonce = nonce_of(&parts.headers);
            let headers = parts
                .headers
                .iter()
                .filter(|(name, _)| kept_header(name))
                .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                .collect();
            turn.finish(Some(KeptPage::new(headers, &bytes, &nonce)));
            marked(Response::from_parts(parts, Body::from(bytes)), "rendered")
        }
    }
}

/// Runs a kept page's render on a thread of its own (`block_in_place`): a render of a
/// few hundred milliseconds (the goal page at 625 strategies) otherwise holds up every
/// request queued behind it on its worker, and readers' p99 became the render's time.
/// (A runtime of one thread, as in tests, renders in place.)
async fn aside<F: std::future::Future>(render: F) -> F::Output {
    use tokio::runtime::{Handle, RuntimeFlavor};
    let handle = Handle::current();
    if handle.runtime_flavor() == RuntimeFlavor::MultiThread {
        tokio::task::block_in_place(|| handle.block_on(render))
    } else {
        render.await
    }
}

/// Whether a header of a rendered page is kept with it (not its length or cookies).
fn kept_header(name: &HeaderName) -> bool {
    *name != header::CONTENT_LENGTH
        && *name != header::TRANSFER_ENCODING
        && *name != header::SET_COOKIE
}

/// Whether the response is a page.
fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"))
        && !response.headers().contains_key(header::SET_COOKIE)
}

/// The nonce of the page's policy (`'nonce-…'`), or empty.
fn nonce_of(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|p| p.split("'nonce-").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string()
}

/// A kept page as a response, with a nonce of its own.
fn served(page: &KeptPage, how: &'static str) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let mut response = Response::new(Body::from(page.body_with(&nonce)));
    let headers = response.headers_mut();
    for (name, value) in &page.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_bytes(&page.header_with(value, &nonce)),
        ) {
            headers.append(name, value);
        }
    }
    marked(response, how)
}

/// `response` saying how it was served.
fn marked(mut response: Response, how: &'static str) -> Response {
    response
        .headers_mut()
        .insert(KEPT_HEADER, HeaderValue::from_static(how));
    response
}
