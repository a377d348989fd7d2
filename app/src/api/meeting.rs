//! The working group's quarterly review meetings (`/reviews`, `/reviews/2027-Q1`): thin
//! server functions over `services::meeting`. Every form is a plain post that comes back
//! to the review's page (refused: what was typed, beside the problem).

use crate::model::meeting::{Meeting, MeetingList};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize,
    model::fiscal::FiscalQuarter,
    model::form::{fields, Fields, Returned},
    queries::audit::Actor,
    services::{meeting as service, Refused},
    state::db,
};

/// The session key of a review page's refused form.
#[cfg(feature = "ssr")]
pub(crate) fn form_key(fq: FiscalQuarter) -> String {
    format!("plantrack.meeting.{}", fq.slug())
}

#[cfg(feature = "ssr")]
pub(crate) fn quarter_of(s: &str) -> Result<FiscalQuarter, AppError> {
    crate::model::fiscal::quarter_in_address(s)
}

/// The instance's calendar and today's date.
#[cfg(feature = "ssr")]
pub(crate) async fn when(
    db: &crate::db::Db,
) -> Result<(crate::model::fiscal::FiscalCalendar, chrono::NaiveDate), AppError> {
    let cal = crate::queries::status::calendar(db).await?;
    Ok((cal, crate::state::clock().today()))
}

/// Done: a notice, and back to the review (at `anchor`).
#[cfg(feature = "ssr")]
pub(crate) async fn done(fq: FiscalQuarter, anchor: &str, notice: &str) -> Result<(), AppError> {
    crate::api::notice::set_notice(notice).await;
    crate::api::form::redirect(&format!("/reviews/{}{anchor}", fq.slug()));
    Ok(())
}

/// Refused: back to the review with `form` (its name) and what was typed.
#[cfg(feature = "ssr")]
pub(crate) async fn refused(
    fq: FiscalQuarter,
    anchor: &str,
    form: &str,
    typed: Vec<(&str, &str)>,
    why: Refused,
) -> Result<(), AppError> {
    let (errors, error) = crate::api::form::field_errors(why)?;
    let input: Fields = fields(typed);
    let url = format!("/reviews/{}{anchor}", fq.slug());
    let returned = Returned::<Fields, ()>::invalid(input, errors).of_form(form);
    crate::api::form::send_back(&form_key(fq), &url, returned, error).await
}

/// Who is acting, signed in.
#[cfg(feature = "ssr")]
pub(crate) async fn acting(
    use_case: crate::auth::UseCase,
) -> Result<(crate::model::user::CurrentUser, Actor), AppError> {
    let user = authorize(use_case).await?.ok_or(AppError::Unauthorized)?;
    let actor = Actor::user(&user);
    Ok((user, actor))
}

/// Every review, the quarter one may be opened for, and the open actions.
#[server(input = GetUrl)]
pub async fn get_reviews() -> Result<MeetingList, AppError> {
    let user = authorize(crate::auth::UseCase::GetReviews).await?;
    let can_run = crate::auth::policy::allows(crate::auth::UseCase::OpenReview, user.as_ref());
    let db = db()?;
    let mut list = service::list(&db, can_run, when(&db).await?).await?;
    list.refused = crate::api::form::take_returned::<Fields, ()>("plantrack.meetings")
        .await
        .map(|r| r.message());
    if crate::auth::policy::allows(crate::auth::UseCase::AddRiskCategory, user.as_ref()) {
        list.risks = Some(crate::queries::meetings::risks(&db).await?);
    }
    Ok(list)
}

/// Quarter `quarter`'s review, with a form refused there (shown once).
#[server(input = GetUrl)]
pub async fn get_review(quarter: String) -> Result<Meeting, AppError> {
    let user = authorize(crate::auth::UseCase::GetReview).await?;
    let fq = quarter_of(&quarter)?;
    let can_run =
        crate::auth::policy::allows(crate::auth::UseCase::RecordAgendaItem, user.as_ref());
    let db = db()?;
    let mut m = service::meeting(&db, fq, can_run, when(&db).await?).await?;
    m.returned = crate::api::form::take_returned(&form_key(fq)).await;
    Ok(m)
}

