//! Writing a parsed outline into the database, and import drafts.

use crate::db::{now_utc, Db};
use crate::model::import::ImportDraft;
use crate::model::outline::Outline;
use crate::model::plan::ImportSummary;
use crate::queries::audit::{record, Actor, Change};
use serde_json::json;
use sqlx::{Any, Error, Transaction};

/// Header fields the person importing may set; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct PlanFields {
    pub title: Option<String>,
    pub organisation: Option<String>,
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
            let objective_id = upsert_objective(&mut w, plan_id, goal_id, objective).await?;
            for strategy in &objective.strategies {
                upsert_strategy(&mut w, plan_id, objective_id, strategy).await?;
            }
        }
    }
    if !outline.narrative.is_empty() {
        let before: Vec<(Option<String>, String)> = sqlx::query_as(
            "SELECT heading, body FROM narrative_sections WHERE plan_id = $1 ORDER BY position",
        )
        .bind(plan_id)
        .fetch_all(&mut **tx)
        .await?;
        let after: Vec<(Option<String>, String)> = outline
            .narrative
            .iter()
            .map(|n| (n.heading.clone(), n.text.clone()))
            .collect();
        if before != after {
            record(
                tx,
                actor,
                Change {
                    action: "replace",
                    object_type: "narrative",
                    object_key: "plan",
                    before: Some(json!(before)),
                    after: Some(json!(after)),
                },
            )
            .await?;
        }
        sqlx::query("DELETE FROM narrative_sections WHERE plan_id = $1")
            .bind(plan_id)
            .execute(&mut **tx)
            .await?;
        for (position, section) in outline.narrative.iter().enumerate() {
            sqlx::query(
                "INSERT INTO narrative_sections (plan_id, position, heading, body)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(plan_id)
            .bind(position as i64)
            .bind(section.heading.as_deref())
            .bind(&section.text)
            .execute(&mut **tx)
            .await?;
        }
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
    let now = now_utc();
    let existing: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, title, organisation FROM plans ORDER BY id LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((id, old_title, old_org)) = existing {
        let new_title = fields.title.clone().unwrap_or(old_title.clone());
        let new_org = fields.organisation.clone().unwrap_or(old_org.clone());
        if (new_title.as_str(), new_org.as_str()) != (old_title.as_str(), old_org.as_str()) {
            record(
                tx,
                actor,
                Change {
                    action: "update",
                    object_type: "plan",
                    object_key: "plan",
                    before: Some(json!({"title": old_title, "organisation": old_org})),
                    after: Some(json!({"title": new_title, "organisation": new_org})),
                },
            )
            .await?;
        }
        if let Some(title) = &fields.title {
            sqlx::query("UPDATE plans SET title = $1, updated_at = $2 WHERE id = $3")
                .bind(title)
                .bind(&now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        if let Some(org) = &fields.organisation {
            sqlx::query("UPDATE plans SET organisation = $1, updated_at = $2 WHERE id = $3")
                .bind(org)
                .bind(&now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        return Ok(id);
    }
    let title = fields
        .title
        .clone()
        .or_else(|| outline.title.clone())
        .unwrap_or_else(|| "Strategic plan".to_string());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (title, organisation, created_at, updated_at)
         VALUES ($1, $2, $3, $3) RETURNING id",
    )
    .bind(&title)
    .bind(fields.organisation.clone().unwrap_or_default())
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    record(
        tx,
        actor,
        Change {
            action: "create",
            object_type: "plan",
            object_key: "plan",
            before: None,
            after: Some(json!({"title": title, "organisation": fields.organisation})),
        },
    )
    .await?;
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
    /// Counts and audits one created or updated object.
    async fn changed(
        &mut self,
        object_type: &str,
        key: &str,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> Result<(), Error> {
        let action = if before.is_some() { "update" } else { "create" };
        if before.is_some() {
            self.summary.updated += 1;
        } else {
            self.summary.created += 1;
        }
        record(
            self.tx,
            self.actor,
            Change {
                action,
                object_type,
                object_key: key,
                before,
                after: Some(after),
            },
        )
        .await
    }
}

async fn upsert_goal(
    w: &mut Writer<'_, '_>,
    plan_id: i64,
    goal: &crate::model::outline::OutlineGoal,
) -> Result<i64, Error> {
    let existing: Option<(i64, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, name, statement FROM goals WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&goal.number)
            .fetch_optional(&mut **w.tx)
            .await?;
    let placeholder = goal.name.is_none() && goal.statement.is_none();
    let after = json!({"name": goal.name, "statement": goal.statement});
    match existing {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO goals (plan_id, number, seq, name, statement)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(plan_id)
            .bind(&goal.number)
            .bind(seq_of(&goal.number))
            .bind(goal.name.as_deref())
            .bind(goal.statement.as_deref())
            .fetch_one(&mut **w.tx)
            .await?;
            w.changed("goal", &goal.number, None, after).await?;
            Ok(id)
        }
        Some((id, name, statement))
            if placeholder || (name == goal.name && statement == goal.statement) =>
        {
            w.summary.unchanged += 1;
            Ok(id)
        }
        Some((id, name, statement)) => {
            sqlx::query("UPDATE goals SET name = $1, statement = $2 WHERE id = $3")
                .bind(goal.name.as_deref())
                .bind(goal.statement.as_deref())
                .bind(id)
                .execute(&mut **w.tx)
                .await?;
            let before = json!({"name": name, "statement": statement});
            w.changed("goal", &goal.number, Some(before), after).await?;
            Ok(id)
        }
    }
}

async fn upsert_objective(
    w: &mut Writer<'_, '_>,
    plan_id: i64,
    goal_id: i64,
    objective: &crate::model::outline::OutlineObjective,
) -> Result<i64, Error> {
    let existing: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, title FROM objectives WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&objective.number)
            .fetch_optional(&mut **w.tx)
            .await?;
    let after = json!({"title": objective.title});
    match existing {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO objectives (plan_id, goal_id, number, seq, title)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(plan_id)
            .bind(goal_id)
            .bind(&objective.number)
            .bind(seq_of(&objective.number))
            .bind(objective.title.as_deref())
            .fetch_one(&mut **w.tx)
            .await?;
            w.changed("objective", &objective.number, None, after)
                .await?;
            Ok(id)
        }
        Some((id, title)) if objective.title.is_none() || title == objective.title => {
            w.summary.unchanged += 1;
            Ok(id)
        }
        Some((id, title)) => {
            sqlx::query("UPDATE objectives SET title = $1 WHERE id = $2")
                .bind(objective.title.as_deref())
                .bind(id)
                .execute(&mut **w.tx)
                .await?;
            let before = json!({"title": title});
            w.changed("objective", &objective.number, Some(before), after)
                .await?;
            Ok(id)
        }
    }
}

async fn upsert_strategy(
    w: &mut Writer<'_, '_>,
    plan_id: i64,
    objective_id: i64,
    strategy: &crate::model::outline::OutlineStrategy,
) -> Result<(), Error> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, text FROM strategies WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&strategy.number)
            .fetch_optional(&mut **w.tx)
            .await?;
    let after = json!({"text": strategy.text});
    match existing {
        None => {
            sqlx::query(
                "INSERT INTO strategies (plan_id, objective_id, number, seq, text)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(plan_id)
            .bind(objective_id)
            .bind(&strategy.number)
            .bind(seq_of(&strategy.number))
            .bind(&strategy.text)
            .execute(&mut **w.tx)
            .await?;
            w.changed("strategy", &strategy.number, None, after).await?;
        }
        Some((_, text)) if text == strategy.text => w.summary.unchanged += 1,
        Some((id, text)) => {
            sqlx::query("UPDATE strategies SET text = $1 WHERE id = $2")
                .bind(&strategy.text)
                .bind(id)
                .execute(&mut **w.tx)
                .await?;
            let before = json!({"text": text});
            w.changed("strategy", &strategy.number, Some(before), after)
                .await?;
        }
    }
    Ok(())
}

/// True when the database holds no plan yet (a first run).
pub async fn is_empty(db: &Db) -> Result<bool, Error> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plans")
        .fetch_one(db.pool())
        .await?;
    Ok(count == 0)
}

