//! The five-year business plan as its pages read it: the strategies' entries by year, each
//! goal's totals beside the year's budget requests, and one strategy's five years.

use crate::db::Db;
use crate::model::business_plan::{
    parse_milestones, BusinessPlan, Entry, GoalYear, PlanGoal, PlanStrategy, StrategyPlan,
    StrategyYear, YEARS,
};
use crate::model::chart::{Chart, DrawnChart, HEAT_MAP_ROWS};
use crate::model::fiscal::FiscalCalendar;
use crate::model::paging::Paging;
use crate::queries::business_plan::{self as q, EntryRow};
use std::collections::HashMap;

fn entry_of(r: &EntryRow) -> Entry {
    Entry {
        fiscal_year: r.fiscal_year as i32,
        active: r.active == 1,
        milestones: parse_milestones(&r.milestones).unwrap_or_default(),
        cents: r.amount_cents,
        fte: r.fte,
        needs: [
            r.staff.clone(),
            r.it.clone(),
            r.facilities.clone(),
            r.training.clone(),
            r.contracts.clone(),
        ],
        lead_office: r.lead_office.clone(),
        contributing: r.contributing.clone(),
    }
}

/// The business plan of the five years from `first`.
pub async fn business_plan(db: &Db, first: i32) -> Result<BusinessPlan, sqlx::Error> {
    let years: Vec<i32> = (first..first + YEARS).collect();
    let last = first + YEARS - 1;
    let rows = q::entries(db, (first, last)).await?;
    let goals = crate::queries::plan_year::goals(db).await?;
    // Each year's requests shared out to goals through the strategies they support.
    let placed = crate::queries::budget::strategies(db).await?;
    let goal_of: HashMap<&str, &str> = placed
        .iter()
        .map(|(s, _, g)| (s.as_str(), g.as_str()))
        .collect();
    let mut requested: HashMap<(String, i32), i64> = HashMap::new();
    let mut frozen = Vec::new();
    for &fy in &years {
        let amounts: HashMap<i64, i64> = crate::queries::budget::requests(db, fy)
            .await?
            .into_iter()
            .map(|r| (r.id, r.amount_cents))
            .collect();
        for (request, strategy, percent) in crate::queries::budget::shares(db, fy).await? {
            if let (Some(goal), Some(amount)) =
                (goal_of.get(strategy.as_str()), amounts.get(&request))
            {
                *requested.entry((goal.to_string(), fy)).or_default() += amount * percent / 100;
            }
        }
        if q::ip_distributed(db, fy).await? {
            frozen.push(fy);
        }
    }
    let mut sections: Vec<PlanGoal> = Vec::new();
    for (goal, name) in goals {
        let mut strategies: Vec<PlanStrategy> = Vec::new();
        for r in rows.iter().filter(|r| r.goal == goal) {
            let at = match strategies.iter().position(|s| s.number == r.strategy) {
                Some(i) => i,
                None => {
                    strategies.push(PlanStrategy {
                        number: r.strategy.clone(),
                        objective: r.objective.clone(),
                        years: vec![None; YEARS as usize],
                    });
                    strategies.len() - 1
                }
            };
            let i = (r.fiscal_year as i32 - first) as usize;
            strategies[at].years[i] = Some(entry_of(r));
        }
        if strategies.is_empty() {
            continue;
        }
        let totals = years
            .iter()
            .enumerate()
            .map(|(i, fy)| {
                let of_year = strategies.iter().filter_map(|s| s.years[i].as_ref());
                let (cents, fte) = of_year.fold((0, 0.0), |(c, f), e| {
                    (c + e.cents.unwrap_or(0), f + e.fte.unwrap_or(0.0))
                });
                GoalYear {
                    planned_cents: cents,
                    fte,
                    requested_cents: requested.get(&(goal.clone(), *fy)).copied().unwrap_or(0),
                }
            })
            .collect();
        sections.push(PlanGoal {
            goal,
            name,
            strategies,
            totals,
        });
    }
    let gaps = years
        .iter()
        .enumerate()
        .flat_map(|(i, fy)| {
            sections
                .iter()
                .filter_map(move |g| g.totals[i].gap(*fy, &g.goal))
        })
        .collect();
    Ok(BusinessPlan {
        first,
        years,
        goals: sections,
        gaps,
        frozen,
        can_plan: false,
        roadmap: None,
        paging: None,
    })
}

/// The roadmap chart of `plan`'s strategies, page `page` of them (50 to a page).
pub fn roadmap(plan: &BusinessPlan, page: Option<usize>) -> (Chart, Paging) {
    let strategies: Vec<_> = plan
        .goals
        .iter()
        .flat_map(|g| g.strategies.iter().cloned())
        .collect();
    let paging = Paging::of(strategies.len(), HEAT_MAP_ROWS, page);
    let chart = crate::charts::build::roadmap(plan.first, &paging.take(strategies), paging);
    (chart, paging)
}

/// The business plan page: the plan with its roadmap drawn (none when nothing is planned).
pub async fn page(db: &Db, first: i32, page: Option<usize>) -> Result<BusinessPlan, sqlx::Error> {
    let mut plan = business_plan(db, first).await?;
    if !plan.goals.is_empty() {
        let (chart, paging) = roadmap(&plan, page);
        plan.roadmap = Some(DrawnChart {
            svg: crate::charts::svg(&chart),
            narrow: crate::charts::svg_narrow(&chart),
            file_name: chart.id.clone(),
            quarter: String::new(),
            chart,
        });
        plan.paging = Some(paging);
    }
    Ok(plan)
}

/// Strategy `number`'s five years from `first` (`None`: no such strategy).
pub async fn strategy_plan(
    db: &Db,
    number: &str,
    first: i32,
    cal: FiscalCalendar,
) -> Result<Option<StrategyPlan>, sqlx::Error> {
    let Some(text) = q::strategy_text(db, number).await? else {
        return Ok(None);
    };
    let rows = q::of_strategy(db, number, (first, first + YEARS - 1)).await?;
    let mut years = Vec::new();
    for fy in first..first + YEARS {
        let row = rows.iter().find(|r| r.fiscal_year as i32 == fy);
        years.push(StrategyYear {
            fiscal_year: fy,
            entry: row.map(entry_of),
            version: row.map_or(0, |r| r.version),
            updated: row
                .map(|r| format!("{}, {}", r.updated_by, cal.label_timestamp(&r.updated_at)))
                .unwrap_or_default(),
            frozen: q::ip_distributed(db, fy).await?,
        });
    }
    Ok(Some(StrategyPlan {
        number: number.to_string(),
        text,
        first,
        years,
        can_edit: false,
        returned: None,
    }))
}
