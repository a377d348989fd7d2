//! Reads of the plan outline.

use crate::db::Db;
use crate::model::outline::NarrativeSection;
use crate::model::plan::{
    GoalDetail, GoalRef, GoalSummary, Objective, ObjectiveDetail, PlanInfo, PlanOverview, Strategy,
    StrategyDetail,
};
use sqlx::Error;

type PlanRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
);
type GoalRow = (String, Option<String>, Option<String>, i64, i64);
type StrategyRow = (String, String, Option<String>, Option<String>);
/// A strategy row with its objective id.
type OwnedStrategyRow = (i64, String, String, Option<String>, Option<String>);
/// Objective id, number and title, with its goal's number and name.
type StrategyContextRow = (i64, String, Option<String>, String, Option<String>);

/// The id and header of the plan this database holds, if any.
pub async fn current_plan(db: &Db) -> Result<Option<(i64, PlanInfo)>, Error> {
    let row: Option<PlanRow> = sqlx::query_as(
        "SELECT id, title, organisation, fy_start, fy_end, effective_date
         FROM plans ORDER BY id LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(
        |(id, title, organisation, fy_start, fy_end, effective_date)| {
            (
                id,
                PlanInfo {
                    title,
                    organisation,
                    fy_start,
                    fy_end,
                    effective_date,
                },
            )
        },
    ))
}

/// The overview: plan header, goals with counts, narrative sections.
pub async fn overview(db: &Db) -> Result<PlanOverview, Error> {
    let Some((plan_id, plan)) = current_plan(db).await? else {
        return Ok(PlanOverview {
            plan: None,
            goals: Vec::new(),
            narrative: Vec::new(),
        });
    };
    let goals = goal_summaries(db, plan_id, None).await?;
    let narrative: Vec<(Option<String>, String)> = sqlx::query_as(
        "SELECT heading, body FROM narrative_sections WHERE plan_id = $1 ORDER BY position",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    Ok(PlanOverview {
        plan: Some(plan),
        goals,
        narrative: narrative
            .into_iter()
            .map(|(heading, text)| NarrativeSection { heading, text })
            .collect(),
    })
}

async fn goal_summaries(
    db: &Db,
    plan_id: i64,
    number: Option<&str>,
) -> Result<Vec<GoalSummary>, Error> {
    let rows: Vec<GoalRow> = sqlx::query_as(
        "SELECT g.number, g.name, g.statement,
                (SELECT COUNT(*) FROM objectives o WHERE o.goal_id = g.id),
                (SELECT COUNT(*) FROM strategies s JOIN objectives o ON s.objective_id = o.id
                  WHERE o.goal_id = g.id)
         FROM goals g
         WHERE g.plan_id = $1
         ORDER BY g.seq",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| number.is_none_or(|n| row.0 == n))
        .map(
            |(number, name, statement, objective_count, strategy_count)| GoalSummary {
                number,
                name,
                statement,
                objective_count,
                strategy_count,
            },
        )
        .collect())
}

/// A goal with its objectives and strategies; `None` for an unknown number.
pub async fn goal_detail(db: &Db, number: &str) -> Result<Option<GoalDetail>, Error> {
    let Some((plan_id, _)) = current_plan(db).await? else {
        return Ok(None);
    };
    let Some(goal) = goal_summaries(db, plan_id, Some(number)).await?.pop() else {
        return Ok(None);
    };
    let objectives = objectives_of_goal(db, plan_id, number).await?;
    let nav = goal_refs(db, plan_id).await?;
    Ok(Some(GoalDetail {
        goal,
        objectives,
        nav,
    }))
}

/// Every goal's number and name, in order.
pub async fn goal_refs(db: &Db, plan_id: i64) -> Result<Vec<GoalRef>, Error> {
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT number, name FROM goals WHERE plan_id = $1 ORDER BY seq")
            .bind(plan_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(number, name)| GoalRef { number, name })
        .collect())
}

