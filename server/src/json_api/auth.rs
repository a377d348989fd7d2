//! Signing an API request in: the bearer token, the policy, the token's scope, and the
//! rate limits. Requests are counted per authenticated token; failed sign-ins are
//! counted per client address, so made-up tokens are refused with 429 once an address
//! has sent too many, and neither table grows past a fixed size.

use super::refuse;
use app::auth::policy::decide;
use app::model::token::Scope;
use app::model::user::CurrentUser;
use app::model::AppError;
use app::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests a token may make per minute (`PLANTRACK_API_PER_MINUTE` changes it).
const PER_MINUTE: u32 = 120;

/// Failed sign-ins (no, unknown, expired or revoked token) an address may make per
/// minute before all its requests wait.
const FAILURES_PER_MINUTE: u32 = 30;

/// Most windows a table keeps: tokens in use, or addresses that failed, in one minute.
pub const TABLE_CAPACITY: usize = 4096;

/// The length of a counting window.
const WINDOW: Duration = Duration::from_secs(60);

/// Counts per key in one-minute windows, in a table of at most `capacity` keys: windows
/// that have passed are dropped first, then the oldest.
pub struct RateLimiter<K> {
    per_minute: u32,
    capacity: usize,
    windows: Mutex<HashMap<K, (Instant, u32)>>,
}

