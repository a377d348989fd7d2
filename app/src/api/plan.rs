//! Reading the plan outline.

use crate::model::plan::{GoalDetail, ObjectiveDetail, PlanOverview, StrategyDetail};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{auth::authorize, queries::plan as q, state::db};

/// The plan overview: header, goals with counts, narrative.
#[server(input = GetUrl)]
pub async fn get_overview() -> Result<PlanOverview, AppError> {
    authorize("get_overview").await?;
    Ok(q::overview(&db()?).await?)
}

/// One goal by number ("4").
#[server(input = GetUrl)]
pub async fn get_goal(number: String) -> Result<GoalDetail, AppError> {
    authorize("get_goal").await?;
    q::goal_detail(&db()?, &number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no goal {number} in this plan.")))
}

/// One objective by number ("4.1").
#[server(input = GetUrl)]
pub async fn get_objective(number: String) -> Result<ObjectiveDetail, AppError> {
    authorize("get_objective").await?;
    q::objective_detail(&db()?, &number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no objective {number} in this plan.")))
}

/// One strategy by number ("4.1.3").
#[server(input = GetUrl)]
pub async fn get_strategy(number: String) -> Result<StrategyDetail, AppError> {
    use crate::services::status::{may_record, strategy_or_404};
    let user = authorize("get_strategy").await?;
    let db = db()?;
    let mut detail = q::strategy_detail(&db, &number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no strategy {number} in this plan."))
    })?;
    let id = strategy_or_404(&db, &number).await?;
    detail.can_record = may_record(&db, user.as_ref(), id).await?;
    Ok(detail)
}

/// Whether this database holds sample data from `plantrack demo` (shown on every page).
#[server(input = leptos::server_fn::codec::GetUrl)]
pub async fn is_sample_data() -> Result<bool, AppError> {
    crate::auth::authorize("is_sample_data").await?;
    let db = crate::state::db()?;
    Ok(
        crate::queries::status::setting(&db, crate::demo::SAMPLE_SETTING)
            .await?
            .is_some(),
    )
}
