//! Signing in through the organisation's identity provider: the provider's person is
//! found by their link, else by a verified e-mail an administrator gave their account,
//! else (with `--oidc-provision`) given a new account; the role follows the provider's
//! groups when a mapping is configured. Every sign-in and every refusal is audited.

use super::audit::{self, AccountMark, Event};
use crate::auth::password;
use crate::db::Db;
use crate::model::oidc::{
    provisioned_role, refreshed_role, username_from, Identity, OidcSettings, Refusal,
};
use crate::model::user::Role;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::{sso as q, users};
use serde_json::json;

/// Who the audit trail names for what single sign-on does on its own.
fn sso_actor() -> Actor {
    Actor {
        user_id: None,
        username: "single sign-on".into(),
    }
}

/// Signs in the person the provider vouched for: the account's id, or why they may not
/// sign in. One transaction: the link, a provisioned account, a refreshed role and the
/// audit rows land together or not at all.
pub async fn sign_in(
    db: &Db,
    settings: &OidcSettings,
    who: &Identity,
) -> Result<Result<i64, Refusal>, AppError> {
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "users").await?;
    let id = match q::linked_user(&mut tx, &who.issuer, &who.subject).await? {
        Some(id) => id,
        None => match link_or_provision(&mut tx, settings, who).await? {
            Ok(id) => id,
            Err(refusal) => return Ok(Err(refusal)),
        },
    };
    let account = users::account(&mut tx, id)
        .await?
        .ok_or(AppError::Internal)?;
    if account.disabled != 0 {
        // Nothing of this attempt is kept (a link made just now included).
        return Ok(Err(Refusal::Disabled));
    }
    let role = refreshed_role(settings.role_map.as_ref(), &who.groups, account.role);
    let mut kept = account.role;
    if role != account.role {
        let fields = (account.display_name.as_str(), role, false);
        if !users::update(&mut tx, id, fields, account.version).await? {
            return Err(AppError::Internal);
        }
        if account.role == Role::Admin && users::active_admins(&mut tx).await? == 0 {
            // The last administrator keeps the role: undo by writing it back.
            let fields = (account.display_name.as_str(), account.role, false);
            users::update(&mut tx, id, fields, account.version + 1).await?;
            tracing::warn!(username = ?account.username, "single sign-on kept the last administrator's role");
        } else {
            let mark = |role| AccountMark {
                display_name: account.display_name.clone(),
                role,
                disabled: false,
            };
            let event = Event::UserChanged {
                username: account.username.clone(),
                before: mark(account.role),
                after: mark(role),
            };
            audit::write(&mut tx, &sso_actor(), &event).await?;
            kept = role;
        }
    }
    let event = Event::SignIn {
        action: "sign_in",
        key: account.username.clone(),
        after: json!({"issuer": who.issuer, "acr": who.acr, "role": kept.as_str()}),
    };
    let actor = Actor {
        user_id: Some(id),
        username: account.username.clone(),
    };
    audit::write(&mut tx, &actor, &event).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// A first sign-in: link the account with this verified e-mail, or create one.
async fn link_or_provision(
    tx: &mut crate::queries::measure::Tx,
    settings: &OidcSettings,
    who: &Identity,
) -> Result<Result<i64, Refusal>, AppError> {
    let email = who.email.as_deref().filter(|_| who.email_verified);
    if let Some(email) = email {
        let found = q::unlinked_with_email(tx, email, &who.issuer).await?;
        if let [id] = found[..] {
            if q::link(tx, id, &who.issuer, &who.subject).await?.is_none() {
                return Ok(Err(Refusal::NoAccount));
            }
            let username = users::account(tx, id)
                .await?
                .map(|a| a.username)
                .unwrap_or_default();
            let event = Event::SignIn {
                action: "link",
                key: username,
                after: json!({"issuer": who.issuer, "subject": who.subject, "by": "verified e-mail"}),
            };
            audit::write(tx, &sso_actor(), &event).await?;
            return Ok(Ok(id));
        }
        if found.len() > 1 {
            tracing::warn!("single sign-on: several accounts share the e-mail; none linked");
            return Ok(Err(Refusal::NoAccount));
        }
    }
    if !settings.provision {
        return Ok(Err(Refusal::NoAccount));
    }
    let Some(base) = username_from(who) else {
        return Ok(Err(Refusal::NoAccount));
    };
    let role = provisioned_role(settings.role_map.as_ref(), &who.groups);
    let display = who
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.chars().count() <= 100 && !n.chars().any(char::is_control))
        .unwrap_or(&base)
        .to_string();
    // No password: the hash is one no password matches.
    let unusable = format!("!sso:{}", password::generate());
    let mut made = None;
    for n in 1..=20 {
        let username = match n {
            1 => base.clone(),
            n => format!("{base}-{n}"),
        };
        let new = users::NewUser {
            username: &username,
            display_name: &display,
            role,
            password_hash: &unusable,
            must_change_password: false,
        };
        if let Some(id) = users::insert(tx, &new).await? {
            made = Some((id, username));
            break;
        }
    }
    let Some((id, username)) = made else {
        return Ok(Err(Refusal::NoAccount));
    };
    if let Some(email) = email {
        q::fill_email(tx, id, email).await?;
    }
    if q::link(tx, id, &who.issuer, &who.subject).await?.is_none() {
        return Ok(Err(Refusal::NoAccount));
    }
    let event = Event::UserAdded {
        username,
        display_name: display,
        role,
    };
    audit::write(tx, &sso_actor(), &event).await?;
    Ok(Ok(id))
}

