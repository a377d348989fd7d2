//! `GET /reviews/{quarter}/packet.pdf` (a review's briefing packet) and
//! `GET /reports/{fy}/report.pdf` (a year's Annual Performance Report) as PDFs made on the
//! server (`?paper=a4` for A4; US Letter otherwise), downloaded as attachments. Plain
//! handlers, decided by the same policy.

use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::model::fiscal::FiscalQuarter;
use app::model::AppError;
use app::packet::Paper;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The packet PDF.
pub async fn packet_pdf(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path(quarter): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) =
        authorize_route(&state, &mut auth, app::auth::UseCase::DownloadPacket).await
    {
        return refused.into_response();
    }
    let Some(fq) = FiscalQuarter::parse(&quarter) else {
        return AppError::NotFound(format!("\"{quarter}\" is not a quarter (use 2027-Q1)."))
            .into_response();
    };
    let paper = paper_of(&query);
    let cal = match app::queries::status::calendar(&state.db).await {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    let today = state.clock.today();
    let packet = match app::api::briefing::packet(&state.db, fq, (cal, today)).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let name = format!("briefing-packet-{}.pdf", fq.slug().to_lowercase());
    pdf_response(move || app::packet::pdf(&packet, paper), name).await
}

/// The paper a `?paper=` asks for.
fn paper_of(query: &HashMap<String, String>) -> Paper {
    match query.get("paper").map(String::as_str) {
        Some("a4") => Paper::A4,
        _ => Paper::Letter,
    }
}

/// The report PDF.
pub async fn report_pdf(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(fy): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    year_report_pdf(state, auth, fy, query, false).await
}

/// The published report's public version as a PDF (404 until it is published).
pub async fn public_report_pdf(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(fy): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    year_report_pdf(state, auth, fy, query, true).await
}

async fn year_report_pdf(
    state: AppState,
    mut auth: AuthSession,
    fy: String,
    query: HashMap<String, String>,
    public: bool,
) -> Response {
    let use_case = if public {
        app::auth::UseCase::DownloadPublicReport
    } else {
        app::auth::UseCase::DownloadReport
    };
    if let Err(refused) = authorize_route(&state, &mut auth, use_case).await {
        return refused.into_response();
    }
    let Some(fy) = app::model::fiscal::parse_year(&fy) else {
        return AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027)."))
            .into_response();
    };
    let paper = paper_of(&query);
    let cal = match app::queries::status::calendar(&state.db).await {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    let today = state.clock.today();
    use app::services::read::report::{published, report};
    let (report, name) = if public {
        match published(&state.db, fy, cal, today).await {
            Ok(Some(r)) => (r, format!("performance-report-fy{fy}-public.pdf")),
            Ok(None) => {
                return AppError::NotFound(format!(
                    "The FY{fy} performance report has not been published."
                ))
                .into_response()
            }
            Err(e) => return AppError::from(e).into_response(),
        }
    } else {
        match report(&state.db, fy, cal, today).await {
            Ok(r) => (r, format!("performance-report-fy{fy}.pdf")),
            Err(e) => return AppError::from(e).into_response(),
        }
    };
    pdf_response(move || app::packet::report_pdf(&report, paper), name).await
}

/// A PDF laid out and drawn off the async workers (CPU work), answered as an attachment
/// named `name`; a failure is logged and answered as a plain 500.
async fn pdf_response(
    make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    name: String,
) -> Response {
    match tokio::task::spawn_blocking(make).await {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = %e, file = %name, "making a PDF failed");
            AppError::Internal.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, file = %name, "the PDF task failed");
            AppError::Internal.into_response()
        }
    }
}
