//! Shortfall explanations: why a measure missed its APP target, as pages show them.

use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::measure::Shortfall;
use crate::queries::measure as mq;
use std::collections::HashMap;

/// The latest shortfall explanation of each (measure, FY) in some years.
pub async fn shortfalls(
    db: &Db,
    years: (i32, i32),
    cal: FiscalCalendar,
) -> Result<HashMap<(i64, i32), Shortfall>, sqlx::Error> {
    Ok(mq::shortfalls(db, years)
        .await?
        .into_iter()
        .map(|r| {
            let s = Shortfall {
                why: r.why,
                plan: r.plan,
                schedule: r.schedule,
                infeasible: r.infeasible,
                author: r.author_name,
                recorded: cal.label_timestamp(&r.created_at),
            };
            ((r.measure_id, r.fiscal_year as i32), s)
        })
        .collect())
}
