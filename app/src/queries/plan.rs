//! Reads of the plan outline.

use crate::db::Db;
use crate::model::outline::NarrativeSection;
use crate::model::plan::{
    GoalDetail, GoalRef, GoalSummary, Objective, ObjectiveDetail, PlanInfo, PlanOverview, Strategy,
    StrategyDetail,
};
use sqlx::Error;

/// The plan's id and header.
#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    #[sqlx(flatten)]
    info: PlanInfo,
}

/// A strategy with the id of its objective.
#[derive(sqlx::FromRow)]
struct OwnedStrategyRow {
    objective_id: i64,
    #[sqlx(flatten)]
    strategy: Strategy,
}

/// A strategy's objective (id, number, title) and goal (number, name).
#[derive(sqlx::FromRow)]
struct StrategyContextRow {
    objective_id: i64,
    objective_number: String,
    objective_title: Option<String>,
    goal_number: String,
    goal_name: Option<String>,
}

/// The id and header of the plan this database holds, if any.
pub async fn current_plan(db: &Db) -> Result<Option<(i64, PlanInfo)>, Error> {
    let row: Option<PlanRow> = sqlx::query_as(
        "SELECT id, title, organisation, fy_start, fy_end, effective_date
         FROM plans ORDER BY id LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| (r.id, r.info)))
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
    let rows: Vec<GoalSummary> = sqlx::query_as(
        "SELECT g.number, g.name, g.statement,
                (SELECT COUNT(*) FROM objectives o WHERE o.goal_id = g.id) AS objective_count,
                (SELECT COUNT(*) FROM strategies s JOIN objectives o ON s.objective_id = o.id
                  WHERE o.goal_id = g.id) AS strategy_count, g.retired_in
         FROM goals g
         WHERE g.plan_id = $1
         ORDER BY g.seq",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| number.is_none_or(|n| row.number == n))
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
        standing: None,
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

/// The objectives of one goal with their strategies and owners, in three queries.
async fn objectives_of_goal(
    db: &Db,
    plan_id: i64,
    goal_number: &str,
) -> Result<Vec<Objective>, Error> {
    let objectives: Vec<(i64, String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT o.id, o.number, o.title, o.retired_in FROM objectives o JOIN goals g ON o.goal_id = g.id
         WHERE g.plan_id = $1 AND g.number = $2 ORDER BY o.seq",
    )
    .bind(plan_id)
    .bind(goal_number)
    .fetch_all(db.pool())
    .await?;
    let strategies: Vec<OwnedStrategyRow> = sqlx::query_as(
        "SELECT s.objective_id, s.number, s.text, s.owner_office, s.retired_in
         FROM strategies s JOIN objectives o ON s.objective_id = o.id
         JOIN goals g ON o.goal_id = g.id
         WHERE g.plan_id = $1 AND g.number = $2 ORDER BY s.seq",
    )
    .bind(plan_id)
    .bind(goal_number)
    .fetch_all(db.pool())
    .await?;
    let names = owner_names(db).await?;
    let mut strategies = strategies;
    with_owners(strategies.iter_mut().map(|s| &mut s.strategy), &names);
    Ok(objectives
        .into_iter()
        .map(|(id, number, title, retired_in)| Objective {
            number,
            title,
            retired_in,
            strategies: strategies
                .iter()
                .filter(|s| s.objective_id == id)
                .map(|s| s.strategy.clone())
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
        standing: None,
    }))
}

/// A strategy with its objective, goal and siblings; `None` for an unknown number.
pub async fn strategy_detail(db: &Db, number: &str) -> Result<Option<StrategyDetail>, Error> {
    let Some((plan_id, _)) = current_plan(db).await? else {
        return Ok(None);
    };
    let context: Option<StrategyContextRow> = sqlx::query_as(
        "SELECT o.id AS objective_id, o.number AS objective_number, o.title AS objective_title,
                g.number AS goal_number, g.name AS goal_name
         FROM strategies s JOIN objectives o ON s.objective_id = o.id
         JOIN goals g ON o.goal_id = g.id
         WHERE s.plan_id = $1 AND s.number = $2",
    )
    .bind(plan_id)
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    let Some(context) = context else {
        return Ok(None);
    };
    let mut siblings: Vec<Strategy> = sqlx::query_as(
        "SELECT number, text, owner_office, retired_in FROM strategies
         WHERE objective_id = $1 ORDER BY seq",
    )
    .bind(context.objective_id)
    .fetch_all(db.pool())
    .await?;
    with_owners(&mut siblings, &owner_names(db).await?);
    let Some(strategy) = siblings.iter().find(|s| s.number == number).cloned() else {
        return Ok(None);
    };
    Ok(Some(StrategyDetail {
        goal: GoalRef {
            number: context.goal_number,
            name: context.goal_name,
        },
        objective_number: context.objective_number,
        objective_title: context.objective_title,
        strategy,
        siblings,
        can_record: false,
        record_quarters: Vec::new(),
        owners_form: None,
        review_returned: None,
        evidence: Default::default(),
        discussion: None,
    }))
}

/// The display names of the people assigned to each strategy, by strategy number.
pub async fn owner_names(db: &Db) -> Result<std::collections::HashMap<String, Vec<String>>, Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT s.number, u.display_name FROM strategy_assignments a
         JOIN strategies s ON s.id = a.strategy_id JOIN users u ON u.id = a.user_id
         ORDER BY u.display_name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut names: std::collections::HashMap<String, Vec<String>> = Default::default();
    for (number, name) in rows {
        names.entry(number).or_default().push(name);
    }
    Ok(names)
}

/// Fills in each strategy's owners from [`owner_names`].
pub fn with_owners<'a>(
    strategies: impl IntoIterator<Item = &'a mut Strategy>,
    names: &std::collections::HashMap<String, Vec<String>>,
) {
    for s in strategies {
        s.owners = names.get(&s.number).cloned().unwrap_or_default();
    }
}

/// Whether goal or objective `number` ("4", "4.1") is in the plan.
pub async fn goal_or_objective_exists(db: &Db, number: &str) -> Result<bool, Error> {
    let sql = if number.contains('.') {
        "SELECT COUNT(*) FROM objectives WHERE number = $1"
    } else {
        "SELECT COUNT(*) FROM goals WHERE number = $1"
    };
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(number)
        .fetch_one(db.pool())
        .await?;
    Ok(n > 0)
}
