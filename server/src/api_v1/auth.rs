//! Signing an API request in: the bearer token, the policy, the token's scope, and a
//! per-token rate limit.

use super::refuse;
use app::auth::policy::decide;
use app::model::token::Scope;
use app::model::user::CurrentUser;
use app::model::AppError;
use app::state::AppState;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests a token may make per minute (`PLANTRACK_API_PER_MINUTE` changes it).
const PER_MINUTE: u32 = 120;

/// Requests counted per token in the current minute.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `PLANTRACK_API_PER_MINUTE` (default 120) requests a minute.
    pub fn from_env() -> RateLimiter {
        let per_minute = std::env::var("PLANTRACK_API_PER_MINUTE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(PER_MINUTE);
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request of `key`; the seconds to wait when over the limit.
    fn admit(&self, key: &str) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(60) {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            let wait = 60 - now.duration_since(entry.0).as_secs();
            return Err(wait.max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The person a request's token signs in as, if the policy lets them use `name` and
/// the token's scope covers it (`write`: a mutation).
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    write: bool,
) -> Result<CurrentUser, Response> {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    if secret.is_empty() {
        return Err(refuse(AppError::Unauthorized));
    }
    if let Err(wait) = limiter().admit(&app::services::token::hash(secret)) {
        let body = axum::Json(super::ApiError {
            error: format!("Too many requests with this token: wait {wait} seconds."),
        });
        let mut res = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
        if let Ok(v) = wait.to_string().parse() {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Err(res);
    }
    let (user, scope) = app::services::token::authenticate(&state.db, secret, state.clock.now())
        .await
        .map_err(refuse)?;
    decide(name, Some(&user), false).map_err(refuse)?;
    if write && scope != Scope::Write {
        let body = axum::Json(super::ApiError {
            error: "This token is read-only: make a read-and-write token to change anything."
                .into(),
        });
        return Err((StatusCode::FORBIDDEN, body).into_response());
    }
    Ok(user)
}

fn limiter() -> &'static RateLimiter {
    static LIMITER: std::sync::OnceLock<RateLimiter> = std::sync::OnceLock::new();
    LIMITER.get_or_init(RateLimiter::from_env)
}
