//! Measures: recording actuals, whichever door they come in by (the measure form, a CSV
//! file).

use super::audit::{self, Event, Via};
use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::measure::{Measure, Reading};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;

/// A checked actual, ready to record.
#[derive(Debug, Clone)]
pub struct NewActual<'a> {
    pub measure: &'a Measure,
    pub quarter: FiscalQuarter,
    pub reading: Reading,
    pub note: String,
}

/// What recording did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recorded {
    pub recorded: usize,
    pub unchanged: usize,
}

/// Why recording wrote nothing.
#[derive(Debug)]
pub enum RecordFailure {
    /// Someone else recorded the actual at this index of the input first.
    Conflict(usize),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for RecordFailure {
    fn from(e: sqlx::Error) -> Self {
        RecordFailure::Database(e)
    }
}

impl From<RecordFailure> for AppError {
    fn from(f: RecordFailure) -> Self {
        match f {
            RecordFailure::Conflict(_) => AppError::Conflict(
                "Someone else recorded this actual while you were editing; reload to see theirs, then save again.".into(),
            ),
            RecordFailure::Database(e) => e.into(),
        }
    }
}

/// The latest version and reading of each actual's quarter: one query for one actual,
/// one for a batch (all actuals of the years it spans).
async fn latest_of(
    db: &Db,
    actuals: &[NewActual<'_>],
) -> Result<Vec<Option<(i64, Reading)>>, sqlx::Error> {
    if let [a] = actuals {
        let (fy, q) = (a.quarter.year, a.quarter.quarter);
        return Ok(vec![mq::latest_actual(db, a.measure.id, fy, q).await?]);
    }
    let years = actuals.iter().map(|a| a.quarter.year);
    let span = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
    let all = mq::latest_versions(db, span).await?;
    Ok(actuals
        .iter()
        .map(|a| {
            all.get(&(a.measure.id, a.quarter.year, a.quarter.quarter))
                .copied()
        })
        .collect())
}

/// Records `actuals` in one transaction, each as the next version of its quarter with
/// one audit event, or none of them. A CSV import (`via`) leaves a quarter whose reading
/// is unchanged alone; a person saving the form records what they saved.
pub async fn record_actuals(
    db: &Db,
    actor: &Actor,
    actuals: &[NewActual<'_>],
    via: Via,
) -> Result<Recorded, RecordFailure> {
    let latest = latest_of(db, actuals).await?;
    let mut tx = db.begin_write().await?;
    let mut done = Recorded::default();
    for (i, (a, before)) in actuals.iter().zip(latest).enumerate() {
        if via == Via::CsvImport && before.is_some_and(|(_, r)| r == a.reading) {
            done.unchanged += 1;
            continue;
        }
        let version = before.map_or(0, |(v, _)| v) + 1;
        let (fy, q) = (a.quarter.year, a.quarter.quarter);
        let fresh = mq::insert_actual(
            &mut tx,
            a.measure.id,
            fy,
            q,
            version,
            a.reading,
            &a.note,
            &actor.username,
        )
        .await?;
        if !fresh {
            return Err(RecordFailure::Conflict(i));
        }
        let event = Event::Actual {
            measure: a.measure.id,
            quarter: a.quarter,
            before: before.map(|(_, r)| mq::show_reading(a.measure, r)),
            after: mq::show_reading(a.measure, a.reading),
            version,
            via,
        };
        audit::write(&mut tx, actor, &event).await?;
        done.recorded += 1;
    }
    tx.commit().await?;
    Ok(done)
}
