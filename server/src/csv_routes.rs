//! CSV routes: `GET /csv/app/{fy}`, `/csv/ip/{fy}` and `/csv/budget/{fy}` download the
//! APP and IP tables and the year's budget requests;
//! `POST /measures/import` takes a pasted or uploaded actuals file. Plain handlers (not
//! server functions), decided by the same policy.

use app::api::csv_import::{ACTUALS_IMPORT_KEY, BUSINESS_PLAN_IMPORT_KEY, TARGETS_IMPORT_KEY};
use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::auth::UseCase;
use app::csv_text::{app_csv, ip_csv};
use app::model::fiscal::parse_year;
use app::model::view::ActualsImport;
use app::model::AppError;
use app::queries::audit::Actor;
use app::queries::status::calendar;
use app::services::csv_import::{import_actuals, ImportFailure};
use app::services::read::plan_year::{app_page, ip_page};
use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

fn csv_response(name: String, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn server_error(e: sqlx::Error) -> Response {
    tracing::error!(error = %e, "building a CSV export failed");
    AppError::from(e).into_response()
}

/// `GET /csv/{table}/{fy}`: the APP or IP table of a year as CSV.
pub async fn export(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path((table, fy)): Path<(String, String)>,
) -> Response {
    if let Err(refused) =
        authorize_route(&state, &mut auth, app::auth::UseCase::DownloadTableCsv).await
    {
        return refused.into_response();
    }
    if !matches!(
        table.as_str(),
        "app" | "ip" | "budget" | "report" | "business-plan"
    ) {
        return AppError::NotFound(
            "There is no such table (use app, ip, budget, report or business-plan).".into(),
        )
        .into_response();
    }
    let Some(fy) = parse_year(fy.trim_end_matches(".csv")) else {
        return AppError::NotFound("Not a fiscal year (use 2027).".into()).into_response();
    };
    let db = &state.db;
    let cal = match calendar(db).await {
        Ok(c) => c,
        Err(e) => return server_error(e),
    };
    let today = state.clock.today();
    let body = match table.as_str() {
        "app" => app_page(db, fy, cal, today).await.map(|p| app_csv(&p)),
        "business-plan" => app::services::read::business_plan::business_plan(db, fy)
            .await
            .map(|p| app::csv_text::business_plan_csv(&p)),
        "report" => app::services::read::report::report(db, fy, cal, today)
            .await
            .map(|r| app::csv_text::report_csv(&r)),
        "budget" => match app::services::budget::csv(db, fy, cal).await {
            Ok(body) => Ok(body),
            Err(e) => return e.into_response(),
        },
        _ => ip_page(db, fy, cal, today).await.map(|p| ip_csv(&p)),
    };
    match body {
        Ok(body) => csv_response(format!("{table}-fy{fy}.csv"), body),
        Err(e) => server_error(e),
    }
}

/// What a CSV upload imports: actuals or targets.
#[derive(Clone, Copy)]
enum Upload {
    Actuals,
    Targets,
    BusinessPlan,
}

impl Upload {
    /// (policy name, page, session key of the outcome).
    fn parts(self) -> (UseCase, &'static str, &'static str) {
        match self {
            Upload::Actuals => (
                UseCase::ImportActualsCsv,
                "/measures/import",
                ACTUALS_IMPORT_KEY,
            ),
            Upload::Targets => (
                UseCase::ImportTargetsCsv,
                "/measures/targets/import",
                TARGETS_IMPORT_KEY,
            ),
            Upload::BusinessPlan => (
                UseCase::ImportBusinessPlanCsv,
                "/business-plan/import",
                BUSINESS_PLAN_IMPORT_KEY,
            ),
        }
    }
}

/// `POST /measures/import`: checks and records a CSV of actuals, then shows the outcome.
pub async fn import(state: State<AppState>, auth: AuthSession, multipart: Multipart) -> Response {
    upload(state, auth, multipart, Upload::Actuals).await
}

/// `POST /measures/targets/import`: checks and sets targets from a CSV, then shows the
/// outcome.
pub async fn import_targets(
    state: State<AppState>,
    auth: AuthSession,
    multipart: Multipart,
) -> Response {
    upload(state, auth, multipart, Upload::Targets).await
}

/// `POST /business-plan/import`: checks and saves business plan entries from a CSV, then
/// shows the outcome.
pub async fn import_business_plan(
    state: State<AppState>,
    auth: AuthSession,
    multipart: Multipart,
) -> Response {
    upload(state, auth, multipart, Upload::BusinessPlan).await
}

async fn upload(
    State(state): State<AppState>,
    mut auth: AuthSession,
    multipart: Multipart,
    what: Upload,
) -> Response {
    let (name, page, _) = what.parts();
    let user = match authorize_route(&state, &mut auth, name).await {
        Ok(Some(u)) => u,
        Ok(None) | Err(AppError::Unauthorized) => {
            return Redirect::to(&format!("/login?next={page}")).into_response()
        }
        Err(refused) => return refused.into_response(),
    };
    let text = match read_text(multipart).await {
        Ok(t) => t,
        Err(reason) => {
            let refused = ActualsImport::refused(String::new(), vec![(0, reason.into())]);
            return stash(&auth, what, refused).await;
        }
    };
    let actor = Actor::user(&user);
    let outcome = match what {
        Upload::Targets => {
            app::services::csv_import::import_targets(&state.db, &text, &actor).await
        }
        Upload::BusinessPlan => match calendar(&state.db).await {
            Err(e) => Err(ImportFailure::Database(e)),
            Ok(cal) => {
                let first = cal.quarter_of(state.clock.today()).year;
                app::services::csv_import::import_business_plan(&state.db, &text, &actor, first)
                    .await
            }
        },
        Upload::Actuals => match calendar(&state.db).await {
            Err(e) => Err(ImportFailure::Database(e)),
            Ok(cal) => import_actuals(&state.db, &text, cal, state.clock.today(), &actor).await,
        },
    };
    let result = match outcome {
        Ok(summary) => ActualsImport {
            summary: Some(summary),
            ..Default::default()
        },
        Err(ImportFailure::Rows(errors)) => ActualsImport::refused(text, errors),
        Err(ImportFailure::Database(e)) => {
            tracing::error!(error = %e, "a CSV import failed");
            let problem = "Something went wrong on the server; nothing was written. The problem has been logged.";
            ActualsImport::refused(text, vec![(0, problem.into())])
        }
    };
    stash(&auth, what, result).await
}

async fn stash(auth: &AuthSession, what: Upload, result: ActualsImport) -> Response {
    let (_, page, key) = what.parts();
    let _ = auth.session.insert(key, result).await;
    Redirect::to(page).into_response()
}

/// The uploaded file when one was chosen, else the pasted text.
async fn read_text(mut multipart: Multipart) -> Result<String, &'static str> {
    let mut text = String::new();
    let mut file = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| "The form could not be read.")?
    {
        match field.name() {
            Some("text") => {
                text = field
                    .text()
                    .await
                    .map_err(|_| "The form could not be read.")?
            }
            Some("file") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| "The file could not be read.")?;
                file = String::from_utf8(bytes.to_vec())
                    .map_err(|_| "The file is not UTF-8 text (save it as CSV UTF-8).")?;
            }
            _ => {}
        }
    }
    let chosen = if file.trim().is_empty() { text } else { file };
    let chosen = chosen.trim_start_matches('\u{feff}').to_string();
    if chosen.trim().is_empty() {
        return Err("Paste the CSV or choose a file.");
    }
    Ok(chosen)
}
