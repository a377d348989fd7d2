//! The transactional plan writer: an outline (goals, objectives, strategies and the
//! narrative) written into the plan in the caller's transaction, matched by number.
//! Importing a plan and approving an import proposal both write through it.

use super::audit::{self, Event, PlanItem};
use crate::model::outline::{Outline, OutlineGoal, OutlineObjective, OutlineStrategy};
use crate::model::plan::ImportSummary;
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

/// Writes `outline` inside a caller's transaction: matched by number, changed text
/// updated, untitled placeholders never blank out text already stored, nothing duplicated.
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
