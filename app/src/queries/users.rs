//! Accounts: look-up, creation, changes, strategy assignments, sign-in failures.

use crate::auth::SessionUser;
use crate::db::{now_utc, Db};
use crate::model::user::{Role, UserSummary};
use sqlx::{Any, Error, Transaction};

/// An account's row.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    #[sqlx(try_from = "String")]
    role: Role,
    password_hash: String,
    must_change_password: i64,
    disabled: i64,
    version: i64,
}

const USER_COLUMNS: &str =
    "id, username, display_name, role, password_hash, must_change_password, disabled, version";

fn from_row(r: UserRow) -> (SessionUser, bool) {
    (
        SessionUser {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: r.role,
            must_change_password: r.must_change_password != 0,
            password_hash: r.password_hash,
        },
        r.disabled != 0,
    )
}

/// A user by username (case-insensitive), with whether they are disabled.
pub async fn find_by_username(
    db: &Db,
    username: &str,
) -> Result<Option<(SessionUser, bool)>, Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
    ))
    .bind(username.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(from_row))
}

/// A user by id, with whether they are disabled.
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<(SessionUser, bool)>, Error> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(from_row))
}

/// How many accounts exist.
pub async fn count(db: &Db) -> Result<i64, Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// The fields of a new account.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

/// Inserts an account; a taken username is `Ok(None)`.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    user: &NewUser<'_>,
) -> Result<Option<i64>, Error> {
    let now = now_utc();
    let result: Result<(i64,), Error> = sqlx::query_as(
        "INSERT INTO users (username, display_name, role, password_hash, must_change_password,
                            disabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
    )
    .bind(user.username.trim().to_lowercase())
    .bind(user.display_name.trim())
    .bind(user.role.as_str())
    .bind(user.password_hash)
    .bind(user.must_change_password as i64)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await;
    super::unless_taken(result)
}

/// Every account with its assigned strategy numbers, by username.
pub async fn list(db: &Db) -> Result<Vec<UserSummary>, Error> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY username"
    ))
    .fetch_all(db.pool())
    .await?;
    let assignments: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.user_id, s.number FROM strategy_assignments a
         JOIN strategies s ON s.id = a.strategy_id ORDER BY s.number",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.version, from_row(r)))
        .map(|(version, (u, disabled))| UserSummary {
            version,
            strategies: assignments
                .iter()
                .filter(|(id, _)| *id == u.id)
                .map(|(_, n)| n.clone())
                .collect(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            disabled,
            must_change_password: u.must_change_password,
        })
        .collect())
}

/// An account as an administrator edits it.
#[derive(sqlx::FromRow)]
pub struct AccountRow {
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub disabled: i64,
    pub version: i64,
}

/// An account as it stands inside a write transaction.
pub async fn account(
    tx: &mut Transaction<'static, Any>,
    id: i64,
) -> Result<Option<AccountRow>, Error> {
    sqlx::query_as(
        "SELECT username, display_name, role, disabled, version FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// The strategy numbers assigned to an account, inside a write transaction.
pub async fn assigned_numbers(
    tx: &mut Transaction<'static, Any>,
    id: i64,
) -> Result<Vec<String>, Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT s.number FROM strategy_assignments a JOIN strategies s ON s.id = a.strategy_id
         WHERE a.user_id = $1 ORDER BY s.number",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// Active administrators, inside a write transaction.
pub async fn active_admins(tx: &mut Transaction<'static, Any>) -> Result<i64, Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0")
            .fetch_one(&mut **tx)
            .await?;
    Ok(n)
}

/// Sets role, display name and disabled flag if the account is still at `version`
/// (and moves it to the next); `Ok(false)` when someone changed it first.
pub async fn update(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    (display_name, role, disabled): (&str, Role, bool),
    version: i64,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE users SET display_name = $1, role = $2, disabled = $3, updated_at = $4,
            version = version + 1 WHERE id = $5 AND version = $6",
    )
    .bind(display_name.trim())
    .bind(role.as_str())
    .bind(disabled as i64)
    .bind(now_utc())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an account to the next version if it is still at `version` (its assignments
/// changed); `Ok(false)` when someone changed it first.
pub async fn bump_version(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    version: i64,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE users SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now_utc())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a new password hash; `must_change` forces a change at next sign-in.
pub async fn set_password(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    hash: &str,
    must_change: bool,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(hash)
    .bind(must_change as i64)
    .bind(now_utc())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces a user's strategy assignments; returns the numbers that do not exist.
pub async fn assign(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    numbers: &[String],
) -> Result<Vec<String>, Error> {
    let mut unknown = Vec::new();
    let mut ids = Vec::new();
    for number in numbers {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM strategies WHERE number = $1")
            .bind(number)
            .fetch_optional(&mut **tx)
            .await?;
        match row {
            Some((id,)) => ids.push(id),
            None => unknown.push(number.clone()),
        }
    }
    if !unknown.is_empty() {
        return Ok(unknown);
    }
    use super::links::{replace, Side, STRATEGY_OWNERS};
    replace(tx, STRATEGY_OWNERS, Side::Right, user_id, &ids).await?;
    Ok(Vec::new())
}

/// Recent failures (since `since`, RFC 3339) counted for a sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// For this username from this address.
    pub account_at_address: i64,
    /// From this address, whatever the username.
    pub address: i64,
}

/// Reserves a sign-in attempt before the password is checked: counts the recent
/// failures and, unless `over` says they are too many, records this attempt as one (a
/// success clears it). Counting and recording are one transaction, exclusive on both
/// databases, so a burst of concurrent attempts cannot all pass the count.
pub async fn reserve_attempt(
    db: &Db,
    (username, ip): (&str, &str),
    since: &str,
    over: impl Fn(Failures) -> bool,
) -> Result<Result<(), Failures>, Error> {
    let mut tx = db.begin_write().await?;
    super::lock_for_write(db, &mut tx, "login_failures").await?;
    let (account_at_address,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM login_failures WHERE username = $1 AND ip = $2 AND at > $3",
    )
    .bind(username)
    .bind(ip)
    .bind(since)
    .fetch_one(&mut *tx)
    .await?;
    let (address,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at > $2")
            .bind(ip)
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
    let failures = Failures {
        account_at_address,
        address,
    };
    if over(failures) {
        return Ok(Err(failures));
    }
    sqlx::query("INSERT INTO login_failures (username, ip, at) VALUES ($1, $2, $3)")
        .bind(username)
        .bind(ip)
        .bind(now_utc())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Forgets a username's failures from one address after a successful sign-in there
/// (failures elsewhere, perhaps an attacker's, still count).
pub async fn clear_failures(db: &Db, username: &str, ip: &str) -> Result<(), Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM login_failures WHERE username = $1 AND ip = $2")
        .bind(username)
        .bind(ip)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Account `id`'s username and e-mail address, if the account exists.
pub async fn email(db: &Db, id: i64) -> Result<Option<(String, Option<String>)>, Error> {
    sqlx::query_as("SELECT username, email FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Sets account `id`'s e-mail address (None: none).
pub async fn set_email(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    email: Option<&str>,
) -> Result<(), Error> {
    sqlx::query("UPDATE users SET email = $2 WHERE id = $1")
        .bind(id)
        .bind(email)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}
