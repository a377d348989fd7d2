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
    authorize(crate::auth::UseCase::GetOverview).await?;
    Ok(q::overview(&db()?).await?)
}

/// One goal by number ("4").
#[server(input = GetUrl)]
pub async fn get_goal(
    number: String,
    #[server(default)] quarter: Option<String>,
) -> Result<GoalDetail, AppError> {
    authorize(crate::auth::UseCase::GetGoal).await?;
    let db = db()?;
    let mut detail = q::goal_detail(&db, &number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no goal {number} in this plan.")))?;
    detail.standing = Some(standing(&db, &number, quarter.as_deref()).await?);
    Ok(detail)
}

/// Where goal or objective `number` stands in quarter `asked` (none: the reporting
/// quarter), its chart drawn.
#[cfg(feature = "ssr")]
async fn standing(
    db: &crate::db::Db,
    number: &str,
    asked: Option<&str>,
) -> Result<crate::model::plan::Standing, AppError> {
    let today = crate::state::clock().today();
    let cal = crate::queries::status::calendar(db).await?;
    let shown = crate::services::reporting::shown(db, asked, (cal, today)).await?;
    // Kept per data version, day and quarter, like the dashboard it summarises.
    let key = format!("standing:{number}:{today}:{}", shown.quarter.slug());
    crate::api::kept::kept(db, &key, || async {
        let (mut standing, chart) =
            crate::services::read::standing::standing(db, number, (cal, today), shown.quarter)
                .await?;
        standing.chart = crate::api::dashboard::draw(db, vec![chart], Some(shown.quarter))
            .await?
            .pop();
        standing.shown = Some(shown.clone());
        Ok(standing)
    })
    .await
}

/// One objective by number ("4.1").
#[server(input = GetUrl)]
pub async fn get_objective(
    number: String,
    #[server(default)] quarter: Option<String>,
) -> Result<ObjectiveDetail, AppError> {
    authorize(crate::auth::UseCase::GetObjective).await?;
    let db = db()?;
    let mut detail = q::objective_detail(&db, &number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no objective {number} in this plan."))
    })?;
    detail.standing = Some(standing(&db, &number, quarter.as_deref()).await?);
    Ok(detail)
}

/// One strategy by number ("4.1.3").
#[server(input = GetUrl)]
pub async fn get_strategy(number: String) -> Result<StrategyDetail, AppError> {
    use crate::services::status::{may_record, strategy_or_404};
    let user = authorize(crate::auth::UseCase::GetStrategy).await?;
    let db = db()?;
    let mut detail = q::strategy_detail(&db, &number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no strategy {number} in this plan."))
    })?;
    let id = strategy_or_404(&db, &number).await?;
    detail.can_record = may_record(&db, user.as_ref(), id).await?;
    if detail.can_record {
        let cal = crate::queries::status::calendar(&db).await?;
        let schedule = crate::queries::settings::call_schedule(&db).await?;
        let today = crate::state::clock().today();
        detail.record_quarters = crate::model::reminder::quarters_in_call(schedule, cal, today);
    }
    if crate::auth::policy::allows(crate::auth::UseCase::SetStrategyOwners, user.as_ref()) {
        let office = detail.strategy.owner_office.clone();
        let mut form =
            crate::services::ownership::owners_form(&db, &number, office.as_deref()).await?;
        // A refused save comes back with what was chosen and why.
        let key = format!("owners:{number}");
        if let Some(back) =
            crate::api::form::take_returned::<crate::model::form::Fields, ()>(&key).await
        {
            form.office = back.value("office");
            let chosen: Vec<String> = back
                .value("owners")
                .split(',')
                .map(str::to_string)
                .collect();
            for (id, _, on) in &mut form.choices {
                *on = chosen.contains(&id.to_string());
            }
            form.error = Some(back.message());
        }
        detail.owners_form = Some(form);
    }
    detail.review_returned =
        crate::api::form::take_returned(&crate::api::status::review_key(&number)).await;
    let item = crate::model::lock::Lockable::Strategy(id);
    detail.evidence = crate::api::evidence::evidence_of(&db, user.as_ref(), item).await?;
    let subject = crate::model::comment::Subject::Strategy(number.clone());
    detail.discussion =
        Some(crate::api::comment::discussion_for(&db, &subject, user.as_ref()).await?);
    Ok(detail)
}

/// Sets a strategy's office and owners (working group, administrators); `seen` is the
/// ownership the form was opened on, so a save over someone else's is refused.
#[server]
pub async fn set_strategy_owners(
    number: String,
    office: String,
    #[server(default)] owners: Option<Vec<String>>,
    seen: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetStrategyOwners).await?;
    let owners = owners.unwrap_or_default();
    let actor = crate::queries::audit::Actor::user(&user);
    let saved =
        crate::services::ownership::set_owners(&db()?, &actor, &number, &office, &owners, &seen)
            .await;
    let page = format!("/strategies/{}", crate::model::redirect::enc(&number));
    match saved {
        Ok(()) => {
            crate::api::notice::set_notice(&format!("Owners of strategy {number} saved.")).await;
            crate::api::form::redirect(&page);
            Ok(())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let input = crate::model::form::fields([
                ("office", office.as_str()),
                ("owners", owners.join(",").as_str()),
            ]);
            let errors = vec![("owners".into(), e.to_string())];
            let returned = crate::model::form::Returned::<_, ()>::invalid(input, errors);
            crate::api::form::send_back(
                &format!("owners:{number}"),
                &format!("{page}#owners-heading"),
                returned,
                e,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// What every page's frame shows: whether the database holds sample data from
/// `plantrack demo`, and for a printed page the plan's title (to people signed in, or
/// when the plan is public) and today's date.
#[server(input = leptos::server_fn::codec::GetUrl)]
pub async fn get_page_frame() -> Result<crate::model::view::PageFrame, AppError> {
    let user = crate::auth::authorize(crate::auth::UseCase::GetPageFrame).await?;
    let db = crate::state::db()?;
    let sample = crate::queries::status::setting(&db, crate::demo::SAMPLE_SETTING)
        .await?
        .is_some();
    let public = use_context::<crate::state::AppState>().is_some_and(|s| s.auth.public_read);
    let plan = match user.is_some() || public {
        true => crate::queries::plan::current_plan(&db)
            .await?
            .map(|(_, p)| p.title),
        false => None,
    };
    Ok(crate::model::view::PageFrame {
        sample,
        plan,
        today: crate::state::clock()
            .today()
            .format("%-d %B %Y")
            .to_string(),
    })
}
