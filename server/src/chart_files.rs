//! `GET /charts/{id}.svg` and `/charts/{id}.png`: a chart as a file to download, checked
//! against the permission matrix like the page that shows it.

use app::auth::permissions::{access_of, session_user, Access};
use app::auth::AuthSession;
use app::queries::dashboard::chart_by_id;
use app::queries::status::calendar;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Serves a chart drawn now as SVG or PNG.
pub async fn chart_file(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Path(file): Path<String>,
) -> Response {
    let user = session_user(&mut auth, state.auth.absolute_timeout, state.clock.now()).await;
    let allowed = match (access_of("get_dashboard"), &user) {
        (Some(Access::Read), None) => state.auth.public_read,
        (Some(_), Some(_)) => true,
        _ => false,
    };
    if !allowed {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    }
    let Some((id, ext)) = file.rsplit_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !matches!(ext, "svg" | "png") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let today = state.clock.today();
    let chart = match calendar(&state.db).await {
        Ok(cal) => chart_by_id(&state.db, id, cal, today).await,
        Err(e) => Err(e),
    };
    let chart = match chart {
        Ok(Some(c)) => c,
        Ok(None) => return (StatusCode::NOT_FOUND, "There is no such chart.").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "building a chart failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on the server. The problem has been logged.",
            )
                .into_response();
        }
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
