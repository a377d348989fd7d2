//! Plan revisions: the snapshot of the outline a revision keeps, recording one inside the
//! transaction that changed the plan, and the pages that list, show and compare them.

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::proposal::Level;
use crate::model::revision::{
    self as rules, Comparison, RevisionInfo, RevisionView, SnapItem, Snapshot,
};
use crate::model::vocabulary::stored_json;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::changes::{self as q, RevisionRow};
use crate::queries::import as iq;
use serde_json::json;
use sqlx::{Any, Transaction};

type Tx = Transaction<'static, Any>;

/// The outline as it stands inside `tx`: goals, objectives, strategies (with office and
/// owner) and measures, retired ones marked.
pub async fn snapshot(tx: &mut Tx) -> Result<Snapshot, sqlx::Error> {
    let Some(plan) = iq::plan(tx).await? else {
        return Ok(Snapshot::default());
    };
    let mut items: Vec<SnapItem> = q::items(&mut **tx, plan.id)
        .await?
        .into_iter()
        .map(|r| {
            let level = match r.level {
                1 => Level::Goal,
                2 => Level::Objective,
                _ => Level::Strategy,
            };
            let mut text = r.text.unwrap_or_default();
            let owner: Vec<String> = [("office", r.office), ("owner", r.person)]
                .into_iter()
                .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{k}: {v}")))
                .collect();
            if !owner.is_empty() {
                text = format!("{text} ({})", owner.join("; "));
            }
            SnapItem {
                label: format!("{} {}", level.label(), r.number),
                key: r.number,
                text,
                retired: r.retired_in.is_some(),
            }
        })
        .collect();
    items.extend(q::measures(&mut **tx).await?.into_iter().map(|m| SnapItem {
        key: format!("m{}", m.id),
        label: format!("Measure {} ({})", m.id, m.attached),
        text: if m.unit.is_empty() {
            m.name
        } else {
            format!("{} [{}]", m.name, m.unit)
        },
        retired: false,
    }));
    Ok(Snapshot { items }.sorted())
}

/// Records the next revision with the outline as it now stands in `tx` (reserve its
/// number first with [`next_number`] when a change needs it); audited. Returns its id.
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    (number, meeting): (i64, Option<i64>),
    reasons: &str,
) -> Result<i64, sqlx::Error> {
    let snap = snapshot(tx).await?;
    let outline = serde_json::to_string(&snap).unwrap_or_default();
    let id = q::insert_revision(tx, number, meeting, reasons, (&outline, &actor.username)).await?;
    let (items, retired, measures) = snap.counts();
    let event = Event::Change {
        action: "revise",
        object: "revision",
        key: format!("revision {number}"),
        after: json!({ "reasons": reasons, "items": items, "retired": retired, "measures": measures }),
    };
    audit::write(tx, actor, &event).await?;
    Ok(id)
}

/// The number the next revision takes.
pub async fn next_number(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    q::next_revision(tx).await
}

/// Records revision 1, the plan as it stood before its first recorded change, when no
/// revision exists yet (a plan imported before revisions were kept).
pub async fn ensure_base(tx: &mut Tx, actor: &Actor) -> Result<(), sqlx::Error> {
    if !q::has_revisions(tx).await? && iq::plan(tx).await?.is_some() {
        record(tx, actor, (1, None), "The plan as first recorded").await?;
    }
    Ok(())
}

/// A revision's stored snapshot of the plan.
fn kept(r: &RevisionRow) -> Result<Snapshot, AppError> {
    Ok(stored_json("plan_revisions.outline", &r.outline)?)
}

fn info(r: &RevisionRow, cal: FiscalCalendar) -> Result<RevisionInfo, AppError> {
    let snap = kept(r)?;
    Ok(RevisionInfo {
        number: r.number,
        date: cal.label_timestamp(&r.created_at),
        made_by: r.made_by.clone(),
        reasons: r.reasons.clone(),
        meeting: r.fiscal_year.zip(r.quarter).map(|(y, q)| {
            FiscalQuarter {
                year: y as i32,
                quarter: q as u8,
            }
            .slug()
        }),
        counts: snap.counts(),
    })
}

/// Every revision, newest first.
pub async fn list(db: &Db, cal: FiscalCalendar) -> Result<Vec<RevisionInfo>, AppError> {
    q::revisions(db)
        .await?
        .iter()
        .map(|r| info(r, cal))
        .collect()
}

async fn one(db: &Db, number: i64) -> Result<RevisionRow, AppError> {
    q::revision(db, number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no revision {number} of the plan.")))
}

/// The plan as of revision `number`.
pub async fn view(db: &Db, number: i64, cal: FiscalCalendar) -> Result<RevisionView, AppError> {
    let r = one(db, number).await?;
    Ok(RevisionView {
        info: info(&r, cal)?,
        snapshot: kept(&r)?,
    })
}

/// Revisions `from` and `to` side by side: the rows that differ, or all with `all`.
pub async fn compare(
    db: &Db,
    (from, to): (i64, i64),
    all: bool,
    cal: FiscalCalendar,
) -> Result<Comparison, AppError> {
    let (a, b) = (one(db, from.min(to)).await?, one(db, from.max(to)).await?);
    let rows = rules::diff(&kept(&a)?, &kept(&b)?);
    let unchanged = rows
        .iter()
        .filter(|r| r.difference == rules::Difference::Same)
        .count();
    let rows = rows
        .into_iter()
        .filter(|r| all || r.difference != rules::Difference::Same)
        .collect();
    Ok(Comparison {
        older: info(&a, cal)?,
        newer: info(&b, cal)?,
        rows,
        unchanged,
        all,
    })
}

/// The revisions approved at quarter `fq`'s review, oldest first, each with what changed
/// from the revision before it.
pub async fn approved_at(db: &Db, fq: FiscalQuarter) -> Result<Vec<rules::Approved>, AppError> {
    let all = q::revisions(db).await?;
    let mut approved = Vec::new();
    for r in all.iter().rev() {
        if r.fiscal_year != Some(fq.year as i64) || r.quarter != Some(fq.quarter as i64) {
            continue;
        }
        let newer = kept(r)?;
        let older = match all.iter().find(|o| o.number == r.number - 1) {
            Some(o) => kept(o)?,
            None => Snapshot::default(),
        };
        let changes = rules::diff(&older, &newer)
            .into_iter()
            .filter(|d| d.difference != rules::Difference::Same)
            .map(|d| match d.after.or(d.before) {
                Some(text) => format!("{} {}: {text}", d.difference.label(), d.label),
                None => format!("{} {}", d.difference.label(), d.label),
            })
            .collect();
        approved.push(rules::Approved {
            number: r.number,
            reasons: r.reasons.clone(),
            changes,
        });
    }
    Ok(approved)
}
