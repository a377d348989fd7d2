//! Unlocking a locked quarter for one strategy's status or one measure's actuals.

use crate::model::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    model::form::{fields, Returned},
    model::lock::Lockable,
    queries::audit::Actor,
    queries::status as q,
    services::{lock, measure::measure_or_404, Refused},
    state::db,
};

/// The session key of a strategy's returned unlock form for quarter `slug`.
pub fn strategy_unlock_key(number: &str, slug: &str) -> String {
    format!("plantrack.unlock.strategy.{number}.{slug}")
}

/// Unlocks a locked quarter of a strategy (`kind` "strategy", `item` its number) or a
/// measure (`kind` "measure", `item` its id) until its next save, with the reason.
#[server]
pub async fn unlock_quarter(
    kind: String,
    item: String,
    quarter: String,
    reason: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::UnlockQuarter).await?;
    let db = db()?;
    let cal = q::calendar(&db).await?;
    let fq = crate::model::fiscal::quarter_in_form(&quarter)?;
    let (target, key, what, back, form_key) = match kind.as_str() {
        "strategy" => {
            let id = crate::services::status::strategy_or_404(&db, &item).await?;
            (
                Lockable::Strategy(id),
                item.clone(),
                format!("the status of strategy {item}"),
                format!(
                    "/strategies/{}/status?quarter={}",
                    crate::model::redirect::enc(&item),
                    fq.slug()
                ),
                strategy_unlock_key(&item, &fq.slug()),
            )
        }
        "measure" => {
            let id = item
                .parse::<i64>()
                .map_err(|_| AppError::NotFound(format!("There is no measure {item}.")))?;
            let m = measure_or_404(&db, id).await?;
            (
                Lockable::Measure(id),
                format!("measure {id}"),
                format!("the actual of \u{201c}{}\u{201d}", m.name),
                format!("/measures/{id}"),
                crate::api::measure::form_key(id),
            )
        }
        other => {
            return Err(AppError::Invalid(format!(
                "\"{other}\" cannot be unlocked."
            )))
        }
    };
    let today = (cal, crate::state::clock().today());
    match lock::unlock(&db, &Actor::user(&user), (target, &key), fq, &reason, today).await {
        Ok(()) => {
            let until = match target {
                Lockable::Strategy(_) => "until its owner submits an update",
                Lockable::Measure(_) => "until its next actual is saved",
            };
            let notice = format!("{fq} unlocked for {what} {until}.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&back);
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            let typed = fields([("quarter", quarter.as_str()), ("reason", reason.as_str())]);
            let message = crate::model::form::message(&errors);
            let returned = Returned::<_, ()>::invalid(typed, errors).of_form("unlock");
            crate::api::form::send_back(&form_key, &back, returned, AppError::Invalid(message))
                .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}
