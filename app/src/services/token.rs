//! Personal access tokens: made on the account page (shown once, stored as a SHA-256
//! hash), listed with their last use, revoked; and the look-up the JSON API signs a
//! request in with. Each change is audited.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::token::{check_name, state, Scope, TokenState, TokenView, EXPIRY_DAYS, PREFIX};
use crate::model::user::{CurrentUser, Role};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::tokens::{self as q, NewToken};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The stored form of a token: its SHA-256, in hex.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes a token for `user`; returns its id and the token, which is never shown again.
pub async fn create(
    db: &Db,
    user: &CurrentUser,
    (name, scope, days): (&str, &str, &str),
    now: DateTime<Utc>,
) -> Result<(i64, String), AppError> {
    let name = check_name(name).map_err(AppError::Invalid)?;
    let scope = Scope::parse(scope)
        .ok_or_else(|| AppError::Invalid("Choose read only, or read and write.".into()))?;
    let days: i64 = days
        .trim()
        .parse()
        .ok()
        .filter(|d| EXPIRY_DAYS.contains(d))
        .ok_or_else(|| AppError::Invalid("Choose when the token expires.".into()))?;
    let secret = {
        use rand::RngCore;
        let mut bytes = [0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{PREFIX}{hex}")
    };
    let expires = stamp(now + chrono::Duration::days(days));
    let mut tx = db.begin_write().await?;
    let new = NewToken {
        user_id: user.id,
        name: &name,
        hash: &hash(&secret),
        scope: scope.as_str(),
        expires_at: &expires,
        created_at: &stamp(now),
    };
    let id = q::insert(&mut tx, &new).await?;
    let event = Event::Change {
        action: "create_token",
        object: "api_token",
        key: format!("token {id}"),
        after: json!({ "name": name, "scope": scope.as_str(), "expires": expires }),
    };
    audit::write(&mut tx, &Actor::user(user), &event).await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Revokes token `id`: its owner's, or anyone's for an administrator.
pub async fn revoke(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let token = q::get(&mut tx, id)
        .await?
        .filter(|t| t.user_id == user.id || user.role == Role::Admin)
        .ok_or_else(|| AppError::NotFound(format!("You have no token {id}.")))?;
    if token.revoked_at.is_some() {
        return Ok(());
    }
    q::revoke(&mut tx, id, &stamp(now)).await?;
    let event = Event::Change {
        action: "revoke_token",
        object: "api_token",
        key: format!("token {id}"),
        after: json!({ "name": token.name }),
    };
    audit::write(&mut tx, &Actor::user(user), &event).await?;
    tx.commit().await?;
    Ok(())
}

/// `user`'s tokens as the account page lists them.
pub async fn list(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<Vec<TokenView>, AppError> {
    let now = stamp(now);
    let day = crate::model::words::day;
    Ok(q::of_user(db, user_id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            scope: t.scope,
            state: state(&t.expires_at, t.revoked_at.as_deref(), &now),
            created: day(&t.created_at),
            expires: day(&t.expires_at),
            last_used: t.last_used_at.as_deref().map_or_else(
                || "Never used".to_string(),
                crate::model::words::day_and_time,
            ),
            name: t.name,
        })
        .collect())
}

/// The person and scope a presented token signs in as: refused (401) when unknown,
/// expired, revoked, or its owner is disabled or must first change their password.
pub async fn authenticate(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<(CurrentUser, Scope), AppError> {
    let secret = secret.trim();
    if !secret.starts_with(PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let found = q::by_hash_with_owner(db, &hash(secret))
        .await?
        .ok_or(AppError::Unauthorized)?;
    let token = &found.token;
    let at = stamp(now);
    if state(&token.expires_at, token.revoked_at.as_deref(), &at) != TokenState::Active {
        return Err(AppError::Unauthorized);
    }
    if found.disabled != 0 || found.must_change_password != 0 {
        return Err(AppError::Unauthorized);
    }
    // Noted at most once a minute: a client writing through the API pays for its own
    // writes, not one more for each request.
    let noted = token
        .last_used_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .is_some_and(|t| (now - t.with_timezone(&Utc)) < chrono::Duration::minutes(1));
    if !noted {
        q::touch(db, token.id, &at).await?;
    }
    let scope = token.scope;
    Ok((
        CurrentUser {
            id: token.user_id,
            username: found.username,
            display_name: found.display_name,
            role: found.role,
            must_change_password: false,
            can: crate::auth::policy::can(found.role),
        },
        scope,
    ))
}
