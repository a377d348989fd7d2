//! A chart's data: what is drawn (on the server, as SVG), what its text alternative says,
//! and the table shown beside it.

use serde::{Deserialize, Serialize};

/// How the data is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    /// Horizontal bars, one per category, stacked by series; counts labelled.
    StackedBars,
    /// One line per series across the categories (quarters).
    Lines,
    /// Bars for the first series, markers for the second (targets), a baseline line.
    BarsWithTarget,
    /// Rows are the categories (strategies), columns the series (quarters); each cell a
    /// status code (its index in [`Status::ALL`](crate::model::status::Status::ALL)),
    /// drawn as the status symbol on the status colour.
    HeatMap,
    /// The business plan's roadmap: a row per strategy, a column per quarter, a bar where
    /// it is worked on and a mark where a milestone falls ([`ROADMAP_CODES`]).
    Roadmap,
}

/// A roadmap cell's codes: not worked on, worked on, worked on with a milestone.
pub const ROADMAP_CODES: [(f64, &str); 3] = [
    (0.0, "Not worked on"),
    (1.0, "Worked on"),
    (2.0, "Worked on, a milestone due"),
];

/// A roadmap cell's words ("—": not planned).
pub fn roadmap_text(code: Option<f64>) -> String {
    code.and_then(|c| ROADMAP_CODES.iter().find(|(v, _)| *v == c))
        .map_or("— Not planned".to_string(), |(_, w)| w.to_string())
}

/// One series: a name and a value per category (`None`: no data there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Palette index (dark to light), so a status keeps its colour across charts.
    pub colour: u8,
}

/// A chart ready to draw and to show as a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Address-safe name ("status-by-goal"), used for downloads and element ids.
    pub id: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub kind: ChartKind,
    /// A category to mark (the current quarter).
    pub marker: Option<usize>,
    /// A reference level drawn across (the baseline).
    pub baseline: Option<f64>,
    /// The period shown ("FY2027 Q1", "FY2026 Q2 to FY2027 Q1"), for download names.
    #[serde(default)]
    pub period: String,
    /// A line under the title that qualifies what is drawn ("FY2027 Q1: Goal 4 3 of 16
    /// strategies reporting, …"); empty for none. The text alternative repeats it.
    #[serde(default)]
    pub note: String,
    /// A forecast of the last category drawn dashed from category `from`, with its range
    /// shaded (a measure's year).
    #[serde(default)]
    pub forecast: Option<ChartForecast>,
}

/// A forecast drawn on a line chart: a dashed line from the first series' value at
/// category `from` to `point` at the last category, the range `low`–`high` shaded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChartForecast {
    pub from: usize,
    pub point: f64,
    pub low: f64,
    pub high: f64,
}

