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
    /// Too many writes in a short time (comment bursts).
    #[error("{0}")]
    TooFast(String),
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
            AppError::TooManyAttempts | AppError::TooFast(_) => 429,
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
