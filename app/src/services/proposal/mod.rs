//! Change proposals: proposing a change with its reason, and deciding proposals at a
//! quarter's review, where approval applies every approved change in one transaction
//! and records them as one numbered plan revision.

mod apply;

use super::audit::{self, Event};
use super::revision;
use super::Refused;
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::proposal::{
    self as rules, Change, Level, Proposal, ProposalInput, ProposalState,
};
use crate::model::vocabulary::stored_json;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::changes::{self as q, ProposalRow};
use apply::apply;
use serde_json::json;
use sqlx::{Any, Transaction};

type Tx = Transaction<'static, Any>;

pub(super) fn refused(message: String) -> Refused {
    Refused::Error(AppError::Invalid(message))
}

/// A stored proposal as listed.
fn proposal_of(r: ProposalRow, cal: FiscalCalendar) -> Result<Proposal, AppError> {
    let change: Change = stored_json("change_proposals.change", &r.change)?;
    let meeting = r.fiscal_year.zip(r.quarter).map(|(y, q)| {
        FiscalQuarter {
            year: y as i32,
            quarter: q as u8,
        }
        .slug()
    });
    Ok(Proposal {
        id: r.id,
        kind: r.kind,
        description: change.describe(),
        subject: r.subject,
        reason: r.reason,
        state: r.state,
        proposed: format!("{}, {}", r.proposed_by, cal.label_timestamp(&r.proposed_at)),
        decided: r.decided_at.as_ref().map(|at| {
            format!(
                "{}, {}",
                r.decided_by.clone().unwrap_or_default(),
                cal.label_timestamp(at)
            )
        }),
        decision: r.decision,
        revision: r.revision,
        meeting,
        wording: None,
    })
}

/// Every proposal: (open, oldest first; decided, newest first). An open wording change
/// carries the wording it would replace, words marked.
pub async fn all(db: &Db, cal: FiscalCalendar) -> Result<(Vec<Proposal>, Vec<Proposal>), AppError> {
    let mut every = Vec::new();
    let mut texts: Vec<(i64, String, String)> = Vec::new();
    for r in q::proposals(db).await? {
        let change: Change = stored_json("change_proposals.change", &r.change)?;
        if let (ProposalState::Proposed, Change::Text { item, text }) = (r.state, &change) {
            texts.push((r.id, item.clone(), text.clone()));
        }
        every.push(proposal_of(r, cal)?);
    }
    if !texts.is_empty() {
        let now = q::current_wording(db).await?;
        for p in &mut every {
            if let Some((_, item, text)) = texts.iter().find(|(id, _, _)| *id == p.id) {
                let current = now.get(item).cloned().unwrap_or_default();
                p.wording = Some(crate::model::diff::Wording::of(&current, text));
            }
        }
    }
    let (mut open, decided): (Vec<Proposal>, Vec<Proposal>) = every
        .into_iter()
        .partition(|p| p.state == ProposalState::Proposed);
    open.reverse();
    Ok((open, decided))
}

