//! The JSON API (issue 21): personal access tokens sign requests in, the one policy and
//! the token's scope decide, the same services write (versions as 409, ownership as
//! 403), errors are JSON, each token is rate limited, and every operation in the
//! generated OpenAPI document answers as the document says.

use crate::harness::TestApp;
use crate::measures::add_measure;
use app::model::user::{CurrentUser, Role};
use serde_json::{json, Value};

/// A token for a new account `name` with `role`: (token, user id).
pub async fn token(app: &TestApp, name: &str, role: Role, scope: &str) -> (String, i64) {
    let id = app.create_user(name, role).await;
    let user = CurrentUser {
        id,
        username: name.into(),
        display_name: name.into(),
        role,
        must_change_password: false,
        can: app::auth::policy::can(role),
    };
    let (_, secret) =
        app::services::token::create(&app.db, &user, ("Test", scope, "30"), app.clock.now())
            .await
            .unwrap();
    (secret, id)
}

pub struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    pub fn new(app: &TestApp) -> Api {
        Api {
            client: reqwest::Client::new(),
            base: format!("http://{}", app.addr),
        }
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> (u16, Value) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

fn quarter() -> String {
    crate::status::current_quarter().slug()
}

#[tokio::test]
async fn tokens_scopes_ownership_and_versions_decide_what_the_api_does() {
    let app = TestApp::with_excerpt().await;
    let api = Api::new(&app);
    let wg = app.signed_in(Role::WorkingGroup).await;
    let measure = add_measure(&wg, "4.1.3", "Systems patched", "sum").await;
    let (reader, _) = token(&app, "reader", Role::WorkingGroup, "read").await;
    let (writer, _) = token(&app, "writer", Role::WorkingGroup, "write").await;

    // Signed in by a token, or not at all; errors are JSON.
    let (status, body) = api.get("", "/api/v1/plan").await;
    assert_eq!(status, 401);
    assert!(
        body["error"].as_str().unwrap().contains("sign in"),
        "{body}"
    );
    assert_eq!(api.get("plt_nonsense", "/api/v1/plan").await.0, 401);
    let (status, plan) = api.get(&reader, "/api/v1/plan").await;
    assert_eq!(status, 200);
    let goal4 = plan["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["number"] == "4")
        .unwrap();
    assert!(goal4["objectives"][0]["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["number"] == "4.1.3"));

    // A read-only token never writes, whatever its owner's role.
    let body = json!({"quarter": quarter(), "value": 12, "base_version": 0});
    let path = format!("/api/v1/measures/{measure}/actuals");
    let (status, answer) = api.post(&reader, &path, &body).await;
    assert_eq!(status, 403, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("read-only"));

    // Written through the same rules as the form: a version conflict is a 409.
    assert_eq!(api.post(&writer, &path, &body).await.0, 201);
    let (status, answer) = api
        .post(
            &writer,
            &path,
            &json!({"quarter": quarter(), "value": 13, "base_version": 0}),
        )
        .await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(
        api.post(
            &writer,
            &path,
            &json!({"quarter": quarter(), "value": 13, "base_version": 1})
        )
        .await
        .0,
        201
    );
    let (_, measures) = api.get(&reader, "/api/v1/measures").await;
    let m = measures
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == measure)
        .unwrap();
    assert_eq!(m["actuals"][0]["value"], 13.0);
    // The audit trail says the correction came in through the API.
    let (after,): (String,) = sqlx::query_as(
        "SELECT after_json FROM audit_log WHERE object_type = 'actual' AND action = 'correct'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(after.contains(r#""via":"api""#), "{after}");
    let (status, answer) = api
        .post(
            &writer,
            &path,
            &json!({"quarter": "someday", "value": 1, "base_version": 0}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(
        api.post(&writer, &path, &json!({"nonsense": true})).await.0,
        422
    );
    assert_eq!(
        api.post(&writer, "/api/v1/measures/99999/actuals", &body)
            .await
            .0,
        404
    );

    // A manager's token acts only on the manager's own strategies.
    let (manager, _) = token(&app, "api-manager", Role::Manager, "write").await;
    crate::status::assign(&app, "api-manager", "4.1.3").await;
    let update = |v: i64| json!({"quarter": quarter(), "status": "on_track", "percent": 40, "accomplishments": "Patched", "base_version": v});
    let (status, answer) = api
        .post(&manager, "/api/v1/strategies/4.1.1/status", &update(0))
        .await;
    assert_eq!(status, 403, "{answer}");
    assert_eq!(
        api.post(&manager, "/api/v1/strategies/4.1.3/status", &update(0))
            .await
            .0,
        201
    );
    let (_, statuses) = api
        .get(&manager, &format!("/api/v1/status?quarter={}", quarter()))
        .await;
    let s = statuses
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["strategy"] == "4.1.3")
        .unwrap();
    assert_eq!(
        (s["status"].as_str(), s["version"].as_i64()),
        (Some("on_track"), Some(1))
    );
    assert_eq!(
        api.post(&manager, "/api/v1/strategies/4.1.3/status", &update(0))
            .await
            .0,
        409
    );
    // A viewer's read-and-write token still cannot write: never more than the role.
    let (viewer, _) = token(&app, "api-viewer", Role::Viewer, "write").await;
    assert_eq!(api.post(&viewer, &path, &body).await.0, 403);

    // Writes are audited as the token's owner.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE username = 'api-manager' AND object_type <> 'api_token'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 1);
    let (after,): (String,) = sqlx::query_as(
        "SELECT after_json FROM audit_log WHERE username = 'api-manager' AND object_type = 'status'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(after.contains(r#""via":"api""#), "{after}");

    // Expiry and revocation end a token.
    app.clock.set(app.clock.now() + chrono::Duration::days(31));
    assert_eq!(api.get(&reader, "/api/v1/plan").await.0, 401, "expired");
}

#[tokio::test]
async fn the_status_read_without_a_quarter_is_the_reporting_quarters() {
    let app = TestApp::with_excerpt().await;
    let api = Api::new(&app);
    let reported = crate::status::current_quarter().previous();
    crate::status::during_call(&app, reported);
    let (manager, _) = token(&app, "api-reporter", Role::Manager, "write").await;
    crate::status::assign(&app, "api-reporter", "4.1.3").await;
    let update = json!({"quarter": reported.slug(), "status": "on_track", "percent": 55,
        "accomplishments": "Reported for the quarter just ended", "base_version": 0});
    let (status, answer) = api
        .post(&manager, "/api/v1/strategies/4.1.3/status", &update)
        .await;
    assert_eq!(status, 201, "{answer}");
    // The quarter under way has no results yet: left out, the quarter is the one reported.
    let (status, list) = api.get(&manager, "/api/v1/status").await;
    assert_eq!(status, 200);
    let s = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["strategy"] == "4.1.3")
        .unwrap_or_else(|| panic!("4.1.3's update in {list}"));
    assert_eq!(
        (s["quarter"].as_str(), s["status"].as_str()),
        (Some(reported.slug().as_str()), Some("on_track"))
    );
}

#[tokio::test]
async fn a_revoked_token_is_refused_and_each_token_is_rate_limited() {
    let app = TestApp::with_excerpt().await;
    let api = Api::new(&app);
    let (secret, id) = token(&app, "limited", Role::Viewer, "read").await;
    let mut last = 0;
    for _ in 0..121 {
        last = api.get(&secret, "/api/v1/status").await.0;
    }
    assert_eq!(last, 429, "the 121st request in a minute waits");
    let res = reqwest::Client::new()
        .get(format!("http://{}/api/v1/status", app.addr))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("retry-after").is_some());

    let (other, _) = token(&app, "revoked", Role::Viewer, "read").await;
    assert_eq!(api.get(&other, "/api/v1/plan").await.0, 200);
    let user = CurrentUser {
        id,
        username: "limited".into(),
        display_name: "limited".into(),
        role: Role::Viewer,
        must_change_password: false,
        can: app::auth::policy::can(Role::Viewer),
    };
    let (tid,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM api_tokens")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // Not the owner (and not an administrator): refused.
    assert!(
        app::services::token::revoke(&app.db, &user, tid, app.clock.now())
            .await
            .is_err()
    );
    let owner = CurrentUser { id: tid, ..user };
    let (owner_id,): (i64,) = sqlx::query_as("SELECT user_id FROM api_tokens WHERE id = $1")
        .bind(tid)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let owner = CurrentUser {
        id: owner_id,
        ..owner
    };
    app::services::token::revoke(&app.db, &owner, tid, app.clock.now())
        .await
        .unwrap();
    assert_eq!(api.get(&other, "/api/v1/plan").await.0, 401);
}

/// A value for a schema: the example shapes a generated client would send.
fn sample(schema: &Value, doc: &Value, name: &str) -> Value {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => &doc["components"]["schemas"][r.rsplit('/').next().unwrap()],
        None => schema,
    };
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .find(|k| *k != "null")
            .cloned()
            .unwrap_or(Value::Null),
        other => other.clone(),
    };
    match kind.as_str().unwrap_or("object") {
        "object" => {
            let mut out = serde_json::Map::new();
            for (field, s) in schema["properties"].as_object().into_iter().flatten() {
                out.insert(field.clone(), sample(s, doc, field));
            }
            Value::Object(out)
        }
        "integer" if name == "percent" => json!(50),
        // A comment that answers none starts a thread.
        "integer" if name == "reply_to" => Value::Null,
        "integer" => json!(0),
        "number" => json!(1),
        "boolean" => json!(false),
        "array" => json!([]),
        _ => match name {
            "quarter" => json!(quarter()),
            "status" => json!("on_track"),
            "on" => json!("strategy:4.1.3"),
            _ => json!("Sample"),
        },
    }
}

#[tokio::test]
async fn every_operation_in_the_openapi_document_answers_as_documented() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let measure = add_measure(&wg, "4.1.3", "Documented measure", "sum").await;
    let (secret, _) = token(&app, "client", Role::Admin, "write").await;
    let client = reqwest::Client::new();
    let base = format!("http://{}", app.addr);
    let doc: Value = client
        .get(format!("{base}/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations.push((method.to_uppercase(), path.clone()));
            let mut url = path
                .replace("{id}", &measure.to_string())
                .replace("{number}", "4.1.3");
            // Required query parameters, with sample values.
            let required: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| {
                    let name = p["name"].as_str().unwrap_or_default();
                    let value = sample(&p["schema"], &doc, name);
                    format!("{name}={}", value.as_str().unwrap_or_default())
                })
                .collect();
            if !required.is_empty() {
                url = format!("{url}?{}", required.join("&"));
            }
            let request = match method.as_str() {
                "get" => client.get(format!("{base}{url}")),
                "post" => {
                    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
                    client
                        .post(format!("{base}{url}"))
                        .json(&sample(schema, &doc, ""))
                }
                other => panic!("undocumented method {other}"),
            };
            let res = request.bearer_auth(&secret).send().await.unwrap();
            let status = res.status().as_u16().to_string();
            let body: Value = res.json().await.expect("every answer is JSON");
            assert!(
                op["responses"].get(&status).is_some(),
                "{method} {path} answered {status}, which the document does not list: {body}"
            );
            assert!(status.starts_with('2'), "{method} {path}: {status} {body}");
        }
    }
    // The document and the routes agree.
    let mut routes: Vec<(String, String)> = app::auth::API_ROUTES
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    routes.sort();
    operations.sort();
    assert_eq!(operations, routes);
    let (status, page) = wg.page("/api/v1/docs").await;
    assert_eq!(status, 200);
    assert!(
        page.has_text("POST /api/v1/measures/{id}/actuals"),
        "{}",
        page.text()
    );
}

/// The standard validator (openapi-spec-validator from PyPI, installed by
/// `scripts/setup.sh` into target/openapi).
const VALIDATOR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../target/openapi/bin/openapi-spec-validator"
);

