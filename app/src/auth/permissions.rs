//! The permission matrix: every server function and who may call it. The server
//! checks it on every call; a server function missing from it is refused.

use super::{AuthSession, AuthSettings, LOGIN_AT_KEY};
use crate::model::user::{CurrentUser, Role};
use crate::model::AppError;
use Role::*;

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (sign-in itself).
    Public,
    /// Anyone signed in; anonymous visitors too when public read-only mode is on.
    Read,
    /// Anyone signed in, whatever the role (sign-out, own password).
    SignedIn,
    /// Only these roles.
    Roles(&'static [Role]),
}

/// Server function name → access. Mutations are every entry that is not `Read`.
pub const PERMISSIONS: &[(&str, Access)] = &[
    // Account
    ("login", Access::Public),
    ("login_status", Access::Public),
    ("get_current_user", Access::Public),
    ("take_notice", Access::Public),
    ("is_sample_data", Access::Public),
    ("logout", Access::SignedIn),
    ("change_password", Access::SignedIn),
    // Plan reads
    ("get_overview", Access::Read),
    ("get_dashboard", Access::Read),
    ("get_heatmap", Access::Read),
    ("get_goal", Access::Read),
    ("get_objective", Access::Read),
    ("get_strategy", Access::Read),
    // Quarterly status (managers only for their assigned strategies: checked in the function)
    ("get_status_form", Access::Read),
    ("get_status_history", Access::Read),
    ("get_quarter", Access::Read),
    (
        "save_status",
        Access::Roles(&[Admin, WorkingGroup, Manager]),
    ),
    ("set_rollup_rule", Access::Roles(&[Admin])),
    ("set_fiscal_start_month", Access::Roles(&[Admin])),
    // Measures, APP, IP and the planning cycle (managers: only their strategies' measures
    // and milestones, checked in the function)
    ("get_measure", Access::Read),
    ("list_measures", Access::Read),
    ("get_app", Access::Read),
    ("get_ip", Access::Read),
    ("get_cycle", Access::Read),
    ("get_measure_form", Access::Roles(&[Admin, WorkingGroup])),
    ("save_measure", Access::Roles(&[Admin, WorkingGroup])),
    ("set_targets", Access::Roles(&[Admin, WorkingGroup])),
    (
        "save_actual",
        Access::Roles(&[Admin, WorkingGroup, Manager]),
    ),
    (
        "save_shortfall",
        Access::Roles(&[Admin, WorkingGroup, Manager]),
    ),
    ("change_app_state", Access::Roles(&[Admin, WorkingGroup])),
    ("distribute_ip", Access::Roles(&[Admin, WorkingGroup])),
    ("add_ip_milestone", Access::Roles(&[Admin, WorkingGroup])),
    (
        "set_ip_milestone_done",
        Access::Roles(&[Admin, WorkingGroup, Manager]),
    ),
    ("mark_cycle", Access::Roles(&[Admin, WorkingGroup])),
    ("get_actuals_import", Access::Roles(&[Admin, WorkingGroup])),
    // Plan import
    ("get_draft_preview", Access::Roles(&[Admin])),
    ("commit_import", Access::Roles(&[Admin])),
    // User administration
    ("list_users", Access::Roles(&[Admin])),
    ("add_user", Access::Roles(&[Admin])),
    ("update_user", Access::Roles(&[Admin])),
    ("reset_password", Access::Roles(&[Admin])),
    ("assign_strategies", Access::Roles(&[Admin])),
    // Audit trail
    ("list_audit", Access::Roles(&[Admin, WorkingGroup])),
];

/// The entry for a server function, if it has one.
pub fn access_of(name: &str) -> Option<Access> {
    PERMISSIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// Checks the caller against the matrix entry for `name`; returns the signed-in person.
pub async fn authorize(name: &str) -> Result<Option<CurrentUser>, AppError> {
    let Some(access) = access_of(name) else {
        tracing::error!(
            server_fn = name,
            "server function missing from the permission matrix"
        );
        return Err(AppError::Forbidden);
    };
    let user = current_user().await?;
    let settings = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.auth)
        .unwrap_or_default();
    let allowed = match (access, &user) {
        (Access::Public, _) => true,
        (Access::Read, None) => settings.public_read,
        (Access::Read, Some(_)) | (Access::SignedIn, Some(_)) => true,
        (Access::SignedIn, None) | (Access::Roles(_), None) => false,
        (Access::Roles(roles), Some(u)) => roles.contains(&u.role),
    };
    if !allowed {
        let error = if user.is_some() {
            AppError::Forbidden
        } else {
            AppError::Unauthorized
        };
        crate::model::error::set_response_status(error.status_code());
        return Err(error);
    }
    Ok(user)
}

/// The signed-in person, after applying the absolute session timeout.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let Ok(mut auth) = leptos_axum::extract::<AuthSession>().await else {
        return Ok(None);
    };
    let limit = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.auth.absolute_timeout)
        .unwrap_or_else(|| AuthSettings::default().absolute_timeout);
    Ok(session_user(&mut auth, limit, crate::state::clock().now()).await)
}

/// The session's person unless the session is older than `limit` at `now` (the app's
/// clock; then it is ended).
pub async fn session_user(
    auth: &mut AuthSession,
    limit: chrono::Duration,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<CurrentUser> {
    let user = auth.user.clone()?;
    let login_at: Option<String> = auth.session.get(LOGIN_AT_KEY).await.ok().flatten();
    let expired = login_at
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .is_none_or(|t| now.signed_duration_since(t) > limit);
    if expired {
        let _ = auth.logout().await;
        return None;
    }
    Some(user.public())
}
