//! A clear "service unavailable" page while the database cannot be reached.

use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service unavailable · plantrack</title>
<link rel="stylesheet" href="/vendor/uswds/css/uswds.min.css"></head>
<body><main id="main-content" class="grid-container margin-y-4">
<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body">
<h1 class="usa-alert__heading">Service unavailable</h1>
<p class="usa-alert__text">The database is not reachable right now, so plantrack cannot show
or save anything. Nothing you saved before is lost. Please try again in a minute.</p>
</div></div></main></body></html>"#;

/// True when the database answers a trivial query within a second.
pub async fn database_answers(state: &AppState) -> bool {
    let ping = app::queries::ping(&state.db);
    matches!(
        tokio::time::timeout(Duration::from_secs(1), ping).await,
        Ok(Ok(_))
    )
}

/// Turns a bare 500 (for example the session layer failing to read its table) into the
/// outage page with 503 when the cause is the database being unreachable.
pub async fn explain_outage(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || database_answers(&state).await {
        return response;
    }
    tracing::warn!("database unreachable: answering 503");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::RETRY_AFTER, "30"),
        ],
        PAGE,
    )
        .into_response()
}
