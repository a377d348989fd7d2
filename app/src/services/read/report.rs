//! The Annual Performance Report of a fiscal year as its page reads it.

use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::report::{build, Report};
use crate::queries::plan_year as pq;
use chrono::NaiveDate;

/// Year `fy`'s report on `today`: each measure with a target in the year against its
/// actual, the five years before, and the explanations of targets not met.
pub async fn report(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Report, sqlx::Error> {
    let rows = super::plan_year::app_rows(db, fy, cal, today, |_| true).await?;
    let explained = super::shortfalls::shortfalls(db, (fy, fy), cal).await?;
    let goals = pq::goals(db).await?;
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(_, p)| p.title)
        .unwrap_or_default();
    Ok(build((fy, plan), &goals, rows, &explained, (cal, today)))
}
