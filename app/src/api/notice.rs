//! One-time notices carried in the session across a redirect ("Password changed",
//! a generated password shown once), so forms without JavaScript see them too.

use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub const NOTICE_KEY: &str = "plantrack.notice";
/// Where a refused form's error waits for the page it went back to (`server::refusal`).
#[cfg(feature = "ssr")]
pub const REFUSAL_KEY: &str = "plantrack.refusal";

/// A one-time notice: what was done, or why a form was refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageNotice {
    /// The sentence shown.
    pub text: String,
    /// Whether it says why something was refused (an error) rather than what was done.
    pub refused: bool,
}

/// Stores a notice for the next page this session shows.
#[cfg(feature = "ssr")]
pub async fn set_notice(text: &str) {
    if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
        let _ = auth.session.insert(NOTICE_KEY, text.to_string()).await;
    }
}

/// Takes the pending notice, if any (it is shown once): a refusal before a success.
#[server(input = GetUrl)]
pub async fn take_notice() -> Result<Option<PageNotice>, AppError> {
    crate::auth::authorize(crate::auth::UseCase::TakeNotice).await?;
    let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await else {
        return Ok(None);
    };
    for (key, refused) in [(REFUSAL_KEY, true), (NOTICE_KEY, false)] {
        // Asked on every page: only a notice that is there is removed (a write to the
        // session).
        if auth
            .session
            .get::<String>(key)
            .await
            .ok()
            .flatten()
            .is_none()
        {
            continue;
        }
        if let Some(text) = auth.session.remove::<String>(key).await.ok().flatten() {
            return Ok(Some(PageNotice { text, refused }));
        }
    }
    Ok(None)
}
