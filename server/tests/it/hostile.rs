//! Hostile input at the newest doors (issue 33): a crafted whole-plan export, StratML
//! nested 100,000 deep or declaring entities, control characters and other sites in
//! every form field, made-up API tokens. Each must be refused with a clear 4xx (or a
//! clear message on the command line), write nothing, and never take the server down.

use crate::harness::{Browser, TestApp};
use app::model::user::Role;
use server::setup::FirstRunPlan;
use std::process::Command;

/// Runs `plantrack` with `args` on database `url`: (succeeded, stdout, stderr).
fn plantrack(url: &str, args: &[&str]) -> (bool, String, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(["--database-url", url])
        .args(args)
        .output()
        .unwrap();
    (
        run.status.success(),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Whether table `name` exists in the database at `url`.
async fn has_table(url: &str, name: &str) -> bool {
    let db = app::db::Db::connect(url).await.unwrap();
    let sql = match db.backend() {
        app::db::Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
        }
        app::db::Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = $1"
        }
    };
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(name)
        .fetch_one(db.pool())
        .await
        .unwrap();
    n > 0
}

/// The columns of `table` in the database, in name order.
async fn columns_of(db: &app::db::Db, table: &str) -> Vec<String> {
    let mut names: Vec<String> = match db.backend() {
        app::db::Backend::Sqlite => {
            let rows: Vec<(String,)> =
                sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(db.pool())
                    .await
                    .unwrap();
            rows.into_iter().map(|r| r.0).collect()
        }
        app::db::Backend::Postgres => {
            let rows: Vec<(String,)> = sqlx::query_as(
                "SELECT column_name::text FROM information_schema.columns
                  WHERE table_name = $1 AND table_schema = current_schema()",
            )
            .bind(table)
            .fetch_all(db.pool())
            .await
            .unwrap();
            rows.into_iter().map(|r| r.0).collect()
        }
    };
    names.sort();
    names
}

#[tokio::test]
async fn the_export_formats_columns_are_exactly_the_databases() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    for table in app::model::whole::TABLES {
        assert_eq!(
            columns_of(&app.db, table.name).await,
            table.columns,
            "{}: model::whole::TABLES must list exactly its columns (a new column changes the export format)",
            table.name
        );
    }
}

#[tokio::test]
async fn a_crafted_export_runs_no_sql_and_restores_nothing() {
    let app = TestApp::with_excerpt().await;
    let dir = tempfile::tempdir().unwrap();
    let (ok, exported, _) = plantrack(&app.url, &["export", "--format", "json", "-"]);
    assert!(ok);
    let mut doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let goals = doc["tables"]["goals"].as_array_mut().unwrap();
    let key = "name) VALUES ('a'); CREATE TABLE injected (x INT); --";
    goals[1][key] = serde_json::json!("x");
    let file = dir.path().join("crafted.json");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let empty = crate::harness::fresh_database_url(&dir).await;
    let (ok, _, said) = plantrack(
        &empty,
        &["import", "--format", "json", file.to_str().unwrap()],
    );
    assert!(!ok, "a crafted file is refused");
    assert!(
        said.contains("Row 2 of \"goals\" has a key \"name) VALUES"),
        "the message names the table, the row and the key: {said}"
    );
    assert!(
        !has_table(&empty, "injected").await,
        "no SQL from the file ran"
    );
    let restored = app::db::Db::connect(&empty).await.unwrap();
    for table in ["plans", "goals", "users", "audit_log"] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(restored.pool())
            .await
            .unwrap();
        assert_eq!(n, 0, "{table}: nothing written");
    }

    // A missing column is refused the same way, naming it.
    let mut doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    doc["tables"]["strategies"][0]
        .as_object_mut()
        .unwrap()
        .remove("text");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let (ok, _, said) = plantrack(
        &empty,
        &["import", "--format", "json", file.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(
        said.contains("Row 1 of \"strategies\" has no \"text\""),
        "{said}"
    );
    // The untouched export still restores.
    std::fs::write(&file, &exported).unwrap();
    let (ok, said, err) = plantrack(
        &empty,
        &["import", "--format", "json", file.to_str().unwrap()],
    );
    assert!(ok, "{said}{err}");
}

/// What an attacker or a careless paste puts in a text field: a header break, a control
/// character, another site.
const HOSTILE: [&str; 3] = ["x\r\nSet-Cookie: stolen=1", "x\u{1}y", "//evil.example"];

/// Whether `location` stays on this site: a path (not `//host` or `/\host`), or an
/// address on the site's own origin (a refused form goes back to its Referer).
fn same_site(location: &str, origin: &str) -> bool {
    let path = match location.strip_prefix(origin) {
        Some(rest) => rest,
        None => location,
    };
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(char::is_control)
}

/// Sends `req` as a browser's plain form would (HTML wanted, from a page of the site).
async fn as_a_form(browser: &Browser, req: reqwest::RequestBuilder) -> reqwest::Response {
    req.header("accept", "text/html")
        .header("referer", browser.url("/"))
        .send()
        .await
        .unwrap()
}

/// Checks one answer: never a 5xx, and a `Location` only on this site, with no error in
/// it (a refused form goes back to a clean address).
fn judge(what: &str, res: &reqwest::Response, failures: &mut Vec<String>) {
    let url = res.url();
    let origin = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    let origin = match url.port() {
        Some(port) => format!("{origin}:{port}"),
        None => origin,
    };
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned());
    if status >= 500 {
        failures.push(format!("{what}: {status}"));
    }
    if let Some(location) = location {
        if !same_site(&location, &origin) {
            failures.push(format!("{what}: Location {location:?}"));
        }
        if location.contains("__err=") || location.contains("__path=") {
            failures.push(format!("{what}: the error is in the address {location:?}"));
        }
    }
}

