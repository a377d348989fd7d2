//! The OpenAPI 3.1 document, generated from the handlers' annotations, and a page that
//! lays it out for people (plain HTML, no script).

use super::{comments, read, write, ApiError};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "plantrack API", version = "1",
         description = "Read the plan, measures, targets, actuals and status; record actuals and status updates; read and post comments. Sign in with a personal access token made on your account page (Authorization: Bearer TOKEN). A token never grants more than its owner's role; a read-only token cannot write. Errors are {\"error\": \"…\"} with the status code."),
    paths(read::plan, read::measures, read::status, write::actual, write::status,
        comments::read, comments::post),
    components(schemas(ApiError, read::Plan, read::Goal, read::Objective, read::Strategy,
        read::Measure, read::Target, read::Actual, read::Status,
        write::NewActualBody, write::NewStatusBody, write::Saved,
        comments::ApiDiscussion, comments::ApiThread, comments::ApiComment,
        comments::NewCommentBody, comments::Posted)),
    modifiers(&BearerToken)
)]
struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `GET /api/v1/openapi.json` (public: it describes, it reveals no data).
pub async fn openapi_json() -> Response {
    Json(document()).into_response()
}

/// `GET /api/v1/docs`: the operations, their parameters and answers, for people.
pub async fn page() -> Html<String> {
    let doc = document();
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let mut body = String::new();
    for (path, item) in &doc.paths.paths {
        let ops = [("GET", &item.get), ("POST", &item.post)];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            body.push_str(&format!("<h2><code>{method} {}</code></h2>", esc(path)));
            if let Some(d) = &op.description {
                body.push_str(&format!("<p>{}</p>", esc(d)));
            }
            let params = op.parameters.iter().flatten().map(|p| {
                let d = p.description.clone().unwrap_or_default();
                format!("<li><code>{}</code> — {}</li>", esc(&p.name), esc(&d))
            });
            let params: Vec<String> = params.collect();
            if !params.is_empty() {
                body.push_str(&format!("<h3>Parameters</h3><ul>{}</ul>", params.join("")));
            }
            let answers: Vec<String> = op
                .responses
                .responses
                .iter()
                .map(|(code, r)| {
                    let d = match r {
                        utoipa::openapi::RefOr::T(r) => r.description.clone(),
                        utoipa::openapi::RefOr::Ref(_) => String::new(),
                    };
                    format!("<li><strong>{}</strong> {}</li>", esc(code), esc(&d))
                })
                .collect();
            body.push_str(&format!("<h3>Answers</h3><ul>{}</ul>", answers.join("")));
        }
    }
    let intro = doc.info.description.clone().unwrap_or_default();
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>plantrack API</title><link rel=\"stylesheet\" href=\"/pkg/plantrack.css\"></head><body><main id=\"main-content\" class=\"grid-container padding-y-4\"><h1>plantrack API, version 1</h1><p>{}</p><p>The machine-readable description: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> (OpenAPI 3.1). Make a token on <a href=\"/account/tokens\">your access tokens page</a>.</p>{body}</main></body></html>",
        esc(&intro)
    ))
}
