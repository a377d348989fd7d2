//! The annual strategic review: each objective's record for a fiscal year (one
//! transaction with its audit event) and the page leadership reads.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::annual::{self as rules, AnnualInput, AnnualReview, ObjectiveReview};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::status::Status;
use crate::model::AppError;
use crate::queries::annual::{self as q, AnnualRecord};
use crate::queries::audit::Actor;
use chrono::NaiveDate;
use serde_json::json;

/// The current plan's id, or a 404 when none is imported.
async fn plan_id(db: &Db) -> Result<i64, AppError> {
    crate::queries::plan::current_plan(db)
        .await?
        .map(|(id, _)| id)
        .ok_or_else(|| AppError::NotFound("No plan has been imported yet.".into()))
}

/// The quarter of year `fy` whose statuses the review reads: its last, or today's
/// quarter while the year runs.
fn reading_quarter(fy: i32, cal: FiscalCalendar, today: NaiveDate) -> FiscalQuarter {
    let last = FiscalQuarter {
        year: fy,
        quarter: 4,
    };
    last.min(cal.quarter_of(today))
}

/// Year `fy`'s annual review: every objective, with its strategies' standing and what is
/// recorded.
pub async fn review(
    db: &Db,
    fy: i32,
    can_edit: bool,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<AnnualReview, AppError> {
    let plan = plan_id(db).await?;
    let rows = q::of_year(db, fy).await?;
    let fq = reading_quarter(fy, cal, today);
    let now = crate::queries::dashboard::current_statuses(db, fq).await?;
    let lines = crate::queries::status::strategy_lines(db).await?;
    let objectives = q::objectives(db, plan)
        .await?
        .into_iter()
        .map(|(id, number, title, goal)| {
            let mut counts: Vec<(Status, usize)> = Vec::new();
            let mut none = 0;
            for l in lines.iter().filter(|l| l.objective == number) {
                match now.get(&l.number) {
                    Some(s) => match counts.iter_mut().find(|(x, _)| x == s) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((*s, 1)),
                    },
                    None => none += 1,
                }
            }
            let mut words: Vec<String> = counts
                .into_iter()
                .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
                .collect();
            if none > 0 {
                words.push(format!("{none} without a status"));
            }
            let standing = format!(
                "{fq}: {}",
                if words.is_empty() {
                    "no strategies".into()
                } else {
                    words.join(", ")
                }
            );
            let row = rows.iter().find(|r| r.objective_id == id);
            ObjectiveReview {
                input: row.map_or_else(AnnualInput::default, |r| AnnualInput {
                    progress: r.progress.clone(),
                    evidence_reviewed: r.evidence_reviewed.clone(),
                    evidence_gaps: r.evidence_gaps.clone(),
                    risks: r.risks.clone(),
                    improvement: r.improvement.clone(),
                    rating: r.rating.as_str().to_string(),
                    version: r.version,
                }),
                rating: row.map(|r| r.rating),
                updated: row
                    .map(|r| format!("{}, {}", r.updated_by, cal.label_timestamp(&r.updated_at))),
                number,
                title,
                goal,
                standing,
            }
        })
        .collect();
    Ok(AnnualReview {
        fiscal_year: fy,
        objectives,
        can_edit,
        returned: None,
    })
}

/// Records objective `number`'s review of year `fy` as typed, over the version the form had.
pub async fn save(
    db: &Db,
    actor: &Actor,
    fy: i32,
    number: &str,
    input: &AnnualInput,
) -> Result<(), Refused> {
    let plan = plan_id(db).await?;
    let objective = q::objectives(db, plan)
        .await?
        .into_iter()
        .find(|(_, n, _, _)| n == number)
        .map(|(id, ..)| id)
        .ok_or_else(|| {
            AppError::NotFound(format!("There is no objective {number} in this plan."))
        })?;
    let rating = rules::check(input).map_err(Refused::Invalid)?;
    let record = AnnualRecord {
        progress: input.progress.trim(),
        evidence_reviewed: input.evidence_reviewed.trim(),
        evidence_gaps: input.evidence_gaps.trim(),
        risks: input.risks.trim(),
        improvement: input.improvement.trim(),
        rating: rating.as_str(),
        by: &actor.username,
    };
    let mut tx = db.begin_write().await?;
    if !q::save(&mut tx, (fy, objective), input.version, &record).await? {
        return Err(Refused::Error(AppError::Conflict(
            "Someone else saved this objective's review since you opened it: nothing was saved. The page now shows theirs; make your change again.".into(),
        )));
    }
    let event = Event::Meeting {
        action: "annual_review",
        key: format!("FY{fy} objective {number}"),
        after: json!({
            "rating": rating.as_str(),
            "progress": record.progress,
            "evidence reviewed": record.evidence_reviewed,
            "evidence gaps": record.evidence_gaps,
            "risks": record.risks,
            "improvement": record.improvement,
        }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