/// Whether a server function's answer came from past its arguments and the policy: not
/// 401/403, and not a refused form whose error (`server::refusal::REFUSED_STATUS`) is
/// the arguments' (400), a sign-in's or a permission's.
fn past_the_policy(res: &reqwest::Response) -> bool {
    if matches!(res.status().as_u16(), 401 | 403) {
        return false;
    }
    let refused = res
        .headers()
        .get(server::refusal::REFUSED_STATUS)
        .and_then(|s| s.to_str().ok())
        .and_then(|s| s.parse::<u16>().ok());
    !matches!(refused, Some(400 | 401 | 403))
}

#[tokio::test]
async fn hostile_text_in_every_field_of_every_server_function_is_refused_never_a_500() {
    let app = TestApp::with_excerpt().await;
    let target = app.create_user("target-user", Role::Viewer).await;
    app.create_user("login-user", Role::Viewer).await;
    // The accounts the sample arguments name; each function is called by the first of
    // them the policy lets use it (the manager owns the strategy the calls act on).
    let mut callers = Vec::new();
    for role in [Role::WorkingGroup, Role::Admin, Role::Manager, Role::Viewer] {
        callers.push((role, app.signed_in(role).await));
    }
    crate::measures::add_measure(&callers[0].1, "4.1.3", "Hostile measure", "sum").await;
    app.signed_in_as("manager-elsewhere", Role::Manager).await;
    crate::status::assign(&app, "manager", "4.1.3").await;
    crate::meetings::matrix_seed(&app).await;
    let mut never_allowed = Vec::new();
    let mut functions = crate::matrix::server_functions();
    // Signing out last, so the session lasts the walk.
    functions.sort_by_key(|(name, _, _)| (name == "logout", name.clone()));
    let mut failures = Vec::new();
    let mut n = 0;
    for (name, path, get) in functions {
        let draft = app::services::import::create_draft(
            &app.db,
            "t",
            "Goal 7: Seven: S.\n",
            &app::queries::audit::Actor::system(),
        )
        .await
        .unwrap();
        n += 1;
        let (role, admin) = callers
            .iter()
            .find(|(role, _)| {
                let user = app::model::user::CurrentUser {
                    id: 0,
                    username: role.as_str().into(),
                    display_name: String::new(),
                    role: *role,
                    must_change_password: false,
                    can: app::auth::policy::can(*role),
                };
                app::auth::UseCase::named(&name)
                    .is_some_and(|u| app::auth::policy::decide(u, Some(&user), false).is_ok())
            })
            .unwrap_or(&callers[0]);
        let who = role.as_str();
        // Signing in would change whose session the caller's browser holds.
        let anonymous = app.anonymous();
        let admin = if name == "login" { &anonymous } else { admin };
        let mut allowed = false;
        let mut args = crate::matrix::sample_args(&app, &name, target, draft, n, 0, who).await;
        // A field some forms carry to come back to a page.
        if !args.iter().any(|(k, _)| k == "back") {
            args.push(("back".into(), "/".into()));
        }
        for i in 0..args.len() {
            // The hostile text alone (the rest valid), and the field's valid value with a
            // line break or a control character after it and every other field empty
            // (refused for those, so the form goes back with this field's value).
            let mut variants: Vec<Vec<(String, String)>> = Vec::new();
            for value in HOSTILE {
                let mut sent = args.clone();
                sent[i].1 = value.to_string();
                variants.push(sent);
            }
            for suffix in ["\r\n", "\u{1}"] {
                let mut sent: Vec<(String, String)> = args
                    .iter()
                    .map(|(k, _)| (k.clone(), String::new()))
                    .collect();
                sent[i].1 = format!("{}{suffix}", args[i].1);
                variants.push(sent);
            }
            for sent in variants {
                let value = sent[i].1.clone();
                let req = if get {
                    admin.client.get(admin.url(&path)).query(&sent)
                } else {
                    admin.client.post(admin.url(&path)).form(&sent)
                };
                let res = as_a_form(admin, req).await;
                let what = format!(
                    "{name} with {}={value:?} ({} fields)",
                    sent[i].0,
                    sent.len()
                );
                allowed |= past_the_policy(&res);
                judge(&what, &res, &mut failures);
            }
        }
        if !allowed {
            never_allowed.push(name);
        }
    }
    assert!(
        never_allowed.is_empty(),
        "these were never called past the policy: {never_allowed:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn hostile_text_in_every_plain_route_is_refused_never_a_500() {
    let app = TestApp::with_excerpt().await;
    crate::evidence::seed(&app).await;
    let admin = app.signed_in_as("hostile-admin", Role::Admin).await;
    let mut failures = Vec::new();
    let mut checked = std::collections::BTreeSet::new();
    for value in HOSTILE {
        let seg = app::model::redirect::enc(value);
        for (method, route, _) in app::auth::ROUTES {
            checked.insert(*route);
            let url = |p: &str| admin.url(p);
            let text = |field: &str| {
                let mut form = reqwest::multipart::Form::new();
                for f in ["text", "kind", "item", "quarter", "back"] {
                    let v = if f == field { value } else { "4.1.3" };
                    form = form.text(f, v.to_string());
                }
                form
            };
            let mut requests = Vec::new();
            match (*method, *route) {
                ("GET", "/csv/{table}/{fy}") => {
                    requests.push(admin.client.get(url(&format!("/csv/{seg}/2027"))));
                    requests.push(admin.client.get(url(&format!("/csv/app/{seg}"))));
                }
                ("GET", "/export/stratml") => requests.push(
                    admin
                        .client
                        .get(url("/export/stratml"))
                        .query(&[("fy", value)]),
                ),
                ("GET", "/export/plan.json" | "/export/plan.zip") => {
                    requests.push(admin.client.get(url(route)).query(&[("x", value)]))
                }
                ("GET", "/charts/{file}") => {
                    requests.push(admin.client.get(url(&format!("/charts/{seg}"))))
                }
                ("GET", "/evidence/{id}") => {
                    requests.push(admin.client.get(url(&format!("/evidence/{seg}"))))
                }
                ("GET", "/reviews/{quarter}/packet.pdf") => {
                    requests.push(admin.client.get(url(&format!("/reviews/{seg}/packet.pdf"))))
                }
                ("GET", "/reports/{fy}/public.pdf") => {
                    requests.push(admin.client.get(url(&format!("/reports/{seg}/public.pdf"))));
                }
                ("GET", "/reports/{fy}/report.pdf") => {
                    requests.push(admin.client.get(url(&format!("/reports/{seg}/report.pdf"))));
                    requests.push(
                        admin
                            .client
                            .get(url("/reports/2027/report.pdf"))
                            .query(&[("paper", value)]),
                    );
                }
                (
                    "POST",
                    "/measures/import"
                    | "/measures/targets/import"
                    | "/admin/import"
                    | "/business-plan/import",
                ) => {
                    requests.push(admin.client.post(url(route)).multipart(text("text")));
                    let part = reqwest::multipart::Part::text("Goal 1: One: O.\n")
                        .file_name(value.to_string());
                    let form = reqwest::multipart::Form::new().part("file", part);
                    requests.push(admin.client.post(url(route)).multipart(form));
                }
                ("POST", "/evidence") => {
                    for field in ["kind", "item", "quarter", "back"] {
                        let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec())
                            .file_name(value.to_string());
                        let form = text(field).part("file", part);
                        requests.push(admin.client.post(url(route)).multipart(form));
                    }
                }
                ("POST", "/auth/oidc/start") => {
                    requests.push(admin.client.post(url(route)).form(&[("next", value)]))
                }
                ("GET", "/robots.txt" | "/sitemap.xml") => {
                    requests.push(admin.client.get(url(route)).query(&[("x", value)]))
                }
                ("GET", "/auth/oidc/callback") => {
                    for field in ["state", "code", "error"] {
                        requests.push(admin.client.get(url(route)).query(&[(field, value)]));
                    }
                }
                other => panic!("add hostile requests for the plain route {other:?}"),
            }
            for req in requests {
                let res = as_a_form(&admin, req).await;
                judge(
                    &format!("{method} {route} with {value:?}"),
                    &res,
                    &mut failures,
                );
            }
        }
    }
    assert!(checked.len() >= 10, "{checked:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn hostile_text_in_every_json_api_route_is_a_json_4xx_never_a_500() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let measure = crate::measures::add_measure(&wg, "4.1.3", "Hostile", "sum").await;
    let (token, _) = crate::api::token(&app, "hostile-api", Role::WorkingGroup, "write").await;
    let client = reqwest::Client::new();
    let base = format!("http://{}", app.addr);
    let quarter = crate::status::current_quarter().slug();
    let mut failures = Vec::new();
    for value in HOSTILE {
        let seg = app::model::redirect::enc(value);
        let mut requests = Vec::new();
        for (method, route, _) in app::auth::API_ROUTES {
            match (*method, *route) {
                ("GET", _) => {
                    for key in ["quarter", "fy", "on"] {
                        requests.push(client.get(format!("{base}{route}")).query(&[(key, value)]));
                    }
                }
                ("POST", "/api/v1/measures/{id}/actuals") => {
                    requests.push(client.post(format!("{base}/api/v1/measures/{seg}/actuals")));
                    for body in [
                        serde_json::json!({"quarter": value, "value": 1, "base_version": 0}),
                        serde_json::json!({"quarter": quarter, "value": 1, "note": value, "base_version": 0}),
                    ] {
                        requests.push(
                            client
                                .post(format!("{base}/api/v1/measures/{measure}/actuals"))
                                .json(&body),
                        );
                    }
                }
                ("POST", "/api/v1/strategies/{number}/status") => {
                    let good = serde_json::json!({"quarter": quarter, "status": "on_track",
                        "percent": 10, "accomplishments": "x", "base_version": 0});
                    requests.push(
                        client
                            .post(format!("{base}/api/v1/strategies/{seg}/status"))
                            .json(&good),
                    );
                    for key in ["quarter", "status", "accomplishments", "issues"] {
                        let mut body = good.clone();
                        body[key] = serde_json::json!(value);
                        requests.push(
                            client
                                .post(format!("{base}/api/v1/strategies/4.1.3/status"))
                                .json(&body),
                        );
                    }
                }
                ("POST", "/api/v1/comments") => {
                    let good = serde_json::json!({"on": "strategy:4.1.3", "text": "x"});
                    for key in ["on", "text", "reply_to"] {
                        let mut body = good.clone();
                        body[key] = serde_json::json!(value);
                        requests.push(client.post(format!("{base}{route}")).json(&body));
                    }
                    requests.push(
                        client
                            .post(format!("{base}{route}"))
                            .header("content-type", "application/json")
                            .body(value.to_string()),
                    );
                }
                other => panic!("add hostile requests for the API route {other:?}"),
            }
        }
        for req in requests {
            let res = req.bearer_auth(&token).send().await.unwrap();
            let what = format!("{:?}", res.url().path());
            judge(&what, &res, &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A StratML plan whose first goal's name is wrapped `depth` elements deep.
fn nested_plan(depth: usize) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<PerformancePlanOrReport Type=\"Performance_Plan\"><Name>Deep</Name>\
         <StrategicPlanCore><Goal><Name>G</Name><Description>{}{}</Description></Goal>\
         </StrategicPlanCore></PerformancePlanOrReport>\n",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    )
}

/// A StratML plan with `doctype` before its root.
fn plan_with_doctype(doctype: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<PerformancePlanOrReport Type=\"Performance_Plan\">\
         <Name>Plan</Name><StrategicPlanCore><Goal><Name>Serve</Name><Description>Serve well</Description>\
         <Objective><Name>Answer</Name></Objective></Goal></StrategicPlanCore></PerformancePlanOrReport>\n"
    )
}

/// Uploads `text` on /admin/import; the address it leads to.
async fn upload(admin: &Browser, text: &str) -> String {
    crate::import::upload(admin, text).await
}

#[tokio::test]
async fn a_stratml_file_nested_a_hundred_thousand_deep_is_refused_at_every_door() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let deep = nested_plan(100_000);

    // The web upload refuses it with why, and stores nothing.
    let drafts = app.count("import_drafts").await;
    let to = upload(&admin, &deep).await;
    assert_eq!(to, "/admin/import?error=too-deep");
    let (status, page) = admin.page(&to).await;
    assert_eq!(status, 200);
    assert!(
        page.has_text("nests its elements more than 64 levels deep"),
        "{}",
        page.text()
    );
    assert_eq!(app.count("import_drafts").await, drafts, "no draft stored");

    // A draft stored before this check existed cannot crash the server when read.
    let mut tx = app.db.begin_write().await.unwrap();
    let id = app::queries::import::insert_draft(&mut tx, "old.xml", &deep)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for _ in 0..2 {
        let (status, page) = admin.page(&format!("/admin/import/{id}")).await;
        assert_eq!(status, 200, "the preview answers");
        assert!(page.has_text("more than 64 levels deep"), "{}", page.text());
        assert!(page.form_action("/api/commit_import").is_none());
    }
    let (status, _) = admin.get("/healthz").await;
    assert_eq!(status, 200, "the server is still up");

    // The command line refuses it with the same words and imports nothing.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.xml");
    std::fs::write(&file, &deep).unwrap();
    let (ok, _, said) = plantrack(&app.url, &["import", file.to_str().unwrap()]);
    assert!(!ok);
    assert!(said.contains("more than 64 levels deep"), "{said}");
    assert_eq!(app.count("goals").await, 0);

    // A real plan nests far less and is read.
    let to = upload(&admin, &nested_plan(10)).await;
    assert!(to.starts_with("/admin/import/"), "{to}");
}

#[tokio::test]
async fn a_stratml_file_declaring_any_entity_is_refused_the_same_way_at_every_door() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let dir = tempfile::tempdir().unwrap();
    for doctype in [
        r#"<!DOCTYPE PerformancePlanOrReport [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<!DOCTYPE PerformancePlanOrReport [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>"#,
        r#"<!DOCTYPE PerformancePlanOrReport [<!ENTITY % p "<!ENTITY y 'z'>"> %p;]>"#,
    ] {
        let xml = plan_with_doctype(doctype);
        let to = upload(&admin, &xml).await;
        assert_eq!(to, "/admin/import?error=entities", "{doctype}");
        let (_, page) = admin.page(&to).await;
        assert!(page.has_text("declares entities"), "{}", page.text());
        let file = dir.path().join("entities.xml");
        std::fs::write(&file, &xml).unwrap();
        let (ok, _, said) = plantrack(&app.url, &["import", file.to_str().unwrap()]);
        assert!(!ok, "{doctype}: the command line refuses it too");
        assert!(said.contains("declares entities"), "{said}");
    }
    assert_eq!(app.count("import_drafts").await, 0);
    assert_eq!(app.count("goals").await, 0);
    // Without the declarations the same file imports.
    let file = dir.path().join("plain.xml");
    std::fs::write(&file, plan_with_doctype("")).unwrap();
    let (ok, said, err) = plantrack(&app.url, &["import", file.to_str().unwrap()]);
    assert!(ok, "{said}{err}");
    assert_eq!(app.count("goals").await, 1);
}
