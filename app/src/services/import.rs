//! Importing a plan: saving pasted or uploaded text as a draft, and writing a parsed
//! outline into the plan (matched by number; changed text updated, each change audited).

use super::audit::{self, Event, PlanItem};
use crate::db::Db;
use crate::model::import::ShapeProblem;
use crate::model::outline::{Outline, OutlineGoal, OutlineObjective, OutlineStrategy};
use crate::model::plan::ImportSummary;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::import as q;
use serde_json::{json, Value};
use sqlx::{Any, Error, Transaction};

/// Header fields the person importing may set; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct PlanFields {
    pub title: Option<String>,
    pub organisation: Option<String>,
}

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

/// Like [`apply_outline`], inside a caller's transaction.
pub async fn apply_in(
    tx: &mut Transaction<'static, Any>,
    outline: &Outline,
    fields: &PlanFields,
    actor: &Actor,
) -> Result<ImportSummary, Error> {
    let mut summary = ImportSummary::default();
    let plan_id = upsert_plan(tx, outline, fields, actor).await?;
    let mut w = Writer {
        tx,
        actor,
        summary: &mut summary,
    };
    for goal in &outline.goals {
        let goal_id = upsert_goal(&mut w, plan_id, goal).await?;
        for objective in &goal.objectives {
            let objective_id = upsert_objective(&mut w, (plan_id, goal_id), objective).await?;
            for strategy in &objective.strategies {
                upsert_strategy(&mut w, (plan_id, objective_id), strategy).await?;
            }
        }
    }
    if !outline.narrative.is_empty() {
        let before = q::narrative(tx, plan_id).await?;
        let after: Vec<(Option<String>, String)> = outline
            .narrative
            .iter()
            .map(|n| (n.heading.clone(), n.text.clone()))
            .collect();
        if before != after {
            let event = Event::Narrative {
                before: json!(before),
                after: json!(after),
            };
            audit::write(tx, actor, &event).await?;
        }
        q::replace_narrative(tx, plan_id, &after).await?;
        summary.narrative_sections = outline.narrative.len() as u32;
    }
    Ok(summary)
}

async fn upsert_plan(
    tx: &mut Transaction<'static, Any>,
    outline: &Outline,
    fields: &PlanFields,
    actor: &Actor,
) -> Result<i64, Error> {
    if let Some(old) = q::plan(tx).await? {
        let title = fields.title.clone().unwrap_or(old.title.clone());
        let organisation = fields
            .organisation
            .clone()
            .unwrap_or(old.organisation.clone());
        if (&title, &organisation) != (&old.title, &old.organisation) {
            q::update_plan(tx, old.id, &title, &organisation).await?;
            let event = Event::PlanItem {
                item: PlanItem::Plan,
                key: "plan".into(),
                before: Some(json!({"title": old.title, "organisation": old.organisation})),
                after: json!({"title": title, "organisation": organisation}),
            };
            audit::write(tx, actor, &event).await?;
        }
        return Ok(old.id);
    }
    let title = fields
        .title
        .clone()
        .or_else(|| outline.title.clone())
        .unwrap_or_else(|| "Strategic plan".to_string());
    let organisation = fields.organisation.clone().unwrap_or_default();
    let id = q::insert_plan(tx, &title, &organisation).await?;
    let event = Event::PlanItem {
        item: PlanItem::Plan,
        key: "plan".into(),
        before: None,
        after: json!({"title": title, "organisation": fields.organisation}),
    };
    audit::write(tx, actor, &event).await?;
    Ok(id)
}

/// The last part of a dotted number, used for ordering ("4.10" sorts after "4.9").
fn seq_of(number: &str) -> i64 {
    number
        .rsplit('.')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(i64::MAX)
}

/// The open transaction, who is writing, and the running counts.
struct Writer<'a, 'b> {
    tx: &'a mut Transaction<'static, Any>,
    actor: &'b Actor,
    summary: &'b mut ImportSummary,
}

impl Writer<'_, '_> {
    /// Counts and audits one created (`before` None) or updated item.
    async fn changed(
        &mut self,
        item: PlanItem,
        key: &str,
        before: Option<Value>,
        after: Value,
    ) -> Result<(), Error> {
        if before.is_some() {
            self.summary.updated += 1;
        } else {
            self.summary.created += 1;
        }
        let event = Event::PlanItem {
            item,
            key: key.to_string(),
            before,
            after,
        };
        audit::write(self.tx, self.actor, &event).await
    }
}

async fn upsert_goal(
    w: &mut Writer<'_, '_>,
    plan_id: i64,
    goal: &OutlineGoal,
) -> Result<i64, Error> {
    let (name, statement) = (goal.name.as_deref(), goal.statement.as_deref());
    let after = json!({"name": name, "statement": statement});
    match q::goal(w.tx, plan_id, &goal.number).await? {
        None => {
            let at = (goal.number.as_str(), seq_of(&goal.number));
            let id = q::insert_goal(w.tx, plan_id, at, name, statement).await?;
            w.changed(PlanItem::Goal, &goal.number, None, after).await?;
            Ok(id)
        }
        // An untitled placeholder never blanks out what is stored.
        Some(old)
            if (name.is_none() && statement.is_none())
                || (old.name == goal.name && old.statement == goal.statement) =>
        {
            w.summary.unchanged += 1;
            Ok(old.id)
        }
        Some(old) => {
            q::update_goal(w.tx, old.id, name, statement).await?;
            let before = json!({"name": old.name, "statement": old.statement});
            w.changed(PlanItem::Goal, &goal.number, Some(before), after)
                .await?;
            Ok(old.id)
        }
    }
}

async fn upsert_objective(
    w: &mut Writer<'_, '_>,
    (plan_id, goal_id): (i64, i64),
    objective: &OutlineObjective,
) -> Result<i64, Error> {
    let title = objective.title.as_deref();
    let after = json!({ "title": title });
    match q::objective(w.tx, plan_id, &objective.number).await? {
        None => {
            let at = (objective.number.as_str(), seq_of(&objective.number));
            let id = q::insert_objective(w.tx, (plan_id, goal_id), at, title).await?;
            w.changed(PlanItem::Objective, &objective.number, None, after)
                .await?;
            Ok(id)
        }
        Some(old) if title.is_none() || old.text == objective.title => {
            w.summary.unchanged += 1;
            Ok(old.id)
        }
        Some(old) => {
            q::update_objective(w.tx, old.id, title).await?;
            let before = json!({"title": old.text});
            w.changed(PlanItem::Objective, &objective.number, Some(before), after)
                .await?;
            Ok(old.id)
        }
    }
}

async fn upsert_strategy(
    w: &mut Writer<'_, '_>,
    (plan_id, objective_id): (i64, i64),
    strategy: &OutlineStrategy,
) -> Result<(), Error> {
    let after = json!({"text": strategy.text});
    match q::strategy(w.tx, plan_id, &strategy.number).await? {
        None => {
            let at = (strategy.number.as_str(), seq_of(&strategy.number));
            q::insert_strategy(w.tx, (plan_id, objective_id), at, &strategy.text).await?;
            w.changed(PlanItem::Strategy, &strategy.number, None, after)
                .await?;
        }
        Some(old) if old.text.as_deref() == Some(strategy.text.as_str()) => {
            w.summary.unchanged += 1
        }
        Some(old) => {
            q::update_strategy(w.tx, old.id, &strategy.text).await?;
            let before = json!({"text": old.text});
            w.changed(PlanItem::Strategy, &strategy.number, Some(before), after)
                .await?;
        }
    }
    Ok(())
}
