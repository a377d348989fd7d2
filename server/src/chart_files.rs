//! `GET /charts/{id}.svg` and `/charts/{id}.png`: a chart as a file to download, checked
//! by the same policy as the page that shows it.

use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::model::AppError;
use app::queries::status::calendar;
use app::services::dashboard::chart_by_id;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Serves a chart drawn now as SVG or PNG.
pub async fn chart_file(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path(file): Path<String>,
) -> Response {
    if let Err(refused) = authorize_route(&state, &mut auth, "download_chart").await {
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
    let chart = match calendar(&state.db).await {
        Ok(cal) => chart_by_id(&state.db, id, cal, today).await,
        Err(e) => Err(e),
    };
    let chart = match chart {
        Ok(Some(c)) => c,
        Ok(None) => return no_such_chart(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let (kind, body) = match ext {
        "svg" => ("image/svg+xml", app::charts::svg(&chart).into_bytes()),
        _ => ("image/png", app::charts::png(&chart)),
    };
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response()
}
