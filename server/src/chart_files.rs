//! `GET /charts/{id}.svg` and `/charts/{id}.png`: a chart as a file to download, checked
//! by the same policy as the page that shows it. Files are kept per data version (an
//! unchanged plan's chart is drawn once), drawn off the async threads a few at a time,
//! a PNG drawn at twice the pixels for slides, and each file named after plan, chart
//! and period.

use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::model::AppError;
use app::queries::dashboard::data_version;
use app::queries::status::calendar;
use app::services::dashboard::chart_by_id;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A download's query: the quarter its page showed.
#[derive(serde::Deserialize)]
pub struct ChartQuery {
    quarter: Option<String>,
}

/// Serves a chart drawn now as SVG or PNG.
pub async fn chart_file(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path(file): Path<String>,
    Query(query): Query<ChartQuery>,
) -> Response {
    if let Err(refused) =
        authorize_route(&state, &mut auth, app::auth::UseCase::DownloadChart).await
    {
        return refused.into_response();
    }
    let no_such_chart = || AppError::NotFound("There is no such chart.".into()).into_response();
    let Some((id, ext)) = file.rsplit_once('.') else {
        return no_such_chart();
    };
    if !matches!(ext, "svg" | "png") {
        return no_such_chart();
    }
    let today = state.clock.today();
    let version = match data_version(&state.db).await {
        Ok(v) => v,
        Err(e) => return AppError::from(e).into_response(),
    };
    let cal = match calendar(&state.db).await {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    // The quarter the page showed it for (none: the reporting quarter).
    let quarter = app::model::reporting::shown_quarter(query.quarter.as_deref(), cal, today);
    let key = format!("{id}.{ext}@{today}@{}", quarter.slug());
    // Concurrent downloads of a chart that is not kept draw it once.
    let drawn = state
        .downloads
        .get_or_compute(&key, version, || async {
            let chart = chart_by_id(&state.db, id, (cal, today), quarter)
                .await
                .map_err(AppError::from)?
                .ok_or_else(|| AppError::NotFound("There is no such chart.".into()))?;
            let plan = app::queries::plan::current_plan(&state.db)
                .await
                .map_err(AppError::from)?
                .map(|(_, p)| p.title)
                .unwrap_or_default();
            let name = app::model::chart::file_name(&plan, &chart.id, &chart.period);
            let body = draw(chart, ext == "png").await?;
            Ok::<_, AppError>((name, body))
        })
        .await;
    let (name, body) = match drawn {
        Ok(drawn) => drawn.as_ref().clone(),
        Err(e) => return e.into_response(),
    };
    let kind = if ext == "svg" {
        "image/svg+xml"
    } else {
        "image/png"
    };
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Chart files drawn at once; more wait their turn.
static DRAWING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Draws a chart file (PNG or SVG) on the blocking pool, at most [`DRAWING`] at a time.
async fn draw(chart: app::model::chart::Chart, png: bool) -> Result<Vec<u8>, AppError> {
    let _turn = DRAWING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || match png {
        true => app::charts::png(&chart),
        false => app::charts::svg(&chart).into_bytes(),
    })
    .await
    .map_err(|_| AppError::Internal)
}
