//! The briefing packet of a quarter's review: the page and the PDF read the same packet.

use crate::model::AppError;
use leptos::prelude::*;

use crate::model::meeting::Packet;
#[cfg(feature = "ssr")]
use crate::{
    api::meeting::{quarter_of, when},
    auth::authorize,
    state::db,
};
#[cfg(feature = "ssr")]
use crate::{model::fiscal::FiscalQuarter, services::meeting as service};
use leptos::server_fn::codec::GetUrl;

/// Quarter `quarter`'s briefing packet: the review, and the dashboard's charts drawn.
#[server(input = GetUrl)]
pub async fn get_packet(quarter: String) -> Result<Packet, AppError> {
    authorize(crate::auth::UseCase::GetPacket).await?;
    let fq = quarter_of(&quarter)?;
    let db = db()?;
    let when = when(&db).await?;
    packet(&db, fq, when).await
}

/// The packet of quarter `fq`'s review on `when` (the page and the PDF both read it).
#[cfg(feature = "ssr")]
pub async fn packet(
    db: &crate::db::Db,
    fq: FiscalQuarter,
    (cal, today): (crate::model::fiscal::FiscalCalendar, chrono::NaiveDate),
) -> Result<Packet, AppError> {
    let (mut packet, charts) = service::packet::packet(db, fq, (cal, today)).await?;
    packet.charts = crate::api::dashboard::draw(db, charts, Some(fq)).await?;
    Ok(packet)
}
