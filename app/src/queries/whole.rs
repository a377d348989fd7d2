//! SQL for the whole-plan export: a table's rows as JSON objects, a row written back, and
//! PostgreSQL's id counters moved past the restored ids.

use crate::db::{Backend, Db};
use crate::model::whole::{is_binary, Table};
use base64::Engine;
use serde_json::{Map, Number, Value};
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{Any, Column, Error, Row, Transaction, ValueRef};

type Tx = Transaction<'static, Any>;

/// Every row of `table` in its order, each as {column: value} over the table's own
/// columns; bytes as base64.
pub async fn rows(db: &Db, table: &Table) -> Result<Vec<Map<String, Value>>, Error> {
    // Names, columns and order come from model::whole::TABLES, never from a request.
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.columns.join(", "),
        table.name,
        table.order
    );
    let rows = sqlx::query(&sql).fetch_all(db.pool()).await?;
    rows.iter().map(to_json).collect()
}

fn to_json(row: &AnyRow) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let raw = row.try_get_raw(i)?;
        let value = if raw.is_null() {
            Value::Null
        } else {
            match raw.type_info().kind() {
                AnyTypeInfoKind::Bool => Value::from(row.try_get::<bool, _>(i)?),
                AnyTypeInfoKind::SmallInt => Value::from(row.try_get::<i16, _>(i)?),
                AnyTypeInfoKind::Integer => Value::from(row.try_get::<i32, _>(i)?),
                AnyTypeInfoKind::BigInt => Value::from(row.try_get::<i64, _>(i)?),
                AnyTypeInfoKind::Real => float(row.try_get::<f32, _>(i)? as f64),
                AnyTypeInfoKind::Double => float(row.try_get::<f64, _>(i)?),
                AnyTypeInfoKind::Blob => Value::from(
                    base64::engine::general_purpose::STANDARD.encode(row.try_get::<Vec<u8>, _>(i)?),
                ),
                AnyTypeInfoKind::Text | AnyTypeInfoKind::Null => {
                    Value::from(row.try_get::<String, _>(i)?)
                }
            }
        };
        out.insert(col.name().to_string(), value);
    }
    Ok(out)
}

fn float(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// Writes one exported row back into `table` (a setting replaces the one a new database
/// starts with). Only the table's own columns are named in the SQL (the row was checked
/// by `model::whole::row_problem`; a key outside them is ignored here); null columns
/// are left to their default.
pub async fn insert(tx: &mut Tx, table: &Table, row: &Map<String, Value>) -> Result<(), Error> {
    let cols: Vec<(&str, &Value)> = table
        .columns
        .iter()
        .filter_map(|c| row.get(*c).filter(|v| !v.is_null()).map(|v| (*c, v)))
        .collect();
    let names: Vec<&str> = cols.iter().map(|(k, _)| *k).collect();
    let table = table.name;
    let marks: Vec<String> = (1..=cols.len()).map(|n| format!("${n}")).collect();
    let mut sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    if table == "settings" {
        sql.push_str(" ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
    let mut q = sqlx::query(&sql);
    for (name, value) in cols {
        q = match value {
            Value::Bool(b) => q.bind(i64::from(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => q.bind(i),
                None => q.bind(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) if is_binary(table, name) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|e| Error::Decode(Box::new(e)))?;
                q.bind(bytes)
            }
            Value::String(s) => q.bind(s.clone()),
            other => q.bind(other.to_string()),
        };
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Moves `table`'s id counter past its largest id (PostgreSQL; SQLite needs nothing).
pub async fn reset_ids(tx: &mut Tx, backend: Backend, table: &str) -> Result<(), Error> {
    if backend == Backend::Postgres {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        );
        sqlx::query(&sql).execute(&mut **tx).await?;
    }
    Ok(())
}

/// How many rows `table` has.
pub async fn count(tx: &mut Tx, table: &str) -> Result<i64, Error> {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut **tx)
        .await?;
    Ok(n)
}

/// Empties a table a new database starts with rows in (see `model::whole::SEEDED`).
pub async fn clear_seeded(tx: &mut Tx, table: &str) -> Result<(), Error> {
    sqlx::query(&format!("DELETE FROM {table}"))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
