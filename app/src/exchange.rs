//! CSV exchange: the APP and IP tables out, quarterly actuals in. An import checks every
//! row first and writes nothing unless all are good.

use crate::db::Db;
use crate::model::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::model::measure::plain_value;
use crate::model::measure::{check_actual, Measure, Reading};
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
    for (i, record) in reader.records().enumerate() {
        let line = match &record {
            Ok(r) => r.position().map_or(i + 2, |p| p.line() as usize),
            Err(e) => e.position().map_or(i + 2, |p| p.line() as usize),
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push((line, format!("This line cannot be read: {e}.")));
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
