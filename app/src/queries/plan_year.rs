//! A fiscal year's APP and IP: lifecycle rows, kept revisions, IP milestones, and the
//! APP and IP pages put together from a fixed number of queries.

use super::measure::{self as mq, show_reading, Tx};
use crate::db::{now_utc, Db};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::{assess, quarter_state, year_actual, Period, Reading, TargetState};
use crate::model::plan_year::{
    AppPage, AppRevision, AppRow, AppStage, IpCell, IpMilestone, IpPage, IpRow, IpState,
};
use chrono::NaiveDate;
use sqlx::Error;

/// A year's lifecycle row.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanYear {
    pub app_state: AppStage,
    pub app_revision: i64,
    pub ip_state: IpState,
    pub ip_distributed: Option<(String, String)>,
}

/// The year's lifecycle (a draft APP and IP when nothing is recorded yet).
pub async fn plan_year(db: &Db, fy: i32) -> Result<PlanYear, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        app_state: String,
        app_revision: i64,
        ip_state: String,
        ip_distributed_at: Option<String>,
        ip_distributed_by: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT app_state, app_revision, ip_state, ip_distributed_at, ip_distributed_by
         FROM plan_years WHERE fiscal_year = $1",
    )
    .bind(fy as i64)
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        None => PlanYear {
            app_state: AppStage::Draft,
            app_revision: 0,
            ip_state: IpState::Draft,
            ip_distributed: None,
        },
        Some(r) => PlanYear {
            app_state: AppStage::parse(&r.app_state).unwrap_or(AppStage::Draft),
            app_revision: r.app_revision,
            ip_state: IpState::parse(&r.ip_state).unwrap_or(IpState::Draft),
            ip_distributed: r.ip_distributed_at.zip(r.ip_distributed_by),
        },
    })
}

/// Makes sure the year has a lifecycle row.
pub async fn ensure_year(tx: &mut Tx, fy: i32) -> Result<(), Error> {
    sqlx::query("INSERT INTO plan_years (fiscal_year) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(fy as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves the APP to `state`; when `snapshot` is given, keeps it as the next revision.
pub async fn set_app_state(
    tx: &mut Tx,
    fy: i32,
    state: AppStage,
    snapshot: Option<(i64, &str, &str)>,
    author: &str,
) -> Result<(), Error> {
    ensure_year(tx, fy).await?;
    sqlx::query("UPDATE plan_years SET app_state = $1 WHERE fiscal_year = $2")
        .bind(state.as_str())
        .bind(fy as i64)
        .execute(&mut **tx)
        .await?;
    if let Some((revision, note, targets)) = snapshot {
        sqlx::query("UPDATE plan_years SET app_revision = $1 WHERE fiscal_year = $2")
            .bind(revision)
            .bind(fy as i64)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO app_revisions (fiscal_year, revision, state, note, targets, author_name,
                created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(fy as i64)
        .bind(revision)
        .bind(state.as_str())
        .bind(note)
        .bind(targets)
        .bind(author)
        .bind(now_utc())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The year's annual targets as JSON, for a kept revision: [[measure id, name, shown]].
pub async fn snapshot(db: &Db, fy: i32) -> Result<String, Error> {
    let measures = mq::list(db).await?;
    let targets = mq::targets(db, (fy, fy)).await?;
    let list: Vec<(i64, String, String)> = measures
        .iter()
        .filter_map(|m| {
            targets
                .get(&m.id)
                .and_then(|t| t.annual(fy))
                .map(|v| (m.id, m.name.clone(), m.show(v)))
        })
        .collect();
    Ok(serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()))
}

/// Every kept revision of a year's APP, newest first.
pub async fn revisions(db: &Db, fy: i32, cal: FiscalCalendar) -> Result<Vec<AppRevision>, Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        revision: i64,
        state: String,
        note: String,
        targets: String,
        author_name: String,
        created_at: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT revision, state, note, targets, author_name, created_at FROM app_revisions
         WHERE fiscal_year = $1 ORDER BY revision DESC",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AppRevision {
            revision: r.revision,
            state: r.state,
            note: r.note,
            targets: serde_json::from_str(&r.targets).unwrap_or_default(),
            author: r.author_name,
            recorded: cal.label_timestamp(&r.created_at),
        })
        .collect())
}

