//! The permission matrix, walked over HTTP: every server function × every role.

use crate::harness::{Browser, TestApp};
use app::auth::{Access, PERMISSIONS};
use app::model::user::Role;
use app::queries::audit::Actor;
use server::setup::FirstRunPlan;

/// Every registered server function: (name, path, is GET).
fn server_functions() -> Vec<(String, String, bool)> {
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
        .filter(|(name, _, _)| app::auth::permissions::access_of(name).is_none())
        .map(|(name, _, _)| name)
        .collect();
    assert!(missing.is_empty(), "add these to PERMISSIONS: {missing:?}");
    let registered: Vec<_> = server_functions().into_iter().map(|(n, _, _)| n).collect();
    for (name, _) in PERMISSIONS {
        assert!(
            registered.contains(&name.to_string()),
            "{name} is in the matrix but not registered"
        );
    }
}

/// Arguments that make each server function do its work when allowed.
fn sample_args(name: &str, target_user: i64, draft: i64) -> Vec<(String, String)> {
    let pairs: Vec<(&str, String)> = match name {
        "login" => vec![
            ("username", "nobody".into()),
            ("password", "wrong-password-123".into()),
        ],
        "logout" | "get_current_user" | "login_status" | "take_notice" | "is_sample_data"
        | "get_overview" | "get_dashboard" | "get_heatmap" | "list_users" => vec![],
        "change_password" => vec![
            ("current", "not-the-password".into()),
            ("new", "tide-river-lantern".into()),
            ("confirm", "tide-river-lantern".into()),
        ],
        "get_goal" => vec![("number", "4".into())],
        "get_objective" => vec![("number", "4.1".into())],
        "get_strategy" => vec![("number", "4.1.3".into())],
        "get_draft_preview" => vec![("id", draft.to_string())],
        "commit_import" => vec![("draft_id", draft.to_string())],
        "add_user" => vec![
            ("username", "added-by-matrix".into()),
            ("display_name", "Added".into()),
            ("role", "viewer".into()),
        ],
        "update_user" => vec![
            ("id", target_user.to_string()),
            ("display_name", "Renamed".into()),
            ("role", "manager".into()),
        ],
        "reset_password" => vec![("id", target_user.to_string())],
        "assign_strategies" => vec![
            ("id", target_user.to_string()),
            ("strategies", "4.1.1".into()),
        ],
        "list_audit" => vec![("filter[page]", "1".into())],
        "get_status_form" => vec![("number", "4.1.3".into())],
        "get_status_history" => vec![("number", "4.1.3".into())],
        "get_quarter" => vec![],
        "set_rollup_rule" => vec![("rule", "share_on_track".into())],
        "set_fiscal_start_month" => vec![("month", "10".into())],
        "save_status" => vec![
            ("number", "4.1.3".into()),
            ("quarter", crate::status::current_quarter().slug()),
            ("base_version", "0".into()),
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
        "get_app" | "get_ip" | "get_cycle" => vec![("fy", "2027".into())],
        "get_measure_form" | "get_actuals_import" => vec![],
        "save_measure" => vec![
            ("id", "".into()),
            ("attach_to", "4.1.3".into()),
            ("name", "Added by the matrix".into()),
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
        "set_targets" => vec![
            ("measure_id", "1".into()),
            (
                "fiscal_year",
                crate::status::current_quarter().year.to_string(),
            ),
            ("annual", format!("{}", target_user + draft)),
            ("q1", "".into()),
            ("q2", "".into()),
            ("q3", "".into()),
            ("q4", "".into()),
            ("reason", "matrix".into()),
        ],
        "save_actual" => vec![
            ("measure_id", "1".into()),
            ("quarter", crate::status::current_quarter().slug()),
            ("actual", "3".into()),
            ("note", "".into()),
        ],
        "save_shortfall" => vec![
            ("measure_id", "1".into()),
            ("fiscal_year", "2026".into()),
            ("why", "w".into()),
            ("plan", "".into()),
            ("schedule", "".into()),
            ("infeasible", "i".into()),
        ],
        "change_app_state" => vec![
            ("fiscal_year", "2030".into()),
            ("step", "approve".into()),
            ("note", "".into()),
        ],
        "distribute_ip" => vec![("fiscal_year", (2000 + draft).to_string())],
        "add_ip_milestone" => vec![
            ("fiscal_year", "2027".into()),
            ("strategy", "4.1.3".into()),
            ("quarter", "1".into()),
            ("description", "Matrix milestone".into()),
        ],
        "set_ip_milestone_done" => vec![("id", "1".into()), ("done", "true".into())],
        "mark_cycle" => vec![
            ("fiscal_year", (2000 + draft).to_string()),
            ("milestone", "wg_review_q1".into()),
            ("done", "true".into()),
        ],
        other => panic!("add sample arguments for server function {other}"),
    };
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
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

async fn call(browser: &Browser, path: &str, get: bool, args: &[(String, String)]) -> u16 {
    let req = if get {
        browser.client.get(browser.url(path)).query(args)
    } else {
        browser.client.post(browser.url(path)).form(args)
    };
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn each_role_is_allowed_exactly_what_the_matrix_says() {
    let app = TestApp::start(FirstRunPlan::Bundled).await;
    let target = app.create_user("target-user", Role::Viewer).await;
    let mut browsers: Vec<(Option<Role>, Browser)> = vec![(None, app.anonymous())];
    for role in Role::ALL {
        browsers.push((Some(role), app.signed_in(role).await));
    }
    crate::status::assign(&app, "manager", "4.1.3").await;
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
    tx.commit().await.unwrap();
    // Sign-out last, so each browser keeps its session for the other calls.
    let mut functions = server_functions();
    functions.sort_by_key(|(name, _, _)| name == "logout");
    for (name, path, get) in functions {
        let access = app::auth::permissions::access_of(&name).unwrap();
        for (role, browser) in &browsers {
            let draft = app::queries::import::create_draft(
                &app.db,
                "t",
                "Goal 7: Seven: S.\n",
                &Actor::system(),
            )
            .await
            .unwrap();
            let args = sample_args(&name, target, draft);
            let before = fingerprint(&app).await;
            let status = call(browser, &path, get, &args).await;
            let allowed = match (access, role) {
                (Access::Public, _) => true,
                (Access::Read | Access::SignedIn | Access::Roles(_), None) => false,
                (Access::Read | Access::SignedIn, Some(_)) => true,
                (Access::Roles(roles), Some(r)) => roles.contains(r),
            };
            let who = role.map_or("anonymous", |r| r.as_str());
            if allowed {
                assert!(
                    ![401, 403].contains(&status),
                    "{name} as {who}: {status}, expected allowed"
                );
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
