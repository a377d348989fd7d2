//! The approval inbox of a quarter: every strategy's latest submitted update with its
//! review, and its measures' actuals (a fixed number of queries, whatever the plan's size).

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::inbox::{ActualLine, Inbox, Row, Show, Standing};
use crate::model::measure::Reading;
use sqlx::Error;
use std::collections::HashMap;

/// Page `page` of quarter `quarter`'s inbox, filtered by `show`; `reviewer`: whether the
/// reader may approve (each awaiting update is then `reviewable`).
pub async fn inbox(
    db: &Db,
    cal: FiscalCalendar,
    quarter: FiscalQuarter,
    (show, reviewer, page): (Show, bool, usize),
) -> Result<Inbox, Error> {
    let approval = crate::queries::settings::approval_required(db).await?;
    let lines = crate::queries::status::strategy_lines(db).await?;
    let states = crate::queries::reviews::quarter_states(db, quarter).await?;
    let mut submitted: HashMap<String, _> = crate::queries::status::submitted_in(db, quarter)
        .await?
        .into_iter()
        .map(|u| (u.strategy.clone(), u))
        .collect();
    let actuals = crate::queries::measure::actuals(db, (quarter.year, quarter.year)).await?;
    let measures = crate::queries::measure::list(db).await?;
    let threads = crate::model::comment::open_by_update(
        &crate::queries::comments::open_threads(db, "status_update")
            .await?
            .into_iter()
            .collect(),
    );
    let rows: Vec<Row> = lines
        .into_iter()
        .map(|line| {
            // The review of the latest submitted version, whatever draft follows it.
            let review = states
                .get(&line.number)
                .and_then(|(_, r)| r.as_ref())
                .map(|r| r.read(cal));
            let mut update = submitted.remove(&line.number);
            let (standing, returned) = match (review, &update) {
                (_, None) => (Standing::Missing, None),
                (Some(r), _) if r.approved => (Standing::Approved, None),
                (Some(r), _) => (Standing::Returned, Some((r.by, r.comment))),
                // Without approval a submitted update counts as it is.
                (None, Some(_)) if !approval => (Standing::Approved, None),
                (None, Some(_)) => (Standing::Awaiting, None),
            };
            if let Some(u) = &mut update {
                u.recorded = cal.label_timestamp(&u.created_at);
                u.reviewable = reviewer && approval && standing == Standing::Awaiting;
            }
            let actuals = measures
                .iter()
                .filter(|m| m.strategy.as_deref() == Some(line.number.as_str()))
                .map(|m| {
                    let reading = actuals
                        .get(&(m.id, quarter.year, quarter.quarter))
                        .copied()
                        .unwrap_or(Reading::Missing);
                    ActualLine {
                        measure: m.id,
                        name: m.name.clone(),
                        value: (reading != Reading::Missing).then(|| m.show_reading(reading)),
                    }
                })
                .collect();
            let open_threads = threads
                .get(&(line.number.clone(), quarter.year, quarter.quarter))
                .copied()
                .unwrap_or(0);
            Row {
                open_threads,
                number: line.number,
                title: line.text,
                owner: line.owner_label,
                standing,
                update,
                returned,
                actuals,
            }
        })
        .collect();
    Ok(Inbox::paged((quarter, approval), show, rows, page))
}
