//! The permission matrix, walked over HTTP: every server function × every role.

use crate::harness::{Browser, TestApp};
use app::auth::policy::BEFORE_PASSWORD_CHANGE;
use app::auth::{Access, API_ROUTES, PERMISSIONS, ROUTES};
use app::model::user::Role;
use app::queries::audit::Actor;
use server::setup::FirstRunPlan;

/// Every registered server function: (name, path, is GET).
pub fn server_functions() -> Vec<(String, String, bool)> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            let name = path
                .trim_start_matches("/api/")
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_string();
            (name, path.to_string(), method == http::Method::GET)
        })
        .collect()
}

#[test]
fn every_server_function_has_an_entry_in_the_matrix() {
    let missing: Vec<_> = server_functions()
        .into_iter()
        .filter(|(name, _, _)| app::auth::policy::access_of(name).is_none())
        .map(|(name, _, _)| name)
        .collect();
    assert!(missing.is_empty(), "add these to PERMISSIONS: {missing:?}");
    let registered: Vec<_> = server_functions().into_iter().map(|(n, _, _)| n).collect();
    for (name, _) in PERMISSIONS {
        assert!(
            registered.contains(&name.to_string())
                || ROUTES.iter().any(|(_, _, n)| n.name() == *name)
                || API_ROUTES.iter().any(|(_, _, n)| n.name() == *name),
            "{name} is in the matrix but neither a server function nor a plain route"
        );
    }
}

/// The fiscal year whose APP and IP lifecycle the matrix walks (fixed, in range).
const LIFECYCLE_YEAR: i32 = 2029;

