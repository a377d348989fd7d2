//! Who owns a strategy: its office and the people assigned to it, set on the strategy's
//! page by the working group and administrators. Assigning people is what lets a
//! manager record the strategy's status.

use super::audit::{self, Event, OwnersMark};
use crate::db::Db;
use crate::model::plan::OwnersForm;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::ownership as q;

/// The longest office name kept.
pub const OFFICE_MAX: usize = 120;

/// The ownership a form was opened on, as a token: "office|3,7".
pub fn seen_token(office: Option<&str>, ids: &[i64]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("{}|{}", office.unwrap_or_default(), ids.join(","))
}

/// The owners form of strategy `number` as it stands.
pub async fn owners_form(
    db: &Db,
    number: &str,
    office: Option<&str>,
) -> Result<OwnersForm, AppError> {
    let chosen = q::owner_ids(db, number).await?;
    let choices = q::candidates(db)
        .await?
        .into_iter()
        .map(|c| {
            let role = c.role.label().to_string();
            let label = format!(
                "{} ({}, {})",
                c.display_name,
                c.username,
                role.to_lowercase()
            );
            (c.id, label, chosen.contains(&c.id))
        })
        .collect();
    Ok(OwnersForm {
        office: office.unwrap_or_default().to_string(),
        choices,
        seen: seen_token(office, &chosen),
        error: None,
    })
}

/// Sets strategy `number`'s office and owners (user ids as sent by the form), unless its
/// ownership changed since the form was opened on `seen`. One transaction, audited.
pub async fn set_owners(
    db: &Db,
    actor: &Actor,
    number: &str,
    office: &str,
    owners: &[String],
    seen: &str,
) -> Result<(), AppError> {
    let office = office.trim();
    if office.chars().count() > OFFICE_MAX {
        return Err(AppError::Invalid(format!(
            "Give an office of up to {OFFICE_MAX} characters."
        )));
    }
    let office = (!office.is_empty()).then_some(office);
    let mut ids = Vec::new();
    for id in owners {
        let id = id
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::Invalid(format!("\"{id}\" is not one of the people listed.")))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "strategy_assignments").await?;
    let (strategy_id, before_office) = q::strategy(&mut tx, number).await?.ok_or_else(|| {
        AppError::NotFound(format!("There is no strategy {number} in this plan."))
    })?;
    let before = q::owners(&mut tx, strategy_id).await?;
    let before_ids: Vec<i64> = before.iter().map(|(id, _)| *id).collect();
    if seen_token(before_office.as_deref(), &before_ids) != seen {
        return Err(AppError::Conflict(format!(
            "Someone changed who owns strategy {number} after you opened this page. \
             It is shown as it is now; choose again and save."
        )));
    }
    let eligible = q::eligible(&mut tx, &ids).await?;
    if eligible.len() != ids.len() {
        return Err(AppError::Invalid(
            "Choose owners from the people listed: one is no longer an active account \
             that may own a strategy."
                .into(),
        ));
    }
    q::set_office(&mut tx, strategy_id, office).await?;
    q::set_owners(&mut tx, strategy_id, &before_ids, &ids).await?;
    let names = |list: &[(i64, String)]| list.iter().map(|(_, u)| u.clone()).collect();
    let event = Event::Owners {
        number: number.to_string(),
        before: OwnersMark {
            office: before_office,
            owners: names(&before),
        },
        after: OwnersMark {
            office: office.map(str::to_string),
            owners: names(&eligible),
        },
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
