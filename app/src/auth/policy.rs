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

/// Declares [`UseCase`]: each use case's name (a server function's, or a plain route's
/// from [`ROUTES`]) and who may use it. Mutations are every entry that is not `Read`.
macro_rules! use_cases {
    ($($(#[$doc:meta])* $variant:ident = $name:literal: $access:expr,)+) => {
        /// Every door into the app over HTTP, by use case: a typo is a compile error.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum UseCase {
            $($(#[$doc])* #[doc = $name] $variant,)+
        }

        impl UseCase {
            /// Every use case, in the table's order.
            pub const ALL: &'static [UseCase] = &[$(UseCase::$variant,)+];

            /// The name: the server function's, or the plain route's.
            pub fn name(self) -> &'static str {
                match self { $(UseCase::$variant => $name,)+ }
            }

            /// Who may use it.
            pub fn access(self) -> Access {
                match self { $(UseCase::$variant => $access,)+ }
            }

            /// The use case named `name` (a server function's name), if there is one.
            pub fn named(name: &str) -> Option<UseCase> {
                match name { $($name => Some(UseCase::$variant),)+ _ => None }
            }
        }

        /// Use-case name → access: the table as data (tests walk it).
        pub const PERMISSIONS: &[(&str, Access)] = &[$(($name, $access),)+];
    };
}

use_cases! {
    // Account
    Login = "login": Access::Public,
    LoginStatus = "login_status": Access::Public,
    SsoStart = "sso_start": Access::Public,
    SsoCallback = "sso_callback": Access::Public,
    GetCurrentUser = "get_current_user": Access::Public,
    TakeNotice = "take_notice": Access::Public,
    GetPageFrame = "get_page_frame": Access::Public,
    Logout = "logout": Access::SignedIn,
    ChangePassword = "change_password": Access::SignedIn,
    GetTokens = "get_tokens": Access::SignedIn,
    CreateToken = "create_token": Access::SignedIn,
    RevokeToken = "revoke_token": Access::SignedIn,
    GetMyUpdates = "get_my_updates": Access::SignedIn,
    GetNotifications = "get_notifications": Access::SignedIn,
    GetMyEmail = "get_my_email": Access::SignedIn,
    SetEmail = "set_email": Access::SignedIn,
    GetUnreadCount = "get_unread_count": Access::Public,
    MarkNotificationsRead = "mark_notifications_read": Access::SignedIn,
    GetOutbox = "get_outbox": Access::Roles(&[Admin]),
    RemindNow = "remind_now": Access::Roles(&[Admin, WorkingGroup]),
    // Plan reads
    GetOverview = "get_overview": Access::Read,
    GetDashboard = "get_dashboard": Access::Read,
    GetHeatmap = "get_heatmap": Access::Read,
    GetGoal = "get_goal": Access::Read,
    GetObjective = "get_objective": Access::Read,
    GetStrategy = "get_strategy": Access::Read,
    // Change proposals and plan revisions (decided at a review by the working group)
    GetProposals = "get_proposals": Access::Read,
    GetRevisions = "get_revisions": Access::Read,
    GetRevision = "get_revision": Access::Read,
    CompareRevisions = "compare_revisions": Access::Read,
    ProposeChange = "propose_change": Access::Roles(&[Admin, WorkingGroup]),
    // Budget alignment
    GetBudget = "get_budget": Access::Read,
    SaveBudgetRequest = "save_budget_request": Access::Roles(&[Admin, WorkingGroup]),
    // Starting the next fiscal year from this one
    GetYearStart = "get_year_start": Access::Read,
    GetTargetsImport = "get_targets_import": Access::Roles(&[Admin, WorkingGroup]),
    StartYear = "start_year": Access::Roles(&[Admin, WorkingGroup]),
    DecideProposals = "decide_proposals": Access::Roles(&[Admin, WorkingGroup]),
    // Quarterly status (managers: only their assigned strategies)
    GetStatusForm = "get_status_form": Access::Read,
    GetStatusHistory = "get_status_history": Access::Read,
    GetQuarter = "get_quarter": Access::Read,
    SaveStatus = "save_status": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    SetRollupRule = "set_rollup_rule": Access::Roles(&[Admin]),
    SetFiscalStartMonth = "set_fiscal_start_month": Access::Roles(&[Admin]),
    // Measures, APP, IP and the planning cycle (managers: only their strategies' measures
    // and milestones)
    GetMeasure = "get_measure": Access::Read,
    ListMeasures = "list_measures": Access::Read,
    GetApp = "get_app": Access::Read,
    GetReport = "get_report": Access::Read,
    SaveReportEvaluation = "save_report_evaluation": Access::Roles(&[Admin, WorkingGroup]),
    FinaliseReport = "finalise_report": Access::Roles(&[Admin, WorkingGroup]),
    SignReport = "sign_report": Access::Roles(&[Admin]),
    PublishReport = "publish_report": Access::Roles(&[Admin]),
    GetPublicReport = "get_public_report": Access::Public,
    // The public performance page: anyone reads it once an administrator publishes it
    GetPublicPage = "get_public_page": Access::Public,
    GetPublicSettings = "get_public_settings": Access::Roles(&[Admin]),
    SetPublicPage = "set_public_page": Access::Roles(&[Admin]),
    SetPublicMeasures = "set_public_measures": Access::Roles(&[Admin]),
    // Scheduled reports (only administrators send to outside addresses: the service asks)
    GetSchedules = "get_schedules": Access::Roles(&[Admin, WorkingGroup]),
    SaveSchedule = "save_schedule": Access::Roles(&[Admin, WorkingGroup]),
    SetScheduleActive = "set_schedule_active": Access::Roles(&[Admin, WorkingGroup]),
    SendScheduleNow = "send_schedule_now": Access::Roles(&[Admin, WorkingGroup]),
    PreviewSchedule = "preview_schedule": Access::Roles(&[Admin, WorkingGroup]),
    GetScheduleProblems = "get_schedule_problems": Access::Roles(&[Admin]),
    // The five-year business plan (managers: only their assigned strategies)
    GetBusinessPlan = "get_business_plan": Access::Read,
    GetStrategyPlan = "get_strategy_plan": Access::Read,
    GetBusinessPlanImport = "get_business_plan_import": Access::Roles(&[Admin, WorkingGroup]),
    ImportBusinessPlanCsv = "import_business_plan_csv": Access::Roles(&[Admin, WorkingGroup]),
    SaveBusinessPlanEntry = "save_business_plan_entry": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    AddProgramEvaluation = "add_program_evaluation": Access::Roles(&[Admin, WorkingGroup]),
    RemoveProgramEvaluation = "remove_program_evaluation": Access::Roles(&[Admin, WorkingGroup]),
    GetIp = "get_ip": Access::Read,
    GetCycle = "get_cycle": Access::Read,
    GetMeasureForm = "get_measure_form": Access::Roles(&[Admin, WorkingGroup]),
    SaveMeasure = "save_measure": Access::Roles(&[Admin, WorkingGroup]),
    GetScoringForm = "get_scoring_form": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    SaveScoring = "save_scoring": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    GetDefaultThresholds = "get_default_thresholds": Access::Roles(&[Admin]),
    SaveDefaultThresholds = "save_default_thresholds": Access::Roles(&[Admin]),
    SetTargets = "set_targets": Access::Roles(&[Admin, WorkingGroup]),
    SaveActual = "save_actual": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    SaveShortfall = "save_shortfall": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    ChangeAppState = "change_app_state": Access::Roles(&[Admin, WorkingGroup]),
    DistributeIp = "distribute_ip": Access::Roles(&[Admin, WorkingGroup]),
    AddIpMilestone = "add_ip_milestone": Access::Roles(&[Admin, WorkingGroup]),
    SetIpMilestoneDone = "set_ip_milestone_done": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    MarkCycle = "mark_cycle": Access::Roles(&[Admin, WorkingGroup]),
    SetCallSchedule = "set_call_schedule": Access::Roles(&[Admin]),
    GetCallTracker = "get_call_tracker": Access::Roles(&[Admin, WorkingGroup]),
    GetInbox = "get_inbox": Access::Roles(&[Admin, WorkingGroup]),
    UnlockQuarter = "unlock_quarter": Access::Roles(&[Admin, WorkingGroup]),
    ReviewStatus = "review_status": Access::Roles(&[Admin, WorkingGroup]),
    SetApproval = "set_approval": Access::Roles(&[Admin]),
    SetReminders = "set_reminders": Access::Roles(&[Admin]),
    GetActualsImport = "get_actuals_import": Access::Roles(&[Admin, WorkingGroup]),
    // Plan import
    GetDraftPreview = "get_draft_preview": Access::Roles(&[Admin]),
    CommitImport = "commit_import": Access::Roles(&[Admin]),
    // User administration
    ListUsers = "list_users": Access::Roles(&[Admin]),
    GetUser = "get_user": Access::Roles(&[Admin]),
    AddUser = "add_user": Access::Roles(&[Admin]),
    UpdateUser = "update_user": Access::Roles(&[Admin]),
    ResetPassword = "reset_password": Access::Roles(&[Admin]),
    AssignStrategies = "assign_strategies": Access::Roles(&[Admin]),
    SetStrategyOwners = "set_strategy_owners": Access::Roles(&[Admin, WorkingGroup]),
    SetTimeZone = "set_time_zone": Access::Roles(&[Admin]),
    // Audit trail
    ListAudit = "list_audit": Access::Roles(&[Admin, WorkingGroup]),
    // The working group's quarterly review meetings (viewers read them)
    GetReviews = "get_reviews": Access::Read,
    GetReview = "get_review": Access::Read,
    GetPacket = "get_packet": Access::Read,
    GetAnnualReview = "get_annual_review": Access::Read,
    SaveAnnualReview = "save_annual_review": Access::Roles(&[Admin, WorkingGroup]),
    OpenReview = "open_review": Access::Roles(&[Admin, WorkingGroup]),
    RecordAgendaItem = "record_agenda_item": Access::Roles(&[Admin, WorkingGroup]),
    MoveAgendaItem = "move_agenda_item": Access::Roles(&[Admin, WorkingGroup]),
    AddAgendaItem = "add_agenda_item": Access::Roles(&[Admin, WorkingGroup]),
    SetReviewDetails = "set_review_details": Access::Roles(&[Admin, WorkingGroup]),
    AddReviewAction = "add_review_action": Access::Roles(&[Admin, WorkingGroup]),
    CloseReviewAction = "close_review_action": Access::Roles(&[Admin, WorkingGroup]),
    SignOffReview = "sign_off_review": Access::Roles(&[Admin, WorkingGroup]),
    AddReviewAddendum = "add_review_addendum": Access::Roles(&[Admin, WorkingGroup]),
    AddRiskCategory = "add_risk_category": Access::Roles(&[Admin]),
    RetireRiskCategory = "retire_risk_category": Access::Roles(&[Admin]),
    // Discussion on the work: anyone who may read an item may comment on it (the
    // service lets a thread's starter or the working group resolve it)
    GetDiscussion = "get_discussion": Access::Read,
    PostComment = "post_comment": Access::Roles(&[Admin, WorkingGroup, Manager, Viewer]),
    CorrectComment = "correct_comment": Access::Roles(&[Admin, WorkingGroup, Manager, Viewer]),
    ResolveThread = "resolve_thread": Access::Roles(&[Admin, WorkingGroup, Manager, Viewer]),
    HideComment = "hide_comment": Access::Roles(&[Admin]),
    // Plain routes (see ROUTES)
    DownloadTableCsv = "download_table_csv": Access::Read,
    DownloadChart = "download_chart": Access::Read,
    ImportActualsCsv = "import_actuals_csv": Access::Roles(&[Admin, WorkingGroup]),
    ImportTargetsCsv = "import_targets_csv": Access::Roles(&[Admin, WorkingGroup]),
    UploadPlanText = "upload_plan_text": Access::Roles(&[Admin]),
    AttachEvidence = "attach_evidence": Access::Assigned(&[Admin, WorkingGroup, Manager]),
    DownloadEvidence = "download_evidence": Access::Read,
    DownloadPacket = "download_packet": Access::Read,
    DownloadReport = "download_report": Access::Read,
    DownloadPublicReport = "download_public_report": Access::Public,
    RobotsPolicy = "robots_policy": Access::Public,
    PublicSitemap = "public_sitemap": Access::Public,
    ExportStratml = "export_stratml": Access::Read,
    ExportPlan = "export_plan": Access::Roles(&[Admin]),
    // The JSON API (see API_ROUTES); writes use save_actual and save_status.
    ApiRead = "api_read": Access::Read,
}

/// The plain axum routes (method, path as routed, use-case name in [`PERMISSIONS`]).
pub const ROUTES: &[(&str, &str, UseCase)] = &[
    ("GET", "/csv/{table}/{fy}", UseCase::DownloadTableCsv),
    ("GET", "/charts/{file}", UseCase::DownloadChart),
    ("POST", "/measures/import", UseCase::ImportActualsCsv),
    (
        "POST",
        "/measures/targets/import",
        UseCase::ImportTargetsCsv,
    ),
    ("POST", "/admin/import", UseCase::UploadPlanText),
    (
        "POST",
        "/business-plan/import",
        UseCase::ImportBusinessPlanCsv,
    ),
    ("POST", "/evidence", UseCase::AttachEvidence),
    ("GET", "/evidence/{id}", UseCase::DownloadEvidence),
    (
        "GET",
        "/reviews/{quarter}/packet.pdf",
        UseCase::DownloadPacket,
    ),
    ("GET", "/reports/{fy}/report.pdf", UseCase::DownloadReport),
    (
        "GET",
        "/reports/{fy}/public.pdf",
        UseCase::DownloadPublicReport,
    ),
    ("GET", "/export/stratml", UseCase::ExportStratml),
    ("GET", "/export/plan.json", UseCase::ExportPlan),
    ("GET", "/export/plan.zip", UseCase::ExportPlan),
    ("POST", "/auth/oidc/start", UseCase::SsoStart),
    ("GET", "/auth/oidc/callback", UseCase::SsoCallback),
    ("GET", "/robots.txt", UseCase::RobotsPolicy),
    ("GET", "/sitemap.xml", UseCase::PublicSitemap),
];

/// The JSON API's routes (method, path, use-case name): signed in by a token, not a
/// session, so the session matrix does not call them (server/tests/it/api.rs does).
pub const API_ROUTES: &[(&str, &str, UseCase)] = &[
    ("GET", "/api/v1/plan", UseCase::ApiRead),
    ("GET", "/api/v1/measures", UseCase::ApiRead),
    ("GET", "/api/v1/status", UseCase::ApiRead),
    ("GET", "/api/v1/comments", UseCase::ApiRead),
    ("POST", "/api/v1/comments", UseCase::PostComment),
    ("POST", "/api/v1/measures/{id}/actuals", UseCase::SaveActual),
    (
        "POST",
        "/api/v1/strategies/{number}/status",
        UseCase::SaveStatus,
    ),
];

/// What someone who must change their password may still do (besides `Public`).
pub const BEFORE_PASSWORD_CHANGE: &[UseCase] = &[UseCase::ChangePassword, UseCase::Logout];

/// Does the table let `user` (None: anonymous) use `name`? `public_read` is the
/// read-only public mode. Refusals are 401 for anonymous callers and 403 otherwise.
/// Someone signed in with a temporary password may only change it or sign out.
pub fn decide(
    use_case: UseCase,
    user: Option<&CurrentUser>,
    public_read: bool,
) -> Result<(), AppError> {
    let access = use_case.access();
    if user.is_some_and(|u| u.must_change_password)
        && access != Access::Public
        && !BEFORE_PASSWORD_CHANGE.contains(&use_case)
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

/// Does the table let someone with `role` use `use_case` (whatever the object)?
pub fn role_may(use_case: UseCase, role: Role) -> bool {
    match use_case.access() {
        Access::Public | Access::Read | Access::SignedIn => true,
        Access::Roles(roles) | Access::Assigned(roles) => roles.contains(&role),
    }
}

/// What someone with `role` may reach, for pages to show or hide what leads there.
pub fn can(role: Role) -> crate::model::user::Can {
    let may = |use_case| role_may(use_case, role);
    crate::model::user::Can {
        import_actuals: may(UseCase::GetActualsImport),
        import_plan: may(UseCase::CommitImport),
        manage_users: may(UseCase::ListUsers),
        read_audit: may(UseCase::ListAudit),
        read_outbox: may(UseCase::GetOutbox),
        edit_measures: may(UseCase::SaveMeasure),
        set_time_zone: may(UseCase::SetTimeZone),
        set_rollup_rule: may(UseCase::SetRollupRule),
        record_status: may(UseCase::SaveStatus),
        review: may(UseCase::ReviewStatus),
        track_call: may(UseCase::GetCallTracker),
        set_default_thresholds: may(UseCase::SaveDefaultThresholds),
        publish: may(UseCase::SetPublicPage),
        schedule_reports: may(UseCase::GetSchedules),
    }
}

/// Does the table let `user` use `use_case`? (For showing or hiding what leads there.)
pub fn allows(use_case: UseCase, user: Option<&CurrentUser>) -> bool {
    user.is_some() && decide(use_case, user, false).is_ok()
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

/// May `user` sign off a review chaired by `chair`? Its chair or an administrator; the
/// system (`None`: the command line) too.
pub fn may_sign_off(user: Option<&CurrentUser>, chair: i64) -> bool {
    user.is_none_or(|u| u.role == Admin || u.id == chair)
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

/// The entry for a server function's name, if it has one.
pub fn access_of(name: &str) -> Option<Access> {
    UseCase::named(name).map(UseCase::access)
}

/// Checks the caller of server function `use_case` against the table; returns the
/// signed-in person.
pub async fn authorize(use_case: UseCase) -> Result<Option<CurrentUser>, AppError> {
    let user = current_user().await?;
    let settings = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.auth)
        .unwrap_or_default();
    if let Err(error) = decide(use_case, user.as_ref(), settings.public_read) {
        crate::respond::set_response_status(error.status_code());
        return Err(error);
    }
    Ok(user)
}

/// [`authorize`] for a use case that needs someone signed in: the person, or a 401.
pub async fn authorize_user(use_case: UseCase) -> Result<CurrentUser, AppError> {
    authorize(use_case).await?.ok_or(AppError::Unauthorized)
}

/// Checks the caller of the plain route `name` (an entry of [`ROUTES`]) against the
/// table; returns the signed-in person.
pub async fn authorize_route(
    state: &crate::state::AppState,
    auth: &mut AuthSession,
    use_case: UseCase,
) -> Result<Option<CurrentUser>, AppError> {
    let user = session_user(auth, &state.auth, state.clock.now()).await;
    decide(use_case, user.as_ref(), state.auth.public_read)?;
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
