//! Reading: the plan, measures with a year's targets and actuals, a quarter's status.

use super::auth::{signed_in, Caller};
use super::{refuse, ApiError};
use app::auth::UseCase;
use app::model::AppError;
use app::queries::stratml as q;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The plan: its goals, objectives and strategies (retired ones left out).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Plan {
    pub title: String,
    pub organisation: String,
    pub goals: Vec<Goal>,
}

/// A goal.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Goal {
    pub number: String,
    pub name: Option<String>,
    pub statement: Option<String>,
    pub objectives: Vec<Objective>,
}

/// An objective.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Objective {
    pub number: String,
    pub title: Option<String>,
    pub strategies: Vec<Strategy>,
}

/// A strategy and who owns it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Strategy {
    pub number: String,
    pub text: String,
    pub owner_office: Option<String>,
    pub owner_person: Option<String>,
}

/// `GET /api/v1/plan`.
#[utoipa::path(get, path = "/api/v1/plan", tag = "plan", operation_id = "get_plan",
    responses((status = 200, description = "The plan", body = Plan),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 429, description = "Too many requests with this token", body = ApiError)),
    security(("token" = [])))]
pub async fn plan(State(state): State<AppState>, caller: Caller) -> Response {
    if let Err(refused) = signed_in(&state, &caller, UseCase::ApiRead, false).await {
        return refused;
    }
    match plan_of(&state).await {
        Ok(plan) => Json(plan).into_response(),
        Err(e) => refuse(e),
    }
}

async fn plan_of(state: &AppState) -> Result<Plan, AppError> {
    let db = &state.db;
    let (_, info) = app::queries::plan::current_plan(db)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no plan yet.".into()))?;
    let objectives = q::objectives(db).await?;
    let strategies = q::strategies(db).await?;
    let goals = q::goals(db)
        .await?
        .into_iter()
        .map(|g| Goal {
            objectives: objectives
                .iter()
                .filter(|o| o.parent == g.number)
                .map(|o| Objective {
                    number: o.number.clone(),
                    title: o.text.clone(),
                    strategies: strategies
                        .iter()
                        .filter(|s| s.parent == o.number)
                        .map(|s| Strategy {
                            number: s.number.clone(),
                            text: s.text.clone().unwrap_or_default(),
                            owner_office: s.office.clone(),
                            owner_person: s.person.clone(),
                        })
                        .collect(),
                })
                .collect(),
            number: g.number,
            name: g.text,
            statement: g.statement,
        })
        .collect();
    Ok(Plan {
        title: info.title,
        organisation: info.organisation,
        goals,
    })
}

/// Which fiscal year.
#[derive(Debug, Deserialize, IntoParams)]
pub struct YearQuery {
    /// The fiscal year (2027); the current one when left out.
    pub fy: Option<i32>,
}

/// A measure with a year's targets and current actuals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Measure {
    pub id: i64,
    pub name: String,
    pub unit: String,
    /// higher or lower (is better).
    pub direction: String,
    /// quantitative or milestone.
    pub kind: String,
    /// sum or latest.
    pub aggregation: String,
    /// "goal 4", "objective 4.1" or "strategy 4.1.3".
    pub attached_to: String,
    pub fiscal_year: i32,
    /// Period 0 is the annual (APP) target, 1–4 the quarters (IP).
    pub targets: Vec<Target>,
    pub actuals: Vec<Actual>,
}

/// A target.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Target {
    pub period: i64,
    pub value: f64,
}

/// A quarter's current actual; `value` null: data not yet available.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Actual {
    pub quarter: i64,
    pub value: Option<f64>,
    pub note: String,
}

fn year(state: &AppState, fy: Option<i32>) -> i32 {
    fy.unwrap_or_else(|| {
        app::model::fiscal::FiscalCalendar::default()
            .quarter_of(state.clock.today())
            .year
    })
}

/// `GET /api/v1/measures?fy=2027`.
#[utoipa::path(get, path = "/api/v1/measures", tag = "measures", operation_id = "list_measures", params(YearQuery),
    responses((status = 200, description = "Every measure with the year's targets and actuals", body = Vec<Measure>),
              (status = 401, description = "No valid token", body = ApiError)),
    security(("token" = [])))]
