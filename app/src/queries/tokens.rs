//! SQL for personal access tokens.

use crate::db::Db;
use sqlx::Error;

/// A token's row (without its hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub scope: crate::model::token::Scope,
    pub expires_at: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const COLUMNS: &str = "id, user_id, name, scope, expires_at, created_at, last_used_at, revoked_at";

/// A new token's fields.
pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub hash: &'a str,
    pub scope: &'a str,
    pub expires_at: &'a str,
    pub created_at: &'a str,
}

/// Adds a token in the caller's transaction; returns its id.
pub async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    t: &NewToken<'_>,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_tokens (user_id, name, token_hash, scope, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(t.user_id)
    .bind(t.name)
    .bind(t.hash)
    .bind(t.scope)
    .bind(t.expires_at)
    .bind(t.created_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A user's tokens, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<TokenRow>, Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await
}

/// Token `id` in the caller's transaction.
pub async fn get(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
) -> Result<Option<TokenRow>, Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM api_tokens WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// A token with its account, as signing in reads them.
#[derive(Debug, sqlx::FromRow)]
pub struct TokenAndOwner {
    #[sqlx(flatten)]
    pub token: TokenRow,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: crate::model::user::Role,
    pub must_change_password: i64,
    pub disabled: i64,
}

/// The token with this hash and its account, in one read.
pub async fn by_hash_with_owner(db: &Db, hash: &str) -> Result<Option<TokenAndOwner>, Error> {
    sqlx::query_as(
        "SELECT t.id, t.user_id, t.name, t.scope, t.expires_at, t.created_at,
                t.last_used_at, t.revoked_at, u.username, u.display_name, u.role,
                u.must_change_password, u.disabled
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1",
    )
    .bind(hash)
    .fetch_optional(db.pool())
    .await
}

/// Marks token `id` revoked at `at` (once).
pub async fn revoke(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    at: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Notes that token `id` was used at `at`.
pub async fn touch(db: &Db, id: i64, at: &str) -> Result<(), Error> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}
