//! `plantrack forecast-check`: the forecast back-tested on the data as they are (every
//! measure's complete past years replayed as if at the end of Q1, Q2 and Q3).

use crate::db::Db;
use crate::model::backtest::{back_test, BackTest, History};
use crate::model::fiscal::FiscalCalendar;
use crate::queries::measure as mq;
use chrono::NaiveDate;

/// Back-tests the forecast on every measure's years that ended before `today`.
pub async fn forecast_check(
    db: &Db,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<BackTest, sqlx::Error> {
    let last = cal.quarter_of(today).year - 1;
    let span = (*crate::model::fiscal::PLAN_YEARS.start(), last);
    let measures = mq::list(db).await?;
    let targets = mq::targets(db, span).await?;
    let actuals = mq::actuals(db, span).await?;
    let first = actuals.keys().map(|(_, y, _)| *y).min().unwrap_or(last);
    let histories: Vec<History> = measures
        .iter()
        .map(|m| History {
            rule: m.rule,
            years: (first..=last)
                .map(|y| {
                    let q = [1, 2, 3, 4]
                        .map(|q| actuals.get(&(m.id, y, q)).copied().and_then(|r| r.value()));
                    let target = targets.get(&m.id).and_then(|t| t.annual(y));
                    (y, q, target)
                })
                .collect(),
        })
        .collect();
    Ok(back_test(&histories))
}
