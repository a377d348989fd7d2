//! Risk categories review items are filed under (administrators add and retire them).

use crate::model::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{api::meeting::acting, model::form::fields, services::Refused, state::db};

/// Adds a risk category to the list (administrators).
#[server]
pub async fn add_risk_category(name: String) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::AddRiskCategory).await?;
    match crate::services::risk::add_risk(&db()?, &actor, &name).await {
        Ok(()) => {
            crate::api::notice::set_notice(&format!(
                "Risk category \u{201c}{}\u{201d} added.",
                name.trim()
            ))
            .await;
            crate::api::form::redirect("/reviews#risks");
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            crate::api::form::send_invalid(
                "plantrack.meetings",
                "/reviews#risks",
                fields([("name", name.as_str())]),
                errors,
            )
            .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// Retires a risk category: no longer offered; items that have it keep it (administrators).
#[server]
pub async fn retire_risk_category(id: i64) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::RetireRiskCategory).await?;
    match crate::services::risk::retire_risk(&db()?, &actor, id).await {
        Ok(()) => {
            crate::api::notice::set_notice("Risk category retired.").await;
            crate::api::form::redirect("/reviews#risks");
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            crate::api::form::send_invalid(
                "plantrack.meetings",
                "/reviews#risks",
                fields([("id", id.to_string().as_str())]),
                errors,
            )
            .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}
