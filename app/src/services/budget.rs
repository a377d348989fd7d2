//! Budget alignment: recording a year's budget requests and the strategies each
//! supports (one transaction, audited), and the year's page and CSV.

use super::audit::{self, Event};
use super::Refused;
use crate::db::Db;
use crate::model::budget::{self as rules, BudgetInput, BudgetPage, Placed, Request, Total};
use crate::model::chart::{Chart, ChartKind, DrawnChart, Series};
use crate::model::fiscal::FiscalCalendar;
use crate::model::AppError;
use crate::queries::audit::Actor;
use crate::queries::budget as q;
use serde_json::json;

/// The years a budget can be kept for (another year is not found).
pub fn check_year(fy: i32) -> Result<(), AppError> {
    crate::model::fiscal::year_problem(fy).map_or(Ok(()), |m| Err(AppError::NotFound(m)))
}

/// Year `fy`'s requests with their shares.
pub async fn requests(db: &Db, fy: i32, cal: FiscalCalendar) -> Result<Vec<Request>, AppError> {
    let shares = q::shares(db, fy).await?;
    Ok(q::requests(db, fy)
        .await?
        .into_iter()
        .map(|r| Request {
            shares: shares
                .iter()
                .filter(|(id, _, _)| *id == r.id)
                .map(|(_, n, p)| (n.clone(), *p))
                .collect(),
            id: r.id,
            title: r.title,
            cents: r.amount_cents,
            office: r.office,
            status: r.status,
            version: r.version,
            updated: format!("{}, {}", r.updated_by, cal.label_timestamp(&r.updated_at)),
        })
        .collect())
}

async fn placed(db: &Db) -> Result<Vec<Placed>, AppError> {
    Ok(q::strategies(db)
        .await?
        .into_iter()
        .map(|(number, objective, goal)| Placed {
            number,
            objective,
            goal,
        })
        .collect())
}

/// The chart of requested and funded amounts by goal (named), in thousands of dollars
/// ($K), or millions ($M) once a goal's request reaches a million, so "2.4" reads as
/// the table's $2,400,000.
fn chart(fy: i32, totals: &[Total]) -> Chart {
    let goals: Vec<&Total> = totals.iter().filter(|t| t.is_goal).collect();
    let largest = goals.iter().map(|t| t.requested).max().unwrap_or(0);
    let (per, unit) = if largest >= 100_000_000 {
        (100_000_000.0, "Millions of dollars ($M)")
    } else {
        (100_000.0, "Thousands of dollars ($K)")
    };
    let thousands = move |c: i64| Some((c as f64 / per * 100.0).round() / 100.0);
    Chart {
        forecast: None,
        id: format!("budget-{fy}"),
        title: format!("FY{fy} budget requests by goal"),
        x_label: "Goal".into(),
        y_label: unit.into(),
        categories: goals.iter().map(|t| rules::total_heading(t)).collect(),
        series: vec![
            Series {
                name: "Funded".into(),
                values: goals
                    .iter()
                    .map(|t| thousands(t.funded).filter(|v| *v > 0.0))
                    .collect(),
                colour: 0,
            },
            Series {
                name: "Requested, not funded".into(),
                values: goals
                    .iter()
                    .map(|t| thousands(t.requested - t.funded).filter(|v| *v > 0.0))
                    .collect(),
                colour: 3,
            },
        ],
        kind: ChartKind::StackedBars,
        marker: None,
        baseline: None,
        period: format!("FY{fy}"),
        note: String::new(),
    }
}

/// Year `fy`'s budget page: totals by goal and objective, the chart, the requests, the
/// exceptions and the strategies no request supports.
pub async fn page(
    db: &Db,
    fy: i32,
    can_edit: bool,
    (cal, edit): (FiscalCalendar, Option<i64>),
) -> Result<BudgetPage, AppError> {
    check_year(fy)?;
    let requests = requests(db, fy, cal).await?;
    let strategies = placed(db).await?;
    let wording = crate::queries::changes::current_wording(db).await?;
    let mut totals = rules::roll_up(&requests, &strategies);
    for t in &mut totals {
        let number = t.label.rsplit(' ').next().unwrap_or_default();
        t.name = wording.get(number).cloned().unwrap_or_default();
    }
    let c = chart(fy, &totals);
    let drawn = (!c.is_empty()).then(|| DrawnChart {
        svg: crate::charts::svg(&c),
        narrow: crate::charts::svg_narrow(&c),
        file_name: format!("budget-fy{fy}"),
        quarter: String::new(),
        chart: c,
    });
    Ok(BudgetPage {
        fiscal_year: fy,
        exceptions: requests
            .iter()
            .filter(|r| r.shares.is_empty())
            .cloned()
            .collect(),
        unsupported: rules::unsupported(&requests, &strategies),
        editing: edit.and_then(|id| requests.iter().find(|r| r.id == id).cloned()),
        requests,
        totals,
        chart: drawn,
        strategies: strategies
            .into_iter()
            .map(|s| {
                let text = wording.get(&s.number).cloned().unwrap_or_default();
                (s.number, text)
            })
            .collect(),
        can_edit,
        returned: None,
    })
}

/// Adds (`id` None) or updates a request of year `fy` as typed; returns its id. One
/// transaction with its shares and the audit event; an edit over a newer save is refused.
pub async fn save(
    db: &Db,
    actor: &Actor,
    (fy, id): (i32, Option<i64>),
    input: &BudgetInput,
) -> Result<i64, Refused> {
    check_year(fy)?;
    let numbers: Vec<String> = placed(db).await?.into_iter().map(|s| s.number).collect();
    let c = rules::check(input, &numbers).map_err(Refused::Invalid)?;
    let fields = q::Fields {
        title: &c.title,
        cents: c.cents,
        office: &c.office,
        status: c.status.as_str(),
        by: &actor.username,
    };
    let mut tx = db.begin_write().await.map_err(AppError::from)?;
    let id = match id {
        None => q::insert(&mut tx, fy, &fields)
            .await
            .map_err(AppError::from)?,
        Some(id) => {
            if !q::update(&mut tx, (fy, id, input.version), &fields)
                .await
                .map_err(AppError::from)?
            {
                return Err(Refused::Error(AppError::Conflict(
                    "Someone else changed this request since you opened it: nothing was saved. The page now shows theirs; make your change again.".into(),
                )));
            }
            id
        }
    };
    q::set_shares(&mut tx, id, &c.shares)
        .await
        .map_err(AppError::from)?;
    let event = Event::Change {
        action: "save_budget",
        object: "budget_request",
        key: format!("FY{fy} request {id}"),
        after: json!({
            "title": c.title,
            "amount": rules::dollars(c.cents),
            "office": c.office,
            "status": c.status.as_str(),
            "shares": c.shares,
        }),
    };
    audit::write(&mut tx, actor, &event)
        .await
        .map_err(AppError::from)?;
    tx.commit().await.map_err(AppError::from)?;
    Ok(id)
}

/// Year `fy`'s requests as CSV (see [`crate::csv_text::budget_csv`]).
pub async fn csv(db: &Db, fy: i32, cal: FiscalCalendar) -> Result<String, AppError> {
    check_year(fy)?;
    Ok(crate::csv_text::budget_csv(
        fy,
        &requests(db, fy, cal).await?,
    ))
}