impl Chart {
    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            || self
                .series
                .iter()
                .all(|s| s.values.iter().all(Option::is_none))
    }

    /// The lowest and highest value drawn (series and baseline), zero included.
    pub fn value_range(&self) -> (f64, f64) {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .chain(self.baseline)
            .chain(self.forecast.iter().flat_map(|f| [f.low, f.high]))
            .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }

    /// The text alternative: what the chart shows, in words.
    pub fn alt(&self) -> String {
        if self.is_empty() {
            return format!("{}: no data yet.", self.title);
        }
        if self.kind == ChartKind::Roadmap {
            return format!(
                "{}: a grid of {} {} (rows) by {} quarters (columns), a bar where the strategy is worked on and a triangle in the quarter a milestone is due. The data table below the chart lists every cell.",
                self.title,
                self.categories.len(),
                plural(self.categories.len(), "strategy", "strategies"),
                self.series.len(),
            );
        }
        if self.kind == ChartKind::HeatMap {
            let quarters = self.series.len();
            return format!(
                "{}: a grid of {} {} (rows) by {} {} (columns), each cell the status symbol. \
                 The data table below the chart lists every cell.",
                self.title,
                self.categories.len(),
                plural(self.categories.len(), "strategy", "strategies"),
                quarters,
                plural(quarters, "quarter", "quarters"),
            );
        }
        let series: Vec<&str> = self.series.iter().map(|s| s.name.as_str()).collect();
        let first = self.categories.first().cloned().unwrap_or_default();
        let last = self.categories.last().cloned().unwrap_or_default();
        let span = if self.categories.len() == 1 {
            first
        } else {
            format!("{first} to {last}")
        };
        let mut text = format!(
            "{}. {} ({}) by {} ({} {}), series: {}.",
            self.title,
            self.y_label,
            match self.kind {
                ChartKind::StackedBars => "stacked bars",
                ChartKind::Lines => "lines",
                ChartKind::BarsWithTarget => "bars with target markers",
                ChartKind::HeatMap | ChartKind::Roadmap => "a grid",
            },
            self.x_label.to_lowercase(),
            self.categories.len(),
            plural(self.categories.len(), "category", "categories"),
            series.join(", ")
        );
        text.push_str(&format!(" Covers {span}."));
        if !self.note.is_empty() {
            text.push_str(&format!(" {}.", self.note.trim_end_matches('.')));
        }
        if let Some(b) = self.baseline {
            text.push_str(&format!(" Baseline {}.", trim(b)));
        }
        if let (Some(f), Some(last)) = (self.forecast, self.categories.last()) {
            text.push_str(&format!(
                " A dashed line forecasts {last}: {} (80 % range {} to {}, shaded).",
                trim(f.point),
                trim(f.low),
                trim(f.high)
            ));
        }
        text.push_str(" The data table below the chart lists every value.");
        text
    }

    /// The data table's value columns: each series, then the forecast and its range.
    pub fn columns(&self) -> Vec<String> {
        let mut names: Vec<String> = self.series.iter().map(|s| s.name.clone()).collect();
        if self.forecast.is_some() {
            names.extend(["Forecast (dashed)".to_string(), "80 % range".to_string()]);
        }
        names
    }

    /// Rows of the data table: the category, then each column's value as text.
    pub fn table(&self) -> Vec<(String, Vec<String>)> {
        let last = self.categories.len().saturating_sub(1);
        self.categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let forecast = self.forecast.map(|f| match i == last {
                    true => vec![
                        trim(f.point),
                        format!("{} to {}", trim(f.low), trim(f.high)),
                    ],
                    false => vec!["—".to_string(), "—".to_string()],
                });
                let values = self
                    .series
                    .iter()
                    .map(|s| {
                        let v = s.values.get(i).copied().flatten();
                        match (self.kind, v) {
                            (ChartKind::HeatMap, Some(code)) => status_text(code),
                            (ChartKind::HeatMap, None) => "No update".to_string(),
                            (ChartKind::Roadmap, v) => roadmap_text(v),
                            (_, v) => v.map_or("—".to_string(), trim),
                        }
                    })
                    .chain(forecast.into_iter().flatten())
                    .collect();
                (c.clone(), values)
            })
            .collect()
    }
}

/// Which chart: the dashboard's three, a measure's two, a page of a goal's heat map over
/// the last `quarters` quarters. Written as the chart's id ("status-by-goal",
/// "measure-7-ip", "heatmap-goal-4-q8", "heatmap-goal-4-q8-p2"), which names its download
/// (`/charts/{id}.svg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartId {
    StatusByGoal,
    PercentTrend,
    AppScorecard,
    MeasureApp(i64),
    MeasureIp(i64),
    /// A goal's ("4") or objective's ("4.1") strategies by this quarter's status.
    StatusOf(String),
    HeatMap {
        goal: String,
        quarters: usize,
        /// The page of the goal's strategies (1-based; [`HEAT_MAP_ROWS`] to a page).
        page: usize,
    },
    /// The business plan's roadmap of the five years from `first`, a page of its
    /// strategies ([`HEAT_MAP_ROWS`] to a page).
    Roadmap {
        first: i32,
        page: usize,
    },
}

/// Strategies on a page of the heat map.
pub const HEAT_MAP_ROWS: usize = 50;

impl ChartId {
    /// Reads a chart id; `None` for anything that names no chart.
    pub fn parse(id: &str) -> Option<ChartId> {
        match id {
            "status-by-goal" => return Some(ChartId::StatusByGoal),
            "percent-trend" => return Some(ChartId::PercentTrend),
            "app-scorecard" => return Some(ChartId::AppScorecard),
            _ => {}
        }
        if let Some(number) = id.strip_prefix("status-of-") {
            let parts: Vec<&str> = number.split('.').collect();
            let plain = parts.len() <= 2
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            return plain.then(|| ChartId::StatusOf(number.to_string()));
        }
        if let Some(rest) = id.strip_prefix("roadmap-fy") {
            let (year, page) = match rest.rsplit_once("-p") {
                Some((year, p)) => (year, p.parse().ok().filter(|p: &usize| *p > 1)?),
                None => (rest, 1),
            };
            let first = year
                .parse()
                .ok()
                .filter(|y| super::fiscal::PLAN_YEARS.contains(y))?;
            return Some(ChartId::Roadmap { first, page });
        }
        if let Some(rest) = id.strip_prefix("heatmap-goal-") {
            let (rest, page) = match rest.rsplit_once("-p") {
                // Page 1 is written without its number, so each chart has one id.
                Some((rest, p)) => (rest, p.parse().ok().filter(|p: &usize| *p > 1)?),
                None => (rest, 1),
            };
            let (goal, n) = rest.rsplit_once("-q")?;
            let quarters = n.parse().ok()?;
            let plain = !goal.is_empty() && goal.chars().all(|c| c.is_ascii_digit());
            return plain.then(|| ChartId::HeatMap {
                goal: goal.to_string(),
                quarters,
                page,
            });
        }
        let rest = id.strip_prefix("measure-")?;
        let (n, kind) = rest.split_once('-')?;
        let m = n.parse().ok()?;
        match kind {
            "app" => Some(ChartId::MeasureApp(m)),
            "ip" => Some(ChartId::MeasureIp(m)),
            _ => None,
        }
    }
}

