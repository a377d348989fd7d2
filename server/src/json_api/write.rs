//! Writing: a quarter's actual of a measure, a strategy's status update. The same
//! services and rules as the forms: validation, ownership, versions, locks, audit.

use super::auth::{signed_in, Caller};
use super::{refuse, ApiError};
use app::auth::UseCase;
use app::model::status::StatusInput;
use app::model::AppError;
use app::services::audit::Via;
use app::services::measure::{save_actual, ActualInput, Base, Entered};
use app::services::outcome::Outcome;
use app::services::status::save_status;
use app::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A quarter's actual to record.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewActualBody {
    /// "2027-Q1".
    pub quarter: String,
    /// The value (1 or 0 for a milestone: done or not); null with
    /// `data_not_yet_available` true for a data lag.
    pub value: Option<f64>,
    #[serde(default)]
    pub data_not_yet_available: bool,
    #[serde(default)]
    pub note: String,
    /// The quarter's version you last read (0 when none): a newer one is a 409.
    pub base_version: i64,
}

/// What was recorded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Saved {
    pub saved: bool,
}

fn unprocessable(errors: Vec<(String, String)>) -> Response {
    refuse(AppError::Invalid(app::model::form::message(&errors)))
}

fn conflict(what: &str) -> Response {
    let body = Json(ApiError {
        error: format!("Someone else saved {what} first: read it again, then send your change with its version."),
    });
    (StatusCode::CONFLICT, body).into_response()
}

/// What both writes check first: a read-and-write token allowed `permission`, then a
/// body that is a `what`; a refusal is the JSON answer to send.
async fn writer<B>(
    state: &AppState,
    caller: &Caller,
    permission: UseCase,
    body: Result<Json<B>, JsonRejection>,
    what: &str,
) -> Result<(app::model::user::CurrentUser, B), Response> {
    let user = signed_in(state, caller, permission, true).await?;
    match body {
        Ok(Json(b)) => Ok((user, b)),
        Err(e) => Err(refuse(AppError::Invalid(format!(
            "The body is not a valid {what}: {e}"
        )))),
    }
}

/// The organisation's fiscal calendar, or the JSON answer to a database failure.
async fn calendar(state: &AppState) -> Result<app::model::fiscal::FiscalCalendar, Response> {
    app::queries::status::calendar(&state.db)
        .await
        .map_err(|e| refuse(e.into()))
}

/// `POST /api/v1/measures/{id}/actuals`.
#[utoipa::path(post, path = "/api/v1/measures/{id}/actuals", tag = "measures", operation_id = "record_actual",
    params(("id" = i64, Path, description = "The measure")),
    request_body = NewActualBody,
    responses((status = 201, description = "Recorded", body = Saved),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 403, description = "Not yours to record, or a read-only token", body = ApiError),
              (status = 404, description = "No such measure", body = ApiError),
              (status = 409, description = "Someone else recorded it first", body = ApiError),
              (status = 422, description = "Not a valid actual, or a locked quarter", body = ApiError)),
    security(("token" = [])))]
pub async fn actual(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    body: Result<Json<NewActualBody>, JsonRejection>,
) -> Response {
    let (user, body) = match writer(&state, &caller, UseCase::SaveActual, body, "actual").await {
        Ok(ok) => ok,
        Err(refused) => return refused,
    };
    let db = &state.db;
    let cal = match calendar(&state).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    let input = ActualInput {
        measure: id,
        quarter: body.quarter,
        actual: body
            .value
            .map_or_else(|| Entered::Typed(String::new()), Entered::Number),
        lag: body.data_not_yet_available,
        note: body.note,
        base: Base::Version(body.base_version),
    };
    let when = (cal, state.clock.today());
    match save_actual(db, &user, &input, Via::Api, when).await {
        Ok(outcome) => respond(outcome),
        Err(e) => refuse(e),
    }
}

/// The JSON door's response to a write's outcome: 201, or 422 (a problem, a locked
/// quarter) or 409 (someone else saved first) with the message.
fn respond<T, C>(outcome: Outcome<T, C>) -> Response {
    match outcome {
        Outcome::Saved(_) => (StatusCode::CREATED, Json(Saved { saved: true })).into_response(),
        Outcome::Invalid(errors) => unprocessable(errors),
        Outcome::Locked(message) => unprocessable(vec![("quarter".into(), message)]),
        Outcome::Conflict { what, .. } => conflict(&what),
    }
}

/// A status update to record.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewStatusBody {
    /// "2027-Q1".
    pub quarter: String,
    /// not_started, on_track, at_risk, off_track, completed or deferred.
    pub status: String,
    /// Percent complete, 0–100.
    pub percent: i64,
    #[serde(default)]
    pub accomplishments: String,
    #[serde(default)]
    pub issues: String,
    #[serde(default)]
    pub next_steps: String,
    /// Required when at risk or off track.
    #[serde(default)]
    pub explanation: String,
    /// Required when at risk or off track.
    #[serde(default)]
    pub corrective_action: String,
    /// The quarter's version you last read (0 when none): a newer one is a 409.
    pub base_version: i64,
}

/// `POST /api/v1/strategies/{number}/status`.
#[utoipa::path(post, path = "/api/v1/strategies/{number}/status", tag = "status", operation_id = "record_status",
    params(("number" = String, Path, description = "The strategy, 4.1.3")),
    request_body = NewStatusBody,
    responses((status = 201, description = "Recorded", body = Saved),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 403, description = "Not yours to record, or a read-only token", body = ApiError),
              (status = 404, description = "No such strategy", body = ApiError),
              (status = 409, description = "Someone else recorded it first", body = ApiError),
              (status = 422, description = "Not a valid update, or a locked quarter", body = ApiError)),
    security(("token" = [])))]
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    body: Result<Json<NewStatusBody>, JsonRejection>,
) -> Response {
    let writing = writer(&state, &caller, UseCase::SaveStatus, body, "status update").await;
    let (user, body) = match writing {
        Ok(ok) => ok,
        Err(refused) => return refused,
    };
    let db = &state.db;
    let Some(fq) = app::model::fiscal::FiscalQuarter::parse(&body.quarter) else {
        return refuse(AppError::Invalid(format!(
            "\"{}\" is not a quarter (use 2027-Q1).",
            body.quarter
        )));
    };
    let cal = match calendar(&state).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    let input = StatusInput {
        status: body.status,
        percent: body.percent.to_string(),
        accomplishments: body.accomplishments,
        issues: body.issues,
        next_steps: body.next_steps,
        explanation: body.explanation,
        corrective_action: body.corrective_action,
        base_version: body.base_version,
        draft: false,
    };
    let when = (cal, state.clock.today());
    match save_status(db, Some(&user), &number, fq, (&input, Via::Api), when).await {
        Ok(outcome) => respond(outcome),
        Err(e) => refuse(e),
    }
}
