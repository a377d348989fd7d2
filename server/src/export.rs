//! Export routes: `GET /export/stratml?fy=2027` downloads a fiscal year of the plan as a
//! StratML Part 2 document; `GET /export/plan.json` (administrators) everything as one
//! JSON document, and `GET /export/plan.zip` the same as CSV files. Plain handlers, decided by the same policy.

use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::model::AppError;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The query of an export: the fiscal year (the current one when absent) and, for
/// StratML, the document's type (`report`: the year's Annual Performance Report).
#[derive(Debug, Deserialize)]
pub struct YearQuery {
    fy: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// `GET /export/stratml?fy=2027` (the plan), `&type=report` (the year's report).
pub async fn stratml(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Query(query): Query<YearQuery>,
) -> Response {
    if let Err(refused) =
        authorize_route(&state, &mut auth, app::auth::UseCase::ExportStratml).await
    {
        return refused.into_response();
    }
    let today = state.clock.today();
    let fy = match query.fy.as_deref() {
        None | Some("") => {
            app::model::fiscal::FiscalCalendar::default()
                .quarter_of(today)
                .year
        }
        Some(text) => match app::model::fiscal::parse_year(text) {
            Some(fy) => fy,
            None => {
                return AppError::Invalid(format!("\"{text}\" is not a fiscal year (use 2027)."))
                    .into_response()
            }
        },
    };
    let report = match query.kind.as_deref() {
        None | Some("") | Some("plan") => false,
        Some("report") => true,
        Some(other) => {
            return AppError::Invalid(format!(
                "\"{other}\" is not a StratML document type here: use plan or report."
            ))
            .into_response()
        }
    };
    let (made, name) = if report {
        (
            app::services::stratml::export_report(&state.db, fy, today).await,
            format!("report-fy{fy}.stratml.xml"),
        )
    } else {
        (
            app::services::stratml::export(&state.db, fy, today).await,
            format!("plan-fy{fy}.stratml.xml"),
        )
    };
    match made {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/xml; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /export/plan.json`: the whole plan and its history (administrators).
pub async fn plan_json(State(state): State<AppState>, mut auth: AuthSession) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, app::auth::UseCase::ExportPlan).await {
        return refused.into_response();
    }
    match app::services::whole::export_text(&state.db).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"plantrack-export-{}.json\"",
                        state.clock.today()
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /export/plan.zip`: the same as `plan.json`, one CSV file per table (administrators).
pub async fn plan_zip(State(state): State<AppState>, mut auth: AuthSession) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, app::auth::UseCase::ExportPlan).await {
        return refused.into_response();
    }
    match app::services::whole::export_zip(&state.db).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"plantrack-export-{}.zip\"",
                        state.clock.today()
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
