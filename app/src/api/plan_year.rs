//! A fiscal year's APP and IP pages and their lifecycle steps.

use crate::model::plan_year::{AppPage, IpPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::{authorize, policy, Owned},
    model::plan_year::{AppStep, IpState},
    model::user::CurrentUser,
    queries::audit::{record, Actor, Change},
    queries::plan_year as pq,
    queries::status::calendar,
    state::db,
};

/// Reads a fiscal year from an address ("2027" or "FY2027").
pub fn parse_year(text: &str) -> Option<i32> {
    text.trim()
        .trim_start_matches("FY")
        .trim_start_matches("fy")
        .parse()
        .ok()
        .filter(|y| (1990..=2200).contains(y))
}

/// The year in an address, or the current fiscal year when the address has none.
#[cfg(feature = "ssr")]
pub fn year_or_current(
    text: &str,
    cal: crate::model::fiscal::FiscalCalendar,
) -> Result<i32, AppError> {
    if text.trim().is_empty() {
        return Ok(cal.quarter_of(crate::state::clock().today()).year);
    }
    parse_year(text)
        .ok_or_else(|| AppError::NotFound(format!("\"{text}\" is not a fiscal year (use 2027).")))
}

/// Refuses a fiscal year outside what a plan can hold.
#[cfg(feature = "ssr")]
pub fn check_year(fy: i32) -> Result<(), AppError> {
    if (1990..=2200).contains(&fy) {
        Ok(())
    } else {
        Err(AppError::Invalid(format!(
            "FY{fy} is not a fiscal year this plan can hold."
        )))
    }
}

#[cfg(feature = "ssr")]
fn edits(user: &Option<CurrentUser>) -> bool {
    policy::allows("set_targets", user.as_ref())
}

/// The APP of a fiscal year: every measure with its annual target, actual and state.
#[server(input = GetUrl)]
pub async fn get_app(fy: String) -> Result<AppPage, AppError> {
    let user = authorize("get_app").await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fy = year_or_current(&fy, cal)?;
    let mut page = pq::app_page(&db, fy, cal, crate::state::clock().today()).await?;
    page.can_edit = edits(&user);
    Ok(page)
}

