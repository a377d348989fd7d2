//! Who is asking and what they may do: sessions, passwords, the one policy.

pub mod backend;
pub mod password;
pub mod policy;
pub mod store;

pub use backend::{AuthSession, Backend, Credentials, SessionUser};
pub use policy::{authorize, Access, Owned, PERMISSIONS, ROUTES};

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
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            public_read: false,
            secure_cookies: false,
            idle_timeout: chrono::Duration::minutes(30),
            absolute_timeout: chrono::Duration::hours(12),
        }
    }
}

/// The session key holding the UTC time of sign-in (for the absolute timeout).
pub const LOGIN_AT_KEY: &str = "plantrack.login_at";

/// The session key holding the UTC time of the last request noted (for the idle limit).
pub const LAST_SEEN_KEY: &str = "plantrack.last_seen";
