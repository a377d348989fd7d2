//! Accounts: adding them (the admin page and `plantrack user add`), changing them,
//! resetting and changing passwords, assigning strategies.

use super::audit::{self, Event};
use crate::auth::password;
use crate::db::Db;
use crate::model::user::{CurrentUser, Role};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::users as q;

/// Checks a username: 3–32 of a–z, 0–9, ".", "_" and "-".
pub fn check_username(username: &str) -> Result<(), String> {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if !(3..=32).contains(&username.chars().count()) || !ok_chars {
        return Err(
            "Use 3 to 32 characters: lower-case letters, digits, \".\", \"_\" or \"-\".".into(),
        );
    }
    Ok(())
}

fn check_display_name(name: &str) -> Result<(), AppError> {
    if name.trim().is_empty() || name.chars().count() > 100 {
        return Err(AppError::Invalid(
            "Give a display name of up to 100 characters.".into(),
        ));
    }
    Ok(())
}

/// A new account's password: one chosen by the person (checked), or generated, shown once
/// and to be changed at first sign-in.
pub enum NewPassword {
    Chosen(String),
    Generated,
}

/// Adds an account (the username is lower-cased); returns its id and, when generated,
/// the temporary password.
pub async fn add_user(
    db: &Db,
    actor: &Actor,
    username: &str,
    display_name: &str,
    role: Role,
    secret: NewPassword,
) -> Result<(i64, Option<String>), AppError> {
    let username = username.trim().to_lowercase();
    check_username(&username).map_err(AppError::Invalid)?;
    check_display_name(display_name)?;
    let (secret, generated) = match secret {
        NewPassword::Chosen(s) => {
            password::check_new(&s, &username).map_err(AppError::Password)?;
            (s, false)
        }
        NewPassword::Generated => (password::generate(), true),
    };
    let hash = password::hash(secret.clone()).await?;
    let new = q::NewUser {
        username: &username,
        display_name,
        role,
        password_hash: &hash,
        must_change_password: generated,
    };
    let mut tx = db.begin_write().await?;
    let Some(id) = q::insert(&mut tx, &new).await? else {
        return Err(AppError::Invalid(format!(
            "The username \"{username}\" is taken."
        )));
    };
    let event = Event::UserAdded {
        username: username.clone(),
        display_name: display_name.trim().to_string(),
        role,
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok((id, generated.then_some(secret)))
}

/// Changes an account's display name, role and whether it is disabled (`me` may not
/// disable themself or drop their own administrator role); returns its username.
pub async fn update_user(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    display_name: &str,
    role: Role,
    disabled: bool,
) -> Result<String, AppError> {
    if id == me.id && (disabled || role != Role::Admin) {
        return Err(AppError::Invalid(
            "You cannot disable yourself or remove your own administrator role.".into(),
        ));
    }
    check_display_name(display_name)?;
    let (before, was_disabled) = q::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let mut tx = db.begin_write().await?;
    q::update(&mut tx, id, display_name, role, disabled).await?;
    let event = Event::UserChanged {
        username: before.username.clone(),
        before: (before.display_name.clone(), before.role, was_disabled),
        after: (display_name.trim().to_string(), role, disabled),
    };
    audit::write(&mut tx, &Actor::user(me), &event).await?;
    tx.commit().await?;
    Ok(before.username)
}

/// Gives account `id` a new generated password, to be changed at next sign-in; returns
/// its username and the password (shown once).
pub async fn reset_password(db: &Db, actor: &Actor, id: i64) -> Result<(String, String), AppError> {
    let (user, _) = q::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let temporary = password::generate();
    let hash = password::hash(temporary.clone()).await?;
    let mut tx = db.begin_write().await?;
    q::set_password(&mut tx, id, &hash, true).await?;
    let event = Event::Password {
        action: "reset_password",
        username: user.username.clone(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok((user.username, temporary))
}

/// Changes `me`'s own password after checking the current one.
pub async fn change_password(
    db: &Db,
    me: &CurrentUser,
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let fail = AppError::Password;
    let (stored, _) = q::find_by_id(db, me.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !password::verify(current, stored.password_hash.clone()).await {
        return Err(fail(password::PasswordProblem::WrongCurrent));
    }
    if new != confirm {
        return Err(fail(password::PasswordProblem::Mismatch));
    }
    password::check_new(&new, &me.username).map_err(fail)?;
    let hash = password::hash(new).await?;
    let mut tx = db.begin_write().await?;
    q::set_password(&mut tx, me.id, &hash, false).await?;
    let event = Event::Password {
        action: "change_password",
        username: me.username.clone(),
    };
    audit::write(&mut tx, &Actor::user(me), &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets which strategies account `id` owns (numbers separated by commas or spaces; empty
/// removes every assignment); returns its username.
pub async fn assign_strategies(
    db: &Db,
    actor: &Actor,
    id: i64,
    strategies: &str,
) -> Result<String, AppError> {
    let numbers: Vec<String> = strategies
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let (user, _) = q::find_by_id(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let before: Vec<String> = q::list(db)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .map(|u| u.strategies)
        .unwrap_or_default();
    let mut tx = db.begin_write().await?;
    let unknown = q::assign(&mut tx, id, &numbers).await?;
    if !unknown.is_empty() {
        return Err(AppError::Invalid(format!(
            "There is no strategy {}.",
            unknown.join(", ")
        )));
    }
    let event = Event::Assigned {
        username: user.username.clone(),
        before,
        after: numbers,
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(user.username)
}
