//! Previewing and committing a plan import.

use crate::model::import::DraftPreview;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize, outline::parse_plan_text, queries::audit::Actor, queries::import as q,
    services::import as services, state::db,
};

#[cfg(feature = "ssr")]
fn form_key(id: i64) -> String {
    format!("plantrack.import.{id}")
}

/// A saved draft and what the parser makes of it.
#[server(input = GetUrl)]
pub async fn get_draft_preview(id: i64) -> Result<DraftPreview, AppError> {
    let user = authorize(crate::auth::UseCase::GetDraftPreview).await?;
    let db = db()?;
    let draft = q::get_draft(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no import draft {id}.")))?;
    let parsed = parse_plan_text(&draft.body);
    let plan_exists = !q::is_empty(&db).await?;
    let changes = match (&parsed, plan_exists, draft.committed_at.is_some()) {
        (Ok(outline), true, false) => {
            let actor = user.as_ref().map_or_else(Actor::system, Actor::user);
            services::preview_changes(&db, outline, &actor).await?
        }
        _ => Vec::new(),
    };
    let refused = crate::api::form::take_returned::<crate::model::form::Fields, ()>(&form_key(id))
        .await
        .map(|r| (r.message(), r.value("reason")));
    Ok(DraftPreview {
        draft,
        parsed,
        plan_exists,
        changes,
        refused,
    })
}

/// Writes a previewed draft into an empty plan, all or nothing; over a plan already
/// there it becomes a change proposal with `reason`, decided at a review.
#[server]
pub async fn commit_import(
    draft_id: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::CommitImport).await?;
    let outcome = services::commit_draft(&db()?, &Actor::user(&user), draft_id, &reason).await;
    let outcome = match outcome {
        Err(AppError::Invalid(m)) => {
            let url = format!("/admin/import/{draft_id}");
            let typed = crate::model::form::fields([("reason", reason.as_str())]);
            let errors = vec![("reason".to_string(), m)];
            return crate::api::form::send_invalid(&form_key(draft_id), &url, typed, errors).await;
        }
        other => other?,
    };
    match outcome {
        services::Committed::Imported(_) => {
            crate::api::notice::set_notice("Plan imported.").await;
            crate::api::form::redirect(&format!("/admin/import/{draft_id}"));
        }
        services::Committed::Proposed(id) => {
            let notice = format!("The re-import is proposal {id}: the working group decides it at a review. Nothing in the plan changes until it is approved.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&format!("/plan/proposals#proposal-{id}"));
        }
    }
    Ok(())
}
