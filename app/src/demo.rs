//! Sample data: a synthetic plan with plausible history (status, measures, targets,
//! actuals, APP revisions, planning-cycle marks), for demonstrations and benchmarks.
//! A database holding it says so on every page (the `sample_data` setting).

use crate::db::{now_utc, Db};
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::queries::demo::{self as q, Batch, Value};
use crate::queries::import;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The setting that marks a database as holding sample data.
pub const SAMPLE_SETTING: &str = "sample_data";

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub strategies: usize,
    pub years: usize,
    pub seed: u64,
}

/// What was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub goals: usize,
    pub objectives: usize,
    pub strategies: usize,
    pub status_updates: usize,
    pub measures: usize,
    pub actuals: usize,
}

/// Why no sample data was made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already holds a plan; give the sample data a database of its own (DATABASE_URL)")]
    NotEmpty,
    #[error("ask for 1 to 20,000 strategies and 1 to 20 years")]
    Size,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

const THEMES: [&str; 8] = [
    "Information Technology",
    "Human Capital Management",
    "Operations",
    "Stakeholder Engagement",
    "Infrastructure",
    "Financial Stewardship",
    "Safety and Security",
    "Data and Evidence",
];

/// Fills an empty database with a synthetic plan of `size.strategies` strategies and
/// `size.years` fiscal years of history up to `today`.
pub async fn generate(
    db: &Db,
    size: DemoSize,
    today: chrono::NaiveDate,
) -> Result<DemoCounts, DemoError> {
    if !(1..=20_000).contains(&size.strategies) || !(1..=20).contains(&size.years) {
        return Err(DemoError::Size);
    }
    if !crate::queries::import::is_empty(db).await? {
        return Err(DemoError::NotEmpty);
    }
    let mut rng = StdRng::seed_from_u64(size.seed);
    let cal = FiscalCalendar::default();
    let today = cal.quarter_of(today);
    let first_year = today.year - size.years as i32 + 1;
    let now = now_utc();
    let mut counts = DemoCounts::default();
    let mut tx = db.begin_write().await?;
    let plan_id = q::insert_plan(
        &mut tx,
        "Sample strategic plan (synthetic data)",
        "Sample agency",
        (first_year, today.year + 4),
    )
    .await?;
    let goals = size.strategies.div_ceil(40).clamp(1, THEMES.len());
    let objectives_per_goal = size.strategies.div_ceil(goals * 8).clamp(1, 60);
    let total_objectives = goals * objectives_per_goal;
    let per_objective = size.strategies.div_ceil(total_objectives);
    let mut objective_ids = Vec::new();
    for g in 1..=goals {
        let statement = format!(
            "Sample goal statement for {} (synthetic).",
            THEMES[g - 1].to_lowercase()
        );
        let number = g.to_string();
        let goal_id = import::insert_goal(
            &mut tx,
            plan_id,
            (&number, g as i64),
            Some(THEMES[g - 1]),
            Some(&statement),
        )
        .await?;
        counts.goals += 1;
        for o in 1..=objectives_per_goal {
            let number = format!("{g}.{o}");
            let title = format!("Sample objective {g}.{o}");
            let id = import::insert_objective(
                &mut tx,
                (plan_id, goal_id),
                (&number, o as i64),
                Some(&title),
            )
            .await?;
            objective_ids.push((goal_id, id, format!("{g}.{o}")));
            counts.objectives += 1;
        }
    }
    let mut strategies = Batch::new("strategies", "plan_id, objective_id, number, seq, text");
    for i in 0..size.strategies {
        let (_, objective_id, number) =
            &objective_ids[(i / per_objective).min(total_objectives - 1)];
        let seq = i % per_objective + 1;
        strategies.rows.push(vec![
            Value::Int(plan_id),
            Value::Int(*objective_id),
            Value::Text(format!("{number}.{seq}")),
            Value::Int(seq as i64),
            Value::Text(format!(
                "Sample strategy {number}.{seq}: deliver part {seq} of the objective."
            )),
        ]);
    }
    counts.strategies = strategies.rows.len();
    strategies.flush(&mut tx).await?;
    let strategy_rows = q::strategy_ids(&mut tx).await?;

    // Quarterly status: a random walk per strategy, percent rising over the years.
    let quarters: Vec<FiscalQuarter> = {
        let mut list = Vec::new();
        let mut q = FiscalQuarter {
            year: first_year,
            quarter: 1,
        };
        while q <= today {
            list.push(q);
            q = q.next();
        }
        list
    };
    let statuses = [
        "on_track",
        "on_track",
        "on_track",
        "at_risk",
        "off_track",
        "not_started",
    ];
    let mut updates = Batch::new(
        "status_updates",
        "strategy_id, fiscal_year, quarter, version, status, percent, accomplishments, author_name, created_at",
    );
    for (sid, _) in &strategy_rows {
        let mut percent: i64 = 0;
        let mut status = "not_started";
        for (k, q) in quarters.iter().enumerate() {
            if k > 0 && rng.gen_bool(0.15) {
                continue; // a missed report
            }
            if percent >= 100 {
                status = "completed";
            } else if rng.gen_bool(0.3) || status == "not_started" {
                status = statuses[rng.gen_range(0..statuses.len() - 1)];
            }
            percent = (percent + rng.gen_range(0..12)).min(100);
            updates.rows.push(vec![
                Value::Int(*sid),
                Value::Int(q.year as i64),
                Value::Int(q.quarter as i64),
                Value::Int(1),
                Value::Text(status.into()),
                Value::Int(percent),
                Value::Text("Sample progress note (synthetic).".into()),
                Value::Text("sample-data".into()),
                Value::Text(now.clone()),
            ]);
        }
        if updates.rows.len() > 20_000 {
            counts.status_updates += updates.rows.len();
            updates.flush(&mut tx).await?;
        }
    }
    counts.status_updates += updates.rows.len();
    updates.flush(&mut tx).await?;

    // One measure per objective, with annual and quarterly targets and actuals.
    let mut targets = Batch::new("targets", "measure_id, fiscal_year, period, value");
    let mut actuals = Batch::new(
        "actuals",
        "measure_id, fiscal_year, quarter, version, value, data_lag, author_name, created_at",
    );
    for (goal_id, objective_id, number) in &objective_ids {
        let baseline = rng.gen_range(40..400) as f64;
        let name = format!("Cases completed under objective {number}");
        let at = (*goal_id, *objective_id);
        let id = q::insert_measure(&mut tx, at, &name, (baseline, first_year - 1)).await?;
        counts.measures += 1;
        // Each measure has its own season (the IP's quarterly targets follow it), its own
        // level of performance, a shock per year and noise per quarter: enough pattern
        // and enough surprise for a forecast (and `plantrack forecast-check`) to mean
        // something.
        let season = seasonal_shares(&mut rng);
        let performance = rng.gen_range(0.9..1.1);
        for y in first_year..=today.year + 1 {
            let annual = (baseline * (1.0 + 0.05 * (y - first_year + 1) as f64)).round();
            let year_shock = 1.0 + spread(&mut rng, 0.06);
            targets.rows.push(vec![
                Value::Int(id),
                Value::Int(y as i64),
                Value::Int(0),
                Value::Real(Some(annual)),
            ]);
            for q in 1..=4 {
                let share = season[q as usize - 1];
                targets.rows.push(vec![
                    Value::Int(id),
                    Value::Int(y as i64),
                    Value::Int(q),
                    Value::Real(Some((annual * share).round())),
                ]);
                let fq = FiscalQuarter {
                    year: y,
                    quarter: q as u8,
                };
                if fq >= today {
                    continue;
                }
                let lag = fq == today.previous() && rng.gen_bool(0.2);
                let noise = 1.0 + spread(&mut rng, 0.08);
                let value = (annual * share * performance * year_shock * noise)
                    .round()
                    .max(0.0);
                actuals.rows.push(vec![
                    Value::Int(id),
                    Value::Int(y as i64),
                    Value::Int(q),
                    Value::Int(1),
                    Value::Real((!lag).then_some(value)),
                    Value::Int(lag as i64),
                    Value::Text("sample-data".into()),
                    Value::Text(now.clone()),
                ]);
            }
        }
    }
    counts.actuals = actuals.rows.len();
    targets.flush(&mut tx).await?;
    actuals.flush(&mut tx).await?;
    for y in first_year..=today.year {
        let state = if y < today.year {
            "revised"
        } else {
            "approved"
        };
        q::insert_plan_year(&mut tx, y, state).await?;
    }
    crate::queries::status::set_setting(&mut tx, SAMPLE_SETTING, "true").await?;
    tx.commit().await?;
    Ok(counts)
}

/// A measure's season: four quarter shares adding up to 1, each 15 % to 35 % before
/// scaling.
fn seasonal_shares(rng: &mut StdRng) -> [f64; 4] {
    let raw: [f64; 4] = std::array::from_fn(|_| rng.gen_range(0.15..0.35));
    let total: f64 = raw.iter().sum();
    raw.map(|r| r / total)
}

/// A bell-shaped draw around 0 (the mean of three uniform draws) whose standard
/// deviation is about `sd`.
fn spread(rng: &mut StdRng, sd: f64) -> f64 {
    // The mean of three uniform(-a, a) draws has a standard deviation of a / 3.
    let a = sd * 3.0;
    (0..3).map(|_| rng.gen_range(-a..a)).sum::<f64>() / 3.0
}