/// Takes an APP one step through its lifecycle (approve, start or publish a revision);
/// approving and publishing keep the targets as a numbered revision.
#[server]
pub async fn change_app_state(
    fiscal_year: i32,
    step: String,
    note: String,
) -> Result<(), AppError> {
    let user = authorize("change_app_state")
        .await?
        .ok_or(AppError::Unauthorized)?;
    check_year(fiscal_year)?;
    let db = db()?;
    let step = AppStep::parse(&step)
        .ok_or_else(|| AppError::Invalid(format!("\"{step}\" is not a step of the APP.")))?;
    let year = pq::plan_year(&db, fiscal_year).await?;
    let next = year.app_state.after(step).map_err(AppError::Invalid)?;
    if note.chars().count() > 2_000 {
        return Err(AppError::Invalid(
            "Keep the note under 2,000 characters.".into(),
        ));
    }
    let snapshot = match step {
        AppStep::StartRevision => None,
        _ => Some(pq::snapshot(&db, fiscal_year).await?),
    };
    let revision = year.app_revision + 1;
    let mut tx = db.begin_write().await?;
    // The lifecycle row is re-read inside the write transaction: a second click that
    // raced the first finds the state already moved and changes nothing.
    pq::ensure_year(&mut tx, fiscal_year).await?;
    let (state_now,): (String,) =
        sqlx::query_as("SELECT app_state FROM plan_years WHERE fiscal_year = $1")
            .bind(fiscal_year as i64)
            .fetch_one(&mut *tx)
            .await?;
    if state_now != year.app_state.as_str() {
        return Err(AppError::Conflict(
            "Someone else changed this APP's state just now; reload the page.".into(),
        ));
    }
    pq::set_app_state(
        &mut tx,
        fiscal_year,
        next,
        snapshot.as_deref().map(|t| (revision, note.trim(), t)),
        &user.username,
    )
    .await?;
    let change = Change {
        action: step.as_str(),
        object_type: "app",
        object_key: &format!("FY{fiscal_year}"),
        before: Some(
            serde_json::json!({"state": year.app_state.as_str(), "revision": year.app_revision}),
        ),
        after: Some(
            serde_json::json!({"state": next.as_str(), "revision": if snapshot.is_some() { revision } else { year.app_revision }, "note": note.trim()}),
        ),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/app/{fiscal_year}"));
    Ok(())
}

/// The IP of a fiscal year: quarterly targets and actuals per measure, and milestones.
#[server(input = GetUrl)]
pub async fn get_ip(fy: String) -> Result<IpPage, AppError> {
    let user = authorize("get_ip").await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fy = year_or_current(&fy, cal)?;
    let mut page = pq::ip_page(&db, fy, cal, crate::state::clock().today()).await?;
    page.can_edit = edits(&user);
    Ok(page)
}

/// Marks a year's IP distributed.
#[server]
pub async fn distribute_ip(fiscal_year: i32) -> Result<(), AppError> {
    let user = authorize("distribute_ip")
        .await?
        .ok_or(AppError::Unauthorized)?;
    check_year(fiscal_year)?;
    let db = db()?;
    if pq::plan_year(&db, fiscal_year).await?.ip_state == IpState::Distributed {
        return Err(AppError::Invalid(format!(
            "The FY{fiscal_year} IP was already distributed."
        )));
    }
    let mut tx = db.begin_write().await?;
    pq::distribute_ip(&mut tx, fiscal_year, &user.username).await?;
    let change = Change {
        action: "distribute",
        object_type: "ip",
        object_key: &format!("FY{fiscal_year}"),
        before: Some(serde_json::json!({"state": "draft"})),
        after: Some(serde_json::json!({"state": "distributed"})),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/ip/{fiscal_year}"));
    Ok(())
}

/// Adds a quarterly milestone for a strategy to a year's IP.
#[server]
pub async fn add_ip_milestone(
    fiscal_year: i32,
    strategy: String,
    quarter: String,
    description: String,
) -> Result<(), AppError> {
    let user = authorize("add_ip_milestone")
        .await?
        .ok_or(AppError::Unauthorized)?;
    check_year(fiscal_year)?;
    let db = db()?;
    let strategy_id = crate::queries::status::strategy_id(&db, strategy.trim())
        .await?
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "Choose a strategy: there is no strategy \"{}\".",
                strategy.trim()
            ))
        })?;
    let quarter: u8 = quarter
        .trim()
        .trim_start_matches('Q')
        .parse()
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| AppError::Invalid("Choose the quarter, Q1 to Q4.".into()))?;
    let description = description.trim();
    if description.is_empty() || description.chars().count() > 1_000 {
        return Err(AppError::Invalid(
            "Describe the milestone in under 1,000 characters.".into(),
        ));
    }
    let mut tx = db.begin_write().await?;
    pq::ensure_year(&mut tx, fiscal_year).await?;
    let id = pq::add_milestone(&mut tx, strategy_id, fiscal_year, quarter, description).await?;
    let change = Change {
        action: "create",
        object_type: "ip_milestone",
        object_key: &id.to_string(),
        before: None,
        after: Some(
            serde_json::json!({"strategy": strategy.trim(), "fiscal_year": fiscal_year, "quarter": quarter, "description": description}),
        ),
    };
    record(&mut tx, &Actor::user(&user), change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/ip/{fiscal_year}#milestones"));
    Ok(())
}

/// Marks an IP milestone done or not done (managers: only their strategies').
#[server]
pub async fn set_ip_milestone_done(id: i64, done: String) -> Result<(), AppError> {
    let user = authorize("set_ip_milestone_done")
        .await?
        .ok_or(AppError::Unauthorized)?;
    let db = db()?;
    let (strategy_id, number, was_done) = pq::milestone(&db, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no IP milestone {id}.")))?;
    policy::require(&db, &user, Owned::Strategy(strategy_id)).await?;
    let done = done == "true";
    let (fy,): (i64,) = sqlx::query_as("SELECT fiscal_year FROM ip_milestones WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await?;
    if done != was_done {
        let mut tx = db.begin_write().await?;
        pq::set_milestone_done(&mut tx, id, done.then_some(user.username.as_str())).await?;
        let change = Change {
            action: if done { "mark_done" } else { "reopen" },
            object_type: "ip_milestone",
            object_key: &format!("{id} (strategy {number})"),
            before: Some(serde_json::json!({"done": was_done})),
            after: Some(serde_json::json!({"done": done})),
        };
        record(&mut tx, &Actor::user(&user), change).await?;
        tx.commit().await?;
    }
    leptos_axum::redirect(&format!("/ip/{fy}#milestones"));
    Ok(())
}