impl<K: Eq + Hash + Clone> RateLimiter<K> {
    /// A limiter allowing `per_minute` a key, keeping at most `capacity` keys.
    pub fn new(per_minute: u32, capacity: usize) -> RateLimiter<K> {
        RateLimiter {
            per_minute,
            capacity: capacity.max(1),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one for `key` at `now`; the seconds to wait when it is over the limit.
    pub fn admit(&self, key: &K, now: Instant) -> Result<(), u64> {
        self.check(key, now)?;
        self.count(key, now);
        Ok(())
    }

    /// The seconds `key` must wait at `now`, if it is over the limit (counts nothing).
    pub fn check(&self, key: &K, now: Instant) -> Result<(), u64> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        match windows.get(key) {
            Some(&(start, n)) if now.duration_since(start) < WINDOW && n >= self.per_minute => {
                let passed = now.duration_since(start).as_secs();
                Err(WINDOW.as_secs().saturating_sub(passed).max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts one for `key` at `now`, making room in the table first if it is full.
    pub fn count(&self, key: &K, now: Instant) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if !windows.contains_key(key) && windows.len() >= self.capacity {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
            if windows.len() >= self.capacity {
                let oldest = windows
                    .iter()
                    .min_by_key(|(_, (start, _))| *start)
                    .map(|(k, _)| k.clone());
                if let Some(oldest) = oldest {
                    windows.remove(&oldest);
                }
            }
        }
        let entry = windows.entry(key.clone()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }

    /// How many keys the table holds.
    pub fn len(&self) -> usize {
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The API's two limits, one set per router.
pub struct Limits {
    /// Requests per authenticated token (keyed by the token's hash).
    pub tokens: RateLimiter<String>,
    /// Failed sign-ins per client address.
    pub failures: RateLimiter<IpAddr>,
}

impl Limits {
    /// The limits with `PLANTRACK_API_PER_MINUTE` (default 120) requests a token.
    pub fn from_env() -> Limits {
        let per_minute = std::env::var("PLANTRACK_API_PER_MINUTE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(PER_MINUTE);
        Limits {
            tokens: RateLimiter::new(per_minute, TABLE_CAPACITY),
            failures: RateLimiter::new(FAILURES_PER_MINUTE, TABLE_CAPACITY),
        }
    }

    /// Signs a request with bearer `secret` from `ip` in, counting it: 429 when the
    /// address has failed too often or the token is over its limit, else what
    /// `authenticate` says (a failure counted against the address).
    pub async fn sign_in<F, Fut>(
        &self,
        ip: IpAddr,
        secret: &str,
        authenticate: F,
    ) -> Result<(CurrentUser, Scope), SignInRefused>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(CurrentUser, Scope), AppError>>,
    {
        let now = Instant::now();
        self.failures.check(&ip, now).map_err(SignInRefused::Wait)?;
        let signed_in = match secret.is_empty() {
            true => Err(AppError::Unauthorized),
            false => authenticate().await,
        };
        match signed_in {
            Ok(found) => {
                let key = app::services::token::hash(secret);
                self.tokens.admit(&key, now).map_err(SignInRefused::Wait)?;
                Ok(found)
            }
            Err(e @ AppError::Unauthorized) => {
                self.failures.count(&ip, now);
                Err(SignInRefused::Error(e))
            }
            Err(e) => Err(SignInRefused::Error(e)),
        }
    }
}

/// Why a request was not signed in.
#[derive(Debug)]
pub enum SignInRefused {
    /// Too many requests: wait this many seconds.
    Wait(u64),
    Error(AppError),
}

/// Who is calling: the request's headers, the client's address (the peer's, or the one
/// a trusted proxy names) and the router's limits.
pub struct Caller {
    headers: HeaderMap,
    ip: IpAddr,
    limits: Arc<Limits>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let ip = match state.auth.trusted_proxies.contains(&peer) {
            true => app::auth::forwarded_client(&parts.headers).unwrap_or(peer),
            false => peer,
        };
        // `router()` gives every API route its limits; this fallback is never used there.
        let limits = parts
            .extensions
            .get::<Arc<Limits>>()
            .cloned()
            .unwrap_or_else(|| {
                static SHARED: std::sync::OnceLock<Arc<Limits>> = std::sync::OnceLock::new();
                SHARED.get_or_init(|| Arc::new(Limits::from_env())).clone()
            });
        Ok(Caller {
            headers: parts.headers.clone(),
            ip,
            limits,
        })
    }
}

/// The person a request's token signs in as, if the policy lets them use `name` and
/// the token's scope covers it (`write`: a mutation).
pub async fn signed_in(
    state: &AppState,
    caller: &Caller,
    use_case: app::auth::UseCase,
    write: bool,
) -> Result<CurrentUser, Response> {
    let secret = caller
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    let authenticate = || app::services::token::authenticate(&state.db, secret, state.clock.now());
    let (user, scope) = match caller.limits.sign_in(caller.ip, secret, authenticate).await {
        Ok(found) => found,
        Err(SignInRefused::Error(e)) => return Err(refuse(e)),
        Err(SignInRefused::Wait(wait)) => return Err(too_many(wait)),
    };
    decide(use_case, Some(&user), false).map_err(refuse)?;
    if write && scope != Scope::Write {
        let body = axum::Json(super::ApiError {
            error: "This token is read-only: make a read-and-write token to change anything."
                .into(),
        });
        return Err((StatusCode::FORBIDDEN, body).into_response());
    }
    Ok(user)
}

/// 429 with `Retry-After`.
fn too_many(wait: u64) -> Response {
    let body = axum::Json(super::ApiError {
        error: format!("Too many requests: wait {wait} seconds."),
    });
    let mut res = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    if let Ok(v) = wait.to_string().parse() {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hundred_thousand_made_up_tokens_keep_every_table_bounded() {
        let limits = Limits::from_env();
        for i in 0..100_000u32 {
            // From many addresses, each token made up: refused, never counted as a token.
            let ip = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i));
            let secret = format!("pt_madeup{i}");
            let refused = limits
                .sign_in(ip, &secret, || async { Err(AppError::Unauthorized) })
                .await;
            assert!(matches!(
                refused,
                Err(SignInRefused::Error(AppError::Unauthorized))
            ));
        }
        assert!(limits.tokens.is_empty(), "made-up tokens are never keys");
        assert!(
            limits.failures.len() <= TABLE_CAPACITY,
            "{}",
            limits.failures.len()
        );
        // From one address: after the failure limit every request waits.
        let one = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let mut waited = 0;
        for i in 0..1_000 {
            let secret = format!("pt_other{i}");
            let outcome = limits
                .sign_in(one, &secret, || async { Err(AppError::Unauthorized) })
                .await;
            waited += usize::from(matches!(outcome, Err(SignInRefused::Wait(_))));
        }
        assert_eq!(waited, 1_000 - FAILURES_PER_MINUTE as usize);
        assert!(limits.failures.len() <= TABLE_CAPACITY);
    }

    #[test]
    fn a_full_table_drops_passed_windows_then_the_oldest() {
        let limiter = RateLimiter::<u32>::new(2, 3);
        let t0 = Instant::now();
        for k in 0..3 {
            limiter.admit(&k, t0).unwrap();
        }
        limiter.admit(&3, t0 + Duration::from_secs(1)).unwrap();
        assert_eq!(limiter.len(), 3);
        // Passed windows go first: all of them, a minute later.
        let later = t0 + Duration::from_secs(61);
        limiter.admit(&4, later + Duration::from_secs(1)).unwrap();
        assert!(limiter.len() <= 3);
        // A key over its limit waits until its window passes.
        limiter.admit(&9, later).unwrap();
        limiter.admit(&9, later).unwrap();
        assert!(limiter.admit(&9, later).is_err());
        assert!(limiter.admit(&9, later + WINDOW).is_ok());
    }
}
