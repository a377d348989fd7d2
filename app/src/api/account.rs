//! Signing in and out, the current user, changing one's own password.

use crate::model::user::CurrentUser;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::{authorize, AuthSession, Credentials, LOGIN_AT_KEY},
    db::now_utc,
    queries::users as q,
    services::users as services,
    state::db,
};

/// Failed sign-ins allowed per username, and per address, in [`THROTTLE_MINUTES`].
#[cfg(feature = "ssr")]
const MAX_FAILURES_PER_USER: i64 = 5;
#[cfg(feature = "ssr")]
const MAX_FAILURES_PER_IP: i64 = 20;
#[cfg(feature = "ssr")]
const THROTTLE_MINUTES: i64 = 15;

/// Whether anyone has an account yet (the sign-in page explains the first step if not).
#[server(input = GetUrl)]
pub async fn login_status() -> Result<bool, AppError> {
    authorize("login_status").await?;
    Ok(q::count(&db()?).await? > 0)
}

/// The signed-in person, or `None`.
#[server(input = GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    authorize("get_current_user").await
}

/// Signs in, then goes to `next` (a local path) or the plan.
#[server]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    authorize("login").await?;
    let db = db()?;
    let username = username.trim().to_lowercase();
    let ip = client_ip().await;
    let next = safe_next(next.as_deref());
    let back = |code: &str| {
        format!(
            "/login?error={code}&username={}&next={}",
            urlencode(&username),
            urlencode(&next)
        )
    };
    let since = (chrono::Utc::now() - chrono::Duration::minutes(THROTTLE_MINUTES))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let (by_user, by_ip) = q::recent_failures(&db, &username, &ip, &since).await?;
    if by_user >= MAX_FAILURES_PER_USER || by_ip >= MAX_FAILURES_PER_IP {
        tracing::warn!(%username, %ip, at = %now_utc(), "sign-in refused: too many failures");
        crate::model::error::set_response_status(429);
        leptos_axum::redirect(&back("throttled"));
        return Err(AppError::TooManyAttempts);
    }
    let mut auth = leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|_| AppError::Internal)?;
    let creds = Credentials {
        username: username.clone(),
        password,
    };
    let user = auth.authenticate(creds).await.map_err(|e| {
        tracing::error!(error = %e, "sign-in check failed");
        AppError::Internal
    })?;
    let Some(user) = user else {
        q::record_failure(&db, &username, &ip).await?;
        tracing::warn!(%username, %ip, at = %now_utc(), "sign-in failed");
        // 422, not 401: the request was allowed; the credentials were wrong.
        crate::model::error::set_response_status(422);
        leptos_axum::redirect(&back("invalid"));
        return Err(AppError::Invalid("Wrong username or password.".into()));
    };
    auth.login(&user).await.map_err(|_| AppError::Internal)?;
    let at = crate::auth::policy::stamp(crate::state::clock().now());
    for key in [LOGIN_AT_KEY, crate::auth::LAST_SEEN_KEY] {
        auth.session
            .insert(key, &at)
            .await
            .map_err(|_| AppError::Internal)?;
    }
    q::clear_failures(&db, &username).await?;
    tracing::info!(%username, %ip, "signed in");
    let target = if user.must_change_password {
        "/account/password".to_string()
    } else {
        next
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// Signs out and returns to the sign-in page.
#[server]
pub async fn logout() -> Result<(), AppError> {
    authorize("logout").await?;
    let mut auth = leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|_| AppError::Internal)?;
    auth.logout().await.map_err(|_| AppError::Internal)?;
    leptos_axum::redirect("/login?signed_out=1");
    Ok(())
}

/// Changes the signed-in person's password (the current one is required).
#[server]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let me = authorize("change_password")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = db()?;
    if let Err(error) = services::change_password(&db, &me, current, new, confirm).await {
        if let AppError::Password(problem) = &error {
            crate::model::error::set_response_status(422);
            leptos_axum::redirect(&format!("/account/password?error={}", problem.code()));
        }
        return Err(error);
    }
    // The session was bound to the old hash: sign in again with the new one.
    let (updated, _) = q::find_by_id(&db, me.id).await?.ok_or(AppError::Internal)?;
    let mut auth = leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|_| AppError::Internal)?;
    auth.login(&updated).await.map_err(|_| AppError::Internal)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// The caller's address (the direct peer; no proxy header is trusted).
#[cfg(feature = "ssr")]
async fn client_ip() -> String {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// A local path to go to after sign-in; anything else becomes "/".
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

/// What a query value keeps unescaped: letters, digits, `-_.~`, and `/` (so a local path
/// in `next=` stays readable in the address bar).
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY_VALUE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_allows_local_paths() {
        assert_eq!(safe_next(Some("/goals/4")), "/goals/4");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn urlencode_escapes_query_characters() {
        assert_eq!(urlencode("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(urlencode("/goals/4?x=1"), "/goals/4%3Fx%3D1");
    }
}
