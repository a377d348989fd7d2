//! Follow-up actions from reviews as pages read them: one action, or a person's open ones.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::meeting::{long_date, Action};
use crate::model::AppError;
use crate::queries::meetings::{self as q, ActionRow};
use chrono::NaiveDate;

/// `user`'s open actions, overdue first (for My updates).
pub async fn actions_of(
    db: &Db,
    user: i64,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Vec<Action>, AppError> {
    let mut all: Vec<Action> = q::open_actions(db, Some(user))
        .await?
        .into_iter()
        .map(|a| action_of(a, today, cal))
        .collect();
    all.sort_by_key(|a| !a.overdue);
    Ok(all)
}

/// An action as pages show it on `today`.
pub fn action_of(a: ActionRow, today: NaiveDate, cal: FiscalCalendar) -> Action {
    let open = a.state == crate::model::meeting::State::Open;
    Action {
        overdue: open && a.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str(),
        due: long_date(&a.due_on),
        from: FiscalQuarter {
            year: a.fiscal_year as i32,
            quarter: a.quarter as u8,
        }
        .to_string(),
        item: a.item_title,
        closed: (!open).then(|| {
            format!(
                "Closed by {} on {}: {}",
                a.closed_by.unwrap_or_default(),
                cal.label_timestamp(&a.closed_at.unwrap_or_default()),
                a.closing_note
            )
        }),
        id: a.id,
        title: a.title,
        owner: a.owner_name,
        owner_id: a.owner_id,
        version: a.version,
    }
}
