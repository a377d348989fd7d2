//! SQL for writing a plan outline (plan, goals, objectives, strategies, narrative) and for
//! import drafts.

use crate::db::{now_utc, Db};
use crate::model::import::ImportDraft;
use crate::model::plan::ImportSummary;
use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// The plan's row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub title: String,
    pub organisation: String,
}

/// The plan, if there is one.
pub async fn plan(tx: &mut Tx) -> Result<Option<PlanRow>, Error> {
    sqlx::query_as("SELECT id, title, organisation FROM plans ORDER BY id LIMIT 1")
        .fetch_optional(&mut **tx)
        .await
}

/// Adds the plan; returns its id.
pub async fn insert_plan(tx: &mut Tx, title: &str, organisation: &str) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (title, organisation, created_at, updated_at)
         VALUES ($1, $2, $3, $3) RETURNING id",
    )
    .bind(title)
    .bind(organisation)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Sets the plan's title and organisation.
pub async fn update_plan(
    tx: &mut Tx,
    id: i64,
    title: &str,
    organisation: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE plans SET title = $1, organisation = $2, updated_at = $3 WHERE id = $4")
        .bind(title)
        .bind(organisation)
        .bind(now_utc())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A goal's stored text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GoalRow {
    pub id: i64,
    pub name: Option<String>,
    pub statement: Option<String>,
}

/// The goal `number` of the plan, if stored.
pub async fn goal(tx: &mut Tx, plan_id: i64, number: &str) -> Result<Option<GoalRow>, Error> {
    sqlx::query_as("SELECT id, name, statement FROM goals WHERE plan_id = $1 AND number = $2")
        .bind(plan_id)
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// Adds a goal at position `seq`; returns its id.
pub async fn insert_goal(
    tx: &mut Tx,
    plan_id: i64,
    (number, seq): (&str, i64),
    name: Option<&str>,
    statement: Option<&str>,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO goals (plan_id, number, seq, name, statement)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(plan_id)
    .bind(number)
    .bind(seq)
    .bind(name)
    .bind(statement)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Sets a goal's name and statement.
pub async fn update_goal(
    tx: &mut Tx,
    id: i64,
    name: Option<&str>,
    statement: Option<&str>,
) -> Result<(), Error> {
    sqlx::query("UPDATE goals SET name = $1, statement = $2 WHERE id = $3")
        .bind(name)
        .bind(statement)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An objective's or a strategy's id and stored text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TextRow {
    pub id: i64,
    pub text: Option<String>,
}

/// The objective `number` of the plan, if stored.
pub async fn objective(tx: &mut Tx, plan_id: i64, number: &str) -> Result<Option<TextRow>, Error> {
    sqlx::query_as("SELECT id, title AS text FROM objectives WHERE plan_id = $1 AND number = $2")
        .bind(plan_id)
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// Adds an objective under a goal at position `seq`; returns its id.
pub async fn insert_objective(
    tx: &mut Tx,
    (plan_id, goal_id): (i64, i64),
    (number, seq): (&str, i64),
    title: Option<&str>,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO objectives (plan_id, goal_id, number, seq, title)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(plan_id)
    .bind(goal_id)
    .bind(number)
    .bind(seq)
    .bind(title)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Sets an objective's title.
pub async fn update_objective(tx: &mut Tx, id: i64, title: Option<&str>) -> Result<(), Error> {
    sqlx::query("UPDATE objectives SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The strategy `number` of the plan, if stored.
pub async fn strategy(tx: &mut Tx, plan_id: i64, number: &str) -> Result<Option<TextRow>, Error> {
    sqlx::query_as("SELECT id, text FROM strategies WHERE plan_id = $1 AND number = $2")
        .bind(plan_id)
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// Adds a strategy under an objective at position `seq`.
pub async fn insert_strategy(
    tx: &mut Tx,
    (plan_id, objective_id): (i64, i64),
    (number, seq): (&str, i64),
    text: &str,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO strategies (plan_id, objective_id, number, seq, text)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(plan_id)
    .bind(objective_id)
    .bind(number)
    .bind(seq)
    .bind(text)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a strategy's text.
pub async fn update_strategy(tx: &mut Tx, id: i64, text: &str) -> Result<(), Error> {
    sqlx::query("UPDATE strategies SET text = $1 WHERE id = $2")
        .bind(text)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The plan's narrative sections in order: (heading, body).
pub async fn narrative(tx: &mut Tx, plan_id: i64) -> Result<Vec<(Option<String>, String)>, Error> {
    sqlx::query_as(
        "SELECT heading, body FROM narrative_sections WHERE plan_id = $1 ORDER BY position",
    )
    .bind(plan_id)
    .fetch_all(&mut **tx)
    .await
}

/// Replaces the plan's narrative sections with `sections` (heading, body).
pub async fn replace_narrative(
    tx: &mut Tx,
    plan_id: i64,
    sections: &[(Option<String>, String)],
) -> Result<(), Error> {
    sqlx::query("DELETE FROM narrative_sections WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;
    for (position, (heading, body)) in sections.iter().enumerate() {
        sqlx::query(
            "INSERT INTO narrative_sections (plan_id, position, heading, body)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(plan_id)
        .bind(position as i64)
        .bind(heading.as_deref())
        .bind(body)
        .execute(&mut **tx)
        .await?;
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

/// Saves pasted or uploaded text as a draft; returns its id.
pub async fn insert_draft(tx: &mut Tx, source_name: &str, body: &str) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO import_drafts (source_name, body, created_at) VALUES ($1, $2, $3)
         RETURNING id",
    )
    .bind(source_name)
    .bind(body)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// One draft by id.
pub async fn get_draft(db: &Db, id: i64) -> Result<Option<ImportDraft>, Error> {
    sqlx::query_as(
        "SELECT id, source_name, body, created_at, committed_at, summary
             FROM import_drafts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// One draft by id, read inside a write.
pub async fn get_draft_in(tx: &mut Tx, id: i64) -> Result<Option<ImportDraft>, Error> {
    sqlx::query_as(
        "SELECT id, source_name, body, created_at, committed_at, summary
             FROM import_drafts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// Records that a draft was committed, inside the import's transaction.
pub async fn mark_committed(tx: &mut Tx, id: i64, summary: &ImportSummary) -> Result<(), Error> {
    sqlx::query("UPDATE import_drafts SET committed_at = $1, summary = $2 WHERE id = $3")
        .bind(now_utc())
        .bind(summary.to_string())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
