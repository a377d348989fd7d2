//! CSV text written from the model: the APP and IP tables and a year's budget, every
//! cell guarded against spreadsheet formulas. Pure: no database, no I/O.

use crate::model::fiscal::FiscalQuarter;
use crate::model::measure::plain_value;
use crate::model::measure::{Measure, Reading};
use crate::model::plan_year::{AppPage, IpPage};

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
        "actual_covers",
        "target_to_date",
        "state",
    ]
    .map(String::from)
    .to_vec();
    header.extend((fy - 5..fy).map(|y| format!("actual_fy{y}")));
    // How far off and where it is heading (issue 40), after the columns that were there.
    header.extend(
        [
            "band",
            "percent_of_target",
            "pace",
            "expected_to_date",
            "forecast",
            "forecast_low",
            "forecast_high",
            "likelihood",
        ]
        .map(String::from),
    );
    write(&mut w, &header);
    for row in &page.rows {
        let m = &row.measure;
        let s = &row.standing;
        let number = |v: Option<f64>| {
            v.map(|v| plain_value(m.rule.kind, crate::model::standing::rounded(v)))
                .unwrap_or_default()
        };
        let forecast = match &s.outlook {
            crate::model::forecast::Outlook::Forecast(f) => Some(f),
            _ => None,
        };
        let outlook = [
            s.band.as_ref().map(|b| b.name.clone()).unwrap_or_default(),
            s.band
                .as_ref()
                .and_then(|b| b.score)
                .map(|p| format!("{p:.0}"))
                .unwrap_or_default(),
            s.pace
                .map(|p| p.pace.label().to_string())
                .unwrap_or_default(),
            number(s.pace.map(|p| p.expected)),
            number(forecast.map(|f| f.point)),
            number(forecast.map(|f| f.low)),
            number(forecast.map(|f| f.high)),
            forecast
                .and_then(|f| f.likelihood)
                .map(|p| format!("{:.2}", p))
                .unwrap_or_default(),
        ];
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
            // A number (the year so far) and which quarters it covers.
            row.to_date
                .as_ref()
                .map(|t| plain_value(m.rule.kind, t.value))
                .unwrap_or_default(),
            row.to_date.as_ref().map(|t| t.covers()).unwrap_or_default(),
            row.to_date
                .as_ref()
                .and_then(|t| t.target)
                .map(|v| plain_value(m.rule.kind, v))
                .unwrap_or_default(),
            row.state.label().into(),
        ];
        record.extend(row.prior.iter().map(|(_, shown)| shown.clone()));
        record.extend(outlook);
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

/// The Annual Performance Report's table: one row per measure with a target in the year,
/// with its result, the five prior years, why a target was not met and the plan to meet
/// it, and how its data are kept.
pub fn report_csv(report: &crate::model::report::Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fy = report.fiscal_year;
    let mut header: Vec<String> = [
        "measure_id",
        "measure",
        "goal",
        "attached_to",
        "unit",
        "fiscal_year",
        "target",
        "actual",
        "result",
    ]
    .map(String::from)
    .to_vec();
    header.extend((fy - 5..fy).map(|y| format!("actual_fy{y}")));
    header.extend(
        [
            "why_not_met",
            "plan_to_meet",
            "schedule",
            "impractical_or_infeasible",
            "data_source",
            "verification",
            "limitations",
            "data_available",
            "definition_of_done",
            "accuracy_required",
            "compensated_by",
        ]
        .map(String::from),
    );
    write(&mut w, &header);
    for m in report.goals.iter().flat_map(|g| &g.measures) {
        let (row, s) = (&m.row, m.shortfall.as_ref());
        let mut record = vec![
            row.measure.id.to_string(),
            row.measure.name.clone(),
            row.measure.goal.clone(),
            row.measure.attached_label.clone(),
            row.measure.unit.clone(),
            fy.to_string(),
            row.target
                .map(|v| plain_value(row.measure.rule.kind, v))
                .unwrap_or_default(),
            row.actual_shown.clone(),
            row.state.label().into(),
        ];
        record.extend(row.prior.iter().map(|(_, shown)| shown.clone()));
        record.extend([
            s.map(|s| s.why.clone()).unwrap_or_default(),
            s.map(|s| s.plan.clone()).unwrap_or_default(),
            s.map(|s| s.schedule.clone()).unwrap_or_default(),
            s.map(|s| s.infeasible.clone()).unwrap_or_default(),
            row.measure.data_source.clone(),
            row.measure.verification.clone(),
            row.measure.limitations.clone(),
            m.available.clone().unwrap_or_default(),
            row.measure.done_when.clone(),
            row.measure.accuracy.clone(),
            row.measure.compensation.clone(),
        ]);
        write(&mut w, &record);
    }
    finish(w)
}

/// The columns of the business plan's CSV, in order (the import reads the same names).
pub const BUSINESS_PLAN_COLUMNS: [&str; 13] = [
    "strategy",
    "fiscal_year",
    "active",
    "milestones",
    "dollars",
    "fte",
    "staff",
    "it",
    "facilities",
    "training",
    "contracts",
    "lead_office",
    "contributing",
];

/// The business plan's five years: a row per strategy and year with an entry, in the
/// columns [`BUSINESS_PLAN_COLUMNS`] (milestones a line each inside their cell).
pub fn business_plan_csv(plan: &crate::model::business_plan::BusinessPlan) -> String {
    use crate::model::business_plan::fte_words;
    let mut w = csv::Writer::from_writer(Vec::new());
    write(&mut w, BUSINESS_PLAN_COLUMNS);
    for s in plan.goals.iter().flat_map(|g| &g.strategies) {
        for e in s.years.iter().flatten() {
            let amount = e.cents.map(|c| match c % 100 {
                0 => (c / 100).to_string(),
                r => format!("{}.{r:02}", c / 100),
            });
            let mut record = vec![
                s.number.clone(),
                e.fiscal_year.to_string(),
                if e.active { "yes" } else { "no" }.to_string(),
                e.milestone_text(),
                amount.unwrap_or_default(),
                e.fte.map(fte_words).unwrap_or_default(),
            ];
            record.extend(e.needs.iter().cloned());
            record.extend([e.lead_office.clone(), e.contributing.clone()]);
            write(&mut w, &record);
        }
    }
    finish(w)
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
