//! What the measure page and the measure form show: each year's targets, actuals and
//! assessment, the actuals' history, the target change log and shortfall explanations.

use crate::auth::policy::{self, Owned};
use crate::db::Db;
use crate::model::chart::Chart;
use crate::model::fiscal::FiscalCalendar;
use crate::model::lock::Lockable;
use crate::model::measure::{
    assess, year_actual, ActualEntry, Measure, MeasureInput, Period, TargetChange, TargetState,
};
use crate::model::user::CurrentUser;
use crate::model::view::{MeasureForm, MeasurePage, MeasureYear};
use crate::model::AppError;
use crate::queries::measure as mq;
use crate::queries::measure::measure_or_404;
use crate::queries::plan_year as pq;
use chrono::NaiveDate;

/// A measure's page for `user` (before its charts are drawn), and the charts to draw;
/// `fy` is the year the target form edits (default: this year).
pub async fn measure_page(
    db: &Db,
    user: Option<&CurrentUser>,
    id: i64,
    fy: Option<&str>,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<(MeasurePage, Vec<Chart>), AppError> {
    let m = measure_or_404(db, id).await?;
    let now = cal.quarter_of(today);
    let target_year = fy
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (1990..=2200).contains(y))
        .unwrap_or(now.year);
    let targets = mq::targets_of(db, id).await?;
    let history = actual_history(db, &m, cal).await?;
    let first = targets
        .years()
        .chain(history.iter().map(|a| a.fiscal_year))
        .min()
        .unwrap_or(now.year)
        .max(now.year - 9);
    let last = targets.years().max().unwrap_or(now.year).max(now.year);
    let actuals = mq::actuals_of(db, id, (first, last)).await?;
    let shortfalls = super::read::shortfalls::shortfalls(db, (first, last), cal).await?;
    let mut years = Vec::new();
    for y in (first..=last).rev() {
        let annual = targets.annual(y);
        let ip = targets.quarterly(y);
        let q = [1, 2, 3, 4].map(|q| actuals.get(&(id, y, q)).copied().unwrap_or_default());
        let elapsed = cal.quarters_over(y, today);
        let state = assess(m.rule, annual, ip, q, elapsed);
        let plan = pq::plan_year(db, y).await?;
        years.push(MeasureYear {
            fiscal_year: y,
            app_state: plan.app_state.label().into(),
            annual: annual.map(|v| m.show(v)),
            quarterly: ip
                .iter()
                .map(|t| t.map_or("—".into(), |v| m.show(v)))
                .collect(),
            actuals: q.iter().map(|r| m.show_reading(*r)).collect(),
            year_actual: year_actual(m.rule, q).map_or("—".into(), |v| m.show(v)),
            state,
            closed: elapsed == 4,
            shortfall: shortfalls.get(&(id, y)).cloned(),
            needs_explanation: state == TargetState::NotMet,
        });
    }
    let plan = pq::plan_year(db, target_year).await?;
    let (can_edit, can_record) = match user {
        Some(u) => (
            policy::allows(crate::auth::UseCase::SaveMeasure, Some(u)),
            policy::may_act_on(db, u, Owned::Measure(id)).await?,
        ),
        None => (false, false),
    };
    let mut recent = Vec::new();
    let mut fq = now;
    for _ in 0..8 {
        // History is newest version first: the first entry of a quarter is its latest.
        let latest = history
            .iter()
            .find(|a| a.fiscal_year == fq.year && a.quarter == fq.quarter)
            .map_or(0, |a| a.version);
        recent.push((fq, latest));
        fq = fq.previous();
    }
    let asked: Vec<_> = recent.iter().map(|(q, _)| *q).collect();
    let locks = super::lock::states(db, Lockable::Measure(id), &asked, (cal, today)).await?;
    let (mut quarters, mut locked) = (Vec::new(), Vec::new());
    for ((fq, latest), lock) in recent.into_iter().zip(locks) {
        if lock.refuses() {
            locked.push((fq.slug(), fq.to_string()));
        } else {
            quarters.push((fq.slug(), latest));
        }
    }
    let target_values = Period::ALL
        .into_iter()
        .map(|p| targets.get(target_year, p).map(|v| m.plain(v)))
        .map(Option::unwrap_or_default)
        .collect();
    let (charts, standing) = super::read::charts::measure_charts(db, &m, cal, today).await?;
    let recording = super::reporting::recording(db, (cal, today)).await?;
    // From the targets and actuals read above (the recording quarter's year is among them).
    let q = [1, 2, 3, 4].map(|q| {
        actuals
            .get(&(id, recording.year, q))
            .copied()
            .unwrap_or_default()
    });
    let record_targets = crate::model::measure::targets_beside(
        &m,
        recording,
        (
            targets.annual(recording.year),
            targets.quarterly(recording.year),
        ),
        q,
    );
    let scoring = scoring_words(db, &m).await?;
    let page = MeasurePage {
        standing: (now.year, standing),
        scoring,
        charts: Vec::new(),
        target_log: target_log(db, &m, cal).await?,
        measure: m,
        years,
        history,
        target_year,
        target_values,
        annual_closed: (!plan.app_state.targets_open()).then(|| {
            format!(
                "The FY{target_year} APP is {}: annual targets change only during a mid-year revision (start one on the APP page).",
                plan.app_state.label().to_lowercase()
            )
        }),
        quarters,
        record_default: recording.slug(),
        record_targets,
        locked,
        can_unlock: policy::allows(crate::auth::UseCase::UnlockQuarter, user),
        can_edit,
        can_record,
        returned: None,
        evidence: Default::default(),
        discussion: None,
    };
    Ok((page, charts))
}

