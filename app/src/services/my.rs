//! "My updates": a person's strategies and the measures attached to them, with this
//! quarter's status and actuals and the quarter's data call (due, locks, overdue).

use crate::db::Db;
use crate::model::call::{MyMeasure, MyStrategy, MyUpdates};
use crate::model::fiscal::FiscalCalendar;
use crate::model::measure::Reading;
use crate::model::user::CurrentUser;
use chrono::NaiveDate;
use sqlx::Error;

/// `user`'s updates for the quarter `today` falls in.
pub async fn my_updates(
    db: &Db,
    user: &CurrentUser,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<MyUpdates, Error> {
    let quarter = cal.quarter_of(today);
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let mine = crate::queries::ownership::assigned_to(db, user.id).await?;
    let now = crate::queries::dashboard::current_statuses(db, quarter).await?;
    let numbers: Vec<&String> = mine.iter().map(|(n, _)| n).collect();
    let actuals = crate::queries::measure::actuals(db, (quarter.year, quarter.year)).await?;
    let measures = crate::queries::measure::list(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            let strategy = m.strategy.clone().filter(|s| numbers.contains(&s))?;
            let reading = actuals
                .get(&(m.id, quarter.year, quarter.quarter))
                .copied()
                .unwrap_or_default();
            Some(MyMeasure {
                actual: (reading != Reading::Missing).then(|| m.show_reading(reading)),
                id: m.id,
                name: m.name,
                strategy,
            })
        })
        .collect();
    Ok(MyUpdates {
        quarter,
        due: schedule.due(cal, quarter).format("%-d %B %Y").to_string(),
        locks: schedule.lock(cal, quarter).format("%-d %B %Y").to_string(),
        state: schedule.state(cal, quarter, today),
        strategies: mine
            .into_iter()
            .map(|(number, text)| MyStrategy {
                status: now.get(&number).copied(),
                number,
                text,
            })
            .collect(),
        measures,
    })
}
