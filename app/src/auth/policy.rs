//! The one authorization policy. Every door into the app over HTTP — server functions
//! and plain routes — is a named entry in [`PERMISSIONS`] (who may use it by
//! role), and [`may_act_on`] adds the object rule: a manager acts only on the strategies,
//! and their measures and milestones, assigned to them. A name missing from the table is
//! refused. (The command line acts as the system: whoever may run it on the server.)

use super::{AuthSession, AuthSettings, LAST_SEEN_KEY, LOGIN_AT_KEY};
use crate::db::Db;
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
    /// Only these roles, and a manager only on what is assigned to them (the use case
    /// asks [`require`] once it knows the object).
    Assigned(&'static [Role]),
}

/// Use-case name (a server function's, or a plain route's from [`ROUTES`]) → access.
/// Mutations are every entry that is not `Read`.
pub const PERMISSIONS: &[(&str, Access)] = &[
    // Account
    ("login", Access::Public),
    ("login_status", Access::Public),
    ("get_current_user", Access::Public),
    ("take_notice", Access::Public),
    ("get_page_frame", Access::Public),
    ("logout", Access::SignedIn),
    ("change_password", Access::SignedIn),
    ("get_tokens", Access::SignedIn),
    ("create_token", Access::SignedIn),
    ("revoke_token", Access::SignedIn),
    ("get_my_updates", Access::SignedIn),
    ("get_notifications", Access::SignedIn),
    ("get_my_email", Access::SignedIn),
    ("set_email", Access::SignedIn),
    ("get_unread_count", Access::Public),
    ("mark_notifications_read", Access::SignedIn),
    ("get_outbox", Access::Roles(&[Admin])),
    ("remind_now", Access::Roles(&[Admin, WorkingGroup])),
    // Plan reads
    ("get_overview", Access::Read),
    ("get_dashboard", Access::Read),
    ("get_heatmap", Access::Read),
    ("get_goal", Access::Read),
    ("get_objective", Access::Read),
    ("get_strategy", Access::Read),
    // Change proposals and plan revisions (decided at a review by the working group)
    ("get_proposals", Access::Read),
    ("get_revisions", Access::Read),
    ("get_revision", Access::Read),
    ("compare_revisions", Access::Read),
    ("propose_change", Access::Roles(&[Admin, WorkingGroup])),
    // Budget alignment
    ("get_budget", Access::Read),
    ("save_budget_request", Access::Roles(&[Admin, WorkingGroup])),
    // Starting the next fiscal year from this one
    ("get_year_start", Access::Read),
    ("get_targets_import", Access::Roles(&[Admin, WorkingGroup])),
    ("start_year", Access::Roles(&[Admin, WorkingGroup])),
    ("decide_proposals", Access::Roles(&[Admin, WorkingGroup])),
    // Quarterly status (managers: only their assigned strategies)
    ("get_status_form", Access::Read),
    ("get_status_history", Access::Read),
    ("get_quarter", Access::Read),
    (
        "save_status",
        Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ),
    ("set_rollup_rule", Access::Roles(&[Admin])),
    ("set_fiscal_start_month", Access::Roles(&[Admin])),
    // Measures, APP, IP and the planning cycle (managers: only their strategies' measures
    // and milestones)
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
        Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ),
    (
        "save_shortfall",
        Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ),
    ("change_app_state", Access::Roles(&[Admin, WorkingGroup])),
    ("distribute_ip", Access::Roles(&[Admin, WorkingGroup])),
    ("add_ip_milestone", Access::Roles(&[Admin, WorkingGroup])),
    (
        "set_ip_milestone_done",
        Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ),
    ("mark_cycle", Access::Roles(&[Admin, WorkingGroup])),
    ("set_call_schedule", Access::Roles(&[Admin])),
    ("get_call_tracker", Access::Roles(&[Admin, WorkingGroup])),
    ("unlock_quarter", Access::Roles(&[Admin, WorkingGroup])),
    ("review_status", Access::Roles(&[Admin, WorkingGroup])),
    ("set_approval", Access::Roles(&[Admin])),
    ("set_reminders", Access::Roles(&[Admin])),
    ("get_actuals_import", Access::Roles(&[Admin, WorkingGroup])),
    // Plan import
    ("get_draft_preview", Access::Roles(&[Admin])),
    ("commit_import", Access::Roles(&[Admin])),
    // User administration
    ("list_users", Access::Roles(&[Admin])),
    ("get_user", Access::Roles(&[Admin])),
    ("add_user", Access::Roles(&[Admin])),
    ("update_user", Access::Roles(&[Admin])),
    ("reset_password", Access::Roles(&[Admin])),
    ("assign_strategies", Access::Roles(&[Admin])),
    ("set_strategy_owners", Access::Roles(&[Admin, WorkingGroup])),
    ("set_time_zone", Access::Roles(&[Admin])),
    // Audit trail
    ("list_audit", Access::Roles(&[Admin, WorkingGroup])),
    // The working group's quarterly review meetings (viewers read them)
    ("get_reviews", Access::Read),
    ("get_review", Access::Read),
    ("get_packet", Access::Read),
    ("get_annual_review", Access::Read),
    ("save_annual_review", Access::Roles(&[Admin, WorkingGroup])),
    ("open_review", Access::Roles(&[Admin, WorkingGroup])),
    ("record_agenda_item", Access::Roles(&[Admin, WorkingGroup])),
    ("move_agenda_item", Access::Roles(&[Admin, WorkingGroup])),
    ("add_agenda_item", Access::Roles(&[Admin, WorkingGroup])),
    ("set_review_details", Access::Roles(&[Admin, WorkingGroup])),
    ("add_review_action", Access::Roles(&[Admin, WorkingGroup])),
    ("close_review_action", Access::Roles(&[Admin, WorkingGroup])),
    ("sign_off_review", Access::Roles(&[Admin, WorkingGroup])),
    ("add_review_addendum", Access::Roles(&[Admin, WorkingGroup])),
    ("add_risk_category", Access::Roles(&[Admin])),
    ("retire_risk_category", Access::Roles(&[Admin])),
    // Plain routes (see ROUTES)
    ("download_table_csv", Access::Read),
    ("download_chart", Access::Read),
    ("import_actuals_csv", Access::Roles(&[Admin, WorkingGroup])),
    ("import_targets_csv", Access::Roles(&[Admin, WorkingGroup])),
    ("upload_plan_text", Access::Roles(&[Admin])),
    (
        "attach_evidence",
        Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ),
    ("download_evidence", Access::Read),
    ("download_packet", Access::Read),
    ("export_stratml", Access::Read),
    ("export_plan", Access::Roles(&[Admin])),
    // The JSON API (see API_ROUTES); writes use save_actual and save_status.
    ("api_read", Access::Read),
];

