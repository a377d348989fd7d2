//! The planning-cycle page and marking its milestones done.

use crate::model::cycle::CyclePage;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    auth::authorize,
    model::cycle::{due_date, milestones, CycleItem, MilestoneState},
    queries::audit::{record, Actor, Change},
    queries::cycle as cq,
    queries::status::calendar,
    state::db,
};

/// A fiscal year's planning-cycle milestones with due dates and state.
#[server(input = GetUrl)]
pub async fn get_cycle(fy: String) -> Result<CyclePage, AppError> {
    let user = authorize("get_cycle").await?;
    let db = db()?;
    let cal = calendar(&db).await?;
    let fiscal_year = crate::api::plan_year::year_or_current(&fy, cal)?;
    let marks = cq::marks(&db, fiscal_year).await?;
    let today = crate::state::clock().today();
    let items = milestones(fiscal_year)
        .into_iter()
        .map(|m| {
            let done = marks.get(&m.key);
            CycleItem {
                due: due_date(cal, fiscal_year, m.quarter)
                    .format("%-d %b %Y")
                    .to_string(),
                state: MilestoneState::of(cal, fiscal_year, m.quarter, done.is_some(), today),
                done: done.map(|(at, by)| format!("{by}, {}", cal.label_timestamp(at))),
                milestone: m,
            }
        })
        .collect();
    Ok(CyclePage {
        fiscal_year,
        items,
        can_mark: crate::auth::policy::allows("mark_cycle", user.as_ref()),
    })
}

/// Marks a planning-cycle milestone done (`done` = "true") or reopens it.
#[server]
pub async fn mark_cycle(fiscal_year: i32, milestone: String, done: String) -> Result<(), AppError> {
    let user = authorize("mark_cycle")
        .await?
        .ok_or(AppError::Unauthorized)?;
    crate::api::plan_year::check_year(fiscal_year)?;
    if !milestones(fiscal_year).iter().any(|m| m.key == milestone) {
        return Err(AppError::Invalid(format!(
            "\"{milestone}\" is not a milestone of the planning cycle."
        )));
    }
    let db = db()?;
    let done = done == "true";
    let mut tx = db.begin_write().await?;
    let changed = if done {
        cq::mark(&mut tx, fiscal_year, &milestone, &user.username).await?
    } else {
        cq::unmark(&mut tx, fiscal_year, &milestone).await?
    };
    if changed {
        let change = Change {
            action: if done { "mark_done" } else { "reopen" },
            object_type: "cycle",
            object_key: &format!("FY{fiscal_year} {milestone}"),
            before: Some(serde_json::json!({"done": !done})),
            after: Some(serde_json::json!({"done": done})),
        };
        record(&mut tx, &Actor::user(&user), change).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/cycle/{fiscal_year}"));
    Ok(())
}
