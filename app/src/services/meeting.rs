//! The working group's quarterly review meeting: opening it with an agenda built from the
//! quarter's data, recording each item, reordering and adding items, attendance, follow-up
//! actions, sign-off (after which the record is read-only) and addenda. Each use case is
//! one transaction with its audit event.

use super::audit::{self, Event};
use super::read::actions::action_of;
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::TargetState;
use crate::model::meeting::{
    self as rules, Action, Addendum, AgendaItem, ItemInput, ItemKind, Likelihood, Meeting,
    MeetingLine, MeetingList, QuarterData,
};
use crate::model::status::Status;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::meetings::{self as q, ItemRecord, MeetingRow, NewAction, NewItem};
use chrono::NaiveDate;
use serde_json::json;

use crate::model::meeting::long_date;

fn invalid(field: &str, message: impl Into<String>) -> Refused {
    Refused::Invalid(vec![(field.to_string(), message.into())])
}

fn conflict() -> Refused {
    Refused::Error(AppError::Conflict(
        "Someone else changed this review since you opened it: nothing was saved. The page now shows their change; make yours again.".into(),
    ))
}

/// Quarter `fq`'s meeting or a 404.
async fn meeting_or_404(db: &Db, fq: FiscalQuarter) -> Result<MeetingRow, AppError> {
    q::find(db, fq)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No review has been opened for {fq}.")))
}

