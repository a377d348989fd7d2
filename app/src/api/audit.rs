//! Reading the audit trail (administrators and the working group).

use crate::model::audit::{AuditFilter, AuditPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One filtered page of the audit trail, newest first.
#[server(input = GetUrl)]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    crate::auth::authorize(crate::auth::UseCase::ListAudit).await?;
    let mut page = crate::services::audit::page(&crate::state::db()?, &filter).await?;
    // A refused time zone comes back with what was typed and why.
    if let Some(back) =
        crate::api::form::take_returned::<crate::model::form::Fields, ()>("time_zone").await
    {
        page.time_zone_refused = Some((back.value("time_zone"), back.message()));
    }
    Ok(page)
}

/// Sets the organisation's time zone, in which times are shown (administrators).
#[server]
pub async fn set_time_zone(time_zone: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetTimeZone).await?;
    let actor = crate::queries::audit::Actor::user(&user);
    let db = crate::state::db()?;
    if let Err(e) = crate::services::settings::set_time_zone(&db, &actor, &time_zone).await {
        return match e {
            AppError::Invalid(message) => {
                let typed = crate::model::form::fields([("time_zone", time_zone.as_str())]);
                let errors = vec![("time_zone".to_string(), message)];
                crate::api::form::send_invalid("time_zone", "/admin/audit#time-zone", typed, errors)
                    .await
            }
            e => Err(e),
        };
    }
    crate::api::notice::set_notice("Time zone saved.").await;
    crate::api::form::redirect("/admin/audit");
    Ok(())
}
