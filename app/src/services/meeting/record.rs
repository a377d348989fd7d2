//! A review's record: its details and attendance, sign-off (the record is then
//! read-only) and addenda after it.

use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::meeting::{self as rules};
use crate::model::user::CurrentUser;
use crate::queries::audit::Actor;
use crate::queries::meetings::{self as q};
use crate::services::audit::{self, Event};
use crate::services::Refused;
use serde_json::json;

use crate::services::meeting::{conflict, invalid, meeting_or_404, still_open};

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

/// Signs the review off: its chair (or an administrator) closes it once its date and
/// chair are set; its record is read-only from then on.
pub async fn sign_off(
    db: &Db,
    user: Option<&CurrentUser>,
    fq: FiscalQuarter,
    version: i64,
) -> Result<(), Refused> {
    let actor = &user.map_or_else(Actor::system, Actor::user);
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
    if !crate::auth::policy::may_sign_off(user, chair) {
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
    // The planning cycle's review milestone is done with it, by the same person.
    let milestone = format!("wg_review_q{}", fq.quarter);
    crate::queries::cycle::mark(&mut tx, fq.year, &milestone, &actor.username).await?;
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
    if m.state != crate::model::meeting::State::Closed {
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
