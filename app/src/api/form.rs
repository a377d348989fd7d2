//! Sending a refused form back: stash what was typed in the session and redirect to the
//! form's page (a plain form post follows the redirect; a hydrated page re-reads it).

#[cfg(feature = "ssr")]
use crate::model::{form::Returned, AppError};

/// Stores the returned form (whatever the form's type) under `key`, sets a 4xx status
/// and redirects to `url`.
#[cfg(feature = "ssr")]
pub async fn send_back<T, F: serde::Serialize>(
    key: &str,
    url: &str,
    returned: F,
    error: AppError,
) -> Result<T, AppError> {
    if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
        let _ = auth.session.insert(key, returned).await;
    }
    // Not a 5xx, or the session holding the returned form would not be saved; a plain
    // form post gets the redirect's 302 instead.
    crate::model::error::set_response_status(error.status_code());
    leptos_axum::redirect(url);
    Err(error)
}

/// Sends a form refused for invalid input back to `url` (422): what was typed
/// (`values`) and each field's problem.
#[cfg(feature = "ssr")]
pub async fn send_invalid<'a, T>(
    key: &str,
    url: &str,
    values: impl IntoIterator<Item = (&'a str, &'a str)>,
    errors: Vec<(String, String)>,
) -> Result<T, AppError> {
    let returned = Returned::new(values, errors);
    let message = returned.message();
    send_back(key, url, returned, AppError::Invalid(message)).await
}

/// Takes the form returned under `key`, if any (it is shown once).
#[cfg(feature = "ssr")]
pub async fn take_returned(key: &str) -> Option<Returned> {
    let auth = leptos_axum::extract::<crate::auth::AuthSession>()
        .await
        .ok()?;
    auth.session.remove::<Returned>(key).await.ok().flatten()
}

/// A local path to return to, or `fallback` (never another site).
pub fn local_path(path: Option<&str>, fallback: &str) -> String {
    match path {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.into(),
        _ => fallback.into(),
    }
}