/// The plain axum routes (method, path as routed, use-case name in [`PERMISSIONS`]).
pub const ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/csv/{table}/{fy}", "download_table_csv"),
    ("GET", "/charts/{file}", "download_chart"),
    ("POST", "/measures/import", "import_actuals_csv"),
    ("POST", "/measures/targets/import", "import_targets_csv"),
    ("POST", "/admin/import", "upload_plan_text"),
    ("POST", "/evidence", "attach_evidence"),
    ("GET", "/evidence/{id}", "download_evidence"),
    ("GET", "/reviews/{quarter}/packet.pdf", "download_packet"),
    ("GET", "/export/stratml", "export_stratml"),
    ("GET", "/export/plan.json", "export_plan"),
    ("GET", "/export/plan.zip", "export_plan"),
];

/// The JSON API's routes (method, path, use-case name): signed in by a token, not a
/// session, so the session matrix does not call them (server/tests/it/api.rs does).
pub const API_ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/api/v1/plan", "api_read"),
    ("GET", "/api/v1/measures", "api_read"),
    ("GET", "/api/v1/status", "api_read"),
    ("POST", "/api/v1/measures/{id}/actuals", "save_actual"),
    ("POST", "/api/v1/strategies/{number}/status", "save_status"),
];

/// What someone who must change their password may still do (besides `Public`).
pub const BEFORE_PASSWORD_CHANGE: &[&str] = &["change_password", "logout"];

/// Does the table let `user` (None: anonymous) use `name`? `public_read` is the
/// read-only public mode. Refusals are 401 for anonymous callers and 403 otherwise.
/// Someone signed in with a temporary password may only change it or sign out.
pub fn decide(name: &str, user: Option<&CurrentUser>, public_read: bool) -> Result<(), AppError> {
    let Some(access) = access_of(name) else {
        tracing::error!(name, "use case missing from the permission table");
        return Err(AppError::Forbidden);
    };
    if user.is_some_and(|u| u.must_change_password)
        && access != Access::Public
        && !BEFORE_PASSWORD_CHANGE.contains(&name)
    {
        return Err(AppError::PasswordChangeRequired);
    }
    let allowed = match (access, user) {
        (Access::Public, _) => true,
        (Access::Read, None) => public_read,
        (Access::Read, Some(_)) | (Access::SignedIn, Some(_)) => true,
        (Access::SignedIn, None) | (Access::Roles(_), None) => false,
        (Access::Roles(roles) | Access::Assigned(roles), Some(u)) => roles.contains(&u.role),
        (Access::Assigned(_), None) => false,
    };
    match (allowed, user) {
        (true, _) => Ok(()),
        (false, None) => Err(AppError::Unauthorized),
        (false, Some(_)) => Err(AppError::Forbidden),
    }
}

