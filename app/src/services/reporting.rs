//! Which quarter a page shows and where it stands: the quarter asked for in the address,
//! else the reporting quarter, with its phase (call open, past due, in review, signed off)
//! read from the call schedule and its review.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::meeting::State;
use crate::model::reporting::{shown_quarter, QuarterPhase};
use chrono::NaiveDate;
use sqlx::Error;

/// Quarter `q` with where it stands on `today`.
pub async fn phase(
    db: &Db,
    q: FiscalQuarter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<QuarterPhase, Error> {
    let schedule = crate::queries::settings::call_schedule(db).await?;
    let signed_off = crate::queries::meetings::find(db, q)
        .await?
        .is_some_and(|m| m.state == State::Closed);
    Ok(QuarterPhase::of(schedule, cal, q, today, signed_off))
}

/// The quarter named by `asked` (an address's `?quarter=`), else the reporting quarter,
/// with where it stands.
pub async fn shown(
    db: &Db,
    asked: Option<&str>,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<QuarterPhase, Error> {
    let q = shown_quarter(asked, cal, today);
    let mut shown = phase(db, q, (cal, today)).await?;
    shown.picker = crate::model::reporting::picker(cal, today, q);
    Ok(shown)
}

/// The quarter status and actuals are recorded for by default on `today`.
pub async fn recording(
    db: &Db,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<FiscalQuarter, Error> {
    let schedule = crate::queries::settings::call_schedule(db).await?;
    Ok(crate::model::reporting::recording_quarter(
        schedule, cal, today,
    ))
}
