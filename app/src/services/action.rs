//! Follow-up actions from a review: added with an owner and a due date, closed with a note.

use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::meeting::{self as rules};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::meetings::{self as q, NewAction};
use crate::services::audit::{self, Event};
use crate::services::Refused;
use serde_json::json;

use crate::services::meeting::{conflict, invalid, meeting_or_404, still_open};

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