/// Does the table let `user` use `name`? (For showing or hiding what leads there.)
pub fn allows(name: &str, user: Option<&CurrentUser>) -> bool {
    user.is_some() && decide(name, user, false).is_ok()
}

/// Something only some people may act on: a manager only when it is assigned to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owned {
    /// A strategy (by id): its quarterly status.
    Strategy(i64),
    /// A measure (by id): its actuals and shortfall explanations.
    Measure(i64),
}

/// May `user` act on `object`? Administrators and the working group on everything,
/// managers on what is assigned to them, viewers on nothing.
pub async fn may_act_on(db: &Db, user: &CurrentUser, object: Owned) -> Result<bool, AppError> {
    Ok(match (user.role, object) {
        (Admin | WorkingGroup, _) => true,
        (Viewer, _) => false,
        (Manager, Owned::Strategy(id)) => {
            crate::queries::status::is_assigned(db, user.id, id).await?
        }
        (Manager, Owned::Measure(id)) => {
            crate::queries::measure::is_assigned(db, user.id, id).await?
        }
    })
}

/// [`may_act_on`], as a refusal (403) when the answer is no.
pub async fn require(db: &Db, user: &CurrentUser, object: Owned) -> Result<(), AppError> {
    if may_act_on(db, user, object).await? {
        Ok(())
    } else {
        crate::respond::set_response_status(403);
        Err(AppError::Forbidden)
    }
}

/// The entry for a server function, if it has one.
pub fn access_of(name: &str) -> Option<Access> {
    PERMISSIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// Checks the caller of server function `name` against the table; returns the
/// signed-in person.
pub async fn authorize(name: &str) -> Result<Option<CurrentUser>, AppError> {
    let user = current_user().await?;
    let settings = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.auth)
        .unwrap_or_default();
    if let Err(error) = decide(name, user.as_ref(), settings.public_read) {
        crate::respond::set_response_status(error.status_code());
        return Err(error);
    }
    Ok(user)
}

/// Checks the caller of the plain route `name` (an entry of [`ROUTES`]) against the
/// table; returns the signed-in person.
pub async fn authorize_route(
    state: &crate::state::AppState,
    auth: &mut AuthSession,
    name: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let user = session_user(auth, &state.auth, state.clock.now()).await;
    decide(name, user.as_ref(), state.auth.public_read)?;
    Ok(user)
}

/// The signed-in person, after applying the idle and absolute session limits.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let Ok(mut auth) = leptos_axum::extract::<AuthSession>().await else {
        return Ok(None);
    };
    let settings = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.auth)
        .unwrap_or_default();
    Ok(session_user(&mut auth, &settings, crate::state::clock().now()).await)
}

/// The session's person unless, at `now` (the app's clock), the session was idle longer
/// than the idle limit or began longer ago than the absolute limit (then it is ended).
/// Activity is noted at most once a minute, so reading pages writes the session rarely.
pub async fn session_user(
    auth: &mut AuthSession,
    settings: &AuthSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<CurrentUser> {
    let user = auth.user.clone()?;
    let read = |key: &'static str| {
        let session = auth.session.clone();
        async move {
            let text: Option<String> = session.get(key).await.ok().flatten();
            text.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&chrono::Utc))
        }
    };
    let login_at = read(LOGIN_AT_KEY).await;
    let last_seen = read(LAST_SEEN_KEY).await.or(login_at);
    let too_old = login_at.is_none_or(|t| now.signed_duration_since(t) > settings.absolute_timeout);
    let idle = last_seen.is_none_or(|t| now.signed_duration_since(t) > settings.idle_timeout);
    if too_old || idle {
        let _ = auth.logout().await;
        return None;
    }
    if last_seen.is_none_or(|t| now.signed_duration_since(t) >= chrono::Duration::minutes(1)) {
        let _ = auth.session.insert(LAST_SEEN_KEY, stamp(now)).await;
    }
    Some(user.public())
}

/// A session timestamp as stored (RFC 3339, milliseconds, UTC).
pub fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
