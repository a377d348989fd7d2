//! Measures: defining them, their targets, their actuals (whichever door they come in
//! by: the measure form, a CSV file) and the explanation of a missed target.

use super::audit::{self, Event, Via};
use super::outcome::Outcome;
use super::Refused;
use crate::auth::policy::{self, Owned};
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::lock::Lockable;
use crate::model::measure::{
    assess, check_actual, parse_reading, validate_measure, validate_shortfall, version_in, Kind,
    Measure, MeasureInput, Period, Reading, Shortfall, TargetState,
};
use crate::model::plan_year::{AppStage, IpState};
use crate::model::user::CurrentUser;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
pub use crate::queries::measure::measure_or_404;
use crate::queries::plan_year as pq;
use chrono::NaiveDate;
use serde_json::json;

/// A checked actual, ready to record.
#[derive(Debug, Clone)]
pub struct NewActual<'a> {
    pub measure: &'a Measure,
    pub quarter: FiscalQuarter,
    pub reading: Reading,
    pub note: String,
    /// The quarter's latest version the person saw (a form); `None` for a file import,
    /// which compares readings instead.
    pub base: Option<i64>,
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
    /// The actuals at these indexes are for locked quarters: each message says so.
    Locked(Vec<(usize, String)>),
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
            RecordFailure::Locked(locked) => AppError::Invalid(
                locked.into_iter().next().map(|(_, m)| m).unwrap_or_default(),
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
/// one audit event, or none of them (none when one is for a quarter locked on `today`).
/// A CSV import (`via`) leaves a quarter whose reading is unchanged alone; a person
/// saving the form records what they saved.
pub async fn record_actuals(
    db: &Db,
    actor: &Actor,
    actuals: &[NewActual<'_>],
    via: Via,
    today: (FiscalCalendar, NaiveDate),
) -> Result<Recorded, RecordFailure> {
    let latest = latest_of(db, actuals).await?;
    let mut locked = Vec::new();
    for (i, (a, before)) in actuals.iter().zip(&latest).enumerate() {
        if via == Via::CsvImport && before.is_some_and(|(_, r)| r == a.reading) {
            continue;
        }
        let item = Lockable::Measure(a.measure.id);
        let what = format!("the actual of \u{201c}{}\u{201d}", a.measure.name);
        if let Some(message) =
            super::lock::refusal(db, actor, (item, &what), a.quarter, today).await?
        {
            locked.push((i, message));
        }
    }
    if !locked.is_empty() {
        return Err(RecordFailure::Locked(locked));
    }
    let mut tx = db.begin_write().await?;
    let mut done = Recorded::default();
    for (i, (a, before)) in actuals.iter().zip(latest).enumerate() {
        if via == Via::CsvImport && before.is_some_and(|(_, r)| r == a.reading) {
            done.unchanged += 1;
            continue;
        }
        if a.base
            .is_some_and(|base| base != before.map_or(0, |(v, _)| v))
        {
            return Err(RecordFailure::Conflict(i));
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
            before: before.map(|(_, r)| a.measure.show_reading(r)),
            after: a.measure.show_reading(a.reading),
            version,
            via,
        };
        audit::write(&mut tx, actor, &event).await?;
        done.recorded += 1;
    }
    tx.commit().await?;
    Ok(done)
}

/// The version a save was made over: one given (the API), or the form's versions of
/// every quarter it showed, from which the typed quarter's is taken.
#[derive(Debug, Clone)]
pub enum Base {
    Version(i64),
    ByQuarter(String),
}

/// An actual's value as it came in: typed into the form, or a number from the API (a
/// milestone's 1 or 0 read as done or not done).
#[derive(Debug, Clone)]
pub enum Entered {
    Typed(String),
    Number(f64),
}

impl Entered {
    /// The value as the form would have it for a measure of `kind`.
    fn text(&self, kind: crate::model::measure::Kind) -> String {
        match self {
            Entered::Typed(text) => text.clone(),
            Entered::Number(v) => crate::model::measure::plain_value(kind, *v),
        }
    }
}

/// A quarter's actual as typed at a door (the measure page's form, or the API).
#[derive(Debug, Clone)]
pub struct ActualInput {
    pub measure: i64,
    pub quarter: String,
    pub actual: Entered,
    /// "Data not yet available" instead of a value.
    pub lag: bool,
    pub note: String,
    pub base: Base,
}

/// An actual saved: its quarter, and the reading as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedActual {
    pub quarter: FiscalQuarter,
    pub shown: String,
}

/// Saves one quarter's actual for `user`: the measure (404), ownership (403), the
/// actual's rules, the quarter's lock and version, then the write and its audit event.
pub async fn save_actual(
    db: &Db,
    user: &CurrentUser,
    input: &ActualInput,
    via: Via,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Outcome<SavedActual>, AppError> {
    let m = measure_or_404(db, input.measure).await?;
    policy::require(db, user, Owned::Measure(m.id)).await?;
    let checked = check_actual(
        m.rule.kind,
        &input.quarter,
        &input.actual.text(m.rule.kind),
        input.lag,
        &input.note,
        cal.quarter_of(today),
    );
    let (fq, reading) = match checked {
        Ok(ok) => ok,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let base = match &input.base {
        Base::Version(v) => *v,
        Base::ByQuarter(versions) => version_in(versions, &fq.slug()),
    };
    let new = NewActual {
        measure: &m,
        quarter: fq,
        reading,
        note: input.note.clone(),
        base: Some(base),
    };
    match record_actuals(db, &Actor::user(user), &[new], via, (cal, today)).await {
        Ok(_) => Ok(Outcome::Saved(SavedActual {
            quarter: fq,
            shown: m.show_reading(reading),
        })),
        Err(RecordFailure::Locked(locked)) => Ok(Outcome::Locked(
            locked
                .into_iter()
                .next()
                .map(|(_, m)| m)
                .unwrap_or_default(),
        )),
        Err(RecordFailure::Conflict(_)) => {
            let theirs = match mq::latest_actual(db, m.id, fq.year, fq.quarter).await? {
                Some((v, r)) => format!(
                    "Someone else recorded {} for {fq} (version {v}) while you were editing; nothing was saved. Your entry is kept below: save it again to record it as a correction of theirs.",
                    m.show_reading(r)
                ),
                None => "Someone else changed this actual while you were editing; nothing was saved. Save again.".into(),
            };
            let what = format!("measure {}'s {} actual", m.id, fq.slug());
            Ok(Outcome::Conflict { what, theirs })
        }
        Err(RecordFailure::Database(e)) => Err(e.into()),
    }
}

/// The refusal of an edit made from a form opened before someone else's save: what the
/// measure is now (the form keeps what was typed, at their version).
pub fn changed_meanwhile(now: &Measure) -> String {
    let baseline = match (now.baseline_value, now.baseline_fy) {
        (Some(v), Some(fy)) => format!("{} in FY{fy}", now.show(v)),
        (Some(v), None) => now.show(v),
        _ => "none".into(),
    };
    format!(
        "Someone else saved this measure while you were editing; nothing was saved. It is \
         now: \"{}\" ({}), {}, {}, {}, {}, baseline {baseline}. Your entries are kept below; \
         saving them again replaces theirs.",
        now.name,
        if now.unit.is_empty() {
            "no unit"
        } else {
            &now.unit
        },
        now.attached_label,
        now.rule.direction.as_str(),
        now.rule.kind.as_str(),
        now.rule.aggregation.as_str(),
    )
}

/// The definition as the audit trail records it, before and after a change.
fn definition(m: &Measure) -> serde_json::Value {
    json!({
        "name": m.name, "unit": m.unit, "attached_to": m.attached_label,
        "direction": m.rule.direction.as_str(), "kind": m.rule.kind.as_str(),
        "aggregation": m.rule.aggregation.as_str(), "baseline": m.baseline_value,
        "baseline_fy": m.baseline_fy,
    })
}

/// Defines a measure (`id` None) or changes one still at the version the form showed,
/// from what the measure form typed; returns its id. An edit racing someone else's is
/// refused with [`AppError::Conflict`] ([`changed_meanwhile`]).
pub async fn save_measure(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    input: &MeasureInput,
) -> Result<i64, Refused> {
    if let Some(id) = id {
        measure_or_404(db, id).await?;
    }
    let checked = validate_measure(input);
    let mut errors = checked.clone().err().unwrap_or_default();
    let attachment = mq::resolve(db, &input.attach_to).await?;
    if attachment.is_none() && !input.attach_to.trim().is_empty() {
        errors.push((
            "attach_to".into(),
            format!(
                "There is no goal, objective or strategy {}.",
                input.attach_to.trim()
            ),
        ));
    }
    let (fields, attachment) = match (checked, attachment) {
        (Ok(f), Some(a)) if errors.is_empty() => (f, a),
        _ => return Err(Refused::Invalid(errors)),
    };
    let mut tx = db.begin_write().await?;
    let before = match id {
        Some(id) => mq::get_in(&mut *tx, id).await?,
        None => None,
    };
    let version = input.version.trim().parse().unwrap_or(0);
    let Some(saved) = mq::save(&mut tx, id, attachment, input, &fields, version).await? else {
        let now = before.ok_or_else(|| mq::missing(id.unwrap_or_default()))?;
        return Err(Refused::Error(AppError::Conflict(changed_meanwhile(&now))));
    };
    let event = Event::Measure {
        id: saved,
        before: before.as_ref().map(definition),
        after: json!({
            "name": input.name.trim(), "unit": input.unit.trim(), "attached_to": input.attach_to.trim(),
            "direction": fields.rule.direction.as_str(), "kind": fields.rule.kind.as_str(),
            "aggregation": fields.rule.aggregation.as_str(), "baseline": fields.baseline_value,
            "baseline_fy": fields.baseline_fy,
        }),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(saved)
}

/// A year's targets as typed: annual (APP) then Q1..Q4 (IP); empty clears one.
#[derive(Debug, Clone)]
pub struct TargetsInput {
    pub measure: i64,
    pub fiscal_year: i32,
    pub typed: [String; 5],
    /// The values the form showed, in the same order ("|"-separated in the form): a
    /// save is refused when the stored ones differ (someone else changed them).
    pub shown: String,
    pub reason: String,
}

/// The form fields of [`TargetsInput::typed`], in order.
pub const TARGET_FIELDS: [&str; 5] = ["annual", "q1", "q2", "q3", "q4"];

/// Sets a year's annual (APP) and quarterly (IP) targets of a measure. Each change is
/// logged with its reason; annual targets change only in a draft APP or during a
/// mid-year revision; a reason is required except when first drafting a target.
pub async fn set_targets(db: &Db, actor: &Actor, input: &TargetsInput) -> Result<(), Refused> {
    let m = measure_or_404(db, input.measure).await?;
    // Everything the change depends on (the APP's state, the current values) is read
    // inside the write transaction, so an approval racing this save cannot slip between
    // the check and the write.
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "targets").await?;
    targets_in(&mut tx, actor, &m, input, TargetsFrom::Form).await?;
    tx.commit().await?;
    Ok(())
}

/// Where a target change comes from: the measure's form (checked against the values it
/// showed; nothing changed is refused) or a bulk CSV row (not checked; nothing changed
/// is skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetsFrom {
    Form,
    Csv,
}

/// [`set_targets`] inside the caller's write transaction (locked for `targets`); returns
/// how many periods changed.
pub async fn targets_in(
    tx: &mut mq::Tx,
    actor: &Actor,
    m: &Measure,
    input: &TargetsInput,
    from: TargetsFrom,
) -> Result<usize, Refused> {
    let (measure_id, fiscal_year) = (input.measure, input.fiscal_year);
    let year = pq::plan_year_in(&mut **tx, fiscal_year).await?;
    let current = mq::targets_of_in(&mut **tx, measure_id).await?;
    let stored: Vec<String> = Period::ALL
        .iter()
        .map(|p| current.get(fiscal_year, *p).map(|v| m.plain(v)))
        .map(Option::unwrap_or_default)
        .collect();
    let shown: Vec<&str> = input.shown.split('|').map(str::trim).collect();
    if from == TargetsFrom::Form && (0..5).any(|i| shown.get(i).copied().unwrap_or("") != stored[i])
    {
        let now: Vec<String> = ["annual", "Q1", "Q2", "Q3", "Q4"]
            .iter()
            .zip(&stored)
            .map(|(f, v)| format!("{f} {}", if v.is_empty() { "none" } else { v }))
            .collect();
        return Err(Refused::Error(AppError::Conflict(format!(
            "Someone else changed FY{fiscal_year}'s targets while you were editing; nothing was saved. They are now: {}. Your entries are kept below: save again to replace theirs.",
            now.join(", ")
        ))));
    }
    let mut errors = Vec::new();
    let mut changes = Vec::new();
    if !(1990..=2200).contains(&fiscal_year) {
        errors.push((
            "fiscal_year".into(),
            format!("FY{fiscal_year} is not a fiscal year this plan can hold."),
        ));
    }
    for (i, (text, p)) in input.typed.iter().zip(Period::ALL).enumerate() {
        let new = match text.trim() {
            "" => None,
            t => match parse_reading(m.rule.kind, t) {
                Ok(Reading::Value(v)) => Some(v),
                _ => {
                    let what = if m.rule.kind == Kind::Milestone {
                        "done or not done"
                    } else {
                        "a number"
                    };
                    errors.push((TARGET_FIELDS[i].into(), format!("\"{t}\" is not {what}.")));
                    continue;
                }
            },
        };
        let old = current.get(fiscal_year, p);
        if old != new {
            changes.push((p, old, new));
        }
    }
    let annual_changes = changes.iter().any(|(p, _, _)| *p == Period::Annual);
    if annual_changes && !year.app_state.targets_open() {
        errors.push((
            "annual".into(),
            format!(
                "The FY{fiscal_year} APP is {}: start the mid-year revision on the APP page before changing annual targets.",
                year.app_state.label().to_lowercase()
            ),
        ));
    }
    let first_draft = changes.iter().all(|(p, old, _)| {
        old.is_none()
            && if *p == Period::Annual {
                year.app_state == AppStage::Draft
            } else {
                year.ip_state == IpState::Draft
            }
    });
    let reason = input.reason.trim().to_string();
    if errors.is_empty() && changes.is_empty() {
        if from == TargetsFrom::Csv {
            return Ok(0);
        }
        errors.push(("annual".into(), "No target changed.".into()));
    }
    if reason.is_empty() && !first_draft && errors.is_empty() {
        errors.push(("reason".into(), "Say why the target changes: every change after the first draft is logged with its reason.".into()));
    }
    if reason.chars().count() > 2_000 {
        errors.push((
            "reason".into(),
            "Keep the reason under 2,000 characters.".into(),
        ));
    }
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let reason = if reason.is_empty() {
        "First draft".to_string()
    } else {
        reason
    };
    pq::ensure_year(tx, fiscal_year).await?;
    let count = changes.len();
    for (period, before, after) in changes {
        mq::set_target(
            tx,
            measure_id,
            fiscal_year,
            period,
            before,
            after,
            &reason,
            &actor.username,
        )
        .await?;
        let event = Event::Target {
            measure: measure_id,
            fiscal_year,
            period,
            before,
            after,
            reason: reason.clone(),
        };
        audit::write(tx, actor, &event).await?;
    }
    Ok(count)
}

/// Records why a closed year's annual target was not met, and the plan to meet it or why
/// it is impractical or infeasible, as of `today` (the app's date) by the calendar `cal`.
pub async fn explain_shortfall(
    db: &Db,
    actor: &Actor,
    measure_id: i64,
    fiscal_year: i32,
    s: &Shortfall,
    (cal, today): (FiscalCalendar, chrono::NaiveDate),
) -> Result<(), Refused> {
    crate::model::fiscal::check_year(fiscal_year)?;
    let m = measure_or_404(db, measure_id).await?;
    let targets = mq::targets_of(db, measure_id).await?;
    let actuals = mq::actuals_of(db, measure_id, (fiscal_year, fiscal_year)).await?;
    let q = [1, 2, 3, 4].map(|q| {
        actuals
            .get(&(measure_id, fiscal_year, q))
            .copied()
            .unwrap_or_default()
    });
    let ip = targets.quarterly(fiscal_year);
    let state = assess(
        m.rule,
        targets.annual(fiscal_year),
        ip,
        q,
        cal.quarters_over(fiscal_year, today),
    );
    let mut errors = validate_shortfall(s).err().unwrap_or_default();
    if state != TargetState::NotMet {
        errors.insert(0, ("why".into(), format!("FY{fiscal_year}'s target is not a closed-year miss ({}), so there is nothing to explain.", state.label())));
    }
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let mut tx = db.begin_write().await?;
    mq::insert_shortfall(&mut tx, measure_id, fiscal_year, s, &actor.username).await?;
    let event = Event::Shortfall {
        measure: measure_id,
        fiscal_year,
        explanation: json!({"why": s.why.trim(), "plan": s.plan.trim(), "schedule": s.schedule.trim(), "infeasible": s.infeasible.trim()}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}
