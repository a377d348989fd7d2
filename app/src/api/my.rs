//! "My updates" (`/my`): what the signed-in person owns and still has to report.

use crate::model::call::{CallTracker, MyUpdates};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in person's strategies and measures for `quarter` ("2027-Q1"; by default
/// the quarter whose call is open), each with its form and any form refused there.
#[server(input = GetUrl)]
pub async fn get_my_updates(quarter: Option<String>) -> Result<MyUpdates, AppError> {
    use crate::api::form::take_returned;

    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::GetMyUpdates).await?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    let quarter = match quarter.filter(|q| !q.is_empty()) {
        None => crate::services::reporting::recording(&db, (cal, today)).await?,
        Some(q) => crate::model::fiscal::quarter_in_address(&q)?,
    };
    let mut my = crate::services::my::my_updates(&db, &user, quarter, cal, today).await?;
    // Forms refused on this page come back here, each to its row.
    for form in &mut my.forms {
        form.returned = take_returned(&crate::api::status::form_key(&form.strategy, quarter)).await;
        for slot in &mut form.measures {
            let key = crate::api::measure::form_key(slot.measure.id);
            slot.returned = take_returned::<crate::model::form::Fields, ()>(&key)
                .await
                .filter(|r| r.is_form("actual"));
        }
    }
    Ok(my)
}

/// A quarter's data call for the working group: who has recorded what ("2027-Q1").
#[server(input = GetUrl)]
pub async fn get_call_tracker(quarter: String) -> Result<CallTracker, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetCallTracker).await?;
    let quarter = crate::model::fiscal::quarter_in_address(&quarter)?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let today = crate::state::clock().today();
    Ok(crate::services::read::tracker::tracker(&db, quarter, cal, today).await?)
}

/// A page (`page`, from 1) of a quarter's approval inbox ("2027-Q1"), filtered by `show`
/// ("awaiting", "returned", "missing", "approved", "all"), with any review form just
/// refused on its row.
#[server(input = GetUrl)]
pub async fn get_inbox(
    quarter: String,
    #[server(default)] show: String,
    #[server(default)] page: String,
) -> Result<crate::model::inbox::Inbox, AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::GetInbox).await?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    // `/inbox` (no quarter): the reporting quarter.
    let quarter = match quarter.trim() {
        "" => {
            let today = crate::state::clock().today();
            crate::services::reporting::shown(&db, None, (cal, today))
                .await?
                .quarter
        }
        q => crate::model::fiscal::quarter_in_address(q)?,
    };
    let show = crate::model::inbox::Show::parse(&show);
    let reviewer =
        crate::auth::policy::decide(crate::auth::UseCase::ReviewStatus, Some(&user), false).is_ok();
    let page = page.trim().parse().unwrap_or(1);
    let mut inbox =
        crate::services::read::inbox::inbox(&db, cal, quarter, (show, reviewer, page)).await?;
    let numbers: Vec<String> = inbox.shown().map(|r| r.number.clone()).collect();
    for number in numbers {
        let key = crate::api::status::review_key(&number);
        if let Some(r) = crate::api::form::take_returned(&key).await {
            inbox.returned_forms.push((number, r));
        }
    }
    Ok(inbox)
}
