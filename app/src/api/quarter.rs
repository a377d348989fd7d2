//! The quarter page: every strategy's status this quarter and last, roll-ups, missing updates.

use crate::model::view::QuarterView;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize,
    model::status::RollupRule,
    queries::audit::Actor,
    queries::status as q,
    services::{self, quarter::QuarterFilter, settings},
    state::db,
};

/// One quarter ("2027-Q1"; empty: the reporting one), filtered by goal, owner and status,
/// a page of the table at a time.
#[server(input = GetUrl)]
pub async fn get_quarter(
    quarter: Option<String>,
    goal: Option<String>,
    owner: Option<String>,
    status: Option<String>,
    #[server(default)] page: Option<String>,
) -> Result<QuarterView, AppError> {
    let reader = authorize(crate::auth::UseCase::GetQuarter).await?;
    let db = db()?;
    let today = crate::state::clock().today();
    let filter = QuarterFilter {
        quarter,
        goal,
        owner,
        status,
        page: page.and_then(|p| p.trim().parse().ok()),
    };
    // Kept per data version, day and filter like the dashboard: an unchanged plan answers
    // from memory, and after a write concurrent views share one computation.
    let key = format!("quarter:{today}:{filter:?}");
    let mut view: QuarterView = crate::api::kept::kept(&db, &key, || async {
        let cal = q::calendar(&db).await?;
        services::quarter::quarter_page(&db, &filter, (cal, today)).await
    })
    .await?;
    // Who reads it is not kept with the page: it decides which missing entries link to
    // the status form (the server still checks when the form is sent).
    if let Some(u) = reader {
        use crate::model::user::Role;
        view.record_all = matches!(u.role, Role::Admin | Role::WorkingGroup);
        view.reader = u.username;
    }
    // A refused settings form comes back with what was typed and why (not kept either).
    use crate::api::form::take_returned;
    use crate::model::form::Fields;
    if let Some(back) = take_returned::<Fields, ()>("rollup").await {
        view.settings_refused = Some((back.value("min_coverage"), back.message()));
        view.rollup_typed = back.input.clone();
    }
    if let Some(back) = take_returned::<Fields, ()>("fiscal_month").await {
        view.settings_refused = Some((back.value("month"), back.message()));
    }
    Ok(view)
}

/// Chooses how objectives, goals and the plan roll up, and the coverage a headline needs
/// (administrators).
#[server]
pub async fn set_rollup_rule(
    rule: String,
    #[server(default)] min_coverage: Option<String>,
    #[server(default)] on_track_share: Option<String>,
    #[server(default)] at_risk_share: Option<String>,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetRollupRule).await?;
    let saved = match RollupRule::parse(&rule) {
        None => Err(AppError::Invalid(format!(
            "\"{rule}\" is not a roll-up rule."
        ))),
        Some(r) => {
            let actor = Actor::user(&user);
            let form = settings::RollupForm {
                rule: r,
                min_coverage: min_coverage.as_deref(),
                on_track_share: on_track_share.as_deref(),
                at_risk_share: at_risk_share.as_deref(),
            };
            settings::set_rollup_settings(&db()?, &actor, form).await
        }
    };
    let page = "/quarters#rollup-heading";
    match saved {
        Ok(()) => {
            crate::api::notice::set_notice("Roll-up settings saved.").await;
            crate::api::form::redirect(page);
            Ok(())
        }
        Err(AppError::Invalid(why)) => {
            let coverage = min_coverage.unwrap_or_default();
            let (on_track, at_risk) = (
                on_track_share.unwrap_or_default(),
                at_risk_share.unwrap_or_default(),
            );
            let typed = crate::model::form::fields([
                ("rule", rule.as_str()),
                ("min_coverage", coverage.as_str()),
                ("on_track_share", on_track.as_str()),
                ("at_risk_share", at_risk.as_str()),
            ]);
            let errors = vec![("min_coverage".to_string(), why)];
            crate::api::form::send_invalid("rollup", page, typed, errors).await
        }
        Err(e) => Err(e),
    }
}

/// Sets the month on whose first day the fiscal year starts (administrators).
#[server]
pub async fn set_fiscal_start_month(month: u32) -> Result<(), AppError> {
    let user =
        crate::auth::policy::authorize_user(crate::auth::UseCase::SetFiscalStartMonth).await?;
    let page = "/quarters#rollup-heading";
    match settings::set_fiscal_start_month(&db()?, &Actor::user(&user), month).await {
        Ok(()) => {
            crate::api::notice::set_notice("Fiscal year start saved.").await;
            crate::api::form::redirect(page);
            Ok(())
        }
        Err(AppError::Invalid(why)) => {
            let typed = crate::model::form::fields([("month", month.to_string().as_str())]);
            let errors = vec![("month".to_string(), why)];
            crate::api::form::send_invalid("fiscal_month", page, typed, errors).await
        }
        Err(e) => Err(e),
    }
}
