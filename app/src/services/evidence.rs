//! Evidence: attaching a file to a quarter's status update or actual (checked, stored in
//! the database with its audit event in one transaction) and reading it back.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::evidence::{self as rules, Evidence, EvidenceList, MAX_BYTES};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::lock::{locked_message, LockState, Lockable};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::evidence::{self as q, EvidenceFile, NewEvidence};
use chrono::NaiveDate;

/// A file as it came in: the name the browser gave and the bytes.
pub struct Upload {
    pub name: String,
    pub data: Vec<u8>,
}

/// The version of `item`'s quarter `fq` evidence is attached to: its latest update or
/// actual (0: none).
async fn latest_version(db: &Db, item: Lockable, fq: FiscalQuarter) -> Result<i64, sqlx::Error> {
    Ok(match item {
        Lockable::Strategy(id) => crate::queries::status::latest(db, id, fq)
            .await?
            .map_or(0, |u| u.version),
        Lockable::Measure(id) => {
            crate::queries::measure::latest_actual(db, id, fq.year, fq.quarter)
                .await?
                .map_or(0, |(v, _)| v)
        }
    })
}

/// Attaches `file` to `item`'s latest update of quarter `fq` (`key` names the item for
/// people: "strategy 4.1.3", "measure 7"). Refused, naming the field, when the file is
/// empty, too large, not a type evidence may be, when the quarter has no update yet, or
/// when it is locked. Returns the new file's id.
pub async fn attach(
    db: &Db,
    actor: &Actor,
    (item, key): (Lockable, &str),
    fq: FiscalQuarter,
    file: Upload,
    today: (FiscalCalendar, NaiveDate),
) -> Result<i64, Refused> {
    let invalid = |field: &str, m: String| Refused::Invalid(vec![(field.to_string(), m)]);
    let name = rules::clean_name(&file.name);
    if file.data.is_empty() {
        return Err(invalid("file", "Choose a file to attach.".into()));
    }
    if file.data.len() > MAX_BYTES {
        return Err(invalid(
            "file",
            format!("\u{201c}{name}\u{201d} is larger than 10 MB."),
        ));
    }
    let head = &file.data[..file.data.len().min(8192)];
    let sniffed = infer::get(&file.data).map(|t| t.mime_type());
    let content_type = rules::content_type(sniffed, &name, head).map_err(|m| invalid("file", m))?;
    let version = latest_version(db, item, fq).await?;
    if version == 0 {
        let what = match item {
            Lockable::Strategy(_) => "status",
            Lockable::Measure(_) => "actual",
        };
        return Err(invalid(
            "quarter",
            format!("{fq} has no {what} for {key} yet: record it first, then attach its evidence."),
        ));
    }
    if actor.user_id.is_some() {
        if let LockState::Locked { since } = super::lock::state(db, item, fq, today).await? {
            let what = format!("the evidence of {key}");
            return Err(invalid("quarter", locked_message(&what, fq, &since)));
        }
    }
    let mut tx = db.begin_write().await?;
    let new = NewEvidence {
        item,
        quarter: fq,
        version,
        filename: &name,
        content_type,
        data: &file.data,
        author: &actor.username,
    };
    let id = q::insert(&mut tx, &new).await?;
    let event = Event::Evidence {
        kind: item.kind(),
        key: format!("{} {}", key.trim_start_matches("strategy "), fq.slug()),
        version,
        filename: name.clone(),
        content_type: content_type.to_string(),
        size: file.data.len(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    tracing::info!(item = key, quarter = %fq, bytes = file.data.len(), "evidence attached");
    Ok(id)
}

/// `item`'s files as its page lists them, with the quarters one may be attached to.
pub async fn list(
    db: &Db,
    item: Lockable,
    can_attach: bool,
    cal: FiscalCalendar,
) -> Result<EvidenceList, AppError> {
    let files = q::of_item(db, item)
        .await?
        .into_iter()
        .map(|r| Evidence {
            id: r.id,
            quarter: FiscalQuarter {
                year: r.fiscal_year as i32,
                quarter: r.quarter as u8,
            }
            .to_string(),
            version: r.version,
            kind: rules::type_label(&r.content_type).to_string(),
            size: rules::size_label(r.size_bytes),
            filename: r.filename,
            author: r.author_name,
            attached: cal.label_timestamp(&r.created_at),
        })
        .collect();
    let quarters = if can_attach {
        recorded_quarters(db, item).await?
    } else {
        Vec::new()
    };
    Ok(EvidenceList {
        files,
        can_attach,
        quarters,
        refused: None,
    })
}

/// The quarters `item` has an update or actual in, newest first ("2027-Q1", "FY2027 Q1").
async fn recorded_quarters(db: &Db, item: Lockable) -> Result<Vec<(String, String)>, sqlx::Error> {
    let all = crate::queries::evidence::recorded_quarters(db, item).await?;
    Ok(all
        .into_iter()
        .map(|(y, qn)| FiscalQuarter {
            year: y as i32,
            quarter: qn as u8,
        })
        .map(|fq| (fq.slug(), fq.to_string()))
        .collect())
}

/// File `id` with what it is attached to, for a download.
pub async fn file(db: &Db, id: i64) -> Result<EvidenceFile, AppError> {
    q::file(db, id)
        .await?
        .filter(|f| rules::is_taken(&f.content_type))
        .ok_or_else(|| AppError::NotFound("There is no such evidence file.".into()))
}
