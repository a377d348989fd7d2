//! CSV imports: quarterly actuals and targets in. An import checks every row first and
//! writes nothing unless all are good.

use crate::csv_text::uncell;
use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::{check_actual, Measure, Period, Reading};
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::services::audit::Via;
use crate::services::measure::{record_actuals, NewActual, RecordFailure};
use std::collections::HashMap;

/// One good row of an actuals file.
struct Row {
    line: usize,
    measure: i64,
    quarter: FiscalQuarter,
    reading: Reading,
    note: String,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportFailure {
    /// (line, reason) for every bad row.
    Rows(Vec<(usize, String)>),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for ImportFailure {
    fn from(e: sqlx::Error) -> Self {
        ImportFailure::Database(e)
    }
}

/// A CSV's header row and its non-empty records, each with the line people see it on
/// (or why it cannot be read).
type Records = (
    csv::StringRecord,
    Vec<(usize, Result<csv::StringRecord, String>)>,
);

fn records(text: &str) -> Result<Records, ImportFailure> {
    // Browsers send pasted text with CRLF line ends; line numbers count lines as people see them.
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(ImportFailure::Rows(vec![(
                1,
                format!("The header row cannot be read: {e}."),
            )]))
        }
    };
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) if r.iter().all(|f| f.is_empty()) => {}
            Ok(r) => out.push((r.position().map_or(i + 2, |p| p.line() as usize), Ok(r))),
            Err(e) => out.push((
                e.position().map_or(i + 2, |p| p.line() as usize),
                Err(format!("This line cannot be read: {e}.")),
            )),
        }
    }
    Ok((headers, out))
}

/// Cell `c` of a row as typed (a spreadsheet's formula guard removed; "" when absent).
fn cell(record: &csv::StringRecord, c: usize) -> String {
    uncell(record.get(c).unwrap_or("")).to_string()
}

/// A readable row: its line, its cells and the measure it names.
type Found<'m> = (usize, csv::StringRecord, &'m Measure);

/// The readable rows with the measure their column `c_measure` names, and each other
/// row's (line, problem).
fn with_measures(
    records: Vec<(usize, Result<csv::StringRecord, String>)>,
    c_measure: usize,
    measures: &HashMap<i64, Measure>,
) -> (Vec<Found<'_>>, Vec<(usize, String)>) {
    let (mut found, mut errors) = (Vec::new(), Vec::new());
    for (line, record) in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push((line, e));
                continue;
            }
        };
        let text = cell(&record, c_measure);
        match text.parse::<i64>().ok().and_then(|id| measures.get(&id)) {
            Some(m) => found.push((line, record, m)),
            None => errors.push((line, format!("There is no measure \"{text}\"."))),
        }
    }
    (found, errors)
}

/// Every (line, problem), in line order.
fn by_line(mut errors: Vec<(usize, String)>) -> ImportFailure {
    errors.sort_by_key(|(line, _)| *line);
    ImportFailure::Rows(errors)
}

/// Checks every row of an actuals CSV (`measure_id`, `quarter`, `actual`, optional `note`).
/// The measures by id and the good rows.
async fn check(
    db: &Db,
    text: &str,
    cal: FiscalCalendar,
    today: chrono::NaiveDate,
) -> Result<(HashMap<i64, Measure>, Vec<Row>), ImportFailure> {
    let measures: HashMap<i64, Measure> =
        mq::list(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let now = cal.quarter_of(today);
    let (headers, records) = records(text)?;
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(c_measure), Some(c_quarter), Some(c_actual)) =
        (column("measure_id"), column("quarter"), column("actual"))
    else {
        return Err(ImportFailure::Rows(vec![(
            1,
            "The first line must name the columns measure_id, quarter and actual (note is optional).".into(),
        )]));
    };
    let c_note = column("note");
    let mut rows = Vec::new();
    let (found, mut errors) = with_measures(records, c_measure, &measures);
    let mut seen: HashMap<(i64, FiscalQuarter), usize> = HashMap::new();
    for (line, record, m) in found {
        let get = |c: usize| cell(&record, c);
        let actual = get(c_actual);
        if actual.is_empty() {
            continue;
        }
        let note = c_note.map(get).unwrap_or_default();
        let (quarter, reading) =
            match check_actual(m.rule.kind, &get(c_quarter), &actual, false, &note, now) {
                Ok(checked) => checked,
                Err(problems) => {
                    for (field, e) in problems {
                        let e = if field == "actual" {
                            format!("Measure {}: {e}", m.id)
                        } else {
                            e
                        };
                        errors.push((line, e));
                    }
                    continue;
                }
            };
        if let Some(first) = seen.insert((m.id, quarter), line) {
            errors.push((
                line,
                format!(
                    "Measure {} {} is also on line {first}.",
                    m.id,
                    quarter.slug()
                ),
            ));
            continue;
        }
        rows.push(Row {
            line,
            measure: m.id,
            quarter,
            reading,
            note,
        });
    }
    if errors.is_empty() {
        Ok((measures, rows))
    } else {
        Err(by_line(errors))
    }
}