/// Measure `m`'s thresholds and profile in words: (what, how).
async fn scoring_words(
    db: &Db,
    m: &crate::model::measure::Measure,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    use crate::model::scoring::{profile_words, thresholds_words};
    let thresholds = match &m.thresholds {
        Some(t) => thresholds_words(t),
        None => format!(
            "{} (the plan's default)",
            thresholds_words(&crate::queries::settings::default_thresholds(db).await?)
        ),
    };
    Ok(vec![
        ("Thresholds".into(), thresholds),
        (
            "Expected build-up over the year".into(),
            profile_words(m.profile),
        ),
    ])
}

/// Measure `m`'s target for quarter `fq`, its year's target and the year so far, as an
/// actual input shows them.
pub async fn targets_beside(
    db: &Db,
    m: &crate::model::measure::Measure,
    fq: crate::model::fiscal::FiscalQuarter,
) -> Result<String, sqlx::Error> {
    let targets = mq::targets_of(db, m.id).await?;
    let actuals = mq::actuals_of(db, m.id, (fq.year, fq.year)).await?;
    let q = [1, 2, 3, 4].map(|q| {
        actuals
            .get(&(m.id, fq.year, q))
            .copied()
            .unwrap_or_default()
    });
    Ok(crate::model::measure::targets_beside(
        m,
        fq,
        (targets.annual(fq.year), targets.quarterly(fq.year)),
        q,
    ))
}

/// The add form (`id` none; `attach_to` preselects where it hangs) or the edit form of a
/// measure, filled with what is stored.
pub async fn measure_form(
    db: &Db,
    id: Option<i64>,
    attach_to: Option<String>,
) -> Result<MeasureForm, AppError> {
    let input = match id {
        Some(id) => {
            let m = measure_or_404(db, id).await?;
            MeasureInput {
                version: m.version.to_string(),
                attach_to: m
                    .attached_label
                    .split_once(' ')
                    .map(|(_, n)| n.to_string())
                    .unwrap_or_default(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                direction: m.rule.direction.as_str().into(),
                kind: m.rule.kind.as_str().into(),
                aggregation: m.rule.aggregation.as_str().into(),
                baseline_value: m.baseline_value.map(|v| m.plain(v)).unwrap_or_default(),
                baseline_fy: m.baseline_fy.map(|y| y.to_string()).unwrap_or_default(),
                data_source: m.data_source.clone(),
                verification: m.verification.clone(),
                limitations: m.limitations.clone(),
                accuracy: m.accuracy.clone(),
                compensation: m.compensation.clone(),
                done_when: m.done_when.clone(),
                lag_days: m.lag_days.map(|d| d.to_string()).unwrap_or_default(),
            }
        }
        None => MeasureInput {
            attach_to: attach_to.unwrap_or_default(),
            direction: "higher".into(),
            kind: "quantitative".into(),
            // No default: a count adds up over the quarters, a percentage does not.
            aggregation: String::new(),
            ..Default::default()
        },
    };
    Ok(MeasureForm {
        id,
        input,
        errors: Vec::new(),
        options: attach_options(db).await?,
    })
}

/// Everything a measure can be attached to, in plan order: (number, label).
async fn attach_options(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    let short = |t: &str| -> String { t.chars().take(70).collect() };
    let mut out = Vec::new();
    for item in mq::attach_options(db).await? {
        let label = match (item.level, item.text.as_deref()) {
            (0, name) => format!("Goal {}: {}", item.number, name.unwrap_or("")),
            (1, title) => format!("Objective {}: {}", item.number, short(title.unwrap_or(""))),
            (_, text) => format!("Strategy {}: {}", item.number, short(text.unwrap_or(""))),
        };
        out.push((item.number, label));
    }
    Ok(out)
}

/// Every actual ever recorded for a measure, newest quarter and version first.
pub async fn actual_history(
    db: &Db,
    m: &Measure,
    cal: FiscalCalendar,
) -> Result<Vec<ActualEntry>, sqlx::Error> {
    Ok(mq::actual_history(db, m.id)
        .await?
        .into_iter()
        .map(|r| ActualEntry {
            fiscal_year: r.fiscal_year as i32,
            quarter: r.quarter as u8,
            version: r.version,
            shown: m.show_reading(r.reading()),
            reading: r.reading(),
            note: r.note,
            author: r.author_name,
            recorded: cal.label_timestamp(&r.created_at),
        })
        .collect())
}

/// A measure's target change log, newest first.
pub async fn target_log(
    db: &Db,
    m: &Measure,
    cal: FiscalCalendar,
) -> Result<Vec<TargetChange>, sqlx::Error> {
    Ok(mq::target_log(db, m.id)
        .await?
        .into_iter()
        .map(|r| TargetChange {
            fiscal_year: r.fiscal_year as i32,
            period: r.period,
            old_value: r.old_value.map(|v| m.show(v)),
            new_value: r.new_value.map(|v| m.show(v)),
            reason: r.reason,
            author: r.author_name,
            recorded: cal.label_timestamp(&r.created_at),
        })
        .collect())
}
