//! The JSON API under `/api/v1`, for other systems: read the plan, measures, targets,
//! actuals and status; write actuals and status updates through the same services and
//! rules as the forms. Signed in by a personal access token (`Authorization: Bearer`),
//! decided by the one policy (a token never grants more than its owner's role, and a
//! read-only token never writes), rate limited per token (and failed sign-ins per client address). Errors are JSON
//! (`{"error": "…"}`) with the app's status codes. The OpenAPI document is generated
//! from these handlers (`openapi.rs`).

mod auth;
mod comments;
mod docs;
mod read;
mod write;

use app::model::AppError;
use app::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

pub use auth::{Limits, RateLimiter};

/// An error as the API answers it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// What went wrong, in words.
    pub error: String,
}

/// An [`AppError`] as a JSON answer with its status code.
pub fn refuse(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        Json(ApiError {
            error: e.to_string(),
        }),
    )
        .into_response()
}

/// The `/api/v1` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/plan", get(read::plan))
        .route("/api/v1/measures", get(read::measures))
        .route("/api/v1/status", get(read::status))
        .route("/api/v1/comments", get(comments::read).post(comments::post))
        .route("/api/v1/measures/{id}/actuals", post(write::actual))
        .route("/api/v1/strategies/{number}/status", post(write::status))
        .route("/api/v1/openapi.json", get(docs::openapi_json))
        .route("/api/v1/docs", get(docs::page))
        // Each router counts its own requests (the tests run many servers in one process).
        .layer(axum::Extension(std::sync::Arc::new(Limits::from_env())))
}