/// Marks the IP distributed.
pub async fn distribute_ip(tx: &mut Tx, fy: i32, author: &str) -> Result<(), Error> {
    ensure_year(tx, fy).await?;
    sqlx::query(
        "UPDATE plan_years SET ip_state = 'distributed', ip_distributed_at = $1,
            ip_distributed_by = $2 WHERE fiscal_year = $3",
    )
    .bind(now_utc())
    .bind(author)
    .bind(fy as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a strategy's quarterly milestone to a year's IP; returns its id.
pub async fn add_milestone(
    tx: &mut Tx,
    strategy_id: i64,
    fy: i32,
    quarter: u8,
    description: &str,
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO ip_milestones (strategy_id, fiscal_year, quarter, description, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(strategy_id)
    .bind(fy as i64)
    .bind(quarter as i64)
    .bind(description.trim())
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// An IP milestone, if there is one with this id.
pub async fn milestone(db: &Db, id: i64) -> Result<Option<MilestoneRow>, Error> {
    sqlx::query_as(
        "SELECT m.strategy_id, s.number, m.fiscal_year, m.done_at FROM ip_milestones m
         JOIN strategies s ON s.id = m.strategy_id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// An IP milestone's strategy, year and whether it is done.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneRow {
    pub strategy_id: i64,
    /// The strategy's number ("4.1.3").
    pub number: String,
    pub fiscal_year: i64,
    pub done_at: Option<String>,
}

/// A year's APP state as stored, read inside a write transaction (to see a racing change).
pub async fn app_state_in(tx: &mut Tx, fy: i32) -> Result<String, Error> {
    let (state,): (String,) =
        sqlx::query_as("SELECT app_state FROM plan_years WHERE fiscal_year = $1")
            .bind(fy as i64)
            .fetch_one(&mut **tx)
            .await?;
    Ok(state)
}

/// Marks a milestone done (with who) or not done.
pub async fn set_milestone_done(tx: &mut Tx, id: i64, done_by: Option<&str>) -> Result<(), Error> {
    sqlx::query("UPDATE ip_milestones SET done_at = $1, done_by = $2 WHERE id = $3")
        .bind(done_by.map(|_| now_utc()))
        .bind(done_by)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Goals in plan order: (number, name).
pub async fn goals(db: &Db) -> Result<Vec<(String, Option<String>)>, Error> {
    sqlx::query_as("SELECT number, name FROM goals ORDER BY seq")
        .fetch_all(db.pool())
        .await
}

/// When the plan says a year's APP is developed, approved and revised.
pub fn app_timing(cal: FiscalCalendar, fy: i32) -> String {
    let q = |year, quarter| cal.describe(FiscalQuarter { year, quarter });
    format!(
        "The FY{fy} APP is developed in {}, approved as the baseline before FY{fy} starts, and revised at mid-year in {}.",
        q(fy - 1, 1),
        q(fy, 3)
    )
}

/// When the plan says a year's IP is distributed and executed.
pub fn ip_timing(cal: FiscalCalendar, fy: i32) -> String {
    format!(
        "The FY{fy} IP is prepared in {}, distributed in {}, and executed from {}.",
        cal.describe(FiscalQuarter {
            year: fy - 1,
            quarter: 3
        }),
        cal.describe(FiscalQuarter {
            year: fy - 1,
            quarter: 4
        }),
        cal.start_of(FiscalQuarter {
            year: fy,
            quarter: 1
        })
        .format("%-d %B %Y")
    )
}

/// The APP page of year `fy` as it stands on `today`.
pub async fn app_page(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<AppPage, Error> {
    let year = plan_year(db, fy).await?;
    let measures = mq::list(db).await?;
    let span = (fy - 5, fy);
    let targets = mq::targets(db, span).await?;
    let actuals = mq::actuals(db, span).await?;
    let explained = mq::shortfalls(db, (fy, fy), cal).await?;
    let rows = measures
        .into_iter()
        .map(|m| {
            let quarters = |y: i32| -> [Reading; 4] {
                [1, 2, 3, 4].map(|q| actuals.get(&(m.id, y, q)).copied().unwrap_or_default())
            };
            let of = targets.get(&m.id).cloned().unwrap_or_default();
            let (target, ip) = (of.annual(fy), of.quarterly(fy));
            let elapsed = cal.quarters_over(fy, today);
            let state = assess(m.rule, target, ip, quarters(fy), elapsed);
            let shown_year = |y: i32| -> String {
                let q = quarters(y);
                match year_actual(m.rule, q) {
                    Some(v) => m.show(v),
                    None if q.contains(&Reading::Lag) => "Data not yet available".into(),
                    None if q.iter().all(|r| *r == Reading::Missing) => "—".into(),
                    None => "Incomplete".into(),
                }
            };
            AppRow {
                target_shown: target.map_or("No target".into(), |t| m.show(t)),
                actual_shown: shown_year(fy),
                prior: (fy - 5..fy).map(|y| (y, shown_year(y))).collect(),
                needs_explanation: state == TargetState::NotMet
                    && !explained.contains_key(&(m.id, fy)),
                state,
                target,
                measure: m,
            }
        })
        .collect();
    Ok(AppPage {
        fiscal_year: fy,
        state: year.app_state,
        revision: year.app_revision,
        timing: app_timing(cal, fy),
        revisions: revisions(db, fy, cal).await?,
        goals: goals(db).await?,
        rows,
        can_edit: false,
    })
}

/// The IP page of year `fy` as it stands on `today`.
pub async fn ip_page(
    db: &Db,
    fy: i32,
    cal: FiscalCalendar,
    today: NaiveDate,
) -> Result<IpPage, Error> {
    let year = plan_year(db, fy).await?;
    let measures = mq::list(db).await?;
    let targets = mq::targets(db, (fy, fy)).await?;
    let actuals = mq::actuals(db, (fy, fy)).await?;
    let elapsed = cal.quarters_over(fy, today);
    let rows = measures
        .into_iter()
        .map(|m| {
            let quarters = (1..=4u8)
                .map(|q| {
                    let target = targets
                        .get(&m.id)
                        .and_then(|t| t.get(fy, Period::Quarter(q)));
                    let reading = actuals.get(&(m.id, fy, q)).copied().unwrap_or_default();
                    let over = q <= elapsed;
                    IpCell {
                        target,
                        target_shown: target.map_or("—".into(), |t| m.show(t)),
                        reading,
                        actual_shown: show_reading(&m, reading),
                        state: quarter_state(m.rule, target, reading, over),
                        over,
                    }
                })
                .collect();
            IpRow {
                measure: m,
                quarters,
            }
        })
        .collect();
    type Row = (
        i64,
        String,
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
    );
    let milestone_rows: Vec<Row> = sqlx::query_as(
        "SELECT m.id, s.number, g.number, m.quarter, m.description, m.done_at, m.done_by
         FROM ip_milestones m JOIN strategies s ON s.id = m.strategy_id
         JOIN objectives o ON o.id = s.objective_id JOIN goals g ON g.id = o.goal_id
         WHERE m.fiscal_year = $1 ORDER BY m.quarter, g.seq, o.seq, s.seq, m.id",
    )
    .bind(fy as i64)
    .fetch_all(db.pool())
    .await?;
    let milestones = milestone_rows
        .into_iter()
        .map(
            |(id, strategy, goal, quarter, description, at, by)| IpMilestone {
                overdue: at.is_none() && (quarter as u8) <= elapsed,
                done: at
                    .zip(by)
                    .map(|(at, by)| format!("{by}, {}", cal.label_timestamp(&at))),
                id,
                strategy,
                goal,
                quarter: quarter as u8,
                description,
            },
        )
        .collect();
    let strategies: Vec<(String,)> = sqlx::query_as(
        "SELECT s.number FROM strategies s JOIN objectives o ON o.id = s.objective_id
         JOIN goals g ON g.id = o.goal_id ORDER BY g.seq, o.seq, s.seq",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(IpPage {
        fiscal_year: fy,
        state: year.ip_state,
        distributed: year
            .ip_distributed
            .map(|(at, by)| format!("{by}, {}", cal.label_timestamp(&at))),
        timing: ip_timing(cal, fy),
        goals: goals(db).await?,
        rows,
        milestones,
        strategies: strategies.into_iter().map(|(s,)| s).collect(),
        can_edit: false,
    })
}
