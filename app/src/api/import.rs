//! Previewing and committing a plan import.

use crate::model::import::DraftPreview;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize, outline::parse_outline, queries::audit::Actor, queries::import as q,
    services::import as services, state::db,
};

/// A saved draft and what the parser makes of it.
#[server(input = GetUrl)]
pub async fn get_draft_preview(id: i64) -> Result<DraftPreview, AppError> {
    authorize("get_draft_preview").await?;
    let draft = q::get_draft(&db()?, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no import draft {id}.")))?;
    let parsed = parse_outline(&draft.body);
    Ok(DraftPreview { draft, parsed })
}

/// Writes a previewed draft into the plan, all or nothing, then shows the result.
#[server]
pub async fn commit_import(draft_id: i64) -> Result<(), AppError> {
    let user = authorize("commit_import")
        .await?
        .ok_or(AppError::Unauthorized)?;
    services::commit_draft(&db()?, &Actor::user(&user), draft_id).await?;
    crate::api::notice::set_notice("Plan imported.").await;
    leptos_axum::redirect(&format!("/admin/import/{draft_id}"));
    Ok(())
}
