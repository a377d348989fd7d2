//! SQL for sample data: multi-row inserts and the rows the generator needs ids of.

use crate::db::now_utc;
use sqlx::{Any, Error, Transaction};

type Tx = Transaction<'static, Any>;

/// Rows of one multi-row INSERT: a statement per `chunk` rows, each row `width` values.
pub struct Batch {
    table: &'static str,
    columns: &'static str,
    width: usize,
    pub rows: Vec<Vec<Value>>,
}

/// A value to bind.
#[derive(Clone)]
pub enum Value {
    Int(i64),
    Real(Option<f64>),
    Text(String),
}

impl Batch {
    /// A batch for `table` and its comma-separated `columns`.
    pub fn new(table: &'static str, columns: &'static str) -> Batch {
        Batch {
            table,
            columns,
            width: columns.split(',').count(),
            rows: Vec::new(),
        }
    }

    /// Inserts the rows gathered so far and empties the batch.
    pub async fn flush(&mut self, tx: &mut Tx) -> Result<(), Error> {
        let per = (6_000 / self.width).max(1);
        for chunk in self.rows.chunks(per) {
            let mut sql = format!("INSERT INTO {} ({}) VALUES ", self.table, self.columns);
            let mut n = 0;
            for (i, _) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for c in 0..self.width {
                    if c > 0 {
                        sql.push(',');
                    }
                    n += 1;
                    sql.push_str(&format!("${n}"));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(&sql);
            for row in chunk {
                for v in row {
                    q = match v {
                        Value::Int(i) => q.bind(*i),
                        Value::Real(r) => q.bind(*r),
                        Value::Text(t) => q.bind(t.clone()),
                    };
                }
            }
            q.execute(&mut **tx).await?;
        }
        self.rows.clear();
        Ok(())
    }
}

/// Adds the sample plan spanning `years` (first, last); returns its id.
pub async fn insert_plan(
    tx: &mut Tx,
    title: &str,
    organisation: &str,
    years: (i32, i32),
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plans (title, organisation, fy_start, fy_end, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(title)
    .bind(organisation)
    .bind(years.0 as i64)
    .bind(years.1 as i64)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Every strategy's (id, objective id), by id.
pub async fn strategy_ids(tx: &mut Tx) -> Result<Vec<(i64, i64)>, Error> {
    sqlx::query_as("SELECT id, objective_id FROM strategies ORDER BY id")
        .fetch_all(&mut **tx)
        .await
}

/// Adds a sample measure (cases completed, higher is better) under a goal and objective.
pub async fn insert_measure(
    tx: &mut Tx,
    (goal_id, objective_id): (i64, i64),
    name: &str,
    baseline: (f64, i32),
) -> Result<i64, Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO measures (goal_id, objective_id, name, unit, direction, kind, aggregation,
            baseline_value, baseline_fy, data_source, verification, limitations, created_at, updated_at,
            accuracy, compensation, lag_days)
         VALUES ($1, $2, $3, 'cases', 'higher', 'quantitative', 'sum', $4, $5,
            'Sample system of record', 'Sample quarterly reconciliation', 'Synthetic data', $6, $6,
            'Counts exact to the case', 'Reconciled against the case files each quarter', 45)
         RETURNING id",
    )
    .bind(goal_id)
    .bind(objective_id)
    .bind(name)
    .bind(baseline.0)
    .bind(baseline.1 as i64)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Records a sample year's APP state (revision 1) and its IP as distributed.
pub async fn insert_plan_year(tx: &mut Tx, fy: i32, app_state: &str) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO plan_years (fiscal_year, app_state, app_revision, ip_state, ip_distributed_at, ip_distributed_by)
         VALUES ($1, $2, 1, 'distributed', $3, 'sample-data')",
    )
    .bind(fy as i64)
    .bind(app_state)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
