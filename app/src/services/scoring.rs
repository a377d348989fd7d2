//! Setting how a measure is scored and forecast (issue 40): its thresholds and profile,
//! or the plan-wide default thresholds; and the form that sets them, with a preview of
//! the typed bands on the measure's own recent years.

use super::audit::{self, Event};
use super::outcome::Outcome;
use crate::db::Db;
use crate::model::bands::Thresholds;
use crate::model::fiscal::FiscalCalendar;
use crate::model::measure::{Kind, Measure, Reading};
use crate::model::scoring::{check_scoring, input_of, preview, thresholds_words, ScoringInput};
use crate::model::view::ScoringForm;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::queries::settings::{default_thresholds, DEFAULT_THRESHOLDS};
use chrono::NaiveDate;
use serde_json::json;

/// The version a default-thresholds form carries: a fingerprint of what is stored, so a
/// save over someone else's change is refused (FNV-1a of the JSON).
pub fn default_version(t: &Thresholds) -> String {
    let text = serde_json::to_string(t).unwrap_or_default();
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// A measure's scoring form: what is stored, or `typed` (returned after a preview or a
/// refusal) with its `errors`; the preview reads the typed bands on its recent years.
pub async fn measure_form(
    db: &Db,
    id: i64,
    typed: Option<(ScoringInput, Vec<(String, String)>)>,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<ScoringForm, AppError> {
    let m = mq::measure_or_404(db, id).await?;
    let plan = default_thresholds(db).await?;
    let previewing = typed.is_some();
    let (input, errors) = typed.unwrap_or_else(|| {
        let stored = input_of(m.version, m.thresholds.as_ref(), &plan, m.profile);
        (stored, Vec::new())
    });
    let shown = match check_scoring(&input) {
        Ok(s) => Some(s.thresholds.unwrap_or_else(|| plan.clone())),
        Err(_) => None,
    };
    let preview = match shown {
        Some(t) => recent_years(db, &m, &t, cal.quarter_of(today).year).await?,
        None => Vec::new(),
    };
    Ok(ScoringForm {
        not_scored: (m.rule.kind == Kind::Milestone).then(|| {
            "A milestone is done or not: bands do not apply to it, and it is not forecast."
                .to_string()
        }),
        measure: Some((m.id, m.name, m.attached_label)),
        input,
        errors,
        plan_default: thresholds_words(&plan),
        preview,
        previewing,
    })
}

/// How `t` reads each quarter of measure `m`'s last two years with an actual, up to `fy`.
async fn recent_years(
    db: &Db,
    m: &Measure,
    t: &Thresholds,
    fy: i32,
) -> Result<Vec<(i32, Vec<crate::model::scoring::PreviewCell>)>, sqlx::Error> {
    let targets = mq::targets_of(db, m.id).await?;
    let actuals = mq::actuals_of(db, m.id, (fy - 3, fy)).await?;
    let quarters = |y: i32| -> [Reading; 4] {
        [1, 2, 3, 4].map(|q| actuals.get(&(m.id, y, q)).copied().unwrap_or_default())
    };
    Ok((fy - 3..=fy)
        .rev()
        .filter(|y| quarters(*y).iter().any(|r| r.value().is_some()))
        .take(2)
        .map(|y| {
            let cells = preview(
                m.rule,
                t,
                targets.annual(y),
                targets.quarterly(y),
                quarters(y),
            );
            (y, cells)
        })
        .collect())
}

/// The plan-wide default thresholds' form.
pub async fn default_form(
    db: &Db,
    typed: Option<(ScoringInput, Vec<(String, String)>)>,
) -> Result<ScoringForm, AppError> {
    let plan = default_thresholds(db).await?;
    let previewing = typed.is_some();
    let (input, errors) = typed.unwrap_or_else(|| {
        let mut stored = input_of(0, Some(&plan), &plan, Default::default());
        stored.version = default_version(&plan);
        (stored, Vec::new())
    });
    Ok(ScoringForm {
        measure: None,
        not_scored: None,
        input,
        errors,
        plan_default: thresholds_words(&plan),
        preview: Vec::new(),
        previewing,
    })
}

/// Sets measure `id`'s thresholds and profile from the form, if the measure is still at
/// the version the form showed. One transaction with its audit event.
pub async fn save_measure_scoring(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: &ScoringInput,
) -> Result<Outcome<()>, AppError> {
    let before = mq::measure_or_404(db, id).await?;
    let checked = match check_scoring(input) {
        Ok(c) => c,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let version = input.version.trim().parse::<i64>().unwrap_or(-1);
    let thresholds = checked
        .thresholds
        .as_ref()
        .map(|t| serde_json::to_string(t).unwrap_or_default());
    let profile = serde_json::to_string(&checked.profile).unwrap_or_default();
    let mut tx = db.begin_write().await?;
    if !mq::set_scoring(&mut tx, id, version, thresholds.as_deref(), &profile).await? {
        drop(tx);
        let now = mq::measure_or_404(db, id).await?;
        let plan = default_thresholds(db).await?;
        let theirs = match &now.thresholds {
            Some(t) => thresholds_words(t),
            None => format!("the plan's default ({})", thresholds_words(&plan)),
        };
        return Ok(Outcome::Conflict {
            what: format!("measure {id}'s thresholds"),
            theirs: format!(
                "Someone else changed this measure while you were editing; nothing was saved. \
                 Its thresholds are now: {theirs}; its profile: {}. Your entries are kept \
                 below: save again to replace theirs.",
                crate::model::scoring::profile_words(now.profile)
            ),
        });
    }
    let event = Event::Measure {
        id,
        before: Some(json!({"thresholds": before.thresholds, "profile": before.profile})),
        after: json!({"thresholds": checked.thresholds, "profile": checked.profile}),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(Outcome::Saved(()))
}

/// Sets the plan-wide default thresholds (own bands or a range; "default" puts back the
/// built-in ones), if they are still what the form showed. One transaction with its
/// audit event.
pub async fn save_default_thresholds(
    db: &Db,
    actor: &Actor,
    input: &ScoringInput,
) -> Result<Outcome<()>, AppError> {
    let checked = match check_scoring(input) {
        Ok(c) => c,
        Err(errors) => return Ok(Outcome::Invalid(errors)),
    };
    let after = checked
        .thresholds
        .unwrap_or_else(crate::model::bands::default_bands);
    let mut tx = db.begin_write().await?;
    let before = crate::queries::settings::default_thresholds_in(&mut tx).await?;
    if default_version(&before) != input.version.trim() {
        return Ok(Outcome::Conflict {
            what: "the default thresholds".into(),
            theirs: format!(
                "Someone else changed the default thresholds while you were editing; nothing \
                 was saved. They are now: {}. Your entries are kept below: save again to \
                 replace theirs.",
                thresholds_words(&before)
            ),
        });
    }
    let text = serde_json::to_string(&after).unwrap_or_default();
    crate::queries::settings::set_setting(&mut tx, DEFAULT_THRESHOLDS, &text).await?;
    let event = Event::Setting {
        key: DEFAULT_THRESHOLDS,
        before: json!(before),
        after: json!(after),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(Outcome::Saved(()))
}
