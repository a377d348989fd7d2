//! `POST /admin/import`: saves pasted or uploaded plan text as a draft, then shows it.
//! A plain multipart form handler (not a server function), decided by the same policy.

use app::auth::policy::authorize_route;
use app::auth::AuthSession;
use app::model::AppError;
use app::queries::audit::Actor;
use app::services::import::{create_draft, DraftRefused};
use app::state::AppState;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

/// Reads the multipart form (fields `text` and `file`) and redirects to the preview.
pub async fn create_draft_handler(
    State(state): State<AppState>,
    mut auth: AuthSession,
    multipart: Multipart,
) -> Response {
    let user = match authorize_route(&state, &mut auth, app::auth::UseCase::UploadPlanText).await {
        Ok(Some(u)) => u,
        Ok(None) | Err(AppError::Unauthorized) => {
            return Redirect::to("/login?next=/admin/import").into_response()
        }
        Err(refused) => return refused.into_response(),
    };
    let (source, body) = match read_form(multipart).await {
        Ok(Some(found)) => found,
        Ok(None) => return Redirect::to("/admin/import?error=empty").into_response(),
        Err(reason) => {
            return Redirect::to(&format!("/admin/import?error={reason}")).into_response()
        }
    };
    match create_draft(&state.db, &source, &body, &Actor::user(&user)).await {
        Ok(id) => Redirect::to(&format!("/admin/import/{id}")).into_response(),
        Err(DraftRefused::Shape(problem)) => {
            Redirect::to(&format!("/admin/import?error={}", problem.code())).into_response()
        }
        Err(DraftRefused::Database(e)) => {
            tracing::error!(error = %e, "saving an import draft failed");
            Redirect::to("/admin/import?error=server").into_response()
        }
    }
}

/// The uploaded file when one was chosen, else the pasted text; `None` when both are empty.
async fn read_form(mut multipart: Multipart) -> Result<Option<(String, String)>, &'static str> {
    let mut text = String::new();
    let mut file: Option<(String, String)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| "unreadable")? {
        match field.name() {
            Some("text") => text = field.text().await.map_err(|_| "unreadable")?,
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|_| "unreadable")?;
                if !bytes.is_empty() {
                    let body = String::from_utf8(bytes.to_vec()).map_err(|_| "not-text")?;
                    file = Some((name, body));
                }
            }
            _ => {}
        }
    }
    if let Some((name, body)) = file {
        let name = if name.is_empty() {
            "uploaded file".to_string()
        } else {
            name
        };
        return Ok((!body.trim().is_empty()).then_some((name, body)));
    }
    Ok((!text.trim().is_empty()).then(|| ("pasted text".to_string(), text)))
}
