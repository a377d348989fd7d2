//! Chart data from plan data: pure functions, tested on their own.

use super::colours::*;
use crate::model::chart::{Chart, ChartId, ChartKind, Series};
use crate::model::fiscal::FiscalQuarter;
use crate::model::measure::{Aggregation, Kind, Measure, Reading, TargetState};
use crate::model::paging::Paging;
use crate::model::status::Status;

/// Goals as (number, name).
pub type Goals = [(String, Option<String>)];

/// "Goal 4: Name" (or "Goal 4" for a goal without a name); charts shorten it to fit.
fn goal_name((number, name): &(String, Option<String>)) -> String {
    match name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => format!("Goal {number}: {n}"),
        _ => format!("Goal {number}"),
    }
}

fn goal_names(goals: &Goals) -> Vec<String> {
    goals.iter().map(goal_name).collect()
}

/// "FY2026 Q2 to FY2027 Q1": the span of quarters a chart covers.
fn span(quarters: &[FiscalQuarter]) -> String {
    match (quarters.first(), quarters.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// "FY2022 to FY2027": the span of fiscal years a chart covers.
fn span_years(years: &[(i32, Option<f64>, Option<f64>)]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => format!("FY{} to FY{}", a.0, b.0),
        (Some(a), _) => format!("FY{}", a.0),
        _ => String::new(),
    }
}

/// Drops categories with no value in any series (a goal without measures), so no bar
/// slot stands empty.
fn without_empty_categories(mut c: Chart) -> Chart {
    let keep: Vec<bool> = (0..c.categories.len())
        .map(|i| {
            c.series
                .iter()
                .any(|s| s.values.get(i).copied().flatten().is_some())
        })
        .collect();
    fn kept<T>(values: Vec<T>, keep: &[bool]) -> Vec<T> {
        values
            .into_iter()
            .zip(keep)
            .filter_map(|(v, k)| k.then_some(v))
            .collect()
    }
    c.categories = kept(std::mem::take(&mut c.categories), &keep);
    for s in &mut c.series {
        s.values = kept(std::mem::take(&mut s.values), &keep);
    }
    c
}

/// The palette index of a status (\"no update\" has its own).
pub fn status_colour(s: Option<Status>) -> u8 {
    match s {
        Some(Status::Completed) => NAVY,
        Some(Status::OnTrack) => GREEN,
        Some(Status::OffTrack) => RED,
        Some(Status::NotStarted) => GREY,
        Some(Status::AtRisk) => AMBER,
        Some(Status::Deferred) => DARK_GREY,
        // Light, so the statuses that were reported stand out.
        None => LIGHT,
    }
}

/// Strategies per goal by this quarter's status (stacked bars; "No update" last).
pub fn status_by_goal(
    goals: &Goals,
    statuses: &[(String, Option<Status>)],
    quarter: FiscalQuarter,
) -> Chart {
    let categories: Vec<(String, String)> =
        goals.iter().map(|g| (g.0.clone(), goal_name(g))).collect();
    let mut c = status_by(&categories, statuses, quarter);
    c.id = ChartId::StatusByGoal.to_string();
    c.title = format!("Strategy status by goal, {quarter}");
    c.x_label = "Goal".into();
    c
}

/// The strategies of goal or objective `number` by this quarter's status, one bar per
/// category (a goal's objectives, or the objective itself): `statuses` are
/// (category key, status).
pub fn status_of(
    number: &str,
    categories: &[(String, String)],
    statuses: &[(String, Option<Status>)],
    quarter: FiscalQuarter,
) -> Chart {
    let mut c = status_by(categories, statuses, quarter);
    c.id = ChartId::StatusOf(number.to_string()).to_string();
    let what = if number.contains('.') {
        format!("objective {number}")
    } else {
        format!("goal {number}")
    };
    c.title = format!("Strategy status of {what}, {quarter}");
    c.x_label = if number.contains('.') {
        "Objective".into()
    } else {
        "Objective of the goal".into()
    };
    c
}

/// Strategies counted by status per category (key, label); "No update" last.
fn status_by(
    categories: &[(String, String)],
    statuses: &[(String, Option<Status>)],
    quarter: FiscalQuarter,
) -> Chart {
    let order = [
        Some(Status::Completed),
        Some(Status::OnTrack),
        Some(Status::NotStarted),
        Some(Status::AtRisk),
        Some(Status::OffTrack),
        Some(Status::Deferred),
        None,
    ];
    let series = order
        .into_iter()
        .map(|st| Series {
            name: st.map_or("No update", |s| s.label()).to_string(),
            values: categories
                .iter()
                .map(|(key, _)| {
                    let n = statuses
                        .iter()
                        .filter(|(k, s)| k == key && *s == st)
                        .count();
                    (n > 0).then_some(n as f64)
                })
                .collect(),
            colour: status_colour(st),
        })
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    without_empty_categories(Chart {
        forecast: None,
        id: String::new(),
        title: String::new(),
        x_label: String::new(),
        y_label: "Strategies (count)".into(),
        categories: categories.iter().map(|(_, label)| label.clone()).collect(),
        series,
        kind: ChartKind::StackedBars,
        marker: None,
        baseline: None,
        period: quarter.to_string(),
        note: String::new(),
    })
}

/// Average percent complete per goal in each quarter (one line per goal), with how many
/// of each goal's strategies reported in `current`: `coverage` is (goal, reported, of).
pub fn percent_trend(
    goals: &Goals,
    points: &[(String, FiscalQuarter, f64)],
    quarters: &[FiscalQuarter],
    (current, coverage): (FiscalQuarter, &[(String, usize, usize)]),
) -> Chart {
    let counts: Vec<String> = coverage
        .iter()
        .map(|(g, n, of)| format!("Goal {g} {n} of {of}"))
        .collect();
    let note = match counts.is_empty() {
        true => String::new(),
        false => format!("Strategies reporting in {current}: {}", counts.join(", ")),
    };
    let series = goals
        .iter()
        .enumerate()
        .map(|(i, goal)| Series {
            name: goal_name(goal),
            values: quarters
                .iter()
                .map(|q| {
                    points
                        .iter()
                        .find(|(pg, pq, _)| *pg == goal.0 && pq == q)
                        .map(|(_, _, v)| (v * 10.0).round() / 10.0)
                })
                .collect(),
            colour: [NAVY, GREEN, RED, AMBER, DARK_GREY, GREY, LIGHT][i % 7],
        })
        .collect();
    Chart {
        forecast: None,
        id: ChartId::PercentTrend.to_string(),
        title: "Average percent complete by quarter, per goal".into(),
        x_label: "Quarter".into(),
        y_label: "Percent complete (%)".into(),
        categories: quarters.iter().map(|q| q.to_string()).collect(),
        series,
        kind: ChartKind::Lines,
        marker: quarters.iter().position(|q| *q == current),
        baseline: None,
        period: span(quarters),
        note,
    }
}

/// Measures per goal by APP target state for a fiscal year (stacked bars).
pub fn app_scorecard(goals: &Goals, states: &[(String, TargetState)], fy: i32) -> Chart {
    let order = [
        (TargetState::Met, GREEN),
        (TargetState::OnTrack, NAVY),
        (TargetState::Behind, AMBER),
        (TargetState::NotMet, RED),
        (TargetState::DataLag, LIGHT),
        (TargetState::NotReported, GREY),
    ];
    let series = order
        .into_iter()
        .map(|(st, colour)| Series {
            name: st.label().to_string(),
            values: goals
                .iter()
                .map(|(g, _)| {
                    let n = states.iter().filter(|(sg, s)| sg == g && *s == st).count();
                    (n > 0).then_some(n as f64)
                })
                .collect(),
            colour,
        })
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    without_empty_categories(Chart {
        forecast: None,
        id: ChartId::AppScorecard.to_string(),
        title: format!("FY{fy} APP scorecard: measures by state, per goal"),
        x_label: "Goal".into(),
        y_label: "Measures (count)".into(),
        categories: goal_names(goals),
        series,
        kind: ChartKind::StackedBars,
        marker: None,
        baseline: None,
        period: format!("FY{fy}"),
        note: String::new(),
    })
}

fn unit_label(m: &Measure) -> String {
    match (m.rule.kind, m.unit.as_str()) {
        (Kind::Milestone, _) => "Done (1) or not done (0)".into(),
        (_, "") => "Value".into(),
        (_, u) => format!("Value ({u})"),
    }
}

/// Annual actual against the APP target, `years` = (FY, actual, target), oldest first;
/// `to_date`, the last year's actual so far while it runs, is drawn beside its target
/// to date.
pub fn measure_app(
    m: &Measure,
    years: &[(i32, Option<f64>, Option<f64>)],
    to_date: Option<&crate::model::measure::ToDate>,
) -> Chart {
    let last = years.len().saturating_sub(1);
    let so_far = |v: Option<f64>| -> Vec<Option<f64>> {
        (0..years.len())
            .map(|i| if i == last { v } else { None })
            .collect()
    };
    let extra = to_date.map(|t| {
        [
            Series {
                name: format!("Actual to date (through Q{})", t.through),
                values: so_far(Some(t.value)),
                colour: GREEN,
            },
            Series {
                name: format!("APP target to date (through Q{})", t.through),
                values: so_far(t.target),
                colour: LIGHT,
            },
        ]
    });
    let mut chart = Chart {
        forecast: None,
        id: ChartId::MeasureApp(m.id).to_string(),
        title: format!("{}: annual actual vs APP target", m.name),
        x_label: "Fiscal year".into(),
        y_label: unit_label(m),
        categories: years.iter().map(|(y, _, _)| format!("FY{y}")).collect(),
        series: vec![
            Series {
                name: "Actual".into(),
                values: years.iter().map(|(_, a, _)| *a).collect(),
                colour: NAVY,
            },
            Series {
                name: "APP target".into(),
                values: years.iter().map(|(_, _, t)| *t).collect(),
                colour: DARK_GREY,
            },
        ],
        kind: ChartKind::BarsWithTarget,
        marker: None,
        baseline: m.baseline_value,
        period: span_years(years),
        note: String::new(),
    };
    chart.series.extend(extra.into_iter().flatten());
    chart
}

/// The year's cumulative actual against the cumulative IP targets, quarter by quarter.
pub fn measure_ip(
    m: &Measure,
    fy: i32,
    targets: [Option<f64>; 4],
    readings: [Reading; 4],
    current: Option<usize>,
) -> Chart {
    let cumulative = |values: [Option<f64>; 4]| -> Vec<Option<f64>> {
        let mut total = 0.0;
        let mut out = Vec::new();
        for v in values {
            out.push(v.map(|v| {
                total = match m.rule.aggregation {
                    Aggregation::Sum if m.rule.kind == Kind::Quantitative => total + v,
                    _ => v,
                };
                total
            }));
        }
        out
    };
    Chart {
        forecast: None,
        id: ChartId::MeasureIp(m.id).to_string(),
        title: format!("{}: FY{fy} cumulative actual vs IP targets", m.name),
        x_label: "Quarter".into(),
        y_label: unit_label(m),
        categories: (1..=4).map(|q| format!("FY{fy} Q{q}")).collect(),
        series: vec![
            Series {
                name: "Actual to date".into(),
                values: cumulative(readings.map(Reading::value)),
                colour: NAVY,
            },
            Series {
                name: "IP target to date".into(),
                values: cumulative(targets),
                colour: DARK_GREY,
            },
        ],
        kind: ChartKind::Lines,
        marker: current,
        baseline: None,
        period: format!("FY{fy}"),
        note: String::new(),
    }
}

/// Strategies (rows, in plan order; the page `paging` of the goal's: number and text) ×
/// quarters (columns), each cell the latest status.
pub fn heat_map(
    goal: &str,
    strategies: &[(String, String)],
    paging: Paging,
    quarters: &[FiscalQuarter],
    status: impl Fn(&str, FiscalQuarter) -> Option<Status>,
) -> Chart {
    let code = |s: Status| Status::ALL.iter().position(|x| *x == s).map(|i| i as f64);
    Chart {
        forecast: None,
        id: ChartId::HeatMap {
            goal: goal.to_string(),
            quarters: quarters.len(),
            page: paging.page,
        }
        .to_string(),
        title: if paging.pages > 1 {
            format!(
                "Strategy status by quarter, goal {goal}, strategies {}–{} of {}",
                paging.first, paging.last, paging.total
            )
        } else {
            format!("Strategy status by quarter, goal {goal}")
        },
        // Categories (rows) are strategies; each series (column) is a quarter.
        x_label: "Strategy".into(),
        y_label: "Quarter".into(),
        categories: strategies
            .iter()
            .map(|(s, text)| match text.trim() {
                "" => format!("Strategy {s}"),
                t => format!("Strategy {s}: {t}"),
            })
            .collect(),
        series: quarters
            .iter()
            .map(|q| Series {
                name: q.to_string(),
                values: strategies
                    .iter()
                    .map(|(s, _)| status(s, *q).and_then(code))
                    .collect(),
                colour: 0,
            })
            .collect(),
        kind: ChartKind::HeatMap,
        marker: None,
        baseline: None,
        period: span(quarters),
        note: String::new(),
    }
}

/// The business plan's roadmap of the five years from `first`: a row per strategy with
/// an entry (`strategies`: number and its years, a page of them), a column per quarter;
/// each cell worked on or not, and whether a milestone is due that quarter.
pub fn roadmap(
    first: i32,
    strategies: &[crate::model::business_plan::PlanStrategy],
    paging: Paging,
) -> Chart {
    use crate::model::business_plan::YEARS;
    let quarters: Vec<FiscalQuarter> = (first..first + YEARS)
        .flat_map(|year| (1..=4).map(move |quarter| FiscalQuarter { year, quarter }))
        .collect();
    let last = first + YEARS - 1;
    Chart {
        forecast: None,
        id: ChartId::Roadmap {
            first,
            page: paging.page,
        }
        .to_string(),
        title: if paging.pages > 1 {
            format!(
                "Business plan roadmap, FY{first} to FY{last}, strategies {}–{} of {}",
                paging.first, paging.last, paging.total
            )
        } else {
            format!("Business plan roadmap, FY{first} to FY{last}")
        },
        x_label: "Strategy".into(),
        y_label: "Quarter".into(),
        categories: strategies
            .iter()
            .map(|s| format!("Strategy {}", s.number))
            .collect(),
        series: quarters
            .iter()
            .map(|q| Series {
                name: q.to_string(),
                values: strategies
                    .iter()
                    .map(|s| {
                        let e = s.years.get((q.year - first) as usize)?.as_ref()?;
                        Some(
                            match (
                                e.active,
                                e.milestones.iter().any(|(mq, _)| *mq == q.quarter),
                            ) {
                                (false, _) => 0.0,
                                (true, false) => 1.0,
                                (true, true) => 2.0,
                            },
                        )
                    })
                    .collect(),
                colour: 0,
            })
            .collect(),
        kind: ChartKind::Roadmap,
        marker: None,
        baseline: None,
        period: format!("fy{first}-fy{last}"),
        note: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::measure::{Direction, Rule};

    fn goals() -> Vec<(String, Option<String>)> {
        vec![("4".into(), None), ("5".into(), Some("People".into()))]
    }

    fn measure(aggregation: Aggregation) -> Measure {
        Measure {
            id: 7,
            version: 1,
            name: "Cases".into(),
            unit: "cases".into(),
            rule: Rule {
                direction: Direction::Higher,
                kind: Kind::Quantitative,
                aggregation,
            },
            baseline_value: Some(90.0),
            baseline_fy: Some(2024),
            data_source: String::new(),
            verification: String::new(),
            limitations: String::new(),
            accuracy: String::new(),
            compensation: String::new(),
            done_when: String::new(),
            lag_days: None,
            thresholds: None,
            profile: Default::default(),
            goal: "4".into(),
            goal_name: None,
            attached_label: "Goal 4".into(),
            attached_href: "/goals/4".into(),
            objective: None,
            strategy: None,
        }
    }

    #[test]
    fn status_by_goal_counts_each_status_per_goal() {
        let q = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let statuses = vec![
            ("4".to_string(), Some(Status::OnTrack)),
            ("4".to_string(), Some(Status::OnTrack)),
            ("4".to_string(), None),
            ("5".to_string(), Some(Status::OffTrack)),
        ];
        let c = status_by_goal(&goals(), &statuses, q);
        assert_eq!(c.categories, vec!["Goal 4", "Goal 5: People"]);
        let names: Vec<_> = c.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["On track", "Off track", "No update"],
            "only statuses that occur"
        );
        assert_eq!(c.series[0].values, vec![Some(2.0), None]);
        assert_eq!(c.series[1].values, vec![None, Some(1.0)]);
        assert_eq!(c.series[2].values, vec![Some(1.0), None]);
    }

    #[test]
    fn the_trend_marks_the_current_quarter_and_leaves_gaps() {
        let q1 = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let quarters = [q1.previous(), q1];
        let points = vec![("4".to_string(), q1, 42.25)];
        let coverage = [("4".to_string(), 3, 16), ("5".to_string(), 0, 11)];
        let c = percent_trend(&goals(), &points, &quarters, (q1, &coverage));
        assert_eq!(c.marker, Some(1));
        assert_eq!(c.series[0].values, vec![None, Some(42.3)]);
        assert_eq!(c.series[1].values, vec![None, None]);
        // The average says how many it is of, on the chart and in its description.
        let note = "Strategies reporting in FY2027 Q1: Goal 4 3 of 16, Goal 5 0 of 11";
        assert_eq!(c.note, note);
        assert!(c.alt().contains(note));
        let drawn = crate::charts::svg(&c);
        assert!(drawn.contains("Goal 4 3 of 16"), "the note is drawn");
        assert!(
            drawn.contains(">\n42.3 %\n<"),
            "the line ends with its value"
        );
    }

    #[test]
    fn the_scorecard_counts_target_states_per_goal() {
        let states = vec![
            ("4".to_string(), TargetState::Met),
            ("5".to_string(), TargetState::DataLag),
            ("5".to_string(), TargetState::Met),
        ];
        let c = app_scorecard(&goals(), &states, 2027);
        assert_eq!(c.series[0].name, "Met");
        assert_eq!(c.series[0].values, vec![Some(1.0), Some(1.0)]);
        assert_eq!(c.series[1].name, "Data not yet available");
    }

    #[test]
    fn the_ip_chart_adds_up_a_count_but_not_a_level() {
        let readings = [
            Reading::Value(3.0),
            Reading::Lag,
            Reading::Value(4.0),
            Reading::Missing,
        ];
        let targets = [Some(5.0), Some(5.0), Some(5.0), Some(5.0)];
        let sum = measure_ip(&measure(Aggregation::Sum), 2027, targets, readings, Some(2));
        assert_eq!(sum.series[0].values, vec![Some(3.0), None, Some(7.0), None]);
        assert_eq!(
            sum.series[1].values,
            vec![Some(5.0), Some(10.0), Some(15.0), Some(20.0)]
        );
        let level = measure_ip(&measure(Aggregation::Latest), 2027, targets, readings, None);
        assert_eq!(
            level.series[0].values,
            vec![Some(3.0), None, Some(4.0), None]
        );
    }

    #[test]
    fn the_heat_map_has_a_row_per_strategy_and_a_column_per_quarter() {
        let q1 = FiscalQuarter {
            year: 2027,
            quarter: 1,
        };
        let quarters = [q1.previous(), q1];
        let long = "Keep the records protocols of every existing case system current and reviewed each quarter";
        let strategies = vec![
            ("4.1.1".to_string(), "Modernise case intake".to_string()),
            ("4.1.2".to_string(), long.to_string()),
        ];
        let c = heat_map(
            "4",
            &strategies,
            Paging::of(2, 50, None),
            &quarters,
            |s, q| (s == "4.1.1" && q == q1).then_some(Status::OffTrack),
        );
        assert_eq!(
            c.categories,
            vec![
                "Strategy 4.1.1: Modernise case intake".to_string(),
                format!("Strategy 4.1.2: {long}")
            ]
        );
        assert_eq!(c.title, "Strategy status by quarter, goal 4");
        assert_eq!(c.id, "heatmap-goal-4-q2");
        let second = heat_map(
            "4",
            &strategies[1..],
            Paging::of(51, 50, Some(2)),
            &quarters,
            |_, _| None,
        );
        assert_eq!(
            second.title,
            "Strategy status by quarter, goal 4, strategies 51–51 of 51"
        );
        assert_eq!(second.id, "heatmap-goal-4-q2-p2");
        assert_eq!(c.series.len(), 2);
        let table = c.table();
        assert_eq!(
            table[0].1,
            vec!["No update".to_string(), "✖ Off track".to_string()]
        );
        let drawn = crate::charts::svg(&c);
        assert!(
            drawn.contains(">\n4.1.1 Modernise case intake\n<"),
            "rows are labelled by number and title"
        );
        assert!(
            drawn.contains(">\n4.1.2 Keep the records") && drawn.contains("…\n<"),
            "a long title is cut short on the chart (the table has it whole)"
        );
        assert!(
            drawn.contains(">\nQ1\n<") && drawn.contains(">\nFY27\n<"),
            "columns read as on the pages"
        );
    }

    #[test]
    fn the_app_chart_carries_the_baseline_and_unit() {
        let c = measure_app(
            &measure(Aggregation::Sum),
            &[(2026, Some(95.0), Some(100.0))],
            None,
        );
        assert_eq!(c.baseline, Some(90.0));
        assert_eq!(c.y_label, "Value (cases)");
        assert_eq!(c.categories, vec!["FY2026"]);
    }

    #[test]
    fn the_app_chart_draws_this_year_to_date_beside_its_target_to_date_with_values() {
        let so_far = crate::model::measure::ToDate {
            value: 72.0,
            through: 1,
            gaps: Vec::new(),
            target: Some(100.0),
            reaches: false,
        };
        let c = measure_app(
            &measure(Aggregation::Sum),
            &[(2026, Some(95.0), Some(110.0)), (2027, None, Some(400.0))],
            Some(&so_far),
        );
        assert_eq!(c.series[2].values, vec![None, Some(72.0)]);
        assert_eq!(c.series[3].values, vec![None, Some(100.0)]);
        assert_eq!(c.series[2].name, "Actual to date (through Q1)");
        let drawn = crate::charts::svg(&c);
        for label in ["95", "72", "100", "target 110", "target 400"] {
            assert!(
                drawn.contains(&format!(">\n{label}\n<")),
                "{label} is written on the chart"
            );
        }
    }
}
