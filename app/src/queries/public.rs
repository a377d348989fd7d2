//! SQL behind the public performance page: its outline, which measures are public, the
//! years' APP states, the published reports and when its data last changed.

use crate::db::Db;
use crate::model::plan_year::AppStage;
use sqlx::{Any, Error, Executor, Transaction};
use std::collections::HashMap;

/// A goal, with one of its objectives when it has any.
#[derive(sqlx::FromRow)]
pub struct OutlineRow {
    pub goal_number: String,
    pub goal_name: Option<String>,
    pub goal_statement: Option<String>,
    pub objective_number: Option<String>,
    pub objective_title: Option<String>,
}

/// Goals and their objectives in plan order (a goal without objectives has one row).
pub async fn outline(db: &Db) -> Result<Vec<OutlineRow>, Error> {
    sqlx::query_as(
        "SELECT g.number AS goal_number, g.name AS goal_name, g.statement AS goal_statement,
                o.number AS objective_number, o.title AS objective_title
         FROM goals g LEFT JOIN objectives o ON o.goal_id = g.id
         ORDER BY g.seq, o.seq",
    )
    .fetch_all(db.pool())
    .await
}

/// The ids of the measures marked public.
pub async fn public_ids(db: &Db) -> Result<Vec<i64>, Error> {
    public_ids_in(db.pool()).await
}

/// [`public_ids`], read through `ex` (a pool or a transaction).
pub async fn public_ids_in<'e, E: Executor<'e, Database = Any>>(ex: E) -> Result<Vec<i64>, Error> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM measures WHERE public <> 0 ORDER BY id")
        .fetch_all(ex)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Marks exactly `ids` public (every other measure not); returns how many exist of them.
pub async fn set_public(tx: &mut Transaction<'static, Any>, ids: &[i64]) -> Result<u64, Error> {
    sqlx::query("UPDATE measures SET public = 0 WHERE public <> 0")
        .execute(&mut **tx)
        .await?;
    let mut marked = 0;
    for id in ids {
        marked += sqlx::query("UPDATE measures SET public = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
    }
    Ok(marked)
}

/// The APP stage of each fiscal year from `years.0` to `years.1` that has one.
pub async fn app_stages(db: &Db, years: (i32, i32)) -> Result<HashMap<i32, AppStage>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        fiscal_year: i64,
        #[sqlx(try_from = "String")]
        app_state: AppStage,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT fiscal_year, app_state FROM plan_years WHERE fiscal_year BETWEEN $1 AND $2",
    )
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.fiscal_year as i32, r.app_state))
        .collect())
}

/// Fiscal years whose Annual Performance Report is published, newest first.
pub async fn published_reports(db: &Db) -> Result<Vec<i32>, Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT fiscal_year FROM performance_reports WHERE state = 'published'
         ORDER BY fiscal_year DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(y,)| y as i32).collect())
}

/// When anything the page shows last changed: a public measure's actual of a year
/// before `current` or a target of theirs (stored instants, RFC 3339), if any.
pub async fn last_change(db: &Db, current: i32) -> Result<Option<String>, Error> {
    let (actual, target): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT MAX(a.created_at) FROM actuals a JOIN measures m ON m.id = a.measure_id
                 WHERE m.public <> 0 AND a.fiscal_year < $1),
                (SELECT MAX(t.created_at) FROM target_changes t
                 JOIN measures m ON m.id = t.measure_id WHERE m.public <> 0)",
    )
    .bind(current as i64)
    .fetch_one(db.pool())
    .await?;
    Ok(actual.max(target))
}
