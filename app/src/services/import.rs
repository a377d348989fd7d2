//! Importing a plan: saving pasted or uploaded text as a draft, and writing a parsed
//! outline into the plan (matched by number; changed text updated, each change audited).

use super::audit::{self, Event};
use super::plan_writer::apply_in;
pub use super::plan_writer::PlanFields;
use crate::db::Db;
use crate::model::import::ShapeProblem;
use crate::model::outline::Outline;
use crate::model::plan::ImportSummary;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::import as q;

use sqlx::{Any, Error, Transaction};

/// Why a draft was not saved.
#[derive(Debug, thiserror::Error)]
pub enum DraftRefused {
    /// An XML file no preview should ever parse (too deep, entity declarations).
    #[error("{}", .0.message())]
    Shape(ShapeProblem),
    #[error(transparent)]
    Database(#[from] Error),
}

/// Saves pasted or uploaded text for preview; returns its id. An XML file nested too
/// deep or declaring entities is refused here, so no stored draft can hold one.
pub async fn create_draft(
    db: &Db,
    source_name: &str,
    body: &str,
    actor: &Actor,
) -> Result<i64, DraftRefused> {
    if crate::model::stratml::is_xml(body) {
        if let Some(problem) = crate::model::stratml::check_shape(body) {
            return Err(DraftRefused::Shape(problem));
        }
    }
    let mut tx = db.begin_write().await?;
    let id = q::insert_draft(&mut tx, source_name, body).await?;
    let event = Event::DraftSaved {
        id,
        source: source_name.to_string(),
        characters: body.chars().count(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// What committing a draft did: imported into an empty plan, or proposed as a change to
/// the plan there is (decided at a review, like every other change).
#[derive(Debug, Clone, PartialEq)]
pub enum Committed {
    Imported(ImportSummary),
    Proposed(i64),
}

/// Commits draft `draft_id`: into an empty database it is the plan (revision 1); over a
/// plan already there it becomes a change proposal with `reason`. A draft is used once.
pub async fn commit_draft(
    db: &Db,
    actor: &Actor,
    draft_id: i64,
    reason: &str,
) -> Result<Committed, AppError> {
    let draft = q::get_draft(db, draft_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no import draft {draft_id}.")))?;
    if draft.committed_at.is_some() {
        return Err(AppError::Invalid(
            "This draft was already imported. Paste the text again to import it anew.".into(),
        ));
    }
    let outline = crate::outline::parse_plan_text(&draft.body)
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    if q::plan(&mut tx).await?.is_some() {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::Invalid(
                "Say why the plan should change: a re-import is proposed to the working group, who approve it at a review.".into(),
            ));
        }
        let change = crate::model::proposal::Change::Import {
            draft: draft_id,
            source: draft.source_name.clone(),
        };
        let id = super::proposal::insert(&mut tx, actor, &change, reason).await?;
        tx.commit().await?;
        return Ok(Committed::Proposed(id));
    }
    let summary = if crate::model::stratml::is_xml(&draft.body) {
        let doc = crate::model::stratml::read(&draft.body)
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        stratml_in(&mut tx, actor, &doc).await?
    } else {
        apply_in(&mut tx, &outline, &PlanFields::default(), actor).await?
    };
    q::mark_committed(&mut tx, draft_id, &summary).await?;
    let why = format!("Plan imported from \"{}\"", draft.source_name);
    record_revision(&mut tx, actor, &summary, &why).await?;
    tx.commit().await?;
    tracing::info!(draft_id, %summary, "plan imported");
    Ok(Committed::Imported(summary))
}

/// Imports a StratML document into an empty database in one transaction: the plan,
/// then its owners, measures, targets, actuals and status (revision 1).
pub async fn import_stratml(
    db: &Db,
    actor: &Actor,
    xml: &str,
) -> Result<(ImportSummary, super::stratml::DataCounts), AppError> {
    let doc = crate::model::stratml::read(xml).map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    if q::plan(&mut tx).await?.is_some() {
        return Err(AppError::Invalid(
            "The database already holds a plan: import StratML into an empty one, or upload it on the plan import page to propose the change.".into(),
        ));
    }
    let summary = apply_in(&mut tx, &doc.outline(), &fields_of(&doc), actor).await?;
    let counts = super::stratml::import_data(&mut tx, actor, &doc).await?;
    record_revision(&mut tx, actor, &summary, "Plan imported from StratML").await?;
    tx.commit().await?;
    Ok((summary, counts))
}

fn fields_of(doc: &crate::model::stratml::Document) -> PlanFields {
    PlanFields {
        title: Some(doc.name.clone()).filter(|t| !t.is_empty()),
        organisation: Some(doc.organisation.clone()),
    }
}

/// The plan tree and then the data of a StratML document, in the caller's transaction.
async fn stratml_in(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    doc: &crate::model::stratml::Document,
) -> Result<ImportSummary, AppError> {
    let summary = apply_in(tx, &doc.outline(), &fields_of(doc), actor).await?;
    super::stratml::import_data(tx, actor, doc).await?;
    Ok(summary)
}

/// What importing `outline` would change in the plan there is, item by item: applied in
/// a transaction that is rolled back, so the preview is exactly what approval does.
pub async fn preview_changes(
    db: &Db,
    outline: &Outline,
    actor: &Actor,
) -> Result<Vec<crate::model::revision::DiffRow>, Error> {
    let mut tx = db.begin_write().await?;
    let before = super::revision::snapshot(&mut tx).await?;
    apply_in(&mut tx, outline, &PlanFields::default(), actor).await?;
    let after = super::revision::snapshot(&mut tx).await?;
    tx.rollback().await?;
    Ok(crate::model::revision::diff(&before, &after)
        .into_iter()
        .filter(|r| r.difference != crate::model::revision::Difference::Same)
        .collect())
}

/// Records a plan revision for an import that changed something.
async fn record_revision(
    tx: &mut Transaction<'static, Any>,
    actor: &Actor,
    summary: &ImportSummary,
    why: &str,
) -> Result<(), Error> {
    if summary.created + summary.updated > 0 {
        let number = super::revision::next_number(tx).await?;
        super::revision::record(tx, actor, (number, None), why).await?;
    }
    Ok(())
}

/// Writes the outline in one transaction: matched by number, changed text updated,
/// untitled placeholders never blank out text already stored, nothing duplicated.
pub async fn apply_outline(
    db: &Db,
    outline: &Outline,
    fields: &PlanFields,
    actor: &Actor,
) -> Result<ImportSummary, Error> {
    let mut tx = db.begin_write().await?;
    let summary = apply_in(&mut tx, outline, fields, actor).await?;
    record_revision(&mut tx, actor, &summary, "Plan imported on the server").await?;
    tx.commit().await?;
    Ok(summary)
}
