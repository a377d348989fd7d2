//! User administration (administrators only).

use crate::model::user::UserSummary;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::notice::set_notice,
    auth::{authorize, password},
    model::user::Role,
    queries::audit::{record, Actor, Change},
    queries::users as q,
    state::db,
};
#[cfg(feature = "ssr")]
use serde_json::json;

/// Every account.
#[server(input = GetUrl)]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    authorize("list_users").await?;
    Ok(q::list(&db()?).await?)
}

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

/// Reads a role from a form value.
#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role).ok_or_else(|| AppError::Invalid(format!("\"{role}\" is not a role.")))
}

/// Adds an account with a generated password shown once; it must be changed at first sign-in.
#[server]
pub async fn add_user(
    username: String,
    display_name: String,
    role: String,
) -> Result<String, AppError> {
    let me = authorize("add_user").await?.ok_or(AppError::Unauthorized)?;
    let username = username.trim().to_lowercase();
    check_username(&username).map_err(AppError::Invalid)?;
    if display_name.trim().is_empty() || display_name.chars().count() > 100 {
        return Err(AppError::Invalid(
            "Give a display name of up to 100 characters.".into(),
        ));
    }
    let role = parse_role(&role)?;
    let temporary = password::generate();
    let hash = password::hash(temporary.clone()).await?;
    let new = q::NewUser {
        username: &username,
        display_name: &display_name,
        role,
        password_hash: &hash,
        must_change_password: true,
    };
    if q::create(&db()?, &new, &Actor::user(&me)).await?.is_none() {
        return Err(AppError::Invalid(format!(
            "The username \"{username}\" is taken."
        )));
    }
    set_notice(&format!(
        "Added {username}. Their temporary password is {temporary} — it is shown only now; they must change it when they first sign in."
    ))
    .await;
    leptos_axum::redirect("/admin/users");
    Ok(temporary)
}

/// Changes an account's display name, role and whether it is disabled.
#[server]
pub async fn update_user(
    id: i64,
    display_name: String,
    role: String,
    disabled: Option<String>,
) -> Result<(), AppError> {
    let me = authorize("update_user")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let role = parse_role(&role)?;
    let disabled = disabled.is_some_and(|v| v == "on" || v == "true");
    if id == me.id && (disabled || role != Role::Admin) {
        return Err(AppError::Invalid(
            "You cannot disable yourself or remove your own administrator role.".into(),
        ));
    }
    if display_name.trim().is_empty() || display_name.chars().count() > 100 {
        return Err(AppError::Invalid(
            "Give a display name of up to 100 characters.".into(),
        ));
    }
    let db = db()?;
    let (before, was_disabled) = q::find_by_id(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let mut tx = db.begin_write().await?;
    q::update(&mut tx, id, &display_name, role, disabled).await?;
    let change = Change {
        action: "update",
        object_type: "user",
        object_key: &before.username,
        before: Some(
            json!({"display_name": before.display_name, "role": before.role.as_str(), "disabled": was_disabled}),
        ),
        after: Some(
            json!({"display_name": display_name.trim(), "role": role.as_str(), "disabled": disabled}),
        ),
    };
    record(&mut tx, &Actor::user(&me), change).await?;
    tx.commit().await?;
    set_notice(&format!("Saved {}.", before.username)).await;
    leptos_axum::redirect("/admin/users");
    Ok(())
}

/// Gives an account a new generated password, to be changed at next sign-in.
#[server]
pub async fn reset_password(id: i64) -> Result<String, AppError> {
    let me = authorize("reset_password")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = db()?;
    let (user, _) = q::find_by_id(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let temporary = password::generate();
    let hash = password::hash(temporary.clone()).await?;
    let mut tx = db.begin_write().await?;
    q::set_password(&mut tx, id, &hash, true).await?;
    let change = Change {
        action: "reset_password",
        object_type: "user",
        object_key: &user.username,
        before: None,
        after: None,
    };
    record(&mut tx, &Actor::user(&me), change).await?;
    tx.commit().await?;
    set_notice(&format!(
        "New temporary password for {}: {temporary} — shown only now; it must be changed at the next sign-in.",
        user.username
    ))
    .await;
    leptos_axum::redirect("/admin/users");
    Ok(temporary)
}

/// Sets which strategies an account (usually a manager) owns: numbers separated by
/// commas or spaces; an empty list removes every assignment.
#[server]
pub async fn assign_strategies(id: i64, strategies: String) -> Result<(), AppError> {
    let me = authorize("assign_strategies")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let numbers: Vec<String> = strategies
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let db = db()?;
    let (user, _) = q::find_by_id(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let before: Vec<String> = q::list(&db)
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
    let change = Change {
        action: "assign",
        object_type: "user",
        object_key: &user.username,
        before: Some(json!({"strategies": before})),
        after: Some(json!({"strategies": numbers})),
    };
    record(&mut tx, &Actor::user(&me), change).await?;
    tx.commit().await?;
    set_notice(&format!("Saved the strategies of {}.", user.username)).await;
    leptos_axum::redirect("/admin/users");
    Ok(())
}
