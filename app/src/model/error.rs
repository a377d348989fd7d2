//! The one error type every server function returns.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error a user may see; database detail never reaches it (it is logged instead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("Choose a new password first: the one you signed in with was temporary.")]
    PasswordChangeRequired,
    #[error("The database is not reachable right now. Please try again in a moment.")]
    Unavailable,
    #[error("Something went wrong on the server. The problem has been logged.")]
    Internal,
    #[error("{}", .0.message())]
    Password(crate::model::user::PasswordProblem),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many failed sign-in attempts. Wait 15 minutes and try again.")]
    TooManyAttempts,
    #[error("The request could not be completed: {0}")]
    Request(String),
}

impl AppError {
    /// The HTTP status that goes with this error.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) | AppError::Password(_) => 422,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::Conflict(_) => 409,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::TooManyAttempts => 429,
            AppError::Request(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound("Not found.".into()),
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

/// Sets the HTTP status of the response being built (server functions and pages).
#[cfg(feature = "ssr")]
pub fn set_response_status(code: u16) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            res.set_status(status);
        }
    }
}

/// Plain routes answer with the same status codes and messages as server functions: a
/// short page with the message and a way back (or text, for a client that asks for it).
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status_code())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let title = status.canonical_reason().unwrap_or("Error");
        let message = html_escape::encode_text(&self.to_string()).into_owned();
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\
             <title>{title} - plantrack</title>\
             <link rel=\"stylesheet\" href=\"/vendor/uswds/css/uswds.min.css\"/></head>\
             <body><main class=\"grid-container padding-y-4\" id=\"main-content\">\
             <h1>{title}</h1><div class=\"usa-alert usa-alert--error\" role=\"alert\">\
             <div class=\"usa-alert__body\"><p class=\"usa-alert__text\">{message}</p></div></div>\
             <p><a class=\"usa-link\" href=\"/\">Back to the plan</a></p></main></body></html>"
        );
        (status, axum::response::Html(page)).into_response()
    }
}
