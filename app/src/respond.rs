//! The HTTP half of [`AppError`]: a database error logged and turned into what a user
//! may see, the status of the response being built, and the short error page plain
//! routes answer with. The error type itself is pure and lives in `model::error`.

use crate::model::AppError;

impl From<crate::model::vocabulary::UnknownValue> for AppError {
    fn from(e: crate::model::vocabulary::UnknownValue) -> Self {
        sqlx::Error::Decode(Box::new(e)).into()
    }
}

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
pub fn set_response_status(code: u16) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            res.set_status(status);
        }
    }
}

/// Plain routes answer with the same status codes and messages as server functions: a
/// short page with the message and a way back (or text, for a client that asks for it).
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
