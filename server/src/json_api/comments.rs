//! Discussion through the API: read an item's threads, post a comment or a reply. The
//! same service and rules as the form (checked text, mentions of people who may read the
//! item, the burst throttle, one audit event).

use super::auth::{signed_in, Caller};
use super::{refuse, ApiError};
use app::auth::UseCase;
use app::model::comment::{Piece, Subject};
use app::model::AppError;
use app::services::comment as service;
use app::services::Refused;
use app::state::AppState;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which item's discussion.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnQuery {
    /// The item: strategy:4.1.3, measure:7, status_update:4.1.3/2027/1/2,
    /// actual:7/2027/1/1, agenda_item:3, proposal:9 or budget_request:2.
    pub on: String,
}

/// One comment.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiComment {
    pub id: i64,
    pub author: String,
    /// When it was posted, as people read it.
    pub posted: String,
    /// Its text now (null when an administrator hid it).
    pub text: Option<String>,
    /// Why and by whom it was hidden.
    pub hidden: Option<String>,
    /// How many times its author corrected it.
    pub corrections: i64,
    pub replying_to: Option<String>,
}

/// One thread: its first comment and the replies, oldest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiThread {
    pub id: i64,
    pub resolved: bool,
    pub comments: Vec<ApiComment>,
}

/// An item's discussion.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiDiscussion {
    pub on: String,
    pub title: String,
    /// Threads not resolved.
    pub open: usize,
    pub threads: Vec<ApiThread>,
}

/// A comment to post.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewCommentBody {
    /// The item, as for reading.
    pub on: String,
    /// Plain text; @username mentions (and notifies) someone who may read the item.
    pub text: String,
    /// The comment it answers (absent: it starts a thread).
    #[serde(default)]
    pub reply_to: Option<i64>,
}

/// What was posted.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Posted {
    pub id: i64,
}

fn subject(on: &str) -> Result<Subject, AppError> {
    Subject::from_param(on.trim()).ok_or_else(|| {
        AppError::NotFound(format!(
            "\"{on}\" is not an item with a discussion (use measure:7, strategy:4.1.3, …)."
        ))
    })
}

async fn when(
    state: &AppState,
) -> Result<
    (
        app::model::fiscal::FiscalCalendar,
        chrono::DateTime<chrono::Utc>,
    ),
    Response,
> {
    let cal = app::queries::settings::calendar(&state.db)
        .await
        .map_err(|e| refuse(e.into()))?;
    Ok((cal, state.clock.now()))
}

/// `GET /api/v1/comments?on=measure:7`.
#[utoipa::path(get, path = "/api/v1/comments", tag = "comments", operation_id = "read_discussion",
    params(OnQuery),
    responses((status = 200, description = "The item's threads, oldest first", body = ApiDiscussion),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 404, description = "No such item", body = ApiError),
              (status = 422, description = "No item named", body = ApiError)),
    security(("token" = [])))]
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<OnQuery>, QueryRejection>,
) -> Response {
    let user = match signed_in(&state, &caller, UseCase::ApiRead, false).await {
        Ok(u) => u,
        Err(refused) => return refused,
    };
    let Ok(Query(query)) = query else {
        return refuse(AppError::Invalid(
            "Name the item: ?on=measure:7 (or strategy:4.1.3, status_update:4.1.3/2027/1/2, …)."
                .into(),
        ));
    };
    let s = match subject(&query.on) {
        Ok(s) => s,
        Err(e) => return refuse(e),
    };
    let at = match when(&state).await {
        Ok(at) => at,
        Err(refused) => return refused,
    };
    let d = match service::discussion(&state.db, &s, Some(&user), at).await {
        Ok(d) => d,
        Err(e) => return refuse(e),
    };
    let text = |pieces: &[Piece]| -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Link(t) => t.as_str(),
            })
            .collect()
    };
    let threads = d
        .threads
        .iter()
        .map(|t| ApiThread {
            id: t.id,
            resolved: t.resolved.is_some(),
            comments: t
                .comments
                .iter()
                .map(|c| ApiComment {
                    id: c.id,
                    author: c.author_name.clone(),
                    posted: c.when.clone(),
                    text: c.hidden.is_none().then(|| text(&c.text)),
                    hidden: c.hidden.clone(),
                    corrections: c.version,
                    replying_to: c.replying_to.clone(),
                })
                .collect(),
        })
        .collect();
    Json(ApiDiscussion {
        on: format!("{}:{}", d.kind, d.key),
        title: d.title,
        open: d.open,
        threads,
    })
    .into_response()
}

/// `POST /api/v1/comments`.
#[utoipa::path(post, path = "/api/v1/comments", tag = "comments", operation_id = "post_comment",
    request_body = NewCommentBody,
    responses((status = 201, description = "Posted; whoever it mentions is notified", body = Posted),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 403, description = "A read-only token", body = ApiError),
              (status = 404, description = "No such item", body = ApiError),
              (status = 422, description = "Empty or too long, control characters, or a mention of someone who may not read the item", body = ApiError),
              (status = 429, description = "Too many comments in a few minutes", body = ApiError)),
    security(("token" = [])))]
pub async fn post(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewCommentBody>, JsonRejection>,
) -> Response {
    let user = match signed_in(&state, &caller, UseCase::PostComment, true).await {
        Ok(u) => u,
        Err(refused) => return refused,
    };
    let body = match body {
        Ok(Json(b)) => b,
        Err(e) => {
            return refuse(AppError::Invalid(format!(
                "The body is not a valid comment: {e}"
            )))
        }
    };
    let s = match subject(&body.on) {
        Ok(s) => s,
        Err(e) => return refuse(e),
    };
    let at = match when(&state).await {
        Ok(at) => at,
        Err(refused) => return refused,
    };
    let p = service::Post {
        subject: &s,
        text: &body.text,
        reply_to: body.reply_to,
    };
    match service::post(&state.db, &user, p, at).await {
        Ok(id) => (StatusCode::CREATED, Json(Posted { id })).into_response(),
        Err(Refused::Invalid(errors)) => {
            refuse(AppError::Invalid(app::model::form::message(&errors)))
        }
        Err(Refused::Error(e)) => refuse(e),
    }
}