/// Refuses a change to a signed-off meeting.
fn still_open(m: &MeetingRow, fq: FiscalQuarter) -> Result<(), Refused> {
    if m.state == "closed" {
        return Err(invalid(
            "review",
            format!(
                "The {fq} review is signed off: its record is read-only. Add an addendum instead."
            ),
        ));
    }
    Ok(())
}

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
            Some(Status::AtRisk) => Some((l.number.clone(), l.text.clone(), false)),
            Some(Status::OffTrack) => Some((l.number.clone(), l.text.clone(), true)),
            _ => None,
        })
        .collect();
    let rows = super::read::plan_year::app_rows(db, fq.year, cal, today, |_| true).await?;
    let measures = rows
        .into_iter()
        .filter_map(|r| {
            let rank = match r.state {
                TargetState::NotMet => 0,
                TargetState::Behind => 1,
                TargetState::DataLag => 2,
                _ => return None,
            };
            let reason = format!(
                "{} {}: {} of a target of {}",
                r.state.symbol(),
                r.state.label(),
                r.actual_shown,
                r.target_shown
            );
            Some((r.measure.id, r.measure.name, reason, rank))
        })
        .collect();
    let tracker = super::read::tracker::tracker(db, fq, cal, today).await?;
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
            (
                o.username,
                o.display_name,
                format!("Missing: {}", what.join("; ")),
            )
        })
        .collect();
    let ip = super::read::plan_year::ip_page(db, fq.year, cal, today).await?;
    let milestones = ip
        .milestones
        .into_iter()
        .filter(|m| m.overdue && m.quarter <= fq.quarter)
        .map(|m| (m.id, m.strategy, m.description, m.quarter))
        .collect();
    let actions = q::open_actions(db, None)
        .await?
        .into_iter()
        .filter(|a| (a.fiscal_year, a.quarter) < (fq.year as i64, fq.quarter as i64))
        .map(|a| {
            let overdue = a.due_on.as_str() < today.format("%Y-%m-%d").to_string().as_str();
            (a.id, a.title, a.owner_name, long_date(&a.due_on), overdue)
        })
        .collect();
    Ok(QuarterData {
        strategies,
        measures,
        missing,
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

/// Where an item leads.
fn link_of(kind: &str, reference: &str) -> Option<String> {
    match ItemKind::parse(kind)? {
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
    let items = q::items(db, m.id)
        .await?
        .into_iter()
        .map(|i| AgendaItem {
            link: link_of(&i.kind, &i.reference),
            likelihood: i.likelihood.as_deref().and_then(Likelihood::parse),
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
        })
        .collect();
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
    let closed = m.state == "closed";
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
            signed_off: l.state == "closed",
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
    up: bool,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let items = q::items(db, m.id).await?;
    let Some(at) = items.iter().position(|i| i.id == id) else {
        return Err(AppError::NotFound("There is no such agenda item.".into()).into());
    };
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|o| *o < items.len())
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

/// What the details form sends.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct DetailsInput {
    pub held_on: String,
    pub chair: String,
    pub attendees: Vec<String>,
    pub guests: String,
    pub version: i64,
}

/// Sets the meeting's date, chair, attendees and guests.
pub async fn set_details(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    input: &DetailsInput,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let mut errors = Vec::new();
    let held_on = match input.held_on.trim() {
        "" => String::new(),
        s => match rules::check_date(s, "meeting date") {
            Ok(d) => d.format("%Y-%m-%d").to_string(),
            Err(e) => {
                errors.push(("held_on".to_string(), e));
                String::new()
            }
        },
    };
    let people = q::people(db).await?;
    let known = |s: &str| {
        s.parse::<i64>()
            .ok()
            .filter(|id| people.iter().any(|(p, _)| p == id))
    };
    let chair = match input.chair.trim() {
        "" => None,
        s => match known(s) {
            Some(id) => Some(id),
            None => {
                errors.push((
                    "chair".to_string(),
                    "Choose the chair from the list.".to_string(),
                ));
                None
            }
        },
    };
    let mut attendees = Vec::new();
    for a in &input.attendees {
        match known(a) {
            Some(id) if !attendees.contains(&id) => attendees.push(id),
            Some(_) => {}
            None => errors.push((
                "attendees".to_string(),
                "Choose attendees from the list.".to_string(),
            )),
        }
    }
    let guests = input.guests.trim();
    if guests.chars().count() > 1000 {
        errors.push((
            "guests".to_string(),
            "Keep the guests under 1000 characters.".to_string(),
        ));
    }
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let mut tx = db.begin_write().await?;
    if !q::update_details(&mut tx, m.id, input.version, (&held_on, chair, guests)).await? {
        return Err(conflict());
    }
    q::set_attendees(&mut tx, m.id, &attendees).await?;
    let event = Event::Meeting {
        action: "set_details",
        key: fq.slug(),
        after: json!({ "held on": held_on, "chair": chair, "attendees": attendees, "guests": guests }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a follow-up action (from item `item`, if given) owned by user `owner`, due `due`.
pub async fn add_action(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    (item, title, owner, due): (Option<i64>, &str, &str, &str),
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let mut errors = Vec::new();
    let title = rules::check_title(title).unwrap_or_else(|e| {
        errors.push(("title".to_string(), e));
        String::new()
    });
    let people = q::people(db).await?;
    let owner = owner
        .parse::<i64>()
        .ok()
        .filter(|id| people.iter().any(|(p, _)| p == id));
    if owner.is_none() {
        errors.push((
            "owner".to_string(),
            "Choose who owns the action.".to_string(),
        ));
    }
    let due = rules::check_date(due, "due date")
        .map_err(|e| errors.push(("due".to_string(), e)))
        .ok();
    let items = q::items(db, m.id).await?;
    if item.is_some_and(|i| !items.iter().any(|x| x.id == i)) {
        errors.push((
            "item".to_string(),
            "Choose an item of this agenda.".to_string(),
        ));
    }
    let (Some(owner), Some(due), true) = (owner, due, errors.is_empty()) else {
        return Err(Refused::Invalid(errors));
    };
    let due = due.format("%Y-%m-%d").to_string();
    let mut tx = db.begin_write().await?;
    let new = NewAction {
        meeting: m.id,
        item,
        title: &title,
        owner,
        due_on: &due,
        author: &actor.username,
    };
    let id = q::insert_action(&mut tx, &new).await?;
    let event = Event::Meeting {
        action: "add_action",
        key: format!("{} action {id}", fq.slug()),
        after: json!({ "action": title, "owner": owner, "due": due }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes action `id` with a note (required), at the version the form had. An action
/// closes whether or not its review is signed off: it carries until closed.
pub async fn close_action(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    note: &str,
) -> Result<(), Refused> {
    let a = q::action(db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such action.".into()))?;
    let note = note.trim();
    if note.is_empty() {
        return Err(invalid(
            "note",
            "Say how it was closed (a note is required).",
        ));
    }
    if note.chars().count() > rules::MAX_TEXT_CHARS {
        return Err(invalid("note", "Keep the note shorter."));
    }
    let mut tx = db.begin_write().await?;
    if !q::close_action(&mut tx, id, version, note, &actor.username).await? {
        return Err(conflict());
    }
    let fq = FiscalQuarter {
        year: a.fiscal_year as i32,
        quarter: a.quarter as u8,
    };
    let event = Event::Meeting {
        action: "close_action",
        key: format!("{} action {id}", fq.slug()),
        after: json!({ "action": a.title, "note": note }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Signs the review off: its chair (or an administrator) closes it once its date and
/// chair are set; its record is read-only from then on.
pub async fn sign_off(
    db: &Db,
    actor: &Actor,
    admin: bool,
    fq: FiscalQuarter,
    version: i64,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    still_open(&m, fq)?;
    let Some(chair) = m.chair_id else {
        return Err(invalid(
            "review",
            "Set the meeting's date and chair before signing it off.",
        ));
    };
    if m.held_on.is_empty() {
        return Err(invalid(
            "review",
            "Set the meeting's date before signing it off.",
        ));
    }
    if actor.user_id != Some(chair) && !admin {
        let name = m.chair_name.unwrap_or_default();
        return Err(invalid(
            "review",
            format!("Only the chair ({name}) or an administrator signs the review off."),
        ));
    }
    let mut tx = db.begin_write().await?;
    if !q::sign_off(&mut tx, m.id, version, &actor.username).await? {
        return Err(conflict());
    }
    let event = Event::Meeting {
        action: "sign_off",
        key: fq.slug(),
        after: json!({ "signed off": true }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an addendum to a signed-off review.
pub async fn add_addendum(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    text: &str,
) -> Result<(), Refused> {
    let m = meeting_or_404(db, fq).await?;
    if m.state != "closed" {
        return Err(invalid(
            "text",
            "The review is still open: record this on its agenda instead.",
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("text", "Write the addendum."));
    }
    if text.chars().count() > rules::MAX_TEXT_CHARS {
        return Err(invalid("text", "Keep the addendum shorter."));
    }
    let mut tx = db.begin_write().await?;
    q::insert_addendum(&mut tx, m.id, text, &actor.username).await?;
    let event = Event::Meeting {
        action: "add_addendum",
        key: fq.slug(),
        after: json!({ "addendum": text }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a risk category to the list agenda items choose from (administrators).
pub async fn add_risk(db: &Db, actor: &Actor, name: &str) -> Result<(), Refused> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(invalid(
            "name",
            "Give the risk category a name of at most 80 characters.",
        ));
    }
    let mut tx = db.begin_write().await?;
    if !q::add_risk(&mut tx, name).await? {
        return Err(invalid(
            "name",
            format!("\u{201c}{name}\u{201d} is on the list already."),
        ));
    }
    let event = Event::Meeting {
        action: "add_risk",
        key: name.to_string(),
        after: json!({ "risk category": name }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Retires a risk category: no longer offered; items that have it keep it.
pub async fn retire_risk(db: &Db, actor: &Actor, id: i64) -> Result<(), Refused> {
    let mut tx = db.begin_write().await?;
    let Some(name) = q::retire_risk(&mut tx, id).await? else {
        return Err(
            AppError::NotFound("There is no such risk category on the list.".into()).into(),
        );
    };
    let event = Event::Meeting {
        action: "retire_risk",
        key: name.clone(),
        after: json!({ "retired": name }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
