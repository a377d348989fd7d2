//! Discussion on the work: thin server functions over `services::comment`. Every form
//! posts `on` (the subject, "measure:7") so a refusal goes back to the thread's page with
//! what was typed beside the problem.

use crate::model::comment::Discussion;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::form::{redirect, refused},
    model::comment::Subject,
    model::form::fields,
    services::comment as service,
    state::db,
};

/// The session key a refused comment form comes back under.
#[cfg(feature = "ssr")]
const KEY: &str = "plantrack.comment";

/// The subject named by `on` ("measure:7"), or a 404.
#[cfg(feature = "ssr")]
fn subject(on: &str) -> Result<Subject, AppError> {
    Subject::from_param(on.trim())
        .ok_or_else(|| AppError::NotFound(format!("\"{on}\" is not an item with a discussion.")))
}

/// The app's calendar and clock.
#[cfg(feature = "ssr")]
async fn when(
    db: &crate::db::Db,
) -> Result<
    (
        crate::model::fiscal::FiscalCalendar,
        chrono::DateTime<chrono::Utc>,
    ),
    AppError,
> {
    Ok((
        crate::queries::settings::calendar(db).await?,
        crate::state::clock().now(),
    ))
}

/// The discussion on `s` as `user` reads it, with a form refused there (taken: a page
/// asks once, in its own data, never from a nested resource SSR may create twice).
#[cfg(feature = "ssr")]
pub(crate) async fn discussion_for(
    db: &crate::db::Db,
    s: &Subject,
    user: Option<&crate::model::user::CurrentUser>,
) -> Result<Discussion, AppError> {
    let mut d = service::discussion(db, s, user, when(db).await?).await?;
    let returned: Option<crate::model::form::Returned> = crate::api::form::take_returned(KEY).await;
    let on = format!("{}:{}", d.kind, d.key);
    d.returned = returned.filter(|r| r.value("on") == on);
    Ok(d)
}

/// The discussion on `on` ("measure:7", "actual:7/2027/1/2"), with a form refused there.
#[server(input = GetUrl)]
pub async fn get_discussion(on: String) -> Result<Discussion, AppError> {
    let user = crate::auth::authorize(crate::auth::UseCase::GetDiscussion).await?;
    let db = db()?;
    discussion_for(&db, &subject(&on)?, user.as_ref()).await
}

/// Posts a comment on `on`, or a reply to comment `reply_to`; @mentions are notified.
#[server]
pub async fn post_comment(
    on: String,
    #[server(default)] text: String,
    #[server(default)] reply_to: Option<i64>,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::PostComment).await?;
    let db = db()?;
    let s = subject(&on)?;
    let form = reply_to.map_or("new".to_string(), |id| format!("reply-{id}"));
    let post = service::Post {
        subject: &s,
        text: &text,
        reply_to,
    };
    match service::post(&db, &user, post, when(&db).await?).await {
        Ok(_) => {
            crate::api::notice::set_notice(if reply_to.is_some() {
                "Reply posted."
            } else {
                "Comment posted."
            })
            .await;
            redirect(&s.page());
            Ok(())
        }
        Err(crate::services::Refused::Error(AppError::TooFast(m))) => {
            let typed = fields([("on", on.trim()), ("text", text.as_str())]);
            let returned = crate::model::form::Returned::<_, ()>::invalid(
                typed,
                vec![("text".to_string(), m.clone())],
            )
            .of_form(&form);
            crate::api::form::send_back(KEY, &s.page(), returned, AppError::TooFast(m)).await
        }
        Err(why) => {
            let typed = fields([("on", on.trim()), ("text", text.as_str())]);
            refused(why, (KEY, &s.page(), &form), typed).await
        }
    }
}

/// Corrects one's own comment `id` within the window (from correction `version`).
#[server]
pub async fn correct_comment(
    on: String,
    id: i64,
    version: i64,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::CorrectComment).await?;
    let db = db()?;
    let s = subject(&on)?;
    let now = crate::state::clock().now();
    match service::correct(&db, &user, (id, version), &text, now).await {
        Ok(at) => {
            crate::api::notice::set_notice("Comment corrected; the earlier text is kept.").await;
            redirect(&at.page());
            Ok(())
        }
        Err(why) => {
            let typed = fields([("on", on.trim()), ("text", text.as_str())]);
            refused(why, (KEY, &s.page(), &format!("correct-{id}")), typed).await
        }
    }
}

/// Resolves (`resolve` "1") or reopens (`resolve` "0") thread `id`, having seen `seq`
/// of its events.
#[server]
pub async fn resolve_thread(
    on: String,
    id: i64,
    seq: i64,
    resolve: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::ResolveThread).await?;
    let db = db()?;
    let s = subject(&on)?;
    let resolved = resolve == "1";
    let now = crate::state::clock().now();
    match service::set_resolved(&db, &user, (id, seq), resolved, now).await {
        Ok(at) => {
            crate::api::notice::set_notice(if resolved {
                "Thread resolved."
            } else {
                "Thread reopened."
            })
            .await;
            redirect(&at.page());
            Ok(())
        }
        Err(why) => {
            let typed = fields([("on", on.trim())]);
            refused(why, (KEY, &s.page(), &format!("thread-{id}")), typed).await
        }
    }
}

/// Hides comment `id`, saying why (administrators).
#[server]
pub async fn hide_comment(
    on: String,
    id: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::HideComment).await?;
    let db = db()?;
    let s = subject(&on)?;
    let now = crate::state::clock().now();
    match service::hide(&db, &user, id, &reason, now).await {
        Ok(at) => {
            crate::api::notice::set_notice("Comment hidden; the reason shows in its place.").await;
            redirect(&at.page());
            Ok(())
        }
        Err(why) => {
            let typed = fields([("on", on.trim()), ("reason", reason.as_str())]);
            refused(why, (KEY, &s.page(), &format!("hide-{id}")), typed).await
        }
    }
}
