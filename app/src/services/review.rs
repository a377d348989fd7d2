//! The working group's approval or return of a submitted status update.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::review::check_comment;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::{reviews, settings};

/// Approves (`comment` None) or returns (with the comment) version `version` of strategy
/// `number`'s update for `fq`, which must be the latest submitted one and not yet
/// reviewed. Refused while an administrator has turned approval off.
pub async fn review(
    db: &Db,
    actor: &Actor,
    (strategy_id, number): (i64, &str),
    fq: FiscalQuarter,
    (version, at): (i64, chrono::DateTime<chrono::Utc>),
    comment: Option<&str>,
) -> Result<(), Refused> {
    if !settings::approval_required(db).await? {
        return Err(AppError::Invalid(
            "Approval is turned off: submitted updates count without it.".into(),
        )
        .into());
    }
    let comment = match comment {
        Some(c) => check_comment(c).map_err(|e| Refused::Invalid(vec![("comment".into(), e)]))?,
        None => String::new(),
    };
    if reviews::latest_submitted(db, strategy_id, fq).await? != Some(version) {
        return Err(AppError::Conflict(format!(
            "Version {version} is no longer the latest submitted update of strategy {number} for {fq}: review the one shown now."
        ))
        .into());
    }
    let approved = comment.is_empty();
    let mut tx = db.begin_write().await?;
    let by = (actor.user_id, actor.username.as_str());
    let inserted =
        reviews::insert(&mut tx, strategy_id, fq, version, approved, &comment, by).await?;
    if inserted.is_none() {
        return Err(AppError::Conflict(
            "Someone else approved or returned this update a moment ago.".into(),
        )
        .into());
    }
    if !approved {
        tell_owners(
            &mut tx,
            (strategy_id, number),
            fq,
            (&actor.username, at),
            &comment,
        )
        .await?;
    }
    let event = Event::Review {
        number: number.to_string(),
        quarter: fq,
        version,
        approved,
        comment,
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    tracing::info!(strategy = %number, quarter = %fq, version, approved, "status reviewed");
    Ok(())
}

/// Tells each owner of the strategy at once that their update was returned, and why (in
/// the review's transaction: no return without its message, no message without it).
async fn tell_owners(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    (strategy_id, number): (i64, &str),
    fq: FiscalQuarter,
    (by, at): (&str, chrono::DateTime<chrono::Utc>),
    comment: &str,
) -> Result<(), sqlx::Error> {
    let subject = format!("Returned for correction: strategy {number}, {fq}");
    let body = format!(
        "{by} returned your {fq} update of strategy {number}:\n\n\u{201c}{comment}\u{201d}\n\nCorrect it and submit it again on My updates: {}\n",
        super::outbox::my_link()
    );
    let now = super::outbox::stamp(at);
    for (user_id, _) in crate::queries::ownership::owners(tx, strategy_id).await? {
        let m = crate::queries::outbox::NewMessage {
            user_id,
            subject: &subject,
            body: &body,
            kind: crate::model::notify::MessageKind::Returned,
            dedupe_key: None,
            now: &now,
        };
        crate::queries::outbox::queue(tx, &m).await?;
    }
    Ok(())
}
