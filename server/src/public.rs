//! `/robots.txt` and `/sitemap.xml`: crawlers are kept to the public performance page and
//! the published reports, and only once an administrator publishes the page.

use app::auth::policy::authorize_route;
use app::auth::{AuthSession, UseCase};
use app::model::public::{robots, sitemap};
use app::model::AppError;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

/// The site's address for absolute links: `PLANTRACK_PUBLIC_URL`, else the request's host.
fn site(headers: &HeaderMap) -> String {
    let configured = app::services::outbox::site();
    if !configured.is_empty() {
        return configured;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// `GET /robots.txt`.
pub async fn robots_txt(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, UseCase::RobotsPolicy).await {
        return refused.into_response();
    }
    match app::services::public::published_at(&state.db).await {
        Ok(published) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            robots(published.is_some(), &site(&headers)),
        )
            .into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `GET /sitemap.xml`: the public pages (404 while the public page is not published).
pub async fn sitemap_xml(
    State(state): State<AppState>,
    mut auth: AuthSession,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, UseCase::PublicSitemap).await {
        return refused.into_response();
    }
    let read = async {
        let published = app::services::public::published_at(&state.db).await?;
        let reports = app::queries::public::published_reports(&state.db).await?;
        Ok::<_, sqlx::Error>(published.map(|_| reports))
    };
    match read.await {
        Ok(Some(reports)) => (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            sitemap(&site(&headers), &reports),
        )
            .into_response(),
        Ok(None) => AppError::NotFound("The public performance page is not published.".into())
            .into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}
