//! Risk categories review items are filed under (administrators add and retire them).

use crate::model::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::form::respond, api::meeting::acting, model::form::fields, services::outcome::Outcome,
    state::db,
};

/// The session key of a refused risk form, where it returns, and its form name.
#[cfg(feature = "ssr")]
const BACK: (&str, &str, &str) = ("plantrack.meetings", "/reviews#risks", "");

/// Adds a risk category to the list (administrators).
#[server]
pub async fn add_risk_category(name: String) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::AddRiskCategory).await?;
    let outcome = Outcome::of(crate::services::risk::add_risk(&db()?, &actor, &name).await)?;
    respond(outcome, BACK, fields([("name", name.as_str())]), |()| {
        format!("Risk category \u{201c}{}\u{201d} added.", name.trim())
    })
    .await
}

/// Retires a risk category: no longer offered; items that have it keep it (administrators).
#[server]
pub async fn retire_risk_category(id: i64) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::RetireRiskCategory).await?;
    let outcome = Outcome::of(crate::services::risk::retire_risk(&db()?, &actor, id).await)?;
    respond(
        outcome,
        BACK,
        fields([("id", id.to_string().as_str())]),
        |()| "Risk category retired.".to_string(),
    )
    .await
}