/// The objectives of one goal with their strategies, in two queries.
async fn objectives_of_goal(
    db: &Db,
    plan_id: i64,
    goal_number: &str,
) -> Result<Vec<Objective>, Error> {
    let objectives: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT o.id, o.number, o.title FROM objectives o JOIN goals g ON o.goal_id = g.id
         WHERE g.plan_id = $1 AND g.number = $2 ORDER BY o.seq",
    )
    .bind(plan_id)
    .bind(goal_number)
    .fetch_all(db.pool())
    .await?;
    let strategies: Vec<OwnedStrategyRow> = sqlx::query_as(
        "SELECT s.objective_id, s.number, s.text, s.owner_office, s.owner_person
         FROM strategies s JOIN objectives o ON s.objective_id = o.id
         JOIN goals g ON o.goal_id = g.id
         WHERE g.plan_id = $1 AND g.number = $2 ORDER BY s.seq",
    )
    .bind(plan_id)
    .bind(goal_number)
    .fetch_all(db.pool())
    .await?;
    Ok(objectives
        .into_iter()
        .map(|(id, number, title)| Objective {
            number,
            title,
            strategies: strategies
                .iter()
                .filter(|s| s.0 == id)
                .map(|(_, number, text, office, person)| Strategy {
                    number: number.clone(),
                    text: text.clone(),
                    owner_office: office.clone(),
                    owner_person: person.clone(),
                })
                .collect(),
        })
        .collect())
}

/// An objective with its goal and sibling objectives; `None` for an unknown number.
pub async fn objective_detail(db: &Db, number: &str) -> Result<Option<ObjectiveDetail>, Error> {
    let Some((plan_id, _)) = current_plan(db).await? else {
        return Ok(None);
    };
    let goal: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT g.number, g.name FROM objectives o JOIN goals g ON o.goal_id = g.id
         WHERE o.plan_id = $1 AND o.number = $2",
    )
    .bind(plan_id)
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    let Some((goal_number, goal_name)) = goal else {
        return Ok(None);
    };
    let siblings = objectives_of_goal(db, plan_id, &goal_number).await?;
    let Some(objective) = siblings.iter().find(|o| o.number == number).cloned() else {
        return Ok(None);
    };
    Ok(Some(ObjectiveDetail {
        goal: GoalRef {
            number: goal_number,
            name: goal_name,
        },
        objective,
        siblings,
    }))
}

/// A strategy with its objective, goal and siblings; `None` for an unknown number.
pub async fn strategy_detail(db: &Db, number: &str) -> Result<Option<StrategyDetail>, Error> {
    let Some((plan_id, _)) = current_plan(db).await? else {
        return Ok(None);
    };
    let context: Option<StrategyContextRow> = sqlx::query_as(
        "SELECT o.id, o.number, o.title, g.number, g.name
         FROM strategies s JOIN objectives o ON s.objective_id = o.id
         JOIN goals g ON o.goal_id = g.id
         WHERE s.plan_id = $1 AND s.number = $2",
    )
    .bind(plan_id)
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    let Some((objective_id, objective_number, objective_title, goal_number, goal_name)) = context
    else {
        return Ok(None);
    };
    let rows: Vec<StrategyRow> = sqlx::query_as(
        "SELECT number, text, owner_office, owner_person FROM strategies
         WHERE objective_id = $1 ORDER BY seq",
    )
    .bind(objective_id)
    .fetch_all(db.pool())
    .await?;
    let siblings: Vec<Strategy> = rows
        .into_iter()
        .map(|(number, text, owner_office, owner_person)| Strategy {
            number,
            text,
            owner_office,
            owner_person,
        })
        .collect();
    let Some(strategy) = siblings.iter().find(|s| s.number == number).cloned() else {
        return Ok(None);
    };
    Ok(Some(StrategyDetail {
        goal: GoalRef {
            number: goal_number,
            name: goal_name,
        },
        objective_number,
        objective_title,
        strategy,
        siblings,
    }))
}
