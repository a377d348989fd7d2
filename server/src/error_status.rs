//! Server functions answer with the status their error means: leptos_axum sends every
//! `Err` as 500 unless the function set a status itself, so a user's mistake (an invalid
//! step, a missing record) would read as a server failure, and tower-sessions would not
//! save the session of a 5xx answer. This layer reads the `AppError` in such an answer and
//! gives it its own status (422, 404, 409, ...); real internal errors stay 500.

use app::model::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Largest error answer read back (errors are short JSON objects).
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// Sets the status of a server function's error answer from the error it carries.
pub async fn status_from_error(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ERROR_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status_code()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