impl std::fmt::Display for ChartId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChartId::StatusByGoal => write!(f, "status-by-goal"),
            ChartId::PercentTrend => write!(f, "percent-trend"),
            ChartId::AppScorecard => write!(f, "app-scorecard"),
            ChartId::MeasureApp(m) => write!(f, "measure-{m}-app"),
            ChartId::MeasureIp(m) => write!(f, "measure-{m}-ip"),
            ChartId::StatusOf(n) => write!(f, "status-of-{n}"),
            ChartId::HeatMap {
                goal,
                quarters,
                page,
            } => {
                write!(f, "heatmap-goal-{goal}-q{quarters}")?;
                if *page > 1 {
                    write!(f, "-p{page}")?;
                }
                Ok(())
            }
            ChartId::Roadmap { first, page } => {
                write!(f, "roadmap-fy{first}")?;
                if *page > 1 {
                    write!(f, "-p{page}")?;
                }
                Ok(())
            }
        }
    }
}

/// A heat-map cell's status as symbol and words.
pub fn status_text(code: f64) -> String {
    crate::model::status::Status::ALL
        .get(code as usize)
        .map_or("No update".to_string(), |s| {
            format!("{} {}", s.symbol(), s.label())
        })
}

use super::words::plural;

/// A number without a trailing ".0".
pub fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

/// A drawn chart: its data, its SVG for a page's column, its SVG laid out for a phone
/// (none for a heat map, which scrolls), and the file name its downloads take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawnChart {
    pub chart: Chart,
    pub svg: String,
    pub narrow: Option<String>,
    pub file_name: String,
    /// The quarter it shows ("2027-Q1"), sent with its downloads; empty: no quarter.
    #[serde(default)]
    pub quarter: String,
}

/// A download's file name (without extension), after plan, chart and period:
/// "dro-strategic-plan-status-by-goal-fy2027-q1".
pub fn file_name(plan: &str, chart: &str, period: &str) -> String {
    let slug = |t: &str| {
        let words: Vec<String> = t
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        words.join("-")
    };
    let plan: String = slug(plan).chars().take(40).collect();
    [plan.trim_end_matches('-'), chart, &slug(period)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: Vec<Option<f64>>) -> Chart {
        Chart {
            forecast: None,
            id: "t".into(),
            title: "Cases".into(),
            x_label: "Fiscal year".into(),
            y_label: "Cases".into(),
            categories: (0..values.len())
                .map(|i| format!("FY{}", 2020 + i))
                .collect(),
            series: vec![Series {
                name: "Actual".into(),
                values,
                colour: 0,
            }],
            kind: ChartKind::BarsWithTarget,
            marker: None,
            baseline: Some(10.0),
            period: "FY2020 to FY2022".into(),
            note: String::new(),
        }
    }

    #[test]
    fn the_text_alternative_says_what_the_chart_shows() {
        let c = chart(vec![Some(1.0), None, Some(3.5)]);
        let alt = c.alt();
        assert!(alt.contains("FY2020 to FY2022"), "{alt}");
        assert!(alt.contains("series: Actual"), "{alt}");
        assert!(alt.contains("Baseline 10"), "{alt}");
        assert_eq!(chart(vec![None]).alt(), "Cases: no data yet.");
    }

    #[test]
    fn the_table_lists_every_value_and_marks_gaps() {
        let c = chart(vec![Some(1.0), None, Some(3.5)]);
        let rows = c.table();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], ("FY2020".to_string(), vec!["1".to_string()]));
        assert_eq!(rows[1].1, vec!["—".to_string()]);
        assert_eq!(rows[2].1, vec!["3.5".to_string()]);
    }
}