/// Imports actuals: every row checked first; all recorded in one transaction, or none.
/// Rows whose actual is unchanged or empty are left alone; quarters after the one `today`
/// falls in are refused. Returns a summary.
pub async fn import_actuals(
    db: &Db,
    text: &str,
    cal: FiscalCalendar,
    today: chrono::NaiveDate,
    actor: &Actor,
) -> Result<String, ImportFailure> {
    let (measures, rows) = check(db, text, cal, today).await?;
    if rows.is_empty() {
        return Err(ImportFailure::Rows(vec![(
            1,
            "The file has no actuals to record.".into(),
        )]));
    }
    let actuals: Vec<NewActual> = rows
        .iter()
        .map(|r| NewActual {
            measure: &measures[&r.measure],
            quarter: r.quarter,
            reading: r.reading,
            note: r.note.clone(),
            base: None,
        })
        .collect();
    let done = match record_actuals(db, actor, &actuals, Via::CsvImport, (cal, today)).await {
        Ok(done) => done,
        Err(RecordFailure::Locked(locked)) => {
            let lines = locked.into_iter().map(|(i, m)| (rows[i].line, m));
            return Err(ImportFailure::Rows(lines.collect()));
        }
        Err(RecordFailure::Conflict(i)) => {
            return Err(ImportFailure::Rows(vec![(
                rows[i].line,
                "Someone else recorded this actual during the import; nothing was written. Import again.".into(),
            )]))
        }
        Err(RecordFailure::Database(e)) => return Err(e.into()),
    };
    Ok(format!(
        "{} actual{} recorded; {} unchanged.",
        done.recorded,
        if done.recorded == 1 { "" } else { "s" },
        done.unchanged
    ))
}

/// The columns of a targets CSV after `measure_id` and `fiscal_year`, in period order.
pub const TARGET_COLUMNS: [&str; 5] = ["annual", "q1", "q2", "q3", "q4"];

