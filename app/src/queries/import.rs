//! Writing a parsed outline into the database, and import drafts.

use crate::db::{now_utc, Db};
use crate::model::import::ImportDraft;
use crate::model::outline::Outline;
use crate::model::plan::ImportSummary;
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
) -> Result<ImportSummary, Error> {
    let mut tx = db.begin_write().await?;
    let summary = apply_in(&mut tx, outline, fields).await?;
    tx.commit().await?;
    Ok(summary)
}

/// Like [`apply_outline`], inside a caller's transaction.
pub async fn apply_in(
    tx: &mut Transaction<'static, Any>,
    outline: &Outline,
    fields: &PlanFields,
) -> Result<ImportSummary, Error> {
    let mut summary = ImportSummary::default();
    let plan_id = upsert_plan(tx, outline, fields).await?;
    for goal in &outline.goals {
        let goal_id = upsert_goal(tx, plan_id, goal, &mut summary).await?;
        for objective in &goal.objectives {
            let objective_id =
                upsert_objective(tx, plan_id, goal_id, objective, &mut summary).await?;
            for strategy in &objective.strategies {
                upsert_strategy(tx, plan_id, objective_id, strategy, &mut summary).await?;
            }
        }
    }
    if !outline.narrative.is_empty() {
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
) -> Result<i64, Error> {
    let now = now_utc();
    let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM plans ORDER BY id LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((id,)) = existing {
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
    .bind(title)
    .bind(fields.organisation.clone().unwrap_or_default())
    .bind(&now)
    .fetch_one(&mut **tx)
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

async fn upsert_goal(
    tx: &mut Transaction<'static, Any>,
    plan_id: i64,
    goal: &crate::model::outline::OutlineGoal,
    summary: &mut ImportSummary,
) -> Result<i64, Error> {
    let existing: Option<(i64, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, name, statement FROM goals WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&goal.number)
            .fetch_optional(&mut **tx)
            .await?;
    let placeholder = goal.name.is_none() && goal.statement.is_none();
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
            .fetch_one(&mut **tx)
            .await?;
            summary.created += 1;
            Ok(id)
        }
        Some((id, name, statement))
            if placeholder || (name == goal.name && statement == goal.statement) =>
        {
            summary.unchanged += 1;
            Ok(id)
        }
        Some((id, _, _)) => {
            sqlx::query("UPDATE goals SET name = $1, statement = $2 WHERE id = $3")
                .bind(goal.name.as_deref())
                .bind(goal.statement.as_deref())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            summary.updated += 1;
            Ok(id)
        }
    }
}

async fn upsert_objective(
    tx: &mut Transaction<'static, Any>,
    plan_id: i64,
    goal_id: i64,
    objective: &crate::model::outline::OutlineObjective,
    summary: &mut ImportSummary,
) -> Result<i64, Error> {
    let existing: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, title FROM objectives WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&objective.number)
            .fetch_optional(&mut **tx)
            .await?;
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
            .fetch_one(&mut **tx)
            .await?;
            summary.created += 1;
            Ok(id)
        }
        Some((id, title)) if objective.title.is_none() || title == objective.title => {
            summary.unchanged += 1;
            Ok(id)
        }
        Some((id, _)) => {
            sqlx::query("UPDATE objectives SET title = $1 WHERE id = $2")
                .bind(objective.title.as_deref())
                .bind(id)
                .execute(&mut **tx)
                .await?;
            summary.updated += 1;
            Ok(id)
        }
    }
}

async fn upsert_strategy(
    tx: &mut Transaction<'static, Any>,
    plan_id: i64,
    objective_id: i64,
    strategy: &crate::model::outline::OutlineStrategy,
    summary: &mut ImportSummary,
) -> Result<(), Error> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, text FROM strategies WHERE plan_id = $1 AND number = $2")
            .bind(plan_id)
            .bind(&strategy.number)
            .fetch_optional(&mut **tx)
            .await?;
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
            .execute(&mut **tx)
            .await?;
            summary.created += 1;
        }
        Some((_, text)) if text == strategy.text => summary.unchanged += 1,
        Some((id, _)) => {
            sqlx::query("UPDATE strategies SET text = $1 WHERE id = $2")
                .bind(&strategy.text)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            summary.updated += 1;
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
pub async fn create_draft(db: &Db, source_name: &str, body: &str) -> Result<i64, Error> {
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
    tx.commit().await?;
    Ok(id)
}

/// One draft by id.
pub async fn get_draft(db: &Db, id: i64) -> Result<Option<ImportDraft>, Error> {
    let row: Option<(i64, String, String, String, Option<String>, Option<String>)> =
        sqlx::query_as(
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
