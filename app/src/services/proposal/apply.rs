//! Applying one approved change inside the review's transaction: one function per kind
//! of change, each writing its change and saying what the audit trail records.

use super::{refused, Tx};
use crate::model::measure::{Measure, Period};
use crate::model::proposal::{Change, Level};
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::changes as q;
use crate::queries::import as iq;
use crate::services::audit::{self, Event, PlanItem};
use crate::services::Refused;
use serde_json::{json, Value};

/// Applies one approved change, audited.
pub(super) async fn apply(
    tx: &mut Tx,
    actor: &Actor,
    change: &Change,
    revision: i64,
) -> Result<(), Refused> {
    let plan = iq::plan(tx)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| AppError::NotFound("No plan has been imported yet.".into()))?;
    let event = match change {
        Change::Text { item, text } => Some(text_of(tx, plan.id, item, text).await?),
        Change::Owner {
            item,
            office,
            person,
        } => Some(owner(tx, item, office, person).await?),
        Change::New { parent, text } => Some(new_item(tx, plan.id, parent, text).await?),
        Change::Retire { item } => Some(retire(tx, item, revision).await?),
        Change::Measure {
            measure,
            name,
            unit,
        } => Some(rename_measure(tx, *measure, name, unit).await?),
        Change::Target {
            measure,
            fiscal_year,
            annual,
        } => {
            target(tx, actor, (*measure, *fiscal_year, *annual), revision).await?;
            None
        }
        Change::Import { draft, .. } => {
            import(tx, actor, *draft).await?;
            None
        }
        Change::BusinessPlan {
            item,
            fiscal_year,
            milestones,
            cents,
            fte,
        } => Some(business_plan(tx, actor, item, *fiscal_year, (milestones, *cents, *fte)).await?),
    };
    if let Some(event) = event {
        audit::write(tx, actor, &event)
            .await
            .map_err(AppError::from)?;
    }
    Ok(())
}

/// The audit event of a plan item's change.
fn item_event(item: PlanItem, key: &str, before: Option<Value>, after: Value) -> Event {
    Event::PlanItem {
        item,
        key: key.to_string(),
        before,
        after,
    }
}

/// New wording for a goal, objective or strategy.
async fn text_of(tx: &mut Tx, plan: i64, item: &str, text: &str) -> Result<Event, Refused> {
    Ok(match Level::of(item) {
        Some(Level::Goal) => {
            let g = iq::goal(tx, plan, item)
                .await
                .map_err(AppError::from)?
                .ok_or_else(|| refused(format!("No goal {item}.")))?;
            iq::update_goal(tx, g.id, Some(text), g.statement.as_deref())
                .await
                .map_err(AppError::from)?;
            let before = json!({"name": g.name});
            item_event(PlanItem::Goal, item, Some(before), json!({"name": text}))
        }
        Some(Level::Objective) => {
            let o = iq::objective(tx, plan, item)
                .await
                .map_err(AppError::from)?
                .ok_or_else(|| refused(format!("No objective {item}.")))?;
            iq::update_objective(tx, o.id, Some(text))
                .await
                .map_err(AppError::from)?;
            let before = json!({"title": o.text});
            item_event(
                PlanItem::Objective,
                item,
                Some(before),
                json!({"title": text}),
            )
        }
        _ => {
            let s = iq::strategy(tx, plan, item)
                .await
                .map_err(AppError::from)?
                .ok_or_else(|| refused(format!("No strategy {item}.")))?;
            iq::update_strategy(tx, s.id, text)
                .await
                .map_err(AppError::from)?;
            let before = json!({"text": s.text});
            item_event(
                PlanItem::Strategy,
                item,
                Some(before),
                json!({"text": text}),
            )
        }
    })
}

/// A strategy's owning office and person.
async fn owner(tx: &mut Tx, item: &str, office: &str, person: &str) -> Result<Event, Refused> {
    let (id, _) = q::item(tx, 3, item)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| refused(format!("No strategy {item}.")))?;
    fn some(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    q::set_owner(tx, id, some(office), some(person))
        .await
        .map_err(AppError::from)?;
    let after = json!({"office": some(office), "owner": some(person)});
    Ok(item_event(PlanItem::Strategy, item, None, after))
}

/// A new goal, objective or strategy under `parent`, at the next free number.
async fn new_item(tx: &mut Tx, plan: i64, parent: &str, text: &str) -> Result<Event, Refused> {
    let level = Level::of(parent).map_or(1, |l| if l == Level::Goal { 2 } else { 3 });
    let number = next_free(tx, level, parent).await.map_err(AppError::from)?;
    let seq = number
        .rsplit('.')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let parent_id = match level {
        1 => 0,
        l => q::item(tx, l - 1, parent)
            .await
            .map_err(AppError::from)?
            .map(|(id, _)| id)
            .unwrap_or(0),
    };
    let at = (number.as_str(), seq);
    let item = match level {
        1 => {
            iq::insert_goal(tx, plan, at, Some(text), None)
                .await
                .map_err(AppError::from)?;
            PlanItem::Goal
        }
        2 => {
            iq::insert_objective(tx, (plan, parent_id), at, Some(text))
                .await
                .map_err(AppError::from)?;
            PlanItem::Objective
        }
        _ => {
            iq::insert_strategy(tx, (plan, parent_id), at, text)
                .await
                .map_err(AppError::from)?;
            PlanItem::Strategy
        }
    };
    Ok(item_event(item, &number, None, json!({"text": text})))
}

