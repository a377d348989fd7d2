//! CSV exchange: the APP and IP tables out, quarterly actuals in. An import checks every
//! row first and writes nothing unless all are good.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::plain_value;
use crate::model::measure::{check_actual, Measure, Period, Reading};
use crate::model::plan_year::{AppPage, IpPage};
use crate::queries::audit::Actor;
use crate::queries::measure as mq;
use crate::services::audit::Via;
use crate::services::measure::{record_actuals, NewActual, RecordFailure};
use std::collections::HashMap;

fn raw(m: &Measure, r: Reading) -> String {
    match r {
        Reading::Missing => String::new(),
        Reading::Lag => "n/a".into(),
        Reading::Value(v) => plain_value(m.rule.kind, v),
    }
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a spreadsheet should read it: text that would start a formula gets a `'`
/// in front (OWASP's advice for CSV injection); numbers, negative ones too, stay numbers.
pub fn cell(text: &str) -> String {
    let risky = text.starts_with(FORMULA_START) && text.trim().parse::<f64>().is_err();
    if risky {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A cell as typed, without the `'` [`cell`] put in front of a would-be formula.
pub fn uncell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => text,
    }
}

/// Writes one record, each cell guarded by [`cell`].
fn write<I: IntoIterator<Item = S>, S: AsRef<str>>(w: &mut csv::Writer<Vec<u8>>, record: I) {
    let _ = w.write_record(record.into_iter().map(|c| cell(c.as_ref())));
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A year's budget requests: one row per request and strategy share (a request that
/// supports no strategy has one row with the strategy empty).
pub fn budget_csv(fy: i32, requests: &[crate::model::budget::Request]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    write(
        &mut w,
        [
            "fiscal_year",
            "request_id",
            "title",
            "office",
            "status",
            "amount",
            "strategy",
            "share_percent",
            "share_amount",
        ],
    );
    let money = |cents: i64| format!("{}.{:02}", cents / 100, cents % 100);
    for r in requests {
        let base = [
            fy.to_string(),
            r.id.to_string(),
            r.title.clone(),
            r.office.clone(),
            r.status.as_str().to_string(),
            money(r.cents),
        ];
        let shares: Vec<(String, String, String)> = if r.shares.is_empty() {
            vec![Default::default()]
        } else {
            r.shares
                .iter()
                .map(|(n, p)| (n.clone(), p.to_string(), money(r.cents * p / 100)))
                .collect()
        };
        for (n, p, part) in shares {
            write(&mut w, base.iter().cloned().chain([n, p, part]));
        }
    }
    finish(w)
}

/// The APP table: one row per measure, with the five prior years' actuals.
pub fn app_csv(page: &AppPage) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fy = page.fiscal_year;
    let mut header: Vec<String> = [
        "measure_id",
        "measure",
        "goal",
        "attached_to",
        "unit",
        "direction",
        "kind",
        "baseline",
        "baseline_fy",
        "fiscal_year",
        "target",
        "actual",
        "state",
    ]
    .map(String::from)
    .to_vec();
    header.extend((fy - 5..fy).map(|y| format!("actual_fy{y}")));
    write(&mut w, &header);
    for row in &page.rows {
        let m = &row.measure;
        let mut record = vec![
            m.id.to_string(),
            m.name.clone(),
            m.goal.clone(),
            m.attached_label.clone(),
            m.unit.clone(),
            m.rule.direction.as_str().into(),
            m.rule.kind.as_str().into(),
            m.baseline_value
                .map(|v| plain_value(m.rule.kind, v))
                .unwrap_or_default(),
            m.baseline_fy.map(|y| y.to_string()).unwrap_or_default(),
            fy.to_string(),
            row.target
                .map(|v| plain_value(m.rule.kind, v))
                .unwrap_or_default(),
            row.actual_shown.clone(),
            row.state.label().into(),
        ];
        record.extend(row.prior.iter().map(|(_, shown)| shown.clone()));
        write(&mut w, &record);
    }
    finish(w)
}

/// The IP table: one row per measure and quarter. Its `measure_id`, `quarter`, `actual`
/// and `note` columns are what [`import_actuals`] reads, so an edited export imports.
pub fn ip_csv(page: &IpPage) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    write(
        &mut w,
        [
            "measure_id",
            "measure",
            "goal",
            "attached_to",
            "unit",
            "quarter",
            "target",
            "actual",
            "state",
            "note",
        ],
    );
    for row in &page.rows {
        let m = &row.measure;
        for (i, cell) in row.quarters.iter().enumerate() {
            let quarter = FiscalQuarter {
                year: page.fiscal_year,
                quarter: i as u8 + 1,
            };
            write(
                &mut w,
                [
                    m.id.to_string(),
                    m.name.clone(),
                    m.goal.clone(),
                    m.attached_label.clone(),
                    m.unit.clone(),
                    quarter.slug(),
                    cell.target
                        .map(|v| plain_value(m.rule.kind, v))
                        .unwrap_or_default(),
                    raw(m, cell.reading),
                    cell.state.label().into(),
                    String::new(),
                ],
            );
        }
    }
    finish(w)
}

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
    let mut errors = Vec::new();
    let mut seen: HashMap<(i64, FiscalQuarter), usize> = HashMap::new();
    for (line, record) in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push((line, e));
                continue;
            }
        };
        let get = |c: usize| uncell(record.get(c).unwrap_or("")).to_string();
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let measure_text = get(c_measure);
        let Some(m) = measure_text
            .parse::<i64>()
            .ok()
            .and_then(|id| measures.get(&id))
        else {
            errors.push((line, format!("There is no measure \"{measure_text}\".")));
            continue;
        };
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
        Err(ImportFailure::Rows(errors))
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

#[cfg(test)]
mod tests {
    use super::{cell, uncell};

    #[test]
    fn text_that_would_be_a_formula_is_kept_as_text_and_numbers_stay_numbers() {
        for (text, shown) in [
            (
                "=HYPERLINK(\"http://evil.example\")",
                "'=HYPERLINK(\"http://evil.example\")",
            ),
            ("+1+2", "'+1+2"),
            ("-2+3 cases", "'-2+3 cases"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-12.5", "-12.5"),
            ("+7", "+7"),
            ("Cases resolved", "Cases resolved"),
            ("", ""),
        ] {
            assert_eq!(cell(text), shown, "{text:?}");
            assert_eq!(uncell(&cell(text)), text, "round trip of {text:?}");
        }
        assert_eq!(
            uncell("'quoted"),
            "'quoted",
            "a leading ' of plain text stays"
        );
    }
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
    let (mut errors, mut changed, mut rows) = (Vec::new(), 0, 0);
    for (line, record) in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push((line, e));
                continue;
            }
        };
        let get = |c: usize| uncell(record.get(c).unwrap_or("")).to_string();
        let id_text = get(c_measure);
        let Some(m) = id_text.parse::<i64>().ok().and_then(|id| measures.get(&id)) else {
            errors.push((line, format!("There is no measure \"{id_text}\".")));
            continue;
        };
        let year_text = get(c_year);
        let Some(fy) = crate::api::plan_year::parse_year(&year_text) else {
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
        return Err(ImportFailure::Rows(errors));
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
