//! Status updates and the rows of the quarter page.

use crate::db::{now_utc, Db};
use crate::model::fiscal::FiscalQuarter;
use crate::model::status::{Status, StatusUpdate};
use sqlx::{Any, Error, Transaction};

pub use super::settings::{calendar, rollup_rule, rollup_settings, set_setting, setting};

/// A strategy's id by number.
pub async fn strategy_id(db: &Db, number: &str) -> Result<Option<i64>, Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM strategies WHERE number = $1")
        .bind(number)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|(id,)| id))
}

/// A strategy's id by number, and the plan revision that retired it, if one did.
pub async fn strategy_and_retirement(
    db: &Db,
    number: &str,
) -> Result<Option<(i64, Option<i64>)>, Error> {
    sqlx::query_as("SELECT id, retired_in FROM strategies WHERE number = $1")
        .bind(number)
        .fetch_optional(db.pool())
        .await
}

/// Whether a user is assigned to a strategy.
pub async fn is_assigned(db: &Db, user_id: i64, strategy_id: i64) -> Result<bool, Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM strategy_assignments WHERE user_id = $1 AND strategy_id = $2",
    )
    .bind(user_id)
    .bind(strategy_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

const UPDATE_COLUMNS: &str =
    "u.id, s.number AS strategy, u.fiscal_year, u.quarter, u.version, u.status, u.percent,
    u.accomplishments, u.issues, u.next_steps, u.explanation, u.corrective_action,
    u.corrects_id, u.author_name, u.created_at, u.state";

/// A status update's row, with its strategy's number.
#[derive(sqlx::FromRow)]
struct UpdateRow {
    id: i64,
    strategy: String,
    fiscal_year: i64,
    quarter: i64,
    version: i64,
    #[sqlx(try_from = "String")]
    status: Status,
    percent: i64,
    accomplishments: String,
    issues: String,
    next_steps: String,
    explanation: String,
    corrective_action: String,
    corrects_id: Option<i64>,
    author_name: String,
    created_at: String,
    state: String,
}

fn from_row(r: UpdateRow) -> StatusUpdate {
    StatusUpdate {
        id: r.id,
        strategy: r.strategy,
        quarter: FiscalQuarter {
            year: r.fiscal_year as i32,
            quarter: r.quarter as u8,
        },
        version: r.version,
        status: r.status,
        percent: r.percent,
        accomplishments: r.accomplishments,
        issues: r.issues,
        next_steps: r.next_steps,
        explanation: r.explanation,
        corrective_action: r.corrective_action,
        corrects_id: r.corrects_id,
        author: r.author_name,
        created_at: r.created_at,
        recorded: String::new(),
        draft: r.state == "draft",
        review: None,
        reviewable: false,
    }
}

/// Every update of a strategy, newest quarter and version first.
pub async fn history(db: &Db, strategy_id: i64) -> Result<Vec<StatusUpdate>, Error> {
    let rows: Vec<UpdateRow> = sqlx::query_as(&format!(
        "SELECT {UPDATE_COLUMNS} FROM status_updates u JOIN strategies s ON s.id = u.strategy_id
         WHERE u.strategy_id = $1 ORDER BY u.fiscal_year DESC, u.quarter DESC, u.version DESC"
    ))
    .bind(strategy_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// The latest update of a strategy for a quarter.
pub async fn latest(
    db: &Db,
    strategy_id: i64,
    fq: FiscalQuarter,
) -> Result<Option<StatusUpdate>, Error> {
    let row: Option<UpdateRow> = sqlx::query_as(&format!(
        "SELECT {UPDATE_COLUMNS} FROM status_updates u JOIN strategies s ON s.id = u.strategy_id
         WHERE u.strategy_id = $1 AND u.fiscal_year = $2 AND u.quarter = $3
         ORDER BY u.version DESC LIMIT 1"
    ))
    .bind(strategy_id)
    .bind(fq.year as i64)
    .bind(fq.quarter as i64)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(from_row))
}

/// The latest submitted update of every strategy that has one for quarter `fq` (the
/// version that counts, from the `status_current` summary).
pub async fn submitted_in(db: &Db, fq: FiscalQuarter) -> Result<Vec<StatusUpdate>, Error> {
    let rows: Vec<UpdateRow> = sqlx::query_as(&format!(
        "SELECT {UPDATE_COLUMNS} FROM status_current c
         JOIN status_updates u ON u.strategy_id = c.strategy_id AND u.fiscal_year = c.fiscal_year
              AND u.quarter = c.quarter AND u.version = c.version
         JOIN strategies s ON s.id = u.strategy_id
         WHERE c.fiscal_year = $1 AND c.quarter = $2"
    ))
    .bind(fq.year as i64)
    .bind(fq.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// A new update to write.
pub struct NewUpdate<'a> {
    pub strategy_id: i64,
    pub quarter: FiscalQuarter,
    pub version: i64,
    pub status: Status,
    pub percent: i64,
    pub input: &'a crate::model::status::StatusInput,
    pub corrects_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: &'a str,
    /// Saved as a draft (else submitted).
    pub draft: bool,
}

/// Inserts an update; `Ok(None)` when that version exists already (someone saved first).
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    u: &NewUpdate<'_>,
) -> Result<Option<i64>, Error> {
    let result: Result<(i64,), Error> = sqlx::query_as(
        "INSERT INTO status_updates (strategy_id, fiscal_year, quarter, version, status, percent,
            accomplishments, issues, next_steps, explanation, corrective_action, corrects_id,
            author_id, author_name, created_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id",
    )
    .bind(u.strategy_id)
    .bind(u.quarter.year as i64)
    .bind(u.quarter.quarter as i64)
    .bind(u.version)
    .bind(u.status.as_str())
    .bind(u.percent)
    .bind(u.input.accomplishments.trim())
    .bind(u.input.issues.trim())
    .bind(u.input.next_steps.trim())
    .bind(u.input.explanation.trim())
    .bind(u.input.corrective_action.trim())
    .bind(u.corrects_id)
    .bind(u.author_id)
    .bind(u.author_name)
    .bind(now_utc())
    .bind(if u.draft { "draft" } else { "submitted" })
    .fetch_one(&mut **tx)
    .await;
    super::unless_taken(result)
}

/// One strategy's line on the quarter page, before filtering.
#[derive(Debug, Clone)]
pub struct StrategyLine {
    pub number: String,
    pub text: String,
    pub goal: String,
    pub goal_name: Option<String>,
    pub objective: String,
    /// Assigned usernames (the quarter page's owner filter).
    pub owners: Vec<String>,
    /// How its ownership reads on every page ([`owner_text`](crate::model::plan::owner_text)).
    pub owner_label: String,
}

/// Every strategy with its goal, objective, office and assigned people (two queries).
pub async fn strategy_lines(db: &Db) -> Result<Vec<StrategyLine>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        number: String,
        text: String,
        goal: String,
        goal_name: Option<String>,
        objective: String,
        owner_office: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.number, s.text, g.number AS goal, g.name AS goal_name,
                o.number AS objective, s.owner_office
         FROM strategies s JOIN objectives o ON s.objective_id = o.id JOIN goals g ON o.goal_id = g.id
         WHERE s.retired_in IS NULL
         ORDER BY g.seq, o.seq, s.seq",
    )
    .fetch_all(db.pool())
    .await?;
    let assigned: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.strategy_id, u.username, u.display_name
         FROM strategy_assignments a JOIN users u ON u.id = a.user_id
         ORDER BY u.display_name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut owners: std::collections::HashMap<i64, Vec<(String, String)>> = Default::default();
    for (strategy, username, name) in assigned {
        owners.entry(strategy).or_default().push((username, name));
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let people = owners.remove(&r.id).unwrap_or_default();
            let names: Vec<String> = people.iter().map(|(_, n)| n.clone()).collect();
            (r, people, names)
        })
        .map(|(r, people, names)| StrategyLine {
            owner_label: crate::model::plan::owner_text(r.owner_office.as_deref(), &names),
            owners: people.into_iter().map(|(u, _)| u).collect(),
            number: r.number,
            text: r.text,
            goal: r.goal,
            goal_name: r.goal_name,
            objective: r.objective,
        })
        .collect())
}

/// What the quarter page shows of a strategy's current update.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportedRow {
    pub number: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub percent: i64,
    pub author_name: String,
    pub created_at: String,
}

/// Every strategy's current update in a quarter, by number, without its narrative (the
/// quarter page's table).
pub async fn reported_in_quarter(
    db: &Db,
    fq: FiscalQuarter,
) -> Result<std::collections::HashMap<String, ReportedRow>, Error> {
    let rows: Vec<ReportedRow> = sqlx::query_as(
        "SELECT s.number, c.status, c.percent, u.author_name, u.created_at
         FROM status_current c
         JOIN status_updates u ON u.id = c.update_id JOIN strategies s ON s.id = c.strategy_id
         WHERE c.fiscal_year = $1 AND c.quarter = $2",
    )
    .bind(fq.year as i64)
    .bind(fq.quarter as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| (r.number.clone(), r)).collect())
}
