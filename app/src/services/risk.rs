//! Risk categories the working group files review items under: added and retired.

use crate::db::Db;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::meetings::{self as q};
use crate::services::audit::{self, Event};
use crate::services::Refused;
use serde_json::json;

use crate::services::meeting::invalid;

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
