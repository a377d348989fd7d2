//! Reviews as pages read them: one review's record, and the list of reviews.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::meeting::{
    Action, Addendum, AgendaItem, ItemKind, Likelihood, Meeting, MeetingLine, MeetingList,
};
use crate::model::AppError;
use crate::queries::meetings::{self as q};
use crate::services::read::actions::action_of;
use chrono::NaiveDate;

use crate::model::meeting::{long_date, State};
use crate::services::meeting::meeting_or_404;

/// Where an item leads.
fn link_of(kind: ItemKind, reference: &str) -> Option<String> {
    match kind {
        ItemKind::Strategy => Some(format!("/strategies/{reference}")),
        ItemKind::Measure => Some(format!("/measures/{reference}")),
        ItemKind::Missing => None,
        ItemKind::Milestone | ItemKind::Action | ItemKind::Manual => None,
    }
}

/// Quarter `fq`'s review as its page shows it; `can_run` says whether the reader may run it.
pub async fn meeting(
    db: &Db,
    fq: FiscalQuarter,
    can_run: bool,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Meeting, AppError> {
    let m = meeting_or_404(db, fq).await?;
    let stored = q::items(db, m.id).await?;
    let forecasts = if stored.iter().any(|i| i.kind == ItemKind::Measure) {
        forecasts(db, fq, (cal, today)).await?
    } else {
        Default::default()
    };
    let threads = crate::services::comment::open_counts(db, "agenda_item").await?;
    let mut items = Vec::new();
    for i in stored {
        let likelihood = i.likelihood.map(Likelihood::try_from).transpose();
        let forecast = match i.kind {
            ItemKind::Measure => i
                .reference
                .parse::<i64>()
                .ok()
                .and_then(|id| forecasts.get(&id).cloned()),
            _ => None,
        };
        items.push(AgendaItem {
            open_threads: threads.get(&i.id.to_string()).copied().unwrap_or(0),
            forecast,
            link: link_of(i.kind, &i.reference),
            likelihood: likelihood.map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            risk: i.risk_category_id.zip(i.risk_name),
            id: i.id,
            position: i.position,
            kind: i.kind,
            title: i.title,
            reason: i.reason,
            notes: i.notes,
            improvement: i.improvement,
            decisions: i.decisions,
            version: i.version,
        });
    }
    let actions = q::actions_of(db, m.id)
        .await?
        .into_iter()
        .map(|a| action_of(a, today, cal))
        .collect();
    let addenda = q::addenda(db, m.id)
        .await?
        .into_iter()
        .map(|(text, author, at)| Addendum {
            text,
            author,
            at: cal.label_timestamp(&at),
        })
        .collect();
    let slug = fq.slug();
    let (open, decided) = crate::services::proposal::all(db, cal).await?;
    let closed = m.state == State::Closed;
    let proposals = open
        .into_iter()
        .filter(|_| !closed)
        .chain(
            decided
                .into_iter()
                .rev()
                .filter(|p| p.meeting.as_deref() == Some(&slug)),
        )
        .collect();
    Ok(Meeting {
        quarter: fq,
        held_on: m.held_on,
        proposals,
        chair: m.chair_id.zip(m.chair_name),
        attendees: q::attendees(db, m.id).await?,
        guests: m.guests,
        signed_off: m.signed_off_by.map(|by| {
            format!(
                "Signed off by {by} on {}",
                cal.label_timestamp(&m.signed_off_at.unwrap_or_default())
            )
        }),
        version: m.version,
        items,
        actions,
        addenda,
        people: q::people(db).await?,
        risks: q::risks(db).await?,
        can_run,
        returned: None,
    })
}

/// Each measure's forecast as quarter `fq` ended (or as it stands, while it runs): the
/// likelihood it reads as and its words, by measure id.
async fn forecasts(
    db: &Db,
    fq: FiscalQuarter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<std::collections::HashMap<i64, (Likelihood, String)>, sqlx::Error> {
    use crate::model::standing::{chance, chance_words, likelihood_of, outlook_words};
    let end = cal.start_of(fq.next()).min(today);
    let rows = crate::services::read::plan_year::app_rows(db, fq.year, cal, end, |_| true).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let p = chance(&r.standing.outlook)?;
            let words = format!(
                "{} ({}; {})",
                chance_words(p),
                likelihood_of(p).words().to_lowercase(),
                outlook_words(&r.standing.outlook, &|v| r.measure.show(v)).to_lowercase()
            );
            Some((r.measure.id, (likelihood_of(p), words)))
        })
        .collect())
}

/// `/reviews`: every review, the quarter one may be opened for, and the open actions.
pub async fn list(
    db: &Db,
    can_run: bool,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<MeetingList, AppError> {
    let meetings: Vec<MeetingLine> = q::list(db)
        .await?
        .into_iter()
        .map(|l| MeetingLine {
            quarter: FiscalQuarter {
                year: l.fiscal_year as i32,
                quarter: l.quarter as u8,
            },
            held_on: long_date(&l.held_on),
            items: l.items,
            open_actions: l.open_actions,
            signed_off: l.state == State::Closed,
        })
        .collect();
    let now = cal.quarter_of(today);
    let next = [now.previous(), now]
        .into_iter()
        .find(|fq| !meetings.iter().any(|m| m.quarter == *fq));
    let mut actions: Vec<Action> = q::open_actions(db, None)
        .await?
        .into_iter()
        .map(|a| action_of(a, today, cal))
        .collect();
    actions.sort_by_key(|a| !a.overdue);
    Ok(MeetingList {
        meetings,
        next,
        can_run,
        actions,
        fiscal_year: now.year,
        risks: None,
        refused: None,
    })
}
