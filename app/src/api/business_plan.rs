//! The five-year business plan (`/business-plan/2027`, a strategy's years at
//! `/business-plan/strategies/4.1.3`): thin server functions over
//! `services::read::business_plan` and `services::business_plan`.

use crate::model::business_plan::{BusinessPlan, StrategyPlan};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn form_key(number: &str) -> String {
    format!("plantrack.business_plan.{number}")
}

/// The anchor of a year on a strategy's planning page ("fy2028").
pub fn year_anchor(fy: i32) -> String {
    format!("fy{fy}")
}

/// The current fiscal year: the business plan's first.
#[cfg(feature = "ssr")]
async fn current_year(db: &crate::db::Db) -> Result<i32, AppError> {
    let cal = crate::queries::status::calendar(db).await?;
    Ok(cal.quarter_of(crate::state::clock().today()).year)
}

/// The business plan of the five years from `fy` (empty: the current fiscal year).
#[server(input = GetUrl)]
pub async fn get_business_plan(
    fy: String,
    #[server(default)] page: String,
) -> Result<BusinessPlan, AppError> {
    use crate::auth::{authorize, policy::allows, UseCase};
    let user = authorize(UseCase::GetBusinessPlan).await?;
    let db = crate::state::db()?;
    let first = if fy.trim().is_empty() {
        current_year(&db).await?
    } else {
        crate::model::fiscal::parse_year(&fy)
            .filter(|y| *y + 4 <= *crate::model::fiscal::PLAN_YEARS.end())
            .ok_or_else(|| {
                AppError::NotFound(format!("\"{fy}\" is not a fiscal year (use 2027)."))
            })?
    };
    let page = page.trim().parse().ok();
    let mut plan = crate::services::read::business_plan::page(&db, first, page).await?;
    plan.can_plan = user.as_ref().is_some_and(|u| {
        matches!(
            u.role,
            crate::model::user::Role::Admin | crate::model::user::Role::WorkingGroup
        )
    }) && allows(UseCase::SaveBusinessPlanEntry, user.as_ref());
    Ok(plan)
}

/// Strategy `number`'s five years from the current fiscal year, with a form per year for
/// whoever may plan it.
#[server(input = GetUrl)]
pub async fn get_strategy_plan(number: String) -> Result<StrategyPlan, AppError> {
    use crate::auth::{authorize, policy, UseCase};
    let user = authorize(UseCase::GetStrategyPlan).await?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let first = current_year(&db).await?;
    let mut plan = crate::services::read::business_plan::strategy_plan(&db, &number, first, cal)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no strategy {number} in the plan.")))?;
    if let (Some(u), Some(id)) = (
        user.as_ref(),
        crate::queries::business_plan::strategy_id(&db, &number).await?,
    ) {
        plan.can_edit = policy::allows(UseCase::SaveBusinessPlanEntry, Some(u))
            && policy::may_act_on(&db, u, policy::Owned::Strategy(id)).await?;
    }
    plan.returned = crate::api::form::take_returned(&form_key(&number)).await;
    Ok(plan)
}

/// Saves a strategy's year of the business plan, over the version the form showed.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_business_plan_entry(
    strategy: String,
    fiscal_year: String,
    version: i64,
    #[server(default)] active: String,
    #[server(default)] milestones: String,
    #[server(default)] dollars: String,
    #[server(default)] fte: String,
    #[server(default)] staff: String,
    #[server(default)] it: String,
    #[server(default)] facilities: String,
    #[server(default)] training: String,
    #[server(default)] contracts: String,
    #[server(default)] lead_office: String,
    #[server(default)] contributing: String,
) -> Result<(), AppError> {
    use crate::auth::{policy, UseCase};
    use crate::model::business_plan::EntryInput;
    let user = policy::authorize_user(UseCase::SaveBusinessPlanEntry).await?;
    let db = crate::state::db()?;
    let number = strategy.trim().to_string();
    let id = crate::queries::business_plan::strategy_id(&db, &number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no strategy {number} in the plan.")))?;
    policy::require(&db, &user, policy::Owned::Strategy(id)).await?;
    let first = current_year(&db).await?;
    let input = EntryInput {
        strategy: number.clone(),
        fiscal_year,
        version,
        active,
        milestones,
        dollars,
        fte,
        needs: [staff, it, facilities, training, contracts],
        lead_office,
        contributing,
    };
    let anchor = crate::model::fiscal::parse_year(&input.fiscal_year)
        .map(year_anchor)
        .unwrap_or_else(|| "years".into());
    let url = format!(
        "/business-plan/strategies/{}#{anchor}",
        crate::model::redirect::enc(&number)
    );
    let actor = crate::queries::audit::Actor::user(&user);
    let outcome = crate::services::business_plan::save_entry(&db, &actor, &input, first).await;
    let (errors, error) = match outcome {
        Ok(()) => {
            let notice = format!(
                "Strategy {number}'s FY{} plan is saved.",
                input.fiscal_year.trim()
            );
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&url);
            return Ok(());
        }
        Err(why) => crate::api::form::field_errors(why)?,
    };
    let returned = crate::model::form::Returned::<_, ()>::invalid(input, errors);
    crate::api::form::send_back(&form_key(&number), &url, returned, error).await
}