/// Saves pasted or uploaded text for preview; returns its id.
pub async fn create_draft(
    db: &Db,
    source_name: &str,
    body: &str,
    actor: &Actor,
) -> Result<i64, Error> {
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO import_drafts (source_name, body, created_at) VALUES ($1, $2, $3)
         RETURNING id",
    )
    .bind(source_name)
    .bind(body)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"source": source_name, "characters": body.chars().count()});
    record(
        &mut tx,
        actor,
        Change {
            action: "create",
            object_type: "import_draft",
            object_key: &id.to_string(),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One draft by id.
pub async fn get_draft(db: &Db, id: i64) -> Result<Option<ImportDraft>, Error> {
    type DraftRow = (i64, String, String, String, Option<String>, Option<String>);
    let row: Option<DraftRow> = sqlx::query_as(
        "SELECT id, source_name, body, created_at, committed_at, summary
             FROM import_drafts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(
        |(id, source_name, body, created_at, committed_at, summary)| ImportDraft {
            id,
            source_name,
            body,
            created_at,
            committed_at,
            summary,
        },
    ))
}

/// Records that a draft was committed, inside the import's transaction.
pub async fn mark_committed(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    summary: &ImportSummary,
) -> Result<(), Error> {
    sqlx::query("UPDATE import_drafts SET committed_at = $1, summary = $2 WHERE id = $3")
        .bind(now_utc())
        .bind(summary.to_string())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
