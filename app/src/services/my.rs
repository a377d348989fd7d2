//! The quarterly data call as people follow it: "My updates" (a person's strategies and
//! the measures attached to them, with this quarter's status and actuals) and the working
//! group's tracker (who has recorded what, by owner and by goal).

use super::read::tracker::state_of;
use crate::db::Db;
use crate::model::call::{MyMeasure, MyStrategy, MyUpdates};
use crate::model::fiscal::FiscalCalendar;
use crate::model::fiscal::FiscalQuarter;
use crate::model::measure::Reading;
use crate::model::user::CurrentUser;
use crate::model::AppError;
use chrono::NaiveDate;

/// `user`'s updates for `quarter`, with a form for each of their strategies.
pub async fn my_updates(
    db: &Db,
    user: &CurrentUser,
    quarter: FiscalQuarter,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<MyUpdates, AppError> {
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let mine = crate::queries::ownership::assigned_to(db, user.id).await?;
    let now = crate::queries::dashboard::current_statuses(db, quarter).await?;
    let numbers: Vec<&String> = mine.iter().map(|(n, _)| n).collect();
    let states = crate::queries::reviews::quarter_states(db, quarter).await?;
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
    let mut forms = Vec::new();
    for (number, _) in &mine {
        let form =
            crate::services::status::status_form(db, Some(user), number, quarter, (cal, today));
        forms.push(form.await?);
    }
    Ok(MyUpdates {
        quarter,
        due: schedule.due(cal, quarter).format("%-d %B %Y").to_string(),
        locks: schedule.lock(cal, quarter).format("%-d %B %Y").to_string(),
        state: schedule.state(cal, quarter, today),
        strategies: mine
            .into_iter()
            .map(|(number, text)| MyStrategy {
                status: now.get(&number).copied(),
                state: state_of(&states, &number, cal),
                number,
                text,
            })
            .collect(),
        forms,
        measures,
        approval: crate::queries::settings::approval_required(db).await?,
        open: crate::model::reminder::quarters_in_call(schedule, cal, today),
        actions: super::read::actions::actions_of(db, user.id, (cal, today)).await?,
        mentions: super::comment::mentions(db, user.id, cal).await?,
    })
}