pub async fn measures(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<YearQuery>,
) -> Response {
    if let Err(refused) = signed_in(&state, &caller, UseCase::ApiRead, false).await {
        return refused;
    }
    let fy = year(&state, query.fy);
    let db = &state.db;
    let found = async {
        let targets = q::targets(db, fy).await?;
        let actuals = q::actuals(db, fy).await?;
        let list: Vec<Measure> = app::queries::measure::list_by_id(db)
            .await?
            .into_iter()
            .map(|m| Measure {
                attached_to: match (&m.strategy, &m.objective) {
                    (Some(s), _) => format!("strategy {s}"),
                    (None, Some(o)) => format!("objective {o}"),
                    _ => format!("goal {}", m.goal),
                },
                targets: targets
                    .iter()
                    .filter(|t| t.0 == m.id)
                    .map(|t| Target {
                        period: t.1,
                        value: t.2,
                    })
                    .collect(),
                actuals: actuals
                    .iter()
                    .filter(|a| a.measure_id == m.id)
                    .map(|a| Actual {
                        quarter: a.quarter,
                        value: a.value,
                        note: a.note.clone(),
                    })
                    .collect(),
                fiscal_year: fy,
                id: m.id,
                name: m.name,
                unit: m.unit,
                direction: m.rule.direction.as_str().into(),
                kind: m.rule.kind.as_str().into(),
                aggregation: m.rule.aggregation.as_str().into(),
            })
            .collect();
        Ok::<_, sqlx::Error>(list)
    };
    match found.await {
        Ok(list) => Json(list).into_response(),
        Err(e) => refuse(e.into()),
    }
}

/// Which quarter.
#[derive(Debug, Deserialize, IntoParams)]
pub struct QuarterQuery {
    /// The quarter ("2027-Q1"); the reporting quarter (the last ended) when left out.
    pub quarter: Option<String>,
}

/// A strategy's current status in a quarter.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Status {
    pub strategy: String,
    pub quarter: String,
    /// not_started, on_track, at_risk, off_track, completed or deferred.
    pub status: String,
    pub percent: i64,
    /// The version to send back as `base_version` when correcting it.
    pub version: i64,
    pub accomplishments: String,
}

/// `GET /api/v1/status?quarter=2027-Q1`.
#[utoipa::path(get, path = "/api/v1/status", tag = "status", operation_id = "list_status", params(QuarterQuery),
    responses((status = 200, description = "Each strategy's current status in the quarter", body = Vec<Status>),
              (status = 401, description = "No valid token", body = ApiError),
              (status = 422, description = "Not a quarter", body = ApiError)),
    security(("token" = [])))]
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<QuarterQuery>,
) -> Response {
    if let Err(refused) = signed_in(&state, &caller, UseCase::ApiRead, false).await {
        return refused;
    }
    let cal = app::model::fiscal::FiscalCalendar::default();
    let fq = match query.quarter.as_deref() {
        None => app::model::reporting::reporting_quarter(cal, state.clock.today()),
        Some(text) => match app::model::fiscal::FiscalQuarter::parse(text) {
            Some(fq) => fq,
            None => {
                return refuse(AppError::Invalid(format!(
                    "\"{text}\" is not a quarter (use 2027-Q1)."
                )))
            }
        },
    };
    let db = &state.db;
    let found = async {
        let numbers: std::collections::HashMap<i64, String> = q::strategies(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.number))
            .collect();
        let list: Vec<Status> = q::statuses(db, fq.year)
            .await?
            .into_iter()
            .filter(|s| s.quarter == fq.quarter as i64)
            .filter_map(|s| {
                Some(Status {
                    strategy: numbers.get(&s.strategy_id)?.clone(),
                    quarter: fq.slug(),
                    version: s.version,
                    status: s.status.as_str().into(),
                    percent: s.percent,
                    accomplishments: s.accomplishments,
                })
            })
            .collect();
        Ok::<_, sqlx::Error>(list)
    };
    match found.await {
        Ok(list) => Json(list).into_response(),
        Err(e) => refuse(e.into()),
    }
}
