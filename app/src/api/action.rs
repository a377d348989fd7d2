//! Follow-up actions from a review: added and closed on the review's page (thin server
//! functions over `services::action`).

use crate::model::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    api::meeting::{acting, done, quarter_of, refused},
    model::fiscal::FiscalQuarter,
    model::form::fields,
    services::Refused,
    state::db,
};

/// Adds a follow-up action (owner, due date; the agenda item it came from, if any).
#[server]
pub async fn add_review_action(
    quarter: String,
    #[server(default)] item: String,
    title: String,
    owner: String,
    due: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::AddReviewAction).await?;
    let fq = quarter_of(&quarter)?;
    let item_id = item.parse::<i64>().ok();
    let args = (item_id, title.as_str(), owner.as_str(), due.as_str());
    match crate::services::action::add_action(&db()?, &actor, fq, args).await {
        Ok(()) => {
            done(
                fq,
                "#actions",
                &format!("Action \u{201c}{}\u{201d} added.", title.trim()),
            )
            .await
        }
        Err(why) => {
            let typed = vec![
                ("item", item.as_str()),
                ("title", title.as_str()),
                ("owner", owner.as_str()),
                ("due", due.as_str()),
            ];
            refused(fq, "#actions", "action", typed, why).await
        }
    }
}

/// Closes a follow-up action with a note; back to the review it is listed on
/// (`quarter`: the review page the form was on, or "" for `/reviews`).
#[server]
pub async fn close_review_action(
    quarter: String,
    id: i64,
    version: i64,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::CloseReviewAction).await?;
    let outcome = crate::services::action::close_action(&db()?, &actor, id, version, &note).await;
    let fq = FiscalQuarter::parse(&quarter);
    match (outcome, fq) {
        (Ok(()), Some(fq)) => done(fq, "#actions", "Action closed.").await,
        (Ok(()), None) => {
            crate::api::notice::set_notice("Action closed.").await;
            crate::api::form::redirect("/reviews");
            Ok(())
        }
        (Err(why), Some(fq)) => {
            let form = format!("close-{id}");
            refused(fq, "#actions", &form, vec![("note", note.as_str())], why).await
        }
        (Err(Refused::Invalid(errors)), None) => {
            let typed = fields([("note", note.as_str()), ("id", id.to_string().as_str())]);
            crate::api::form::send_invalid("plantrack.meetings", "/reviews", typed, errors).await
        }
        (Err(Refused::Error(e)), None) => Err(e),
    }
}