/// Measure 1's targets of `fy` as its target form shows them ("annual|q1|q2|q3|q4").
async fn shown_targets(app: &TestApp, fy: i32) -> String {
    let rows: Vec<(i64, f64)> = sqlx::query_as(
        "SELECT period, value FROM targets WHERE measure_id = 1 AND fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    (0..5)
        .map(|p| {
            rows.iter()
                .find(|(period, _)| *period == p)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Strategy 4.1.3's ownership as its owners form carries it.
async fn owners_seen(app: &TestApp) -> String {
    let (office,): (Option<String>,) =
        sqlx::query_as("SELECT owner_office FROM strategies WHERE number = '4.1.3'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let ids = app::queries::ownership::owner_ids(&app.db, "4.1.3")
        .await
        .unwrap();
    app::services::ownership::seen_token(office.as_deref(), &ids)
}

/// An account's current version (what an edit form would carry).
async fn version_of(app: &TestApp, user: i64) -> String {
    let (v,): (i64,) = sqlx::query_as("SELECT version FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    v.to_string()
}

/// The account of caller `who` (user `fallback` when `who` has none: anonymous).
pub async fn account_of(app: &TestApp, who: &str, fallback: i64) -> i64 {
    let username = match who {
        "manager not assigned" => "manager-elsewhere".to_string(),
        TEMPORARY => "temporary-admin".to_string(),
        w => w.replace('_', "-"),
    };
    let found = app::queries::users::find_by_username(&app.db, &username)
        .await
        .unwrap();
    found.map_or(fallback, |(u, _)| u.id)
}

/// Arguments that make each server function do its work when allowed: valid, and new
/// where a repeat would be refused (`n` counts the calls, `draft` is a fresh import draft).
/// A new token of `who` (or of user `fallback` when `who` has no account), for revoking.
async fn token_of(app: &TestApp, who: &str, fallback: i64) -> i64 {
    let id = account_of(app, who, fallback).await;
    let user = app::model::user::CurrentUser {
        id,
        username: who.to_string(),
        display_name: who.to_string(),
        role: Role::Viewer,
        must_change_password: false,
        can: app::auth::policy::can(Role::Viewer),
    };
    let made =
        app::services::token::create(&app.db, &user, ("Matrix", "read", "7"), app.clock.now());
    made.await.unwrap().0
}

pub async fn sample_args(
    app: &TestApp,
    name: &str,
    target_user: i64,
    draft: i64,
    n: usize,
    k: usize,
    who: &str,
) -> Vec<(String, String)> {
    // Toggles alternate with each allowed call (`k`), so every call changes something.
    let toggle = if k.is_multiple_of(2) { "true" } else { "false" };
    let now = crate::status::current_quarter();
    let pairs: Vec<(&str, String)> = match name {
        "login" => vec![
            ("username", "login-user".into()),
            ("password", crate::harness::TEST_PASSWORD.into()),
        ],
        "logout" | "get_current_user" | "login_status" | "take_notice" | "get_page_frame"
        | "get_my_updates" | "get_overview" | "get_dashboard" | "get_heatmap" | "list_users" => {
            vec![]
        }
        "get_tokens" => vec![],
        "create_token" => vec![
            ("name", format!("Matrix token {n}")),
            ("scope", "read".into()),
            ("days", "30".into()),
        ],
        "revoke_token" => vec![("id", token_of(app, who, target_user).await.to_string())],
        "change_password" => vec![
            ("current", crate::harness::TEST_PASSWORD.into()),
            ("new", "tide-river-lantern".into()),
            ("confirm", "tide-river-lantern".into()),
        ],
        "get_goal" => vec![("number", "4".into())],
        "get_objective" => vec![("number", "4.1".into())],
        "get_strategy" => vec![("number", "4.1.3".into())],
        "get_draft_preview" => vec![("id", draft.to_string())],
        "commit_import" => vec![
            ("draft_id", draft.to_string()),
            ("reason", "Matrix re-import".into()),
        ],
        "get_proposals" | "get_revisions" => vec![],
        "get_budget" => vec![("fy", "2027".into())],
        "save_budget_request" => vec![
            ("fy", "2027".into()),
            ("title", format!("Matrix request {n}")),
            ("amount", "1,000".into()),
            ("status", "proposed".into()),
            ("share_1", "4.1.3".into()),
            ("percent_1", "50".into()),
        ],
        "get_year_start" => vec![("fy", "2028".into())],
        "start_year" => vec![("fy", crate::year_start::fresh(app, n).await.to_string())],
        "get_revision" => vec![("number", "1".into())],
        "compare_revisions" => vec![("from", "1".into()), ("to", "1".into())],
        "propose_change" => vec![
            ("kind", "text".into()),
            ("item", "4.1.3".into()),
            ("text", format!("Matrix wording {n}")),
            ("reason", "Matrix".into()),
        ],
        "decide_proposals" => vec![
            ("quarter", now.slug()),
            (
                "reject[]",
                crate::proposals::fresh(app, n).await.to_string(),
            ),
            ("note", "Matrix".into()),
        ],
        "add_user" => vec![
            ("username", format!("added-by-matrix-{n}")),
            ("display_name", "Added".into()),
            ("role", "viewer".into()),
        ],
        "update_user" => vec![
            ("id", target_user.to_string()),
            ("version", version_of(app, target_user).await),
            ("display_name", format!("Renamed {n}")),
            ("role", "manager".into()),
        ],
        "reset_password" => vec![("id", target_user.to_string())],
        "get_user" => vec![("id", target_user.to_string())],
        "assign_strategies" => vec![
            ("id", target_user.to_string()),
            ("version", version_of(app, target_user).await),
            ("strategies", "4.1.1".into()),
        ],
        "list_audit" => vec![("filter[page]", "1".into())],
        "get_status_form" => vec![("number", "4.1.3".into())],
        "get_status_history" => vec![("number", "4.1.3".into())],
        "get_quarter" => vec![],
        "set_rollup_rule" => vec![("rule", "worst_of".into())],
        "set_time_zone" => vec![("time_zone", "America/New_York".into())],
        "get_call_tracker" => vec![("quarter", now.slug())],
        "get_inbox" => vec![("quarter", now.slug()), ("show", "all".into())],
        "get_notifications"
        | "get_unread_count"
        | "mark_notifications_read"
        | "get_outbox"
        | "get_my_email" => vec![],
        "set_email" => vec![
            ("id", "".into()),
            ("email", format!("person{n}@example.gov")),
            ("back", "/account/password".into()),
        ],
        // manager-elsewhere owns 4.1.1, which nothing here records.
        "remind_now" => vec![
            ("username", "manager-elsewhere".into()),
            ("quarter", now.slug()),
        ],
        // A fresh submission of 4.1.3 to approve each time.
        "review_status" => vec![
            ("number", "4.1.3".into()),
            ("quarter", now.slug()),
            ("version", fresh_submission(app, now).await.to_string()),
            ("decision", "approve".into()),
            ("comment", "".into()),
        ],
        "set_reminders" => vec![
            ("days_before", "7".into()),
            ("every", "3".into()),
            ("fiscal_year", now.year.to_string()),
        ],
        "set_approval" => vec![("on", "true".into()), ("fiscal_year", now.year.to_string())],
        // Last quarter has locked at both test dates.
        "unlock_quarter" => vec![
            ("kind", "strategy".into()),
            ("item", "4.1.3".into()),
            ("quarter", now.previous().slug()),
            ("reason", format!("Correction {n}")),
        ],
        "set_call_schedule" => vec![
            ("due_days", "15".into()),
            ("lock_days", "45".into()),
            ("fiscal_year", "2027".into()),
        ],
        "set_strategy_owners" => {
            // Keeps whoever owns it (the manager's rights elsewhere in the walk).
            let owners = app::queries::ownership::owner_ids(&app.db, "4.1.3")
                .await
                .unwrap();
            let mut args = vec![
                ("number", "4.1.3".into()),
                ("office", format!("Office {n}")),
                ("seen", owners_seen(app).await),
            ];
            args.extend(owners.iter().map(|id| ("owners[]", id.to_string())));
            args
        }
        "set_fiscal_start_month" => vec![("month", "10".into())],
        "save_status" => vec![
            ("number", "4.1.3".into()),
            ("quarter", now.slug()),
            ("base_version", status_version(app, now).await.to_string()),
            ("status", "on_track".into()),
            ("percent", "10".into()),
            ("accomplishments", "".into()),
            ("issues", "".into()),
            ("next_steps", "".into()),
            ("explanation", "".into()),
            ("corrective_action", "".into()),
        ],
        "get_measure" => vec![("id", "1".into())],
        "list_measures" => vec![("attached_to", "4".into())],
        "get_app" | "get_ip" | "get_cycle" | "get_report" | "get_business_plan" => {
            vec![("fy", "2027".into())]
        }
        "get_strategy_plan" => vec![("number", "4.1.3".into())],
        "get_business_plan_import" => vec![],
        "save_business_plan_entry" => vec![
            ("strategy", "4.1.3".into()),
            ("fiscal_year", now.year.to_string()),
            (
                "version",
                crate::business_plan::version(app, "4.1.3", now.year)
                    .await
                    .to_string(),
            ),
            ("active", "on".into()),
            ("fte", format!("{}", n % 10)),
        ],
        // Published first (the page is not found before).
        "get_public_page" => {
            crate::public::publish(app, true).await;
            vec![]
        }
        "get_public_settings" => vec![],
        "get_schedules" | "get_schedule_problems" => vec![],
        "save_schedule" => vec![
            ("id", "new".into()),
            ("name", format!("Matrix {n}")),
            ("report", "exceptions".into()),
            ("every", "monthly".into()),
            ("day", "1".into()),
            ("hour", "8".into()),
            ("format", "link".into()),
            ("roles[]", "viewer".into()),
        ],
        // A fresh schedule each time (its version is the one the form shows).
        "set_schedule_active" => {
            let (id, version) = crate::schedules::for_matrix(app).await;
            vec![
                ("id", id.to_string()),
                ("version", version.to_string()),
                (
                    "active",
                    if k.is_multiple_of(2) { "no" } else { "yes" }.into(),
                ),
            ]
        }
        "send_schedule_now" | "preview_schedule" => {
            vec![("id", crate::schedules::for_matrix(app).await.0.to_string())]
        }
        // The opposite of how it stands, so each allowed call changes it.
        "set_public_page" => {
            let published = app::services::public::published_at(&app.db)
                .await
                .unwrap()
                .is_some();
            vec![("publish", if published { "no" } else { "yes" }.into())]
        }
        "set_public_measures" => vec![(
            "shown",
            app::services::public::ids_text(&crate::public::public_ids(app).await),
        )],
        // A published year (the public version is not found before).
        "get_public_report" => vec![(
            "fy",
            crate::report::seeded(app, 2200, "published")
                .await
                .to_string(),
        )],
        "add_program_evaluation" => vec![
            ("fy", "2027".into()),
            ("title", format!("Evaluation {n}")),
            ("summary", "Found what it found.".into()),
            ("evidence_url", "".into()),
            ("completed_on", "2027-06-20".into()),
        ],
        "remove_program_evaluation" => vec![
            ("fy", "2027".into()),
            ("id", crate::report::program(app, 2027).await.to_string()),
        ],
        "get_measure_form" | "get_actuals_import" | "get_targets_import" => vec![],
        "save_measure" => vec![
            ("id", "".into()),
            ("attach_to", "4.1.3".into()),
            ("name", format!("Added by the matrix {n}")),
            ("unit", "".into()),
            ("direction", "higher".into()),
            ("kind", "quantitative".into()),
            ("aggregation", "sum".into()),
            ("baseline_value", "".into()),
            ("baseline_fy", "".into()),
            ("data_source", "".into()),
            ("verification", "".into()),
            ("limitations", "".into()),
        ],
        "get_scoring_form" => vec![("id", "1".into())],
        "get_default_thresholds" => vec![],
        "save_scoring" => {
            let (version,): (i64,) = sqlx::query_as("SELECT version FROM measures WHERE id = 1")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
            // Alternately its own bands and the plan's default, so each call changes it.
            let mode = if k.is_multiple_of(2) {
                "percent"
            } else {
                "default"
            };
            vec![
                ("id", "1".into()),
                ("version", version.to_string()),
                ("mode", mode.into()),
                ("band_name[]", "Met".into()),
                ("band_from[]", format!("{}", 90 + n % 10)),
                ("band_mark[]", "✔".into()),
                ("band_name[]", "Missed".into()),
                ("band_from[]", "".into()),
                ("band_mark[]", "✖".into()),
                ("profile", "".into()),
                ("intent", "save".into()),
            ]
        }
        "save_default_thresholds" => {
            let now = app::queries::settings::default_thresholds(&app.db)
                .await
                .unwrap();
            vec![
                ("version", app::services::scoring::default_version(&now)),
                ("mode", "percent".into()),
                ("band_name[]", "Met".into()),
                ("band_from[]", format!("{}", 90 + (n + k) % 10)),
                ("band_mark[]", "✔".into()),
                ("band_name[]", "Missed".into()),
                ("band_from[]", "".into()),
                ("band_mark[]", "✖".into()),
                ("intent", "save".into()),
            ]
        }
        "set_targets" => vec![
            ("measure_id", "1".into()),
            ("fiscal_year", now.year.to_string()),
            ("shown", shown_targets(app, now.year).await),
            ("annual", format!("{}", 100 + n)),
            ("q1", "".into()),
            ("q2", "".into()),
            ("q3", "".into()),
            ("q4", "".into()),
            ("reason", "matrix".into()),
        ],
        "save_actual" => {
            let (latest,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(version), 0) FROM actuals
                 WHERE measure_id = 1 AND fiscal_year = $1 AND quarter = $2",
            )
            .bind(now.year as i64)
            .bind(now.quarter as i64)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
            vec![
                ("measure_id", "1".into()),
                ("quarter", now.slug()),
                ("actual", n.to_string()),
                ("note", "".into()),
                ("versions", format!("{}:{latest}", now.slug())),
            ]
        }
        "save_shortfall" => vec![
            ("measure_id", "1".into()),
            ("fiscal_year", "2026".into()),
            ("why", "w".into()),
            ("plan", "".into()),
            ("schedule", "".into()),
            ("infeasible", "i".into()),
        ],
        "change_app_state" => vec![
            ("fiscal_year", LIFECYCLE_YEAR.to_string()),
            ("step", next_app_step(app).await.into()),
            ("note", "matrix".into()),
        ],
        // Each call distributes a year of its own (an IP is distributed once).
        "distribute_ip" => vec![("fiscal_year", (2100 + n % 100).to_string())],
        "add_ip_milestone" => vec![
            ("fiscal_year", "2027".into()),
            ("strategy", "4.1.3".into()),
            ("quarter", "1".into()),
            ("description", "Matrix milestone".into()),
        ],
        "set_ip_milestone_done" => vec![("id", "1".into()), ("done", toggle.into())],
        "mark_cycle" => vec![
            ("fiscal_year", now.year.to_string()),
            ("milestone", "wg_review_q1".into()),
            ("done", toggle.into()),
        ],
        "get_reviews" => vec![],
        "add_risk_category" => vec![("name", format!("Risk {n}"))],
        "retire_risk_category" => {
            vec![("id", crate::meetings::fresh_risk(app, n).await.to_string())]
        }
        "get_annual_review" => vec![("fy", "2027".into())],
        "save_annual_review" => vec![
            ("fy", "2027".into()),
            ("objective", "4.1".into()),
            (
                "version",
                crate::annual::version(app, 2027, "4.1").await.to_string(),
            ),
            ("rating", "neither".into()),
            ("progress", format!("Progress {n}")),
        ],
        // A year of its own each call (a range per step, clear of the years the tests' dates
        // fall in, whose seeded targets need explanations), in the state the step starts from.
        "finalise_report" => vec![("fy", (1990 + n % 30).to_string()), ("version", "0".into())],
        "publish_report" => vec![
            (
                "fy",
                crate::report::seeded(app, 2060 + n % 70, "signed_off")
                    .await
                    .to_string(),
            ),
            ("version", "1".into()),
        ],
        "sign_report" => vec![
            (
                "fy",
                crate::report::seeded(app, 2130 + n % 70, "in_review")
                    .await
                    .to_string(),
            ),
            ("version", "1".into()),
            ("transmittal", "The data are complete and reliable.".into()),
            ("signer", "Dana Head".into()),
            ("title", "Director".into()),
        ],
        "save_report_evaluation" => vec![
            ("fy", "2027".into()),
            ("goal", "4".into()),
            (
                "version",
                crate::report::version(app, 2027, "4").await.to_string(),
            ),
            ("evaluation", format!("Evaluation {n}")),
        ],
        "get_review" | "get_packet" => vec![("quarter", now.slug())],
        // A quarter of its own each call (a quarter has one review).
        "open_review" => vec![("quarter", format!("{}-Q1", 1900 + n % 120))],
        "record_agenda_item" => {
            let (_, item, version) = crate::meetings::matrix_state(app).await;
            vec![
                ("quarter", now.slug()),
                ("item", item.to_string()),
                ("version", version.to_string()),
                ("notes", format!("Matrix notes {n}")),
            ]
        }
        // Item A moves down, then back up.
        "move_agenda_item" => {
            let (_, item, _) = crate::meetings::matrix_state(app).await;
            let direction = if k.is_multiple_of(2) { "down" } else { "up" };
            vec![
                ("quarter", now.slug()),
                ("item", item.to_string()),
                ("direction", direction.into()),
            ]
        }
        "add_agenda_item" => vec![
            ("quarter", now.slug()),
            ("title", format!("Matrix item {n}")),
        ],
        "set_review_details" => {
            let (version, _, _) = crate::meetings::matrix_state(app).await;
            vec![
                ("quarter", now.slug()),
                ("version", version.to_string()),
                ("held_on", "2027-01-20".into()),
                ("guests", format!("Guest {n}")),
            ]
        }
        "add_review_action" => vec![
            ("quarter", now.slug()),
            ("title", format!("Matrix action {n}")),
            (
                "owner",
                crate::meetings::user_id(app, "working-group")
                    .await
                    .to_string(),
            ),
            ("due", "2027-03-31".into()),
        ],
        "close_review_action" => {
            let (id, version) = crate::meetings::fresh_action(app, n).await;
            vec![
                ("quarter", now.slug()),
                ("id", id.to_string()),
                ("version", version.to_string()),
                ("note", format!("Closed {n}")),
            ]
        }
        // A review of its own each call, chaired by the working-group account.
        "sign_off_review" => {
            let q = app::model::fiscal::FiscalQuarter {
                year: 1900 + (n % 120) as i32,
                quarter: 2,
            };
            let version = crate::meetings::fresh_chaired(app, q).await;
            vec![("quarter", q.slug()), ("version", version.to_string())]
        }
        "add_review_addendum" => vec![
            ("quarter", "2001-Q3".into()),
            ("text", format!("Addendum {n}")),
        ],
        "get_discussion" => vec![("on", "strategy:4.1.3".into())],
        "post_comment" => vec![
            ("on", "strategy:4.1.3".into()),
            ("text", format!("Matrix comment {n}")),
        ],
        // A comment (a thread) of the caller's own, just posted, each call.
        "correct_comment" => vec![
            ("on", "strategy:4.1.3".into()),
            ("id", fresh_comment(app, who, target_user).await.to_string()),
            ("version", "0".into()),
            ("text", format!("Corrected {n}")),
        ],
        "resolve_thread" => vec![
            ("on", "strategy:4.1.3".into()),
            ("id", fresh_comment(app, who, target_user).await.to_string()),
            ("seq", "0".into()),
            ("resolve", "1".into()),
        ],
        "hide_comment" => vec![
            ("on", "strategy:4.1.3".into()),
            ("id", fresh_comment(app, who, target_user).await.to_string()),
            ("reason", format!("Hidden {n}")),
        ],
        other => panic!("add sample arguments for server function {other}"),
    };
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A comment on strategy 4.1.3 by caller `who`, posted now (so still correctable).
async fn fresh_comment(app: &TestApp, who: &str, fallback: i64) -> i64 {
    let author = account_of(app, who, fallback).await;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO comments (subject_kind, subject_key, author_id, body, posted_at)
         VALUES ('strategy', '4.1.3', $1, 'Fresh', $2) RETURNING id",
    )
    .bind(author)
    .bind(app::services::outbox::stamp(app.clock.now()))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    id
}

/// Audit rows an allowed call writes: none for a read or for signing in and out (not
/// audit events), one for every change.
fn audit_rows(name: &str, get: bool) -> i64 {
    match (name, get) {
        // Reading one's own notifications changes no record of the plan.
        (_, true) | ("login" | "logout" | "mark_notifications_read", _) => 0,
        _ => 1,
    }
}

/// Submits a new version of 4.1.3's status for `quarter` (as the command line) and
/// returns its version.
async fn fresh_submission(app: &TestApp, quarter: app::model::fiscal::FiscalQuarter) -> i64 {
    let base = status_version(app, quarter).await;
    let input = app::model::status::StatusInput {
        status: "on_track".into(),
        percent: "10".into(),
        base_version: base,
        ..Default::default()
    };
    let cal = app::model::fiscal::FiscalCalendar::default();
    let outcome = app::services::status::save_status(
        &app.db,
        None,
        "4.1.3",
        quarter,
        (&input, app::services::audit::Via::Form),
        (cal, app.clock.today()),
    )
    .await
    .unwrap_or_else(|_| panic!("a fresh submission of 4.1.3"));
    assert!(matches!(outcome, app::services::outcome::Outcome::Saved(_)));
    base + 1
}

/// The version the next status update of 4.1.3 in `quarter` builds on.
async fn status_version(app: &TestApp, quarter: app::model::fiscal::FiscalQuarter) -> i64 {
    let (v,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(u.version), 0) FROM status_updates u
         JOIN strategies s ON s.id = u.strategy_id
         WHERE s.number = '4.1.3' AND u.fiscal_year = $1 AND u.quarter = $2",
    )
    .bind(quarter.year as i64)
    .bind(quarter.quarter as i64)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    v
}

/// The APP step that is allowed next for [`LIFECYCLE_YEAR`].
async fn next_app_step(app: &TestApp) -> &'static str {
    use app::model::plan_year::AppStage;
    let year = app::queries::plan_year::plan_year(&app.db, LIFECYCLE_YEAR)
        .await
        .unwrap();
    match year.app_state {
        AppStage::Draft => "approve",
        AppStage::Approved | AppStage::Revised => "start_revision",
        AppStage::Revising => "publish_revision",
    }
}

/// What can change: audit rows (every change writes one), the users table, status rows.
async fn fingerprint(app: &TestApp) -> (i64, i64, Vec<(String, String, i64, String)>) {
    let users: Vec<(String, String, i64, String)> =
        sqlx::query_as("SELECT username, role, disabled, password_hash FROM users ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    (
        app.count("audit_log").await,
        app.count("status_updates").await,
        users,
    )
}

/// Calls a server function as a script would; returns the status and the answer.
async fn call(
    browser: &Browser,
    path: &str,
    get: bool,
    args: &[(String, String)],
) -> (u16, String) {
    let req = if get {
        browser.client.get(browser.url(path)).query(args)
    } else {
        browser.client.post(browser.url(path)).form(args)
    };
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

/// The caller signed in with a temporary password.
const TEMPORARY: &str = "admin on a temporary password";

#[tokio::test]
async fn each_role_is_allowed_exactly_what_the_matrix_says() {
    // Last quarter locked, so there is a quarter to unlock.
    let app = TestApp::settled().await;
    let target = app.create_user("target-user", Role::Viewer).await;
    app.create_user("login-user", Role::Viewer).await;
    // (role, assigned the strategy 4.1.3 every call acts on, label, browser)
    let mut browsers: Vec<(Option<Role>, bool, String, Browser)> =
        vec![(None, false, "anonymous".into(), app.anonymous())];
    for role in Role::ALL {
        browsers.push((
            Some(role),
            true,
            role.as_str().into(),
            app.signed_in(role).await,
        ));
    }
    let elsewhere = app.signed_in_as("manager-elsewhere", Role::Manager).await;
    browsers.push((
        Some(Role::Manager),
        false,
        "manager not assigned".into(),
        elsewhere,
    ));
    // An administrator still on a temporary password may only change it or sign out.
    let temporary = app.signed_in_as("temporary-admin", Role::Admin).await;
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE username = 'temporary-admin'")
        .execute(app.db.pool())
        .await
        .unwrap();
    browsers.push((Some(Role::Admin), true, TEMPORARY.into(), temporary));
    crate::status::assign(&app, "manager", "4.1.3").await;
    crate::status::assign(&app, "manager-elsewhere", "4.1.1").await;
    let mut tx = app.db.begin_write().await.unwrap();
    sqlx::query(
        "INSERT INTO measures (goal_id, objective_id, strategy_id, name, direction, kind, aggregation,
            created_at, updated_at)
         SELECT o.goal_id, o.id, s.id, 'Matrix measure', 'higher', 'quantitative', 'sum', 'now', 'now'
         FROM strategies s JOIN objectives o ON o.id = s.objective_id WHERE s.number = '4.1.3'",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    // A missed FY2026 target (a closed year), so an explanation may be recorded.
    sqlx::query(
        "INSERT INTO targets (measure_id, fiscal_year, period, value) VALUES (1, 2026, 0, 100)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    for quarter in 1..=4_i64 {
        sqlx::query(
            "INSERT INTO actuals (measure_id, fiscal_year, quarter, version, value, data_lag,
                author_name, created_at) VALUES (1, 2026, $1, 1, 5, 0, 'matrix', 'now')",
        )
        .bind(quarter)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    crate::meetings::matrix_seed(&app).await;
    // Sign-out last but one, so each browser keeps its session for the other calls, and
    // signing in (as the target user) after it.
    let mut functions = server_functions();
    functions.sort_by_key(|(name, _, _)| match name.as_str() {
        "add_ip_milestone" => -1,
        "logout" => 1,
        "login" => 2,
        _ => 0,
    });
    let mut n = 0;
    let mut failures = Vec::new();
    for (name, path, get) in functions {
        let access = app::auth::policy::access_of(&name).unwrap();
        let mut allowed_calls = 0;
        for (role, assigned, who, browser) in &browsers {
            if who == TEMPORARY && BEFORE_PASSWORD_CHANGE.iter().any(|u| u.name() == name) {
                continue;
            }
            let allowed = match (access, role) {
                (Access::Public, _) => true,
                _ if who == TEMPORARY => false,
                (
                    Access::Read | Access::SignedIn | Access::Roles(_) | Access::Assigned(_),
                    None,
                ) => false,
                (Access::Read | Access::SignedIn, Some(_)) => true,
                (Access::Roles(roles), Some(r)) => roles.contains(r),
                // The object rule: a manager acts only on what is assigned to them.
                (Access::Assigned(roles), Some(r)) => {
                    roles.contains(r) && (*assigned || *r != Role::Manager)
                }
            };
            let draft = app::services::import::create_draft(
                &app.db,
                "t",
                "Goal 7: Seven: S.\n",
                &Actor::system(),
            )
            .await
            .unwrap();
            n += 1;
            let args = sample_args(&app, &name, target, draft, n, allowed_calls, who).await;
            let before = fingerprint(&app).await;
            let (status, answer) = call(browser, &path, get, &args).await;
            if allowed {
                allowed_calls += 1;
                let written = app.count("audit_log").await - before.0;
                let expected = audit_rows(&name, get);
                if !(200..400).contains(&status) {
                    failures.push(format!(
                        "{name} as {who}: {status}, expected success: {}",
                        answer.chars().take(200).collect::<String>()
                    ));
                } else if written != expected {
                    failures.push(format!(
                        "{name} as {who} wrote {written} audit rows, expected {expected}"
                    ));
                }
            } else {
                let expected = if role.is_some() { 403 } else { 401 };
                assert_eq!(status, expected, "{name} as {who}");
                assert_eq!(
                    before,
                    fingerprint(&app).await,
                    "{name} as {who} changed something"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn mutations_are_not_reachable_by_get() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let before = fingerprint(&app).await;
    for (name, path, get) in server_functions() {
        if get {
            continue;
        }
        let res = admin
            .client
            .get(admin.url(&path))
            .query(&[
                ("username", "via-get"),
                ("display_name", "x"),
                ("role", "admin"),
            ])
            .send()
            .await
            .unwrap();
        assert!(
            !res.status().is_success(),
            "{name} answered GET with {}",
            res.status()
        );
    }
    assert_eq!(before, fingerprint(&app).await);
}

#[tokio::test]
async fn a_users_mistake_in_a_server_function_answers_4xx_not_500() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let path = |name: &str| {
        server_functions()
            .into_iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, p, _)| p)
            .unwrap()
    };
    let year = vec![("fiscal_year".to_string(), "2031".to_string())];
    assert_eq!(call(&wg, &path("distribute_ip"), false, &year).await.0, 200);
    let (status, answer) = call(&wg, &path("distribute_ip"), false, &year).await;
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("already distributed"), "{answer}");
    let missing = vec![
        ("id".to_string(), "999".to_string()),
        ("done".to_string(), "true".to_string()),
    ];
    let (status, _) = call(&wg, &path("set_ip_milestone_done"), false, &missing).await;
    assert_eq!(status, 404);
}

// Every plain route has an entry in the table: `ROUTES` names a `UseCase`, so a route
// without one does not compile.

/// Sends a request that does the route's work when allowed; returns status and Location.
async fn call_route(browser: &Browser, method: &str, path: &str) -> (u16, String) {
    let prev = crate::status::current_quarter().previous().slug();
    let res = match (method, path) {
        ("GET", "/csv/{table}/{fy}") => browser.client.get(browser.url("/csv/app/2027")),
        ("GET", "/export/stratml") => browser.client.get(browser.url("/export/stratml?fy=2027")),
        ("GET", "/export/plan.json") => browser.client.get(browser.url("/export/plan.json")),
        ("GET", "/export/plan.zip") => browser.client.get(browser.url("/export/plan.zip")),
        ("GET", "/charts/{file}") => browser
            .client
            .get(browser.url("/charts/status-by-goal.svg")),
        ("POST", "/measures/import") => {
            let csv = format!("measure_id,quarter,actual\n1,{prev},5\n");
            let form = reqwest::multipart::Form::new().text("text", csv);
            browser.client.post(browser.url(path)).multipart(form)
        }
        ("POST", "/business-plan/import") => {
            let csv = format!(
                "strategy,fiscal_year,fte\n4.1.3,{},1\n",
                crate::status::current_quarter().year + 4
            );
            let form = reqwest::multipart::Form::new().text("text", csv);
            browser.client.post(browser.url(path)).multipart(form)
        }
        ("POST", "/measures/targets/import") => {
            let csv = "measure_id,fiscal_year,q4,reason\n1,2190,7,Matrix\n";
            let form = reqwest::multipart::Form::new().text("text", csv);
            browser.client.post(browser.url(path)).multipart(form)
        }
        ("POST", "/admin/import") => {
            let form = reqwest::multipart::Form::new().text("text", "Goal 9: Nine: N.\n");
            browser.client.post(browser.url(path)).multipart(form)
        }
        ("POST", "/evidence") => crate::evidence::sample_upload(browser),
        ("GET", "/evidence/{id}") => browser.client.get(browser.url("/evidence/1")),
        ("GET", "/reviews/{quarter}/packet.pdf") => {
            let now = crate::status::current_quarter().slug();
            browser
                .client
                .get(browser.url(&format!("/reviews/{now}/packet.pdf")))
        }
        ("GET", "/reports/{fy}/report.pdf") => {
            browser.client.get(browser.url("/reports/2027/report.pdf"))
        }
        // Published by the test before it calls the routes.
        ("GET", "/reports/{fy}/public.pdf") => {
            browser.client.get(browser.url("/reports/2200/public.pdf"))
        }
        // Not configured here: both say so (it/sso.rs walks them against a provider).
        ("POST", "/auth/oidc/start") => browser
            .client
            .post(browser.url(path))
            .form(&[("next", "/")]),
        ("GET", "/auth/oidc/callback") => browser
            .client
            .get(browser.url("/auth/oidc/callback?state=x&code=y")),
        // Published by the test before it calls the routes.
        ("GET", "/robots.txt" | "/sitemap.xml") => browser.client.get(browser.url(path)),
        other => panic!("add a sample request for the plain route {other:?}"),
    }
    .send()
    .await
    .unwrap();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), location)
}

#[tokio::test]
async fn every_plain_route_answers_each_caller_as_the_table_says() {
    use app::model::AppError;
    let app = TestApp::with_excerpt().await;
    let public = TestApp::start_with(
        FirstRunPlan::Bundled,
        app::auth::AuthSettings {
            public_read: true,
            ..Default::default()
        },
    )
    .await;
    crate::measures::add_measure(&app.signed_in(Role::Admin).await, "4.1.3", "Routes", "sum").await;
    crate::evidence::seed(&app).await;
    crate::evidence::seed(&public).await;
    crate::meetings::seed_open(&app).await;
    crate::meetings::seed_open(&public).await;
    let mut callers: Vec<(String, Option<app::model::user::CurrentUser>, bool, Browser)> =
        vec![("anonymous".into(), None, false, app.anonymous())];
    callers.push((
        "anonymous, public read".into(),
        None,
        true,
        public.anonymous(),
    ));
    for role in Role::ALL {
        let name = format!("routes-{}", role.as_str().replace('_', "-"));
        let browser = app.signed_in_as(&name, role).await;
        let user = app::model::user::CurrentUser {
            id: 0,
            username: name.clone(),
            display_name: name.clone(),
            role,
            must_change_password: false,
            can: app::auth::policy::can(role),
        };
        callers.push((name, Some(user), false, browser));
    }
    let browser = app.signed_in_as("routes-temporary", Role::Admin).await;
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE username = 'routes-temporary'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let user = app::model::user::CurrentUser {
        id: 0,
        username: "routes-temporary".into(),
        display_name: "routes-temporary".into(),
        role: Role::Admin,
        must_change_password: true,
        can: app::auth::policy::can(Role::Admin),
    };
    callers.push((TEMPORARY.into(), Some(user), false, browser));
    // A manager may attach evidence to what is assigned to them (the sample's strategy).
    crate::status::assign(&app, "routes-manager", "4.1.3").await;
    let tables = ["audit_log", "import_drafts", "actuals", "evidence"];
    for target in [&app, &public] {
        crate::report::seeded(target, 2200, "published").await;
        crate::public::publish(target, true).await;
    }
    for (method, path, name) in ROUTES {
        for (who, user, public_read, browser) in &callers {
            let target = if *public_read { &public } else { &app };
            let mut before = Vec::new();
            for t in tables {
                before.push(target.count(t).await);
            }
            let (status, location) = call_route(browser, method, path).await;
            let decision = app::auth::policy::decide(*name, user.as_ref(), *public_read);
            let what = format!("{method} {path} as {who}: {status} {location}");
            match &decision {
                Ok(()) if path.starts_with("/auth/oidc/") => {
                    assert_eq!(status, 303, "{what}");
                    assert!(location.starts_with("/login?error=sso-off"), "{what}");
                }
                Ok(()) if *method == "GET" => assert_eq!(status, 200, "{what}"),
                Ok(()) => {
                    assert_eq!(status, 303, "{what}");
                    assert!(!location.starts_with("/login"), "{what}");
                }
                Err(AppError::Unauthorized) => assert!(
                    status == 401 || (status == 303 && location.starts_with("/login")),
                    "{what}"
                ),
                Err(e) => assert_eq!(status, e.status_code(), "{what}"),
            }
            if decision.is_err() {
                let mut after = Vec::new();
                for t in tables {
                    after.push(target.count(t).await);
                }
                assert_eq!(before, after, "{what} wrote something");
            }
        }
    }
}

/// What pages show a person (links, forms) follows the policy: each `can` flag of a role
/// is what `decide` says of its use case for someone with that role.
#[test]
fn what_a_page_offers_a_role_is_what_the_policy_lets_it_do() {
    use app::auth::policy::{can, decide};
    use app::auth::UseCase::*;
    for role in Role::ALL {
        let user = app::model::user::CurrentUser {
            id: 1,
            username: "someone".into(),
            display_name: "Someone".into(),
            role,
            must_change_password: false,
            can: can(role),
        };
        let may = |u| decide(u, Some(&user), false).is_ok();
        let c = user.can;
        let flags = [
            (c.import_actuals, may(GetActualsImport)),
            (c.import_plan, may(CommitImport)),
            (c.manage_users, may(ListUsers)),
            (c.read_audit, may(ListAudit)),
            (c.read_outbox, may(GetOutbox)),
            (c.edit_measures, may(SaveMeasure)),
            (c.set_time_zone, may(SetTimeZone)),
            (c.set_rollup_rule, may(SetRollupRule)),
            (c.publish, may(SetPublicPage)),
            (c.publish, may(SetPublicMeasures)),
            (c.schedule_reports, may(GetSchedules)),
            (c.schedule_reports, may(SaveSchedule)),
        ];
        for (i, (shown, allowed)) in flags.into_iter().enumerate() {
            assert_eq!(shown, allowed, "{role:?}, flag {i}");
        }
    }
    // Administrators reach everything; viewers none of these.
    assert!(can(Role::Admin).set_time_zone && can(Role::Admin).manage_users);
    assert_eq!(can(Role::Viewer), app::model::user::Can::default());
}
