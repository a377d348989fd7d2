//! Single sign-on: the links from a provider's subject to an account, and break-glass
//! accounts.

use crate::db::{now_utc, Db};
use sqlx::{Any, Error, Transaction};

/// The account linked to the provider's `issuer` + `subject`, inside a write transaction.
pub async fn linked_user(
    tx: &mut Transaction<'static, Any>,
    issuer: &str,
    subject: &str,
) -> Result<Option<i64>, Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM sso_links WHERE issuer = $1 AND subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|(id,)| id))
}

/// Accounts whose e-mail address is `email` (case-insensitive) and that have no link
/// to `issuer` yet, inside a write transaction.
pub async fn unlinked_with_email(
    tx: &mut Transaction<'static, Any>,
    email: &str,
    issuer: &str,
) -> Result<Vec<i64>, Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT u.id FROM users u WHERE lower(u.email) = lower($1)
           AND NOT EXISTS (SELECT 1 FROM sso_links l WHERE l.user_id = u.id AND l.issuer = $2)
         ORDER BY u.id",
    )
    .bind(email.trim())
    .bind(issuer)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Links `user_id` to the provider's subject; `Ok(None)` when either is linked already.
pub async fn link(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    issuer: &str,
    subject: &str,
) -> Result<Option<i64>, Error> {
    let inserted: Result<(i64,), Error> = sqlx::query_as(
        "INSERT INTO sso_links (user_id, issuer, subject, linked_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(issuer)
    .bind(subject)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await;
    super::unless_taken(inserted)
}

/// Whether the account `username` may sign in with its password when sign-in is
/// through the provider only.
pub async fn is_break_glass(db: &Db, username: &str) -> Result<bool, Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT break_glass FROM users WHERE username = $1")
        .bind(username.trim().to_lowercase())
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some_and(|(b,)| b != 0))
}

/// Marks an account break-glass (or not), inside a write transaction.
pub async fn set_break_glass(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    on: bool,
) -> Result<(), Error> {
    sqlx::query("UPDATE users SET break_glass = $1, updated_at = $2 WHERE id = $3")
        .bind(on as i64)
        .bind(now_utc())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets an account's e-mail address when it has none, inside a write transaction.
pub async fn fill_email(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    email: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE users SET email = $1 WHERE id = $2 AND email IS NULL")
        .bind(email)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
