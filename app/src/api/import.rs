//! Previewing and committing a plan import.

use crate::model::import::DraftPreview;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize, outline::parse_outline, queries::audit::Actor, queries::import as q, state::db,
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
    let db = db()?;
    let draft = q::get_draft(&db, draft_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no import draft {draft_id}.")))?;
    if draft.committed_at.is_some() {
        return Err(AppError::Invalid(
            "This draft was already imported. Paste the text again to import it anew.".into(),
        ));
    }
    let outline = parse_outline(&draft.body).map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    let summary = q::apply_in(
        &mut tx,
        &outline,
        &q::PlanFields::default(),
        &Actor::user(&user),
    )
    .await?;
    q::mark_committed(&mut tx, draft_id, &summary).await?;
    tx.commit().await?;
    tracing::info!(draft_id, %summary, "plan imported");
    leptos_axum::redirect(&format!("/admin/import/{draft_id}"));
    Ok(())
}
