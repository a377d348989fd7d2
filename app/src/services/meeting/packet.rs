//! A review's briefing packet, read once for every door (the page, the PDF, a scheduled
//! report): the review, the dashboard of its quarter, its exceptions and the plan changes
//! approved at it. The charts come back undrawn; each door draws them its own way.

use crate::db::Db;
use crate::model::chart::Chart;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::meeting::Packet;
use crate::model::AppError;
use chrono::NaiveDate;

/// Quarter `fq`'s packet on `today` without its charts drawn, and the charts to draw.
pub async fn packet(
    db: &Db,
    fq: FiscalQuarter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<(Packet, Vec<Chart>), AppError> {
    let meeting = super::meeting(db, fq, false, (cal, today)).await?;
    // The packet is its review's quarter, whatever day it is printed.
    let parts = crate::services::dashboard::dashboard(db, cal, today, fq).await?;
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(_, p)| p.title)
        .unwrap_or_default();
    let packet = Packet {
        plan,
        dashboard_quarter: parts.quarter.to_string(),
        charts: Vec::new(),
        made: today.format("%-d %B %Y").to_string(),
        exceptions: parts.exceptions,
        approved: crate::services::revision::approved_at(db, fq).await?,
        meeting,
    };
    Ok((packet, parts.charts))
}
