//! Accounts: adding them (the admin page and `plantrack user add`), changing them,
//! resetting and changing passwords, assigning strategies.

use super::audit::{self, AccountMark, Event};
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
/// the temporary password. Refused, each problem names its field (`username`,
/// `display_name`, `password`).
pub async fn add_user(
    db: &Db,
    actor: &Actor,
    username: &str,
    display_name: &str,
    role: Role,
    secret: NewPassword,
) -> Result<(i64, Option<String>), super::Refused> {
    let username = username.trim().to_lowercase();
    let mut problems = Vec::new();
    if let Err(m) = check_username(&username) {
        problems.push(("username".to_string(), m));
    }
    if let Err(e) = check_display_name(display_name) {
        problems.push(("display_name".to_string(), e.to_string()));
    }
    if !problems.is_empty() {
        return Err(super::Refused::Invalid(problems));
    }
    let (secret, generated) = match secret {
        NewPassword::Chosen(s) => {
            if let Err(p) = password::check_new(&s, &username) {
                return Err(super::Refused::Invalid(vec![(
                    "password".into(),
                    p.message().to_string(),
                )]));
            }
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
        return Err(super::Refused::Invalid(vec![(
            "username".into(),
            format!("The username \"{username}\" is taken."),
        )]));
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

/// What an administrator changes about an account, and the version the form showed.
pub struct AccountChange<'a> {
    pub display_name: &'a str,
    pub role: Role,
    pub disabled: bool,
    pub version: i64,
}

/// Changes an account's display name, role and whether it is disabled; returns its
/// username. `me` may not disable themself or drop their own administrator role; no
/// change may leave no active administrator; a form opened before someone else's change
/// is refused (409) naming what the account is now.
pub async fn update_user(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    change: &AccountChange<'_>,
) -> Result<String, AppError> {
    if id == me.id && (change.disabled || change.role != Role::Admin) {
        return Err(AppError::Invalid(
            "You cannot disable yourself or remove your own administrator role.".into(),
        ));
    }
    check_display_name(change.display_name)?;
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "users").await?;
    let before = q::account(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let before_role = before.role;
    let fields = (change.display_name, change.role, change.disabled);
    if !q::update(&mut tx, id, fields, change.version).await? {
        return Err(changed_meanwhile(&before, before_role));
    }
    if q::active_admins(&mut tx).await? == 0 {
        return Err(AppError::Invalid(format!(
            "{} is the last active administrator: make someone else an administrator first.",
            before.username
        )));
    }
    let event = Event::UserChanged {
        username: before.username.clone(),
        before: AccountMark {
            display_name: before.display_name.clone(),
            role: before_role,
            disabled: before.disabled != 0,
        },
        after: AccountMark {
            display_name: change.display_name.trim().to_string(),
            role: change.role,
            disabled: change.disabled,
        },
    };
    audit::write(&mut tx, &Actor::user(me), &event).await?;
    tx.commit().await?;
    Ok(before.username)
}

/// The refusal of a change made from a form opened before someone else's: what the
/// account is now.
fn changed_meanwhile(now: &q::AccountRow, role: Role) -> AppError {
    AppError::Conflict(format!(
        "Someone else changed {} while you were editing; nothing was saved. It is now: \
         display name \"{}\", role {}, {}. Reload the page and make your change again.",
        now.username,
        now.display_name,
        role.label(),
        if now.disabled != 0 {
            "disabled"
        } else {
            "active"
        }
    ))
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
/// removes every assignment) if the account is still at `version`; returns its username.
pub async fn assign_strategies(
    db: &Db,
    actor: &Actor,
    id: i64,
    strategies: &str,
    version: i64,
) -> Result<String, AppError> {
    let numbers: Vec<String> = strategies
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "users").await?;
    let account = q::account(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let before = q::assigned_numbers(&mut tx, id).await?;
    if !q::bump_version(&mut tx, id, version).await? {
        let role = account.role;
        return Err(AppError::Conflict(format!(
            "{} Their strategies are now: {}.",
            changed_meanwhile(&account, role),
            if before.is_empty() {
                "none".into()
            } else {
                before.join(", ")
            }
        )));
    }
    let unknown = q::assign(&mut tx, id, &numbers).await?;
    if !unknown.is_empty() {
        return Err(AppError::Invalid(format!(
            "There is no strategy {}.",
            unknown.join(", ")
        )));
    }
    let event = Event::Assigned {
        username: account.username.clone(),
        before,
        after: numbers,
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(account.username)
}

/// An e-mail address as typed, trimmed (empty: none), or why it is not one.
pub fn check_email(email: &str) -> Result<Option<String>, String> {
    let email = email.trim();
    if email.is_empty() {
        return Ok(None);
    }
    email
        .parse::<lettre::Address>()
        .map(|_| Some(email.to_string()))
        .map_err(|_| format!("\"{email}\" is not an e-mail address (name@example.gov)."))
}

/// Sets the e-mail address reminders go to for account `user_id` (empty: none), audited.
pub async fn set_email(db: &Db, actor: &Actor, user_id: i64, email: &str) -> Result<(), AppError> {
    let email = check_email(email).map_err(AppError::Invalid)?;
    let before = crate::queries::users::email(db, user_id).await?;
    let (username, before) =
        before.ok_or_else(|| AppError::NotFound(format!("There is no account {user_id}.")))?;
    let mut tx = db.begin_write().await?;
    crate::queries::users::set_email(&mut tx, user_id, email.as_deref()).await?;
    let event = super::audit::Event::Email {
        username,
        before,
        after: email,
    };
    super::audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The e-mail address of account `user_id`, if any.
pub async fn email_of(db: &Db, user_id: i64) -> Result<Option<String>, AppError> {
    let row = crate::queries::users::email(db, user_id).await?;
    Ok(row.and_then(|(_, e)| e))
}
