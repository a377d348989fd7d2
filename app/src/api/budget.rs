//! Budget alignment (`/budget/2027`): thin server functions over `services::budget`.

use crate::model::budget::BudgetPage;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn form_key(fy: i32) -> String {
    format!("plantrack.budget.{fy}")
}

#[cfg(feature = "ssr")]
fn year_of(fy: &str) -> Result<i32, AppError> {
    crate::model::fiscal::parse_year(fy)
        .ok_or_else(|| AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027).")))
}

/// Year `fy`'s budget requests and their alignment with the plan (`edit`: the request
/// whose form is open).
#[server(input = GetUrl)]
pub async fn get_budget(
    fy: String,
    #[server(default)] edit: String,
) -> Result<BudgetPage, AppError> {
    let user = crate::auth::authorize(crate::auth::UseCase::GetBudget).await?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    // `/budget`: the year whose budget is being formulated (the planning cycle's).
    let fy = if fy.trim().is_empty() {
        crate::model::budget::formulated_in(cal.quarter_of(crate::state::clock().today()).year)
    } else {
        year_of(&fy)?
    };
    let can_edit =
        crate::auth::policy::allows(crate::auth::UseCase::SaveBudgetRequest, user.as_ref());
    let edit = edit.trim().parse().ok();
    let mut page = crate::services::budget::page(&db, fy, can_edit, (cal, edit)).await?;
    page.returned = crate::api::form::take_returned(&form_key(fy)).await;
    Ok(page)
}

/// Adds a budget request (`id` empty) or changes one, with the strategies it supports.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_budget_request(
    fy: String,
    #[server(default)] id: String,
    #[server(default)] version: i64,
    #[server(default)] title: String,
    #[server(default)] amount: String,
    #[server(default)] office: String,
    #[server(default)] status: String,
    #[server(default)] share_1: String,
    #[server(default)] percent_1: String,
    #[server(default)] share_2: String,
    #[server(default)] percent_2: String,
    #[server(default)] share_3: String,
    #[server(default)] percent_3: String,
    #[server(default)] share_4: String,
    #[server(default)] percent_4: String,
) -> Result<(), AppError> {
    use crate::model::budget::BudgetInput;
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SaveBudgetRequest).await?;
    let year = year_of(&fy)?;
    let id = id.trim().parse::<i64>().ok();
    let input = BudgetInput {
        title,
        amount,
        office,
        status,
        shares: vec![
            (share_1, percent_1),
            (share_2, percent_2),
            (share_3, percent_3),
            (share_4, percent_4),
        ],
        version,
    };
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    let back = match id {
        Some(id) => format!("/budget/{year}?edit={id}#request-form"),
        None => format!("/budget/{year}#request-form"),
    };
    let (errors, error) = match crate::services::budget::save(&db, &actor, (year, id), &input).await
    {
        Ok(saved) => {
            crate::api::notice::set_notice(&format!("Budget request {saved} is saved.")).await;
            crate::api::form::redirect(&format!("/budget/{year}#request-{saved}"));
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid(input, errors);
    crate::api::form::send_back(&form_key(year), &back, returned, error).await
}
