//! The whole plan as one JSON document (plan, revisions, status history, measures,
//! targets, actuals, reviews, meetings, budget, accounts, audit trail), and restoring
//! such a document into an empty database. The shape is in `docs/export-format.md`.

use crate::db::Db;
use crate::model::whole::{check_tables, has_id, FORMAT, SEEDED, TABLES, VERSION};
use crate::model::AppError;
use crate::queries::whole as q;
use serde_json::{json, Map, Value};

/// The whole database as the export document.
pub async fn export(db: &Db) -> Result<Value, AppError> {
    let mut tables = Map::new();
    for table in TABLES {
        let rows = q::rows(db, table).await?;
        tables.insert(
            table.name.to_string(),
            Value::Array(rows.into_iter().map(Value::Object).collect()),
        );
    }
    Ok(json!({
        "format": FORMAT,
        "version": VERSION,
        "tables": tables,
    }))
}

/// The export as pretty-printed text (what the download and the CLI write).
pub async fn export_text(db: &Db) -> Result<String, AppError> {
    let doc = export(db).await?;
    let mut text = serde_json::to_string_pretty(&doc).map_err(|_| AppError::Internal)?;
    text.push('\n');
    Ok(text)
}

/// How many rows a restore wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Restored {
    pub tables: usize,
    pub rows: usize,
}

/// Restores an export into an empty database, all or nothing.
pub async fn import(db: &Db, text: &str) -> Result<Restored, AppError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| AppError::Invalid(format!("This is not a plantrack export: {e}.")))?;
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(AppError::Invalid(format!(
            "This is not a plantrack export (its \"format\" is not \"{FORMAT}\")."
        )));
    }
    let version = doc.get("version").and_then(Value::as_i64).unwrap_or(0);
    if version != VERSION {
        return Err(AppError::Invalid(format!(
            "This export is version {version}; this plantrack reads version {VERSION}."
        )));
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| AppError::Invalid("The export has no \"tables\".".into()))?;
    // Every table and row is checked before anything is written.
    if let Some(problem) = check_tables(tables) {
        return Err(AppError::Invalid(problem));
    }
    let mut tx = db.begin_write().await?;
    for table in ["plans", "users", "audit_log", "status_updates"] {
        if q::count(&mut tx, table).await? > 0 {
            return Err(AppError::Invalid(
                "The database is not empty: restore an export into a new database (DATABASE_URL)."
                    .into(),
            ));
        }
    }
    for table in SEEDED {
        q::clear_seeded(&mut tx, table).await?;
    }
    let mut restored = Restored::default();
    for table in TABLES {
        let Some(rows) = tables.get(table.name).and_then(Value::as_array) else {
            continue;
        };
        let name = table.name;
        for (i, row) in rows.iter().enumerate() {
            let row = row.as_object().ok_or_else(|| {
                AppError::Invalid(format!("Row {} of \"{name}\" is not an object.", i + 1))
            })?;
            q::insert(&mut tx, table, row).await.map_err(|e| {
                tracing::warn!(table = name, row = i + 1, error = %e, "restoring a row failed");
                AppError::Invalid(format!(
                    "Row {} of \"{name}\" could not be restored: it does not fit this database's tables.",
                    i + 1
                ))
            })?;
            restored.rows += 1;
        }
        if has_id(name) {
            q::reset_ids(&mut tx, db.backend(), name).await?;
        }
        restored.tables += 1;
    }
    tx.commit().await?;
    Ok(restored)
}

/// The same tables as CSV files in one zip (`plans.csv`, `goals.csv`, …), with a
/// `README.txt` naming the format and version; columns in name order, bytes as base64.
pub async fn export_zip(db: &Db) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let broken = |_| AppError::Internal;
    zip.start_file("README.txt", options).map_err(broken)?;
    let readme = format!(
        "{FORMAT} version {VERSION}: one CSV file per table, the same rows as the JSON export.\nSee docs/export-format.md in plantrack for what each table holds.\n"
    );
    zip.write_all(readme.as_bytes())
        .map_err(|_| AppError::Internal)?;
    for table in TABLES {
        let rows = q::rows(db, table).await?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let columns = table.columns;
        w.write_record(columns).map_err(|_| AppError::Internal)?;
        for row in &rows {
            let cells = columns.iter().map(|c| match &row[*c] {
                Value::Null => String::new(),
                Value::String(s) => crate::csv_text::cell(s),
                other => other.to_string(),
            });
            w.write_record(cells).map_err(|_| AppError::Internal)?;
        }
        let body = w.into_inner().map_err(|_| AppError::Internal)?;
        zip.start_file(format!("{}.csv", table.name), options)
            .map_err(broken)?;
        zip.write_all(&body).map_err(|_| AppError::Internal)?;
    }
    let cursor = zip.finish().map_err(broken)?;
    Ok(cursor.into_inner())
}