/// The next free number under `parent` at `level` (retired numbers stay taken).
async fn next_free(tx: &mut Tx, level: u8, parent: &str) -> Result<String, sqlx::Error> {
    let used = q::numbers_under(tx, level, parent).await?;
    let last = used
        .iter()
        .filter_map(|n| n.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    Ok(if parent.is_empty() {
        format!("{}", last + 1)
    } else {
        format!("{parent}.{}", last + 1)
    })
}

/// Retires a goal, objective or strategy in plan revision `revision`.
async fn retire(tx: &mut Tx, item: &str, revision: i64) -> Result<Event, Refused> {
    let level = match Level::of(item) {
        Some(Level::Goal) => 1,
        Some(Level::Objective) => 2,
        _ => 3,
    };
    q::retire(tx, level, item, revision)
        .await
        .map_err(AppError::from)?;
    let kind = [PlanItem::Goal, PlanItem::Objective, PlanItem::Strategy][level as usize - 1];
    Ok(item_event(
        kind,
        item,
        None,
        json!({"retired_in": revision}),
    ))
}

/// Measure `id` as the transaction sees it.
async fn measure_in(tx: &mut Tx, id: i64) -> Result<Measure, Refused> {
    crate::queries::measure::list_in(&mut **tx)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| refused(format!("No measure {id}.")))
}

/// A measure's new name and unit.
async fn rename_measure(tx: &mut Tx, id: i64, name: &str, unit: &str) -> Result<Event, Refused> {
    let m = measure_in(tx, id).await?;
    q::rename_measure(tx, id, name, unit)
        .await
        .map_err(AppError::from)?;
    Ok(Event::Measure {
        id,
        before: Some(json!({"name": m.name, "unit": m.unit})),
        after: json!({"name": name, "unit": unit}),
    })
}

/// A measure's new annual target, through the target form's own rules and log (an
/// approved APP's annual targets are closed until its mid-year revision starts).
async fn target(
    tx: &mut Tx,
    actor: &Actor,
    (measure, fiscal_year, annual): (i64, i32, f64),
    revision: i64,
) -> Result<(), Refused> {
    use crate::services::measure::{targets_in, TargetsFrom, TargetsInput};
    let m = measure_in(tx, measure).await?;
    let stored = crate::queries::measure::targets_of_in(&mut **tx, measure)
        .await
        .map_err(AppError::from)?;
    let typed: [String; 5] = std::array::from_fn(|i| match Period::ALL[i] {
        Period::Annual => m.plain(annual),
        p => stored
            .get(fiscal_year, p)
            .map(|v| m.plain(v))
            .unwrap_or_default(),
    });
    let input = TargetsInput {
        measure,
        fiscal_year,
        typed,
        shown: String::new(),
        reason: format!("Approved change proposal (plan revision {revision})"),
    };
    match targets_in(tx, actor, &m, &input, TargetsFrom::Csv).await {
        Ok(_) => Ok(()),
        Err(Refused::Invalid(problems)) => {
            let words: Vec<String> = problems.into_iter().map(|(_, e)| e).collect();
            Err(refused(format!("Nothing was saved: {}", words.join(" "))))
        }
        Err(e) => Err(e),
    }
}

/// A whole-plan import draft, written as its import would write it.
async fn import(tx: &mut Tx, actor: &Actor, draft: i64) -> Result<(), Refused> {
    let d = iq::get_draft_in(tx, draft)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| refused(format!("Import draft {draft} is gone.")))?;
    let outline = crate::outline::parse_plan_text(&d.body).map_err(|e| refused(e.to_string()))?;
    let summary = crate::services::plan_writer::apply_in(tx, &outline, &Default::default(), actor)
        .await
        .map_err(AppError::from)?;
    iq::mark_committed(tx, draft, &summary)
        .await
        .map_err(AppError::from)?;
    Ok(())
}

/// A strategy's year of the business plan, as the approved change gives it (frozen years
/// change only this way); the entry's other fields stay as they were.
async fn business_plan(
    tx: &mut Tx,
    actor: &Actor,
    item: &str,
    fy: i32,
    (milestones, cents, fte): (&str, Option<i64>, Option<f64>),
) -> Result<Event, Refused> {
    let changed = crate::queries::business_plan::set_from_proposal(
        tx,
        (item, fy),
        (milestones, cents, fte),
        &actor.username,
    )
    .await
    .map_err(AppError::from)?;
    if !changed {
        return Err(refused(format!("No strategy {item}.")));
    }
    Ok(Event::Meeting {
        action: "business_plan_entry",
        key: format!("strategy {item} FY{fy}"),
        after: json!({ "milestones": milestones, "dollars": cents.map(crate::model::budget::dollars), "fte": fte, "by": "approved change" }),
    })
}
