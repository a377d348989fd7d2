//! Signing in and out, the current user, changing one's own password.

use crate::model::oidc::SignInOptions;
use crate::model::user::CurrentUser;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::{authorize, AuthSession, Credentials, LOGIN_AT_KEY},
    queries::users as q,
    services::users as services,
    state::db,
};

/// Failed sign-ins allowed per username from one address, and per address, in
/// [`THROTTLE_MINUTES`].
#[cfg(feature = "ssr")]
const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
#[cfg(feature = "ssr")]
const MAX_FAILURES_PER_ADDRESS: i64 = 20;
#[cfg(feature = "ssr")]
const THROTTLE_MINUTES: i64 = 15;
/// The longest username looked at; longer ones are refused before anything is stored.
pub const MAX_USERNAME_CHARS: usize = 150;

/// What the sign-in page offers: whether anyone has an account yet, and single sign-on.
#[server(input = GetUrl)]
pub async fn login_status() -> Result<SignInOptions, AppError> {
    authorize(crate::auth::UseCase::LoginStatus).await?;
    let oidc = use_context::<crate::state::AppState>().and_then(|s| s.auth.oidc);
    Ok(SignInOptions {
        has_accounts: q::count(&db()?).await? > 0,
        provider: oidc.as_ref().map(|o| o.button_label.clone()),
        only_break_glass: oidc.is_some_and(|o| o.only),
    })
}

/// The signed-in person, or `None`.
#[server(input = GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    authorize(crate::auth::UseCase::GetCurrentUser).await
}

/// Signs in, then goes to `next` (a local path), else a manager's "My updates" and
/// everyone else's plan.
#[server]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    authorize(crate::auth::UseCase::Login).await?;
    let db = db()?;
    let username = username.trim().to_lowercase();
    let asked = next.as_deref().filter(|n| !n.is_empty());
    let next = crate::model::redirect::local_path(asked, "/");
    let kept = if asked.is_some() { next.as_str() } else { "" };
    let back = |code: &str, username: &str| {
        format!(
            "/login?error={code}&username={}&next={}",
            urlencode(username),
            urlencode(kept)
        )
    };
    if username.chars().count() > MAX_USERNAME_CHARS {
        crate::respond::set_response_status(422);
        crate::api::form::redirect(&back("invalid", ""));
        return Err(AppError::Invalid("Wrong username or password.".into()));
    }
    let ip = client_ip().await;
    let since = crate::clock::utc_ago(chrono::Duration::minutes(THROTTLE_MINUTES));
    // The attempt counts as a failure from before the password is checked (a success
    // clears it), so concurrent attempts cannot all slip under the limit.
    let over = |f: q::Failures| {
        f.account_at_address >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS
            || f.address >= MAX_FAILURES_PER_ADDRESS
    };
    if q::reserve_attempt(&db, (&username, &ip), &since, over)
        .await?
        .is_err()
    {
        tracing::warn!(username = ?username, %ip, "sign-in refused: too many failures");
        crate::respond::set_response_status(429);
        crate::api::form::redirect(&back("throttled", &username));
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
        tracing::warn!(username = ?username, %ip, "sign-in failed");
        // 422, not 401: the request was allowed; the credentials were wrong.
        crate::respond::set_response_status(422);
        crate::api::form::redirect(&back("invalid", &username));
        return Err(AppError::Invalid("Wrong username or password.".into()));
    };
    // Under --oidc-only a password signs in break-glass accounts only (said after the
    // password is checked, so it tells a stranger nothing about the account).
    let only = use_context::<crate::state::AppState>()
        .and_then(|s| s.auth.oidc)
        .is_some_and(|o| o.only);
    let break_glass = crate::queries::sso::is_break_glass(&db, &username).await?;
    if !crate::model::oidc::may_sign_in_locally(only, break_glass) {
        tracing::warn!(username = ?username, %ip, "password sign-in refused: single sign-on only");
        crate::respond::set_response_status(403);
        crate::api::form::redirect(&back("sso-only", &username));
        return Err(AppError::Forbidden);
    }
    // A new session id at every sign-in, also over a session already signed in
    // (axum-login cycles it only for an anonymous one).
    auth.session
        .cycle_id()
        .await
        .map_err(|_| AppError::Internal)?;
    auth.login(&user).await.map_err(|_| AppError::Internal)?;
    let at = crate::auth::policy::stamp(crate::state::clock().now());
    for key in [LOGIN_AT_KEY, crate::auth::LAST_SEEN_KEY] {
        auth.session
            .insert(key, &at)
            .await
            .map_err(|_| AppError::Internal)?;
    }
    q::clear_failures(&db, &username, &ip).await?;
    tracing::info!(username = ?username, %ip, "signed in");
    let target = if user.must_change_password {
        "/account/password".to_string()
    } else if asked.is_none() && user.role == crate::model::user::Role::Manager {
        "/my".to_string()
    } else {
        next
    };
    crate::api::form::redirect(&target);
    Ok(())
}

/// Signs out and returns to the sign-in page.
#[server]
pub async fn logout() -> Result<(), AppError> {
    authorize(crate::auth::UseCase::Logout).await?;
    let mut auth = leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|_| AppError::Internal)?;
    // After a sign-in through the provider, signing out ends its session too.
    let end_session: Option<String> = auth
        .session
        .get(crate::auth::END_SESSION_KEY)
        .await
        .ok()
        .flatten();
    auth.logout().await.map_err(|_| AppError::Internal)?;
    match end_session {
        // The provider's own address, from its discovered configuration.
        Some(url) => leptos_axum::redirect(&url),
        None => crate::api::form::redirect("/login?signed_out=1"),
    }
    Ok(())
}

/// Changes the signed-in person's password (the current one is required).
#[server]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::ChangePassword).await?;
    let db = db()?;
    if let Err(error) = services::change_password(&db, &me, current, new, confirm).await {
        if let AppError::Password(problem) = &error {
            crate::respond::set_response_status(422);
            crate::api::form::redirect(&format!("/account/password?error={}", problem.code()));
        }
        return Err(error);
    }
    // The session was bound to the old hash: sign in again with the new one.
    let (updated, _) = q::find_by_id(&db, me.id).await?.ok_or(AppError::Internal)?;
    let mut auth = leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|_| AppError::Internal)?;
    auth.session
        .cycle_id()
        .await
        .map_err(|_| AppError::Internal)?;
    auth.login(&updated).await.map_err(|_| AppError::Internal)?;
    crate::api::notice::set_notice("Your password has been changed.").await;
    // Where a sign-in would have gone: a manager's work is on "My updates".
    let home = if updated.role == crate::model::user::Role::Manager {
        "/my"
    } else {
        "/"
    };
    crate::api::form::redirect(home);
    Ok(())
}

/// The caller's address: the connecting peer's, or when that peer is a trusted proxy,
/// the last address its `X-Forwarded-For` adds.
#[cfg(feature = "ssr")]
async fn client_ip() -> String {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip());
    let Ok(peer) = peer else {
        return "unknown".into();
    };
    let trusted = use_context::<crate::state::AppState>()
        .map(|s| s.auth.trusted_proxies)
        .unwrap_or_default();
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    crate::auth::client_address(peer, &headers, &trusted)
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
    fn urlencode_escapes_query_characters() {
        assert_eq!(urlencode("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(urlencode("/goals/4?x=1"), "/goals/4%3Fx%3D1");
    }
}
