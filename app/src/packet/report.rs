//! The Annual Performance Report as a tagged PDF/UA-1 document, laid out like the
//! briefing packet: each required element under its own heading (in the outline), each
//! measure's five prior years as a table.

use super::layout::{Layout, Paper};
use super::{draw, finish, fonts};
use crate::model::report::Report;

/// The report of `r.fiscal_year` as a PDF on `paper`.
pub fn report_pdf(r: &Report, paper: Paper) -> Result<Vec<u8>, String> {
    let (metrics, symbols, fonts) = fonts()?;
    let mut l = Layout::new(metrics, symbols, paper);
    let fy = r.fiscal_year;
    let title = if r.public {
        format!("Annual Performance Report, FY{fy} (public version)")
    } else {
        format!("Annual Performance Report, FY{fy}")
    };
    l.heading(&title, 1, 0.0);
    let intro = if r.year_over {
        format!(
            "{} - how the plan did against its FY{fy} Annual Performance Plan. Due {} (150 days after the fiscal year ends, 31 U.S.C. 1116).",
            r.plan, r.due
        )
    } else {
        format!(
            "{} - FY{fy} is under way: a preview of its report from the data so far. Due {}.",
            r.plan, r.due
        )
    };
    l.paragraph(&intro, 10.0, 0.0, 6.0);
    l.fact(
        "Where the report stands",
        &r.state.mark().with(r.state.label()),
        0.0,
    );
    if let Some(s) = &r.signed {
        l.heading("Transmittal statement", 2, 30.0);
        l.paragraph(&s.transmittal, 10.0, 0.0, 2.0);
        l.paragraph(&format!("Signed off by {}.", s.by), 10.0, 0.0, 4.0);
    }

    l.heading("Summary of results", 2, 30.0);
    let summary = if r.measures == 0 {
        format!("No measure has an FY{fy} target.")
    } else {
        format!("{} measures with a target: {}", r.measures, r.counts)
    };
    l.paragraph(&summary, 10.0, 0.0, 4.0);
    let unexplained = r.unexplained();
    if !unexplained.is_empty() {
        let names: Vec<String> = unexplained.into_iter().map(|(_, n)| n).collect();
        l.paragraph(
            &format!(
                "Not ready to finalise: a target not met has no explanation ({}).",
                names.join(", ")
            ),
            10.0,
            0.0,
            4.0,
        );
    }
    l.rule();

    l.heading("Results against the performance goals", 2, 60.0);
    for g in &r.goals {
        l.heading(
            &crate::model::plan::goal_label(&g.goal, g.name.as_deref()),
            3,
            40.0,
        );
        if !g.counts.is_empty() {
            l.paragraph(&g.counts, 9.5, 0.0, 2.0);
        }
        let ratings = if g.ratings.is_empty() {
            "no objective rated yet"
        } else {
            &g.ratings
        };
        l.fact("Annual strategic review", ratings, 0.0);
        let evaluation = g
            .narrative
            .as_ref()
            .map_or("Not written yet.", |n| n.text.as_str());
        l.fact("Evaluation of the year's plan", evaluation, 0.0);
        for m in &g.measures {
            let row = &m.row;
            l.room(90.0);
            l.paragraph(
                &format!("{} ({})", row.measure.name, row.measure.attached_label),
                10.0,
                0.0,
                1.0,
            );
            l.fact(&format!("FY{fy} target"), &row.target_shown, 12.0);
            l.fact(&format!("FY{fy} actual"), &row.actual_shown, 12.0);
            l.fact("Result", &row.state.mark().with(row.state.label()), 12.0);
            if let Some(band) = &row.standing.band {
                l.fact("Band", &band.words(), 12.0);
            }
            if !r.year_over && row.measure.rule.kind != crate::model::measure::Kind::Milestone {
                let mut forecast =
                    crate::model::standing::outlook_words(&row.standing.outlook, &|v| {
                        row.measure.show(v)
                    });
                if let Some(p) = crate::model::standing::chance(&row.standing.outlook) {
                    forecast.push_str(&format!("; {}", crate::model::standing::chance_words(p)));
                }
                l.fact("Forecast", &forecast, 12.0);
            }
            if let Some(day) = &m.available {
                l.fact("Data available", day, 12.0);
            }
            if row.measure.rule.kind == crate::model::measure::Kind::Milestone {
                l.fact("Definition of done", or_none(&row.measure.done_when), 12.0);
            }
            let headers: Vec<String> = std::iter::once("Fiscal year".to_string())
                .chain(row.prior.iter().map(|(y, _)| format!("FY{y}")))
                .chain([format!("FY{fy}")])
                .collect();
            let values: Vec<String> = row
                .prior
                .iter()
                .map(|(_, v)| v.clone())
                .chain([row.actual_shown.clone()])
                .collect();
            l.table(&headers, &[("Actual".to_string(), values)], 8.0);
            l.fact("Data source", or_none(&row.measure.data_source), 12.0);
            l.fact(
                "Verification and validation",
                or_none(&row.measure.verification),
                12.0,
            );
            l.fact("Accuracy required", or_none(&row.measure.accuracy), 12.0);
            l.fact("Limitations", or_none(&row.measure.limitations), 12.0);
            l.fact(
                "How the limitations are compensated for",
                or_none(&row.measure.compensation),
                12.0,
            );
            l.y += 4.0;
        }
    }
    l.rule();

    l.heading("Targets not met", 2, 40.0);
    let not_met = r.not_met();
    if not_met.is_empty() {
        l.paragraph(
            &format!("No FY{fy} target is recorded as not met."),
            10.0,
            0.0,
            4.0,
        );
    }
    for m in not_met {
        l.heading(&m.row.measure.name, 3, 30.0);
        match &m.shortfall {
            Some(s) => {
                l.fact("Why it was not met", &s.why, 0.0);
                l.fact("Plan to meet it", &s.plan, 0.0);
                l.fact("Schedule", &s.schedule, 0.0);
                l.fact(
                    "Why meeting it is impractical or infeasible, and the action recommended",
                    &s.infeasible,
                    0.0,
                );
            }
            None => l.paragraph("No explanation recorded yet.", 10.0, 0.0, 4.0),
        }
    }
    l.rule();

    l.heading("Human capital", 2, 40.0);
    match r.goals.iter().find(|g| g.human_capital) {
        Some(g) => {
            l.paragraph(
                &format!(
                    "Goal {}: {} - {}.",
                    g.goal,
                    g.name.clone().unwrap_or_default(),
                    if g.counts.is_empty() {
                        "no measure with a target this year"
                    } else {
                        &g.counts
                    }
                ),
                10.0,
                0.0,
                2.0,
            );
            let items: Vec<String> = g
                .measures
                .iter()
                .map(|m| {
                    format!(
                        "{}: {} against a target of {} - {}",
                        m.row.measure.name,
                        m.row.actual_shown,
                        m.row.target_shown,
                        m.row.state.mark().with(m.row.state.label())
                    )
                })
                .collect();
            l.list(&items, 10.0, 0.0);
        }
        None => l.paragraph(
            "No goal of the plan is named for human capital or the workforce.",
            10.0,
            0.0,
            4.0,
        ),
    }

    l.rule();
    l.heading("Program evaluations", 2, 40.0);
    if r.programs.is_empty() {
        l.paragraph(
            &format!("No program evaluation completed in FY{fy} is recorded."),
            10.0,
            0.0,
            4.0,
        );
    }
    for p in &r.programs {
        l.heading(&p.title, 3, 30.0);
        l.fact("Completed", &p.completed, 0.0);
        l.fact("Findings", &p.summary, 0.0);
        if !p.evidence_url.is_empty() {
            l.fact("Evidence", &p.evidence_url, 0.0);
        }
    }

    let footer = format!("{} - FY{fy} Annual Performance Report", r.plan);
    let frame = draw::Frame {
        title: &title,
        footer: &footer,
        paper,
        ua: true,
    };
    finish(&l, &[], &fonts, frame)
}

/// "Not recorded" for an empty field (a fact left out would hide that it is missing).
fn or_none(text: &str) -> &str {
    if text.trim().is_empty() {
        "Not recorded"
    } else {
        text
    }
}