/// Records a refused sign-in through the provider (never a token: the refusal, the
/// address and what was checked).
pub async fn record_refusal(
    db: &Db,
    refusal: Refusal,
    ip: &str,
    detail: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let event = Event::SignIn {
        action: "refuse",
        key: refusal.code().to_string(),
        after: json!({"address": ip, "detail": detail}),
    };
    audit::write(&mut tx, &sso_actor(), &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks an account break-glass: it keeps password sign-in under `--oidc-only`.
pub async fn set_break_glass(db: &Db, actor: &Actor, user_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let account = users::account(&mut tx, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    q::set_break_glass(&mut tx, user_id, true).await?;
    let event = Event::SignIn {
        action: "break_glass",
        key: account.username,
        after: json!({"break_glass": true}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The throttle's name for failed sign-ins through the provider (no username has `~`).
const THROTTLE_KEY: &str = "~sso";
/// Failed sign-ins through the provider allowed from one address in [`THROTTLE_MINUTES`].
const MAX_FAILURES_PER_ADDRESS: i64 = 10;
const THROTTLE_MINUTES: i64 = 15;

/// Whether a provider's answer from `ip` may be tried: counted as a failure now (a
/// success clears it), refused when the address failed too often lately.
pub async fn may_try(db: &Db, ip: &str) -> Result<bool, AppError> {
    let since = crate::clock::utc_ago(chrono::Duration::minutes(THROTTLE_MINUTES));
    let over = |f: users::Failures| f.account_at_address >= MAX_FAILURES_PER_ADDRESS;
    Ok(users::reserve_attempt(db, (THROTTLE_KEY, ip), &since, over)
        .await?
        .is_ok())
}

/// Forgets the address's failed sign-ins through the provider after a success.
pub async fn succeeded(db: &Db, ip: &str) -> Result<(), AppError> {
    users::clear_failures(db, THROTTLE_KEY, ip).await?;
    Ok(())
}

/// Links account `username` to the provider's subject ahead of a first sign-in (for a
/// provider that does not vouch for e-mail addresses): refused when the account is
/// unknown, or the subject or the account is linked already.
pub async fn link_subject(
    db: &Db,
    actor: &Actor,
    username: &str,
    (issuer, subject): (&str, &str),
) -> Result<(), AppError> {
    let (issuer, subject) = (issuer.trim(), subject.trim());
    if issuer.is_empty() || subject.is_empty() || subject.chars().count() > 255 {
        return Err(AppError::Invalid(
            "Give the issuer and the subject (at most 255 characters).".into(),
        ));
    }
    let user = users::find_by_username(db, username)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no user {username}.")))?;
    let mut tx = db.begin_write().await?;
    if q::link(&mut tx, user.0.id, issuer, subject)
        .await?
        .is_none()
    {
        return Err(AppError::Conflict(format!(
            "{username} or that subject is linked to this issuer already."
        )));
    }
    let event = Event::SignIn {
        action: "link",
        key: user.0.username.clone(),
        after: json!({"issuer": issuer, "subject": subject, "by": "administrator"}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
