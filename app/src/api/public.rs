//! The public performance page: read by anyone once published; published, taken down
//! and given its measures by an administrator.

use crate::model::public::{PublicPage, PublicSettings};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Where a refused choice of measures waits for the settings page.
#[cfg(feature = "ssr")]
const MEASURES_KEY: &str = "plantrack.public_measures";

/// The public page as anyone reads it, signed in or not (kept per data version and day);
/// not found while it is not published.
#[server(input = GetUrl)]
pub async fn get_public_page() -> Result<PublicPage, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetPublicPage).await?;
    let db = crate::state::db()?;
    let today = crate::state::clock().today();
    let key = format!("public-page:{today}");
    let page: Option<PublicPage> = crate::api::kept::kept(&db, &key, || async {
        let cal = crate::queries::status::calendar(&db).await?;
        Ok(crate::services::public::page(&db, cal, today).await?)
    })
    .await?;
    page.ok_or_else(|| {
        crate::respond::set_response_status(404);
        AppError::NotFound("The public performance page is not published.".into())
    })
}

/// The public page's settings (administrators).
#[server(input = GetUrl)]
pub async fn get_public_settings() -> Result<PublicSettings, AppError> {
    crate::auth::policy::authorize_user(crate::auth::UseCase::GetPublicSettings).await?;
    let db = crate::state::db()?;
    let mut settings = crate::services::public::settings(&db).await?;
    settings.returned = crate::api::form::take_returned(MEASURES_KEY).await;
    Ok(settings)
}

/// Publishes the public page (`publish` = "yes") or takes it down (administrators).
#[server]
pub async fn set_public_page(publish: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetPublicPage).await?;
    let publish = match publish.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::Invalid(
                "Choose to publish the page or take it down.".into(),
            ))
        }
    };
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    let now = crate::state::clock().now();
    crate::services::public::set_published(&db, &actor, publish, now).await?;
    crate::api::notice::set_notice(if publish {
        "The public performance page is published: anyone can read it at /public."
    } else {
        "The public performance page is taken down: visitors now find nothing there."
    })
    .await;
    crate::api::form::redirect("/admin/public");
    Ok(())
}

/// Makes exactly the `picked` measures public, when the public ones are still those the
/// form showed (`shown`) (administrators). A refusal comes back with the choice kept.
#[server]
pub async fn set_public_measures(
    #[server(default)] shown: String,
    #[server(default)] picked: Option<Vec<String>>,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::SetPublicMeasures).await?;
    let picked = picked.unwrap_or_default();
    let db = crate::state::db()?;
    let actor = crate::queries::audit::Actor::user(&user);
    match crate::services::public::set_measures(&db, &actor, &picked, &shown).await {
        Ok(n) => {
            let text = match n {
                0 => "No measure is on the public page now.".to_string(),
                1 => "1 measure is on the public page now.".to_string(),
                n => format!("{n} measures are on the public page now."),
            };
            crate::api::notice::set_notice(&text).await;
            crate::api::form::redirect("/admin/public");
            Ok(())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let ids: Vec<i64> = picked
                .iter()
                .filter_map(|p| p.trim().parse().ok())
                .collect();
            let returned = crate::model::form::Returned::<Vec<i64>>::invalid(
                ids,
                vec![("picked".to_string(), e.to_string())],
            );
            crate::api::form::send_back(MEASURES_KEY, "/admin/public#public-measures", returned, e)
                .await
        }
        Err(e) => Err(e),
    }
}