#[tokio::test]
async fn the_openapi_document_is_valid_with_one_id_per_operation() {
    let app = TestApp::with_excerpt().await;
    let res = reqwest::get(format!("http://{}/api/v1/openapi.json", app.addr))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut ids = Vec::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            ids.push(op["operationId"].as_str().unwrap_or_default().to_string());
        }
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "operationIds repeat: {ids:?}");
    assert!(ids.iter().all(|id| !id.is_empty()), "{ids:?}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &text).unwrap();
    let out = std::process::Command::new(VALIDATOR)
        .arg(&file)
        .output()
        .expect("openapi-spec-validator (scripts/setup.sh installs it into target/openapi)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A write whose client hangs up while it waits for the database still runs to its end,
/// whole: the server does not drop it half-way. (A save dropped between its `BEGIN
/// IMMEDIATE` and its commit left its connection's transaction open, and every later write
/// failed with "database is locked": the benchmark met it when wrk hung up on requests in
/// flight at the end of a run.)
#[tokio::test]
async fn a_write_whose_client_hangs_up_still_runs_to_its_end() {
    let app = TestApp::with_excerpt().await;
    let (secret, _) = token(&app, "client", Role::WorkingGroup, "write").await;
    let before = app.count("audit_log").await;
    // The test holds the write lock, so the post waits for the database.
    let mut held = app.db.begin_write().await.unwrap();
    app::queries::lock_for_write(&app.db, &mut held, "comments")
        .await
        .unwrap();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_millis(300))
        .build()
        .unwrap();
    let body = serde_json::json!({ "on": "strategy:4.1.3", "text": "Sent, then hung up." });
    let sent = client
        .post(format!("http://{}/api/v1/comments", app.addr))
        .bearer_auth(&secret)
        .json(&body)
        .send()
        .await;
    assert!(sent.is_err(), "the client gave up waiting");
    held.commit().await.unwrap();
    // The server finishes the write it started: the comment and its audit row.
    let mut recorded = 0;
    for _ in 0..200 {
        recorded = app.count("comments").await;
        if recorded > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(recorded, 1, "the write ran to its end");
    assert_eq!(app.count("audit_log").await - before, 1);
}
