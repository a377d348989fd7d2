//! The Annual Performance Report of a fiscal year as its page reads it.

use crate::db::Db;
use crate::model::annual::Rating;
use crate::model::fiscal::FiscalCalendar;
use crate::model::glossary::tally;
use crate::model::plan_year::AppRow;
use crate::model::program_evaluation::ProgramEvaluation;
use crate::model::report::{build, Narrative, Report};
use crate::queries::{annual as aq, plan_year as pq, report as rq};
use chrono::NaiveDate;

/// Year `fy`'s report on `today`: each measure with a target in the year against its
/// actual, the five years before, the explanations of targets not met, and each goal's
/// evaluation with its objectives' ratings in the annual strategic review.
pub async fn report(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Report, sqlx::Error> {
    let rows = super::plan_year::app_rows(db, fy, cal, today, |_| true).await?;
    let explained = super::shortfalls::shortfalls(db, (fy, fy), cal).await?;
    let goals = pq::goals(db).await?;
    let (plan_id, plan) = crate::queries::plan::current_plan(db)
        .await?
        .map(|(id, p)| (id, p.title))
        .unwrap_or_default();
    let mut report = build((fy, plan), &goals, rows, &explained, (cal, today));
    let ids = rq::goals(db, plan_id).await?;
    let narratives = rq::narratives(db, fy).await?;
    let objectives = aq::objectives(db, plan_id).await?;
    let reviews = aq::of_year(db, fy).await?;
    for g in &mut report.goals {
        let id = ids.iter().find(|(_, n)| *n == g.goal).map(|(id, _)| *id);
        g.narrative = narratives
            .iter()
            .find(|n| Some(n.goal_id) == id)
            .map(|n| Narrative {
                text: n.evaluation.clone(),
                version: n.version,
                updated: format!("{}, {}", n.updated_by, cal.label_timestamp(&n.updated_at)),
            });
        let ratings: Vec<Rating> = objectives
            .iter()
            .filter(|(_, _, _, goal)| *goal == g.goal)
            .filter_map(|(oid, ..)| reviews.iter().find(|r| r.objective_id == *oid))
            .map(|r| r.rating)
            .collect();
        g.ratings = tally(&Rating::ALL, &ratings, |r| {
            (r.mark(), r.words().to_string())
        });
    }
    for m in report.goals.iter_mut().flat_map(|g| &mut g.measures) {
        m.chart = trend_chart(fy, &m.row);
    }
    report.programs = crate::queries::program_evaluation::of_year(db, fy)
        .await?
        .into_iter()
        .map(|p| ProgramEvaluation {
            id: p.id,
            title: p.title,
            summary: p.summary,
            evidence_url: p.evidence_url,
            completed: crate::model::meeting::long_date(&p.completed_on),
            recorded: format!("{}, {}", p.recorded_by, cal.label_timestamp(&p.recorded_at)),
        })
        .collect();
    if let Some(s) = rq::state(db, fy).await? {
        report.state = s.state;
        report.version = s.version;
        report.signed = s.signed_by.map(|by| crate::model::report::Signed {
            transmittal: s.transmittal,
            by: format!(
                "{by}, {}, {}",
                s.signer_title.unwrap_or_default(),
                s.signed_on
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                    .map(|d| d.format("%-d %B %Y").to_string())
                    .unwrap_or_default()
            ),
        });
    }
    Ok(report)
}

/// A measure's six years of actuals as a small chart, its target as a line.
fn trend_chart(fy: i32, row: &AppRow) -> String {
    let years: Vec<(String, Option<f64>)> = (fy - 5..=fy)
        .zip(row.values.iter().copied().chain(std::iter::repeat(None)))
        .map(|(y, v)| (format!("FY{:02}", y.rem_euclid(100)), v))
        .collect();
    crate::charts::spark::trend(&years, row.target)
}

/// Year `fy`'s report as the public reads it, once published (`None` before).
pub async fn published(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Option<Report>, sqlx::Error> {
    let published = rq::state(db, fy)
        .await?
        .is_some_and(|s| s.state == crate::model::report::ReportState::Published);
    if !published {
        return Ok(None);
    }
    Ok(Some(report(db, fy, cal, today).await?.public()))
}
