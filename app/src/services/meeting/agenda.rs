//! A review's agenda: built from the quarter's data when the review is opened, then
//! each item recorded, moved or added.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::TargetState;
use crate::model::meeting::{
    self as rules, ItemInput, ItemKind, Lagging, LateMilestone, Likelihood, Missing, Move,
    OpenAction, QuarterData, Troubled,
};
use crate::model::status::Status;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::meetings::{self as q, ItemRecord, NewItem};
use crate::services::audit::{self, Event};
use crate::services::Refused;
use chrono::NaiveDate;
use serde_json::json;

use crate::model::meeting::long_date;
use crate::services::meeting::{conflict, invalid, meeting_or_404, still_open};

/// What quarter `fq`'s data puts on its review's agenda on `today`.
pub async fn quarter_data(
    db: &Db,
    fq: FiscalQuarter,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<QuarterData, sqlx::Error> {
    let lines = crate::queries::status::strategy_lines(db).await?;
    let now = crate::queries::dashboard::current_statuses(db, fq).await?;
    let strategies = lines
        .iter()
        .filter_map(|l| match now.get(&l.number) {
            Some(s @ (Status::AtRisk | Status::OffTrack)) => Some(Troubled {
                number: l.number.clone(),
                text: l.text.clone(),
                off_track: *s == Status::OffTrack,
            }),
            _ => None,
        })
        .collect();
    let rows =
        crate::services::read::plan_year::app_rows(db, fq.year, cal, today, |_| true).await?;
    let measures = rows
        .into_iter()
        .filter_map(|r| {
            let rank = match r.state {
                TargetState::NotMet => 0,
                TargetState::Behind => 1,
                TargetState::DataLag => 2,
                _ if r.standing.likely_to_miss() => 3,
                _ => return None,
            };
            let mut reason = format!(
                "{} {}: {} (FY{} target {})",
                r.state.symbol(),
                r.state.label(),
                r.actual_shown,
                fq.year,
                r.target_shown
            );
            // Likely to miss is a reason of its own, whatever the state says so far.
            if let (true, Some(p)) = (
                r.standing.likely_to_miss(),
                crate::model::standing::chance(&r.standing.outlook),
            ) {
                reason.push_str(&format!(
                    "; {} likely to miss: {}",
                    crate::model::glossary::Mark::Down.glyph(),
                    crate::model::standing::chance_words(p)
                ));
            }
            Some(Lagging {
                id: r.measure.id,
                name: r.measure.name,
                reason,
                rank,
            })
        })
        .collect();
    let tracker = crate::services::read::tracker::tracker(db, fq, cal, today).await?;
    let unowned = tracker.unowned.iter().map(|(n, _)| n.clone()).collect();
    let missing = tracker
        .owners
        .into_iter()
        .filter(|o| o.missing() > 0)
        .map(|o| {
            let mut what = Vec::new();
            if !o.missing_status.is_empty() {
                what.push(format!("status of {}", o.missing_status.join(", ")));
            }
            if !o.returned.is_empty() {
                what.push(format!("returned: {}", o.returned.join(", ")));
            }
            if !o.missing_actuals.is_empty() {
                let n = o.missing_actuals.len();
                what.push(format!("{n} actual{}", if n == 1 { "" } else { "s" }));
            }
            Missing {
                username: o.username,
                name: o.display_name,
                what: format!("Missing: {}", what.join("; ")),
            }
        })
        .collect();
    let ip = crate::services::read::plan_year::ip_page(db, fq.year, cal, today).await?;
    let milestones = ip
        .milestones
        .into_iter()
        .filter(|m| m.overdue && m.quarter <= fq.quarter)
        .map(|m| LateMilestone {
            id: m.id,
            strategy: m.strategy,
            description: m.description,
            quarter: m.quarter,
        })
        .collect();
    let actions = q::open_actions(db, None)
        .await?
        .into_iter()
        .filter(|a| (a.fiscal_year, a.quarter) < (fq.year as i64, fq.quarter as i64))
        .map(|a| {
            let overdue = a.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str();
            OpenAction {
                id: a.id,
                title: a.title,
                owner: a.owner_name,
                due: long_date(&a.due_on),
                overdue,
            }
        })
        .collect();
    Ok(QuarterData {
        strategies,
        measures,
        missing,
        unowned,
        milestones,
        actions,
    })
}

/// Opens quarter `fq`'s review with the agenda its data proposes (a quarter not yet begun
/// is refused, and so is a second review of a quarter).
pub async fn open(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    today: (FiscalCalendar, NaiveDate),
) -> Result<(), Refused> {
    let (cal, day) = today;
    if fq > cal.quarter_of(day) {
        return Err(invalid(
            "quarter",
            format!("{fq} has not begun: its review opens once it has."),
        ));
    }
    let data = quarter_data(db, fq, today).await?;
    let proposed = rules::agenda(&data);
    let mut tx = db.begin_write().await?;
    let Some(meeting) = q::insert(&mut tx, fq, &actor.username).await? else {
        return Err(invalid(
            "quarter",
            format!("The {fq} review is already open."),
        ));
    };
    for (i, p) in proposed.iter().enumerate() {
        let item = NewItem {
            position: i as i64 + 1,
            kind: p.kind.as_str(),
            reference: &p.reference,
            title: &p.title,
            reason: &p.reason,
        };
        q::insert_item(&mut tx, meeting, &item).await?;
    }
    let event = Event::Meeting {
        action: "open_review",
        key: fq.slug(),
        after: json!({ "agenda items": proposed.len() }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Records item `id` of quarter `fq`'s review as typed, at the version the form had.
pub async fn record_item(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    id: i64,
    input: &ItemInput,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let item = q::item(db, id)
        .await?
        .filter(|i| i.meeting_id == m.id)
        .ok_or_else(|| AppError::NotFound("There is no such agenda item.".into()))?;
    let (likelihood, risk) = rules::check_item(input).map_err(Refused::Invalid)?;
    if let Some(r) = risk.filter(|r| Some(*r) != item.risk_category_id) {
        if !q::risks(db).await?.iter().any(|(id, _)| *id == r) {
            return Err(invalid("risk", "Choose a risk category from the list."));
        }
    }
    let record = ItemRecord {
        notes: input.notes.trim(),
        likelihood: likelihood.map(Likelihood::as_str),
        risk,
        improvement: input.improvement.trim(),
        decisions: input.decisions.trim(),
    };
    let mut tx = db.begin_write().await?;
    if !q::update_item(&mut tx, item.id, input.version, &record).await? {
        return Err(conflict());
    }
    let event = Event::Meeting {
        action: "record_item",
        key: format!("{} item {}", fq.slug(), item.id),
        after: json!({
            "item": item.title,
            "notes": record.notes,
            "likelihood": record.likelihood,
            "risk": risk,
            "improvement": record.improvement,
            "decisions": record.decisions,
        }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves item `id` one place up (`up`) or down the agenda.
pub async fn move_item(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    id: i64,
    direction: Move,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let items = q::items(db, m.id).await?;
    let Some(at) = items.iter().position(|i| i.id == id) else {
        return Err(AppError::NotFound("There is no such agenda item.".into()).into());
    };
    let other = match direction {
        Move::Up => at.checked_sub(1),
        Move::Down => Some(at + 1).filter(|o| *o < items.len()),
    };
    let Some(other) = other else {
        return Ok(());
    };
    let mut tx = db.begin_write().await?;
    // Positions as listed (1..n), with the two swapped.
    for (i, item) in items.iter().enumerate() {
        let to = if i == at {
            other
        } else if i == other {
            at
        } else {
            i
        };
        if item.position != to as i64 + 1 {
            q::set_position(&mut tx, item.id, to as i64 + 1).await?;
        }
    }
    let event = Event::Meeting {
        action: "move_item",
        key: format!("{} item {id}", fq.slug()),
        after: json!({ "item": items[at].title, "position": other + 1 }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an item by hand at the end of the agenda.
pub async fn add_item(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    title: &str,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let title = rules::check_title(title).map_err(|e| invalid("title", e))?;
    let last = q::items(db, m.id)
        .await?
        .iter()
        .map(|i| i.position)
        .max()
        .unwrap_or(0);
    let mut tx = db.begin_write().await?;
    let item = NewItem {
        position: last + 1,
        kind: ItemKind::Manual.as_str(),
        reference: "",
        title: &title,
        reason: "Added by hand",
    };
    q::insert_item(&mut tx, m.id, &item).await?;
    let event = Event::Meeting {
        action: "add_item",
        key: fq.slug(),
        after: json!({ "item": title }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
