//! One-time notices carried in the session across a redirect ("Password changed",
//! a generated password shown once), so forms without JavaScript see them too.

use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub const NOTICE_KEY: &str = "plantrack.notice";

/// Stores a notice for the next page this session shows.
#[cfg(feature = "ssr")]
pub async fn set_notice(text: &str) {
    if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
        let _ = auth.session.insert(NOTICE_KEY, text.to_string()).await;
    }
}

/// Takes the pending notice, if any (it is shown once).
#[server(input = GetUrl)]
pub async fn take_notice() -> Result<Option<String>, AppError> {
    crate::auth::authorize(crate::auth::UseCase::TakeNotice).await?;
    let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await else {
        return Ok(None);
    };
    // Asked on every page: only a notice that is there is removed (a write to the session).
    if auth
        .session
        .get::<String>(NOTICE_KEY)
        .await
        .ok()
        .flatten()
        .is_none()
    {
        return Ok(None);
    }
    Ok(auth
        .session
        .remove::<String>(NOTICE_KEY)
        .await
        .ok()
        .flatten())
}
