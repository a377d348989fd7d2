//! SQL for who owns a strategy: its office and the people assigned to it (assignment is
//! what lets a manager record its status).

use super::links::{self, Side};
use crate::db::{now_utc, Db};
use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// A person who can own a strategy: an active account that is not a viewer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: crate::model::user::Role,
}

/// Everyone who can own a strategy, by name.
pub async fn candidates(db: &Db) -> Result<Vec<CandidateRow>, Error> {
    sqlx::query_as(
        "SELECT id, username, display_name, role FROM users
         WHERE disabled = 0 AND role <> 'viewer' ORDER BY display_name, username",
    )
    .fetch_all(db.pool())
    .await
}

/// A strategy's id and office, by number.
pub async fn strategy(tx: &mut Tx, number: &str) -> Result<Option<(i64, Option<String>)>, Error> {
    sqlx::query_as("SELECT id, owner_office FROM strategies WHERE number = $1")
        .bind(number)
        .fetch_optional(&mut **tx)
        .await
}

/// The people assigned to a strategy as (id, username), by id.
pub async fn owners(tx: &mut Tx, strategy_id: i64) -> Result<Vec<(i64, String)>, Error> {
    sqlx::query_as(
        "SELECT u.id, u.username FROM strategy_assignments a JOIN users u ON u.id = a.user_id
         WHERE a.strategy_id = $1 ORDER BY u.id",
    )
    .bind(strategy_id)
    .fetch_all(&mut **tx)
    .await
}

/// The ids of the people assigned to a strategy (for the page's form).
pub async fn owner_ids(db: &Db, number: &str) -> Result<Vec<i64>, Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT a.user_id FROM strategy_assignments a JOIN strategies s ON s.id = a.strategy_id
         WHERE s.number = $1 ORDER BY a.user_id",
    )
    .bind(number)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Of `ids`, those that are active accounts other than viewers.
pub async fn eligible(tx: &mut Tx, ids: &[i64]) -> Result<Vec<(i64, String)>, Error> {
    let mut found = Vec::new();
    for id in ids {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, username FROM users WHERE id = $1 AND disabled = 0 AND role <> 'viewer'",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        found.extend(row);
    }
    Ok(found)
}

/// Sets a strategy's office.
pub async fn set_office(tx: &mut Tx, strategy_id: i64, office: Option<&str>) -> Result<(), Error> {
    sqlx::query("UPDATE strategies SET owner_office = $1 WHERE id = $2")
        .bind(office)
        .bind(strategy_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Replaces the people assigned to a strategy, and moves each account whose strategies
/// changed to its next version (so an edit of that account opened before is refused
/// rather than undoing this one).
pub async fn set_owners(
    tx: &mut Tx,
    strategy_id: i64,
    before: &[i64],
    after: &[i64],
) -> Result<(), Error> {
    links::replace(tx, links::STRATEGY_OWNERS, Side::Left, strategy_id, after).await?;
    let changed = before
        .iter()
        .filter(|id| !after.contains(id))
        .chain(after.iter().filter(|id| !before.contains(id)));
    for id in changed {
        sqlx::query("UPDATE users SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(now_utc())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The strategies assigned to a person as (number, text), in plan order.
pub async fn assigned_to(db: &Db, user_id: i64) -> Result<Vec<(String, String)>, Error> {
    sqlx::query_as(
        "SELECT s.number, s.text FROM strategy_assignments a
         JOIN strategies s ON s.id = a.strategy_id
         JOIN objectives o ON o.id = s.objective_id JOIN goals g ON g.id = o.goal_id
         WHERE a.user_id = $1 ORDER BY g.seq, o.seq, s.seq",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await
}