/// Checks that goal, objective or strategy `number` is in the plan and not retired.
async fn live(tx: &mut Tx, level: Level, number: &str) -> Result<(), String> {
    let code = match level {
        Level::Goal => 1,
        Level::Objective => 2,
        Level::Strategy => 3,
    };
    match q::item(tx, code, number).await {
        Ok(Some((_, None))) => Ok(()),
        Ok(Some((_, Some(r)))) => Err(format!(
            "{} {number} was retired in revision {r}.",
            level.label()
        )),
        Ok(None) => Err(format!(
            "There is no {} {number} in this plan.",
            level.label().to_lowercase()
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Checks that `change` applies to the plan as it stands in `tx`.
async fn still_applies(tx: &mut Tx, change: &Change) -> Result<(), String> {
    match change {
        Change::Text { item, .. } | Change::Owner { item, .. } | Change::Retire { item } => {
            let level =
                Level::of(item).ok_or_else(|| format!("\"{item}\" is not a plan number."))?;
            live(tx, level, item).await
        }
        Change::New { parent, .. } => match Level::of(parent) {
            None => Ok(()),
            Some(level) => live(tx, level, parent).await,
        },
        Change::Measure { measure, .. } | Change::Target { measure, .. } => {
            let all = crate::queries::measure::list_in(&mut **tx)
                .await
                .map_err(|e| e.to_string())?;
            if all.iter().any(|m| m.id == *measure) {
                Ok(())
            } else {
                Err(format!("There is no measure {measure}."))
            }
        }
        Change::Import { .. } => Ok(()),
        Change::BusinessPlan { item, .. } => live(tx, Level::Strategy, item).await,
    }
}

/// Records a proposed change with its reason; returns its id. One transaction, audited.
pub async fn propose(db: &Db, actor: &Actor, input: &ProposalInput) -> Result<i64, Refused> {
    let change = rules::check(input).map_err(Refused::Invalid)?;
    let mut tx = db.begin_write().await.map_err(AppError::from)?;
    if let Err(m) = still_applies(&mut tx, &change).await {
        let field = match change {
            Change::Measure { .. } | Change::Target { .. } => "measure",
            _ => "item",
        };
        return Err(Refused::Invalid(vec![(field.into(), m)]));
    }
    let id = insert(&mut tx, actor, &change, input.reason.trim()).await?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(id)
}

/// Stores `change` as a proposal inside `tx`, audited; returns its id.
pub async fn insert(
    tx: &mut Tx,
    actor: &Actor,
    change: &Change,
    reason: &str,
) -> Result<i64, AppError> {
    let subject = change.describe();
    let body = serde_json::to_string(change).unwrap_or_default();
    let id = q::insert_proposal(
        tx,
        (change.kind(), &subject, &body),
        reason,
        &actor.username,
    )
    .await?;
    let event = Event::Change {
        action: "propose",
        object: "proposal",
        key: format!("proposal {id}"),
        after: json!({ "change": change, "reason": reason }),
    };
    audit::write(tx, actor, &event).await?;
    Ok(id)
}

/// What a review decided: the proposals approved (applied together as one revision) and
/// rejected, with the decision's words.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    pub approve: Vec<i64>,
    pub reject: Vec<i64>,
    pub note: String,
}

/// Records quarter `fq`'s review decisions on open proposals: approved changes applied in
/// one transaction as the next plan revision (its number returned), all or nothing.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    fq: FiscalQuarter,
    d: &Decisions,
) -> Result<Option<i64>, Refused> {
    let note = d.note.trim();
    if d.approve.is_empty() && d.reject.is_empty() {
        return Err(Refused::Invalid(vec![(
            "decision".into(),
            "Tick the proposals to approve or reject.".into(),
        )]));
    }
    if let Some(id) = d.approve.iter().find(|id| d.reject.contains(id)) {
        return Err(Refused::Invalid(vec![(
            "decision".into(),
            format!("Proposal {id} is ticked both to approve and to reject: choose one."),
        )]));
    }
    if note.chars().count() > rules::TEXT_MAX {
        return Err(Refused::Invalid(vec![(
            "note".into(),
            "Keep the decision under 4,000 characters.".into(),
        )]));
    }
    let meeting = crate::queries::meetings::find(db, fq)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| AppError::NotFound(format!("No review has been opened for {fq}.")))?;
    if meeting.state == crate::model::meeting::State::Closed {
        return Err(refused(format!(
            "The {fq} review is signed off: decide proposals at an open review."
        )));
    }
    let mut tx = db.begin_write().await.map_err(AppError::from)?;
    crate::queries::lock_for_write(db, &mut tx, "change_proposals")
        .await
        .map_err(AppError::from)?;
    let open = q::open_proposals_in(&mut tx)
        .await
        .map_err(AppError::from)?;
    for id in d.approve.iter().chain(&d.reject) {
        if !open.iter().any(|p| p.id == *id) {
            return Err(Refused::Error(AppError::Conflict(format!(
                "Proposal {id} is no longer open: someone decided it since you opened this page. Nothing was saved; the page now shows where things stand."
            ))));
        }
    }
    let mut revision = None;
    if !d.approve.is_empty() {
        revision::ensure_base(&mut tx, actor)
            .await
            .map_err(AppError::from)?;
        let number = revision::next_number(&mut tx)
            .await
            .map_err(AppError::from)?;
        let mut reasons = Vec::new();
        for p in open.iter().filter(|p| d.approve.contains(&p.id)) {
            let change: Change = serde_json::from_str(&p.change)
                .map_err(|_| refused(format!("Proposal {} cannot be read.", p.id)))?;
            if let Err(m) = still_applies(&mut tx, &change).await {
                return Err(refused(format!(
                    "Nothing was saved: proposal {} no longer applies. {m}",
                    p.id
                )));
            }
            apply(&mut tx, actor, &change, number).await?;
            reasons.push(format!(
                "Proposal {} ({}): {}",
                p.id,
                change.describe(),
                p.reason
            ));
        }
        let id = revision::record(
            &mut tx,
            actor,
            (number, Some(meeting.id)),
            &reasons.join("\n"),
        )
        .await
        .map_err(AppError::from)?;
        revision = Some((id, number));
    }
    let decided = [
        (&d.approve, ProposalState::Approved),
        (&d.reject, ProposalState::Rejected),
    ];
    for (ids, state) in decided {
        let approved = state == ProposalState::Approved;
        for id in ids {
            let made = revision.map(|(r, _)| r).filter(|_| approved);
            if !q::decide(
                &mut tx,
                *id,
                (state, meeting.id, made),
                note,
                &actor.username,
            )
            .await
            .map_err(AppError::from)?
            {
                return Err(Refused::Error(AppError::Conflict(format!(
                    "Proposal {id} was decided by someone else just now. Nothing was saved."
                ))));
            }
            let event = Event::Change {
                action: if approved { "approve" } else { "reject" },
                object: "proposal",
                key: format!("proposal {id}"),
                after: json!({ "review": fq.slug(), "decision": note, "revision": revision.map(|(_, n)| n) }),
            };
            audit::write(&mut tx, actor, &event)
                .await
                .map_err(AppError::from)?;
        }
    }
    tx.commit().await.map_err(AppError::from)?;
    Ok(revision.map(|(_, n)| n))
}