/// Opens a quarter's review with the agenda its data proposes.
#[server]
pub async fn open_review(quarter: String) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::OpenReview).await?;
    let fq = quarter_of(&quarter)?;
    let db = db()?;
    match service::open(&db, &actor, fq, when(&db).await?).await {
        Ok(()) => {
            done(
                fq,
                "",
                &format!("The {fq} review is open, its agenda built from the quarter's data."),
            )
            .await
        }
        Err(Refused::Invalid(errors)) => {
            let message = crate::model::form::message(&errors);
            crate::api::form::send_invalid(
                "plantrack.meetings",
                "/reviews",
                fields([("quarter", quarter.as_str())]),
                vec![("quarter".into(), message)],
            )
            .await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// Records an agenda item: notes, likelihood, risk category, improvement, decisions.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn record_agenda_item(
    quarter: String,
    item: i64,
    version: i64,
    #[server(default)] notes: String,
    #[server(default)] likelihood: String,
    #[server(default)] risk: String,
    #[server(default)] improvement: String,
    #[server(default)] decisions: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::RecordAgendaItem).await?;
    let fq = quarter_of(&quarter)?;
    let input = crate::model::meeting::ItemInput {
        notes,
        likelihood,
        risk,
        improvement,
        decisions,
        version,
    };
    let anchor = format!("#item-{item}");
    match service::record_item(&db()?, &actor, fq, item, &input).await {
        Ok(()) => done(fq, &anchor, "Agenda item recorded.").await,
        Err(why) => {
            let typed = vec![
                ("notes", input.notes.as_str()),
                ("likelihood", input.likelihood.as_str()),
                ("risk", input.risk.as_str()),
                ("improvement", input.improvement.as_str()),
                ("decisions", input.decisions.as_str()),
            ];
            refused(fq, &anchor, &format!("item-{item}"), typed, why).await
        }
    }
}

/// Moves an agenda item one place `up` or `down`.
#[server]
pub async fn move_agenda_item(
    quarter: String,
    item: i64,
    direction: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::MoveAgendaItem).await?;
    let fq = quarter_of(&quarter)?;
    let Some(direction) = crate::model::meeting::Move::parse(&direction) else {
        return Err(AppError::Invalid(format!(
            "\"{direction}\" is not up or down."
        )));
    };
    let anchor = format!("#item-{item}");
    match service::move_item(&db()?, &actor, fq, item, direction).await {
        Ok(()) => done(fq, &anchor, "Agenda reordered.").await,
        Err(why) => refused(fq, &anchor, &format!("item-{item}"), Vec::new(), why).await,
    }
}

/// Adds an item to the agenda by hand.
#[server]
pub async fn add_agenda_item(quarter: String, title: String) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::AddAgendaItem).await?;
    let fq = quarter_of(&quarter)?;
    match service::add_item(&db()?, &actor, fq, &title).await {
        Ok(()) => done(fq, "#agenda", "Item added to the agenda.").await,
        Err(why) => {
            refused(
                fq,
                "#add-item",
                "add_item",
                vec![("title", title.as_str())],
                why,
            )
            .await
        }
    }
}

/// Sets the meeting's date, chair, attendees (users) and guests (names).
#[server]
pub async fn set_review_details(
    quarter: String,
    version: i64,
    #[server(default)] held_on: String,
    #[server(default)] chair: String,
    #[server(default)] attendees: Option<Vec<String>>,
    #[server(default)] guests: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::SetReviewDetails).await?;
    let fq = quarter_of(&quarter)?;
    let input = service::DetailsInput {
        held_on,
        chair,
        attendees: attendees.unwrap_or_default(),
        guests,
        version,
    };
    match service::set_details(&db()?, &actor, fq, &input).await {
        Ok(()) => done(fq, "#details", "Meeting details saved.").await,
        Err(why) => {
            let chosen = input.attendees.join(",");
            let typed = vec![
                ("held_on", input.held_on.as_str()),
                ("chair", input.chair.as_str()),
                ("attendees", chosen.as_str()),
                ("guests", input.guests.as_str()),
            ];
            refused(fq, "#details", "details", typed, why).await
        }
    }
}

/// Signs the review off (its chair or an administrator); its record is then read-only.
#[server]
pub async fn sign_off_review(quarter: String, version: i64) -> Result<(), AppError> {
    let (user, _) = acting(crate::auth::UseCase::SignOffReview).await?;
    let fq = quarter_of(&quarter)?;
    match service::sign_off(&db()?, Some(&user), fq, version).await {
        Ok(()) => {
            done(
                fq,
                "",
                &format!("The {fq} review is signed off: its record is now read-only."),
            )
            .await
        }
        Err(why) => refused(fq, "#sign-off", "sign_off", Vec::new(), why).await,
    }
}

/// Adds an addendum to a signed-off review.
#[server]
pub async fn add_review_addendum(quarter: String, text: String) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::AddReviewAddendum).await?;
    let fq = quarter_of(&quarter)?;
    match service::add_addendum(&db()?, &actor, fq, &text).await {
        Ok(()) => done(fq, "#addenda", "Addendum added.").await,
        Err(why) => {
            refused(
                fq,
                "#addenda",
                "addendum",
                vec![("text", text.as_str())],
                why,
            )
            .await
        }
    }
}
