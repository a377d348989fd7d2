//! The public performance page: publishing it, choosing its measures, and reading it as
//! the public does (nothing internal: see `model::public`).

use super::audit::{self, Event};
use crate::db::Db;
use crate::model::chart::DrawnChart;
use crate::model::fiscal::FiscalCalendar;
use crate::model::measure::Measure;
use crate::model::public::{
    self as rules, PublicGoal, PublicMeasure, PublicObjective, PublicPage, PublicSettings,
    PUBLISHED_AT_KEY,
};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::{measure as mq, public as q, settings};
use chrono::{DateTime, NaiveDate, Utc};

/// When the page was published, if it is.
pub async fn published_at(db: &Db) -> Result<Option<String>, sqlx::Error> {
    Ok(settings::setting(db, PUBLISHED_AT_KEY)
        .await?
        .filter(|v| !v.trim().is_empty()))
}

/// "6 December 2026" for a stored instant (the text itself if it does not read).
fn day_of(stamp: &str) -> String {
    DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// The page as anyone reads it on `today`, or `None` while it is not published.
pub async fn page(
    db: &Db,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<Option<PublicPage>, sqlx::Error> {
    let Some(published) = published_at(db).await? else {
        return Ok(None);
    };
    let current = cal.quarter_of(today).year;
    let (first, last) = (*rules::years(current).start(), current);
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(_, p)| p);
    let public: std::collections::HashSet<i64> = q::public_ids(db).await?.into_iter().collect();
    let measures: Vec<Measure> = mq::list(db)
        .await?
        .into_iter()
        .filter(|m| public.contains(&m.id))
        .collect();
    let targets = mq::targets(db, (first, last)).await?;
    let actuals = mq::actuals(db, (first, last)).await?;
    let stages = q::app_stages(db, (first, last)).await?;
    let title = plan.as_ref().map(|p| p.title.clone()).unwrap_or_default();
    let mut goals: Vec<PublicGoal> = Vec::new();
    for row in q::outline(db).await? {
        if goals.last().is_none_or(|g| g.number != row.goal_number) {
            goals.push(PublicGoal {
                number: row.goal_number.clone(),
                name: row.goal_name.clone().unwrap_or_default(),
                statement: row.goal_statement.clone().unwrap_or_default(),
                objectives: Vec::new(),
                measures: Vec::new(),
            });
        }
        if let (Some(goal), Some(number)) = (goals.last_mut(), row.objective_number) {
            goal.objectives.push(PublicObjective {
                number,
                title: row.objective_title.unwrap_or_default(),
            });
        }
    }
    for m in &measures {
        let quarters = |y: i32| {
            [1, 2, 3, 4].map(|qn| actuals.get(&(m.id, y, qn)).copied().unwrap_or_default())
        };
        let of = targets.get(&m.id);
        let years: Vec<_> = rules::years(current)
            .map(|y| {
                rules::year_row(
                    (m.rule, &m.unit),
                    y,
                    current,
                    stages.get(&y).copied(),
                    (of.and_then(|t| t.annual(y)), quarters(y)),
                )
            })
            .collect();
        let shown = measure_public(m, years, current, &title, |y| {
            let target = rules::target_shown(stages.get(&y).copied(), of.and_then(|t| t.annual(y)));
            let actual = (y < current)
                .then(|| crate::model::measure::year_actual(m.rule, quarters(y)))
                .flatten();
            (actual, target.ok().flatten())
        });
        if let Some(goal) = goals.iter_mut().find(|g| g.number == m.goal) {
            goal.measures.push(shown);
        }
    }
    let updated = q::last_change(db, current)
        .await?
        .max(Some(published.clone()));
    Ok(Some(PublicPage {
        plan: title,
        organisation: plan.map(|p| p.organisation).unwrap_or_default(),
        updated: day_of(updated.as_deref().unwrap_or(&published)),
        current_year: current,
        goals,
        reports: q::published_reports(db).await?,
    }))
}

/// One public measure with its chart of results against approved targets.
fn measure_public(
    m: &Measure,
    years: Vec<rules::PublicYear>,
    current: i32,
    plan: &str,
    shown: impl Fn(i32) -> (Option<f64>, Option<f64>),
) -> PublicMeasure {
    let points: Vec<(i32, Option<f64>, Option<f64>)> = rules::years(current)
        .map(|y| {
            let (actual, target) = shown(y);
            (y, actual, target)
        })
        .collect();
    let mut chart = crate::charts::build::measure_app(m, &points, None);
    chart.id = format!("public-measure-{}", m.id);
    chart.title = format!("{}: result vs target by fiscal year", m.name);
    chart.series[1].name = "Target".into();
    let drawn = (!chart.is_empty()).then(|| DrawnChart {
        svg: crate::charts::svg(&chart),
        narrow: crate::charts::svg_narrow(&chart),
        file_name: crate::model::chart::file_name(plan, &chart.id, &chart.period),
        quarter: String::new(),
        chart,
    });
    // What it measures, never the strategy (whose owner is internal).
    let measures = match &m.objective {
        Some(o) => format!("Objective {o}"),
        None => format!("Goal {}", m.goal),
    };
    PublicMeasure {
        id: m.id,
        name: m.name.clone(),
        measures,
        direction: m.rule.direction.label().to_string(),
        years,
        chart: drawn,
    }
}

/// The administrator's view of the public page's settings.
pub async fn settings(db: &Db) -> Result<PublicSettings, sqlx::Error> {
    let public: Vec<i64> = q::public_ids(db).await?;
    let mut measures: Vec<(String, Vec<rules::Choice>)> = Vec::new();
    for m in mq::list(db).await? {
        let goal = match &m.goal_name {
            Some(name) => format!("Goal {}: {name}", m.goal),
            None => format!("Goal {}", m.goal),
        };
        if measures.last().is_none_or(|(g, _)| *g != goal) {
            measures.push((goal, Vec::new()));
        }
        if let Some((_, list)) = measures.last_mut() {
            list.push((m.id, m.name, m.attached_label, public.contains(&m.id)));
        }
    }
    Ok(PublicSettings {
        published: published_at(db).await?.map(|p| day_of(&p)),
        measures,
        shown: ids_text(&public),
        returned: None,
    })
}

/// Ids as the form carries them: "3,7".
pub fn ids_text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Publishes the page (`publish`) or takes it down, at `now`; audited. Publishing a
/// published page keeps its date.
pub async fn set_published(
    db: &Db,
    actor: &Actor,
    publish: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let before = published_at(db).await?;
    if before.is_some() == publish {
        return Ok(());
    }
    let after = publish.then(|| crate::services::outbox::stamp(now));
    let mut tx = db.begin_write().await?;
    settings::set_setting(&mut tx, PUBLISHED_AT_KEY, after.as_deref().unwrap_or("")).await?;
    let event = Event::Setting {
        key: "public_page",
        before: before.is_some().into(),
        after: publish.into(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes exactly the `picked` measures (ids as typed) public, when the public ones are
/// still those the form showed (`shown`); audited. Refused: an id that is no measure, or
/// someone changed the choice meanwhile (nothing saved either way).
pub async fn set_measures(
    db: &Db,
    actor: &Actor,
    picked: &[String],
    shown: &str,
) -> Result<usize, AppError> {
    let mut ids = Vec::with_capacity(picked.len());
    for p in picked {
        let id = p.trim().parse::<i64>().map_err(|_| {
            AppError::Invalid(format!(
                "\"{}\" is not a measure.",
                p.chars().take(40).collect::<String>()
            ))
        })?;
        ids.push(id);
    }
    ids.sort_unstable();
    ids.dedup();
    let mut tx = db.begin_write().await?;
    let before = q::public_ids_in(&mut *tx).await?;
    if ids_text(&before) != shown.trim() {
        return Err(AppError::Conflict(
            "Someone changed which measures are public while you were choosing: the list now shows their choice. Choose again and save.".into(),
        ));
    }
    let marked = q::set_public(&mut tx, &ids).await?;
    if marked != ids.len() as u64 {
        return Err(AppError::Invalid(
            "One of the chosen measures no longer exists: nothing was saved.".into(),
        ));
    }
    let event = Event::Setting {
        key: "public_measures",
        before: before.into(),
        after: ids.clone().into(),
    };
    audit::write(&mut tx, actor, &event).await?;
    tx.commit().await?;
    Ok(ids.len())
}