/// Sets annual and quarterly targets of many measures from a CSV (`measure_id`,
/// `fiscal_year`, any of `annual`, `q1`…`q4`, and `reason`): each row checked by the
/// same rules as the measure's target form (an approved APP's annual targets are
/// closed; a reason is required after the first draft), every change logged with its
/// reason, all in one transaction — nothing is written unless every row is good. An
/// empty cell keeps the target there.
pub async fn import_targets(db: &Db, text: &str, actor: &Actor) -> Result<String, ImportFailure> {
    use crate::services::measure::{targets_in, TargetsFrom, TargetsInput};
    use crate::services::Refused;
    let measures: HashMap<i64, Measure> =
        mq::list(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let (headers, records) = records(text)?;
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let periods = TARGET_COLUMNS.map(column);
    let (Some(c_measure), Some(c_year)) = (column("measure_id"), column("fiscal_year")) else {
        return Err(ImportFailure::Rows(vec![(
            1,
            "The first line must name the columns measure_id and fiscal_year, then any of annual, q1, q2, q3, q4, and reason.".into(),
        )]));
    };
    if periods.iter().all(Option::is_none) {
        return Err(ImportFailure::Rows(vec![(
            1,
            "The file has no target column: name at least one of annual, q1, q2, q3, q4.".into(),
        )]));
    }
    let c_reason = column("reason");
    let mut tx = db.begin_write().await?;
    crate::queries::lock_for_write(db, &mut tx, "targets").await?;
    let (found, mut errors) = with_measures(records, c_measure, &measures);
    let (mut changed, mut rows) = (0, 0);
    for (line, record, m) in found {
        let get = |c: usize| cell(&record, c);
        let year_text = get(c_year);
        let Some(fy) = crate::model::fiscal::parse_year(&year_text) else {
            errors.push((
                line,
                format!("\"{year_text}\" is not a fiscal year (use 2027)."),
            ));
            continue;
        };
        let stored = mq::targets_of_in(&mut *tx, m.id).await?;
        let typed: [String; 5] = std::array::from_fn(|i| {
            let cell = periods[i].map(get).unwrap_or_default();
            match (cell.is_empty(), stored.get(fy, Period::ALL[i])) {
                (true, Some(v)) => m.plain(v),
                _ => cell,
            }
        });
        let input = TargetsInput {
            measure: m.id,
            fiscal_year: fy,
            typed,
            shown: String::new(),
            reason: c_reason.map(get).unwrap_or_default(),
        };
        rows += 1;
        match targets_in(&mut tx, actor, m, &input, TargetsFrom::Csv).await {
            Ok(n) => changed += n,
            Err(Refused::Invalid(problems)) => errors.extend(
                problems
                    .into_iter()
                    .map(|(field, e)| (line, format!("Measure {}, FY{fy} {field}: {e}", m.id))),
            ),
            Err(Refused::Error(e)) => errors.push((line, e.to_string())),
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Err(by_line(errors));
    }
    if rows == 0 {
        return Err(ImportFailure::Rows(vec![(
            1,
            "The file has no targets to set.".into(),
        )]));
    }
    tx.commit().await?;
    Ok(format!(
        "{changed} target{} set from {rows} row{}; the rest were unchanged.",
        if changed == 1 { "" } else { "s" },
        if rows == 1 { "" } else { "s" }
    ))
}

/// Saves the five-year business plan's entries from a CSV with the columns of
/// `csv_text::BUSINESS_PLAN_COLUMNS` (`strategy` and `fiscal_year` required), each row
/// checked like the strategy's form; nothing is written unless every row is good.
pub async fn import_business_plan(
    db: &Db,
    text: &str,
    actor: &Actor,
    first: i32,
) -> Result<String, ImportFailure> {
    use crate::csv_text::BUSINESS_PLAN_COLUMNS;
    use crate::model::business_plan::EntryInput;
    let (headers, records) = records(text)?;
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    if column("strategy").is_none() || column("fiscal_year").is_none() {
        return Err(ImportFailure::Rows(vec![(
            1,
            format!(
                "The first line must name the columns strategy and fiscal_year, then any of {}.",
                BUSINESS_PLAN_COLUMNS[2..].join(", ")
            ),
        )]));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (line, record) in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push((line, e));
                continue;
            }
        };
        let get = |name: &str| column(name).map(|c| cell(&record, c)).unwrap_or_default();
        let active = match get("active").to_lowercase().as_str() {
            "" | "yes" | "y" | "true" | "1" | "on" => "on",
            _ => "",
        };
        rows.push((
            line,
            EntryInput {
                strategy: get("strategy"),
                fiscal_year: get("fiscal_year"),
                version: 0,
                active: active.into(),
                milestones: get("milestones"),
                dollars: get("dollars"),
                fte: get("fte"),
                needs: ["staff", "it", "facilities", "training", "contracts"].map(get),
                lead_office: get("lead_office"),
                contributing: get("contributing"),
            },
        ));
    }
    if !errors.is_empty() {
        return Err(by_line(errors));
    }
    match crate::services::business_plan::import(db, actor, rows, first).await {
        Ok(Ok(n)) => Ok(format!(
            "{n} business plan entr{} saved.",
            if n == 1 { "y" } else { "ies" }
        )),
        Ok(Err(problems)) => Err(by_line(problems)),
        Err(e) => {
            tracing::error!(error = %e, "a business plan import failed");
            Err(ImportFailure::Rows(vec![(
                0,
                "Something went wrong on the server; nothing was written. The problem has been logged.".into(),
            )]))
        }
    }
}
