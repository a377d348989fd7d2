//! Single sign-on through the organisation's identity provider (OpenID Connect):
//! `POST /auth/oidc/start` sends the browser to the provider (code flow with PKCE, `state`
//! and `nonce` kept in the session); `GET /auth/oidc/callback` checks the answer, signs
//! the person in on a new session id and goes where they were going. A refusal answers
//! the sign-in page with its message, an audit row, and counts toward the throttle.

pub mod provider;

use app::auth::policy::authorize_route;
use app::auth::{AuthSession, END_SESSION_KEY, LAST_SEEN_KEY, LOGIN_AT_KEY};
use app::model::oidc::Refusal;
use app::model::user::Role;
use app::state::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{
    CsrfToken, LogoutRequest, Nonce, PkceCodeChallenge, PostLogoutRedirectUrl, Scope,
};
use provider::{Failure, RelyingParty};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;

/// The relying party, when single sign-on is configured (an extension on the routes).
pub type Sso = Option<Arc<RelyingParty>>;

/// The session key holding a started sign-in until the provider answers.
const PENDING_KEY: &str = "plantrack.oidc.pending";

/// How long a started sign-in may wait for the provider's answer.
const PENDING_MINUTES: i64 = 10;

/// A sign-in sent to the provider: what its answer must match.
#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    next: Option<String>,
    /// Unix seconds, by the system clock (the provider's codes live by it too).
    started: i64,
}

/// The sign-in form's field: where to go afterwards (a path on this site).
#[derive(Debug, Deserialize)]
pub struct StartForm {
    next: Option<String>,
}

/// The provider's answer.
#[derive(Debug, Deserialize)]
pub struct Answer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// A 303 to `to`.
fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

/// `POST /auth/oidc/start`: to the provider's sign-in page.
pub async fn start(
    State(state): State<AppState>,
    Extension(sso): Extension<Sso>,
    mut auth: AuthSession,
    Form(form): Form<StartForm>,
) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, app::auth::UseCase::SsoStart).await {
        return refused.into_response();
    }
    let Some(rp) = sso else {
        return see_other(&format!("/login?error={}", Refusal::NotConfigured.code()));
    };
    let client = match rp.metadata(false).await.and_then(|m| rp.client(&m)) {
        Ok(client) => client,
        Err(failure) => {
            let detail = match failure {
                Failure::Unreachable(d) | Failure::Code(d) | Failure::Token(d) => d,
            };
            return refuse(&state, Refusal::Unreachable, "-", &detail).await;
        }
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in rp.settings.scopes.iter().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    request = request.set_pkce_challenge(challenge);
    if let Some(acr) = &rp.settings.acr {
        request = request.add_extra_param("acr_values", acr.clone());
    }
    let (url, csrf, nonce) = request.url();
    let asked = form.next.as_deref().filter(|n| !n.is_empty());
    let pending = Pending {
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        next: asked.map(|n| app::model::redirect::local_path(Some(n), "/")),
        started: chrono::Utc::now().timestamp(),
    };
    if auth.session.insert(PENDING_KEY, &pending).await.is_err() {
        return app::model::AppError::Internal.into_response();
    }
    see_other(url.as_str())
}

