//! Who is asking and what they may do: sessions, passwords, the one policy.

pub mod backend;
pub mod password;
pub mod policy;
pub mod store;

pub use backend::{AuthSession, Backend, Credentials, SessionUser};
pub use policy::{authorize, Access, Owned, UseCase, API_ROUTES, PERMISSIONS, ROUTES};

/// Settings for sign-in and sessions.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Anonymous visitors may read everything (off by default).
    pub public_read: bool,
    /// Cookies are `Secure` and named `__Host-…` (set when served over TLS).
    pub secure_cookies: bool,
    /// Sign out after this much inactivity.
    pub idle_timeout: chrono::Duration,
    /// Sign out this long after signing in, active or not.
    pub absolute_timeout: chrono::Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (none: the peer is).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Single sign-on through the organisation's identity provider, when configured.
    pub oidc: Option<crate::model::oidc::OidcSettings>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            public_read: false,
            secure_cookies: false,
            idle_timeout: chrono::Duration::minutes(30),
            absolute_timeout: chrono::Duration::hours(12),
            trusted_proxies: Vec::new(),
            oidc: None,
        }
    }
}

/// The session key holding the UTC time of sign-in (for the absolute timeout).
pub const LOGIN_AT_KEY: &str = "plantrack.login_at";

/// The session key holding where signing out sends the browser: the provider's
/// end-session address (with the ID token hint) after a sign-in through it.
pub const END_SESSION_KEY: &str = "plantrack.end_session";

/// The session key holding the UTC time of the last request noted (for the idle limit).
pub const LAST_SEEN_KEY: &str = "plantrack.last_seen";

/// The client a trusted proxy names: the last address of the last `X-Forwarded-For`
/// header (the one that proxy added; earlier ones are whatever the client claimed).
pub fn forwarded_client(headers: &axum::http::HeaderMap) -> Option<std::net::IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    last.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
}

/// The caller's address for throttling and the audit trail: the connecting `peer`, or,
/// when that is a trusted proxy, the client its `X-Forwarded-For` names.
pub fn client_address(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> String {
    let forwarded = trusted
        .contains(&peer)
        .then(|| forwarded_client(headers))
        .flatten();
    forwarded.unwrap_or(peer).to_string()
}