/// `GET /auth/oidc/callback`: the provider's answer; signs the person in.
pub async fn callback(
    State(state): State<AppState>,
    Extension(sso): Extension<Sso>,
    mut auth: AuthSession,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(answer): Query<Answer>,
) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, app::auth::UseCase::SsoCallback).await
    {
        return refused.into_response();
    }
    let ip = app::auth::client_address(peer.ip(), &headers, &state.auth.trusted_proxies);
    let Some(rp) = sso else {
        return refuse(&state, Refusal::NotConfigured, &ip, "").await;
    };
    match app::services::sso::may_try(&state.db, &ip).await {
        Ok(true) => {}
        Ok(false) => return refuse(&state, Refusal::Throttled, &ip, "").await,
        Err(e) => return e.into_response(),
    }
    // Taken out of the session at once: an answer is used once, replayed never.
    let pending: Option<Pending> = auth.session.remove(PENDING_KEY).await.ok().flatten();
    let Some(pending) = pending else {
        return refuse(&state, Refusal::State, &ip, "no sign-in was started").await;
    };
    if answer.state.as_deref() != Some(pending.state.as_str()) {
        return refuse(&state, Refusal::State, &ip, "state does not match").await;
    }
    if chrono::Utc::now().timestamp() - pending.started > PENDING_MINUTES * 60 {
        return refuse(
            &state,
            Refusal::State,
            &ip,
            "the sign-in was started too long ago",
        )
        .await;
    }
    if let Some(error) = &answer.error {
        let shown: String = error
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(80)
            .collect();
        return refuse(&state, Refusal::Provider, &ip, &shown).await;
    }
    let Some(code) = answer.code.filter(|c| !c.is_empty()) else {
        return refuse(&state, Refusal::Code, &ip, "no code").await;
    };
    let (identity, id_token, metadata) = match rp
        .finish(code, pending.verifier, pending.nonce)
        .await
    {
        Ok(done) => done,
        Err(Failure::Unreachable(d)) => return refuse(&state, Refusal::Unreachable, &ip, &d).await,
        Err(Failure::Code(d)) => return refuse(&state, Refusal::Code, &ip, &d).await,
        Err(Failure::Token(d)) => return refuse(&state, Refusal::Token, &ip, &d).await,
    };
    let id = match app::services::sso::sign_in(&state.db, &rp.settings, &identity).await {
        Ok(Ok(id)) => id,
        Ok(Err(refusal)) => {
            let detail = format!("subject {}", identity.subject);
            return refuse(&state, refusal, &ip, &detail).await;
        }
        Err(e) => return e.into_response(),
    };
    let user = match app::queries::users::find_by_id(&state.db, id).await {
        Ok(Some((user, false))) => user,
        Ok(_) => return refuse(&state, Refusal::Disabled, &ip, "").await,
        Err(_) => return app::model::AppError::Internal.into_response(),
    };
    // A new session id at every sign-in.
    if auth.session.cycle_id().await.is_err() || auth.login(&user).await.is_err() {
        return app::model::AppError::Internal.into_response();
    }
    let at = app::auth::policy::stamp(state.clock.now());
    for key in [LOGIN_AT_KEY, LAST_SEEN_KEY] {
        if auth.session.insert(key, &at).await.is_err() {
            return app::model::AppError::Internal.into_response();
        }
    }
    if let Some(endpoint) = metadata.additional_metadata().end_session_endpoint.clone() {
        let mut logout = LogoutRequest::from(endpoint)
            .set_id_token_hint(&id_token)
            .set_client_id(openidconnect::ClientId::new(rp.settings.client_id.clone()));
        if let Ok(back) = PostLogoutRedirectUrl::new(rp.settings.signed_out_uri.clone()) {
            logout = logout.set_post_logout_redirect_uri(back);
        }
        let url = logout.http_get_url().to_string();
        if auth.session.insert(END_SESSION_KEY, &url).await.is_err() {
            return app::model::AppError::Internal.into_response();
        }
    }
    if let Err(e) = app::services::sso::succeeded(&state.db, &ip).await {
        return e.into_response();
    }
    tracing::info!(username = ?user.username, %ip, "signed in through the identity provider");
    let target = match pending.next {
        Some(next) => next,
        None if user.role == Role::Manager => "/my".into(),
        None => "/".into(),
    };
    see_other(&target)
}

/// A refused sign-in: audited and logged (never a token), then the sign-in page with
/// the refusal's message.
async fn refuse(state: &AppState, refusal: Refusal, ip: &str, detail: &str) -> Response {
    tracing::warn!(code = refusal.code(), %ip, detail, "sign-in through the identity provider refused");
    // Not audited: a site without single sign-on, and answers past the throttle (so a
    // flood of forged answers cannot fill the audit trail).
    if !matches!(refusal, Refusal::NotConfigured | Refusal::Throttled) {
        if let Err(e) = app::services::sso::record_refusal(&state.db, refusal, ip, detail).await {
            tracing::error!(error = %e, "the refused sign-in could not be audited");
        }
    }
    see_other(&format!("/login?error={}", refusal.code()))
}
