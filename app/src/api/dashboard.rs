//! The leadership dashboard, with its charts drawn on the server.

use crate::model::dashboard::Dashboard;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Draws charts as SVG, reusing what was drawn for the same data version and the same
/// chart content: the key carries a fingerprint of the chart's data, so a chart whose
/// period moved on (a new quarter, with no write) is drawn afresh.
#[cfg(feature = "ssr")]
pub async fn draw(
    db: &crate::db::Db,
    charts: Vec<crate::model::chart::Chart>,
    quarter: Option<crate::model::fiscal::FiscalQuarter>,
) -> Result<Vec<crate::model::chart::DrawnChart>, AppError> {
    let version = crate::queries::dashboard::data_version(db).await?;
    let cache = use_context::<crate::state::AppState>()
        .map(|s| s.charts)
        .unwrap_or_default();
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(_, p)| p.title)
        .unwrap_or_default();
    Ok(charts
        .into_iter()
        .map(|chart| {
            let key = format!("{}#{:016x}", chart.id, fingerprint(&chart));
            let svg = cache.get_or_draw(&key, version, || crate::charts::svg(&chart));
            let narrow = cache.get_or_draw(&format!("{key}#narrow"), version, || {
                crate::charts::svg_narrow(&chart).unwrap_or_default()
            });
            crate::model::chart::DrawnChart {
                svg: svg.to_string(),
                narrow: (!narrow.is_empty()).then(|| narrow.to_string()),
                file_name: crate::model::chart::file_name(&plan, &chart.id, &chart.period),
                quarter: quarter.map(|q| q.slug()).unwrap_or_default(),
                chart,
            }
        })
        .collect())
}

/// A hash of everything a chart shows (categories, series, labels, title).
#[cfg(feature = "ssr")]
fn fingerprint(chart: &crate::model::chart::Chart) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(chart)
        .unwrap_or_default()
        .hash(&mut hasher);
    hasher.finish()
}

/// Where the plan stands in a quarter ("2027-Q1"; none: the reporting quarter): roll-up,
/// charts, milestones, strategies in trouble.
#[server(input = GetUrl)]
pub async fn get_dashboard(
    #[server(default)] quarter: Option<String>,
) -> Result<Dashboard, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetDashboard).await?;
    let db = crate::state::db()?;
    let today = crate::state::clock().today();
    // The whole dashboard is kept per data version, day and quarter (milestone states
    // follow the date): an unchanged plan answers from memory; after a write, concurrent
    // views wait for one computation instead of each redoing it.
    let cal = crate::queries::status::calendar(&db).await?;
    let shown = crate::services::reporting::shown(&db, quarter.as_deref(), (cal, today)).await?;
    let key = format!("dashboard:{today}:{}", shown.quarter.slug());
    let mut dashboard = crate::api::kept::kept(&db, &key, || async {
        let parts = crate::services::dashboard::dashboard(&db, cal, today, shown.quarter).await?;
        Ok(Dashboard {
            quarter: parts.quarter,
            charts: draw(&db, parts.charts, Some(shown.quarter)).await?,
            shown: shown.clone(),
            plan: parts.plan,
            milestones: parts.milestones,
            turned: parts.turned,
            exceptions: parts.exceptions,
        })
    })
    .await?;
    // Where the quarter stands is read fresh each view (a sign-off moves it).
    dashboard.shown = shown;
    Ok(dashboard)
}

/// Quarter counts the heat map offers.
pub const HEAT_MAP_SPANS: [usize; 5] = [4, 8, 12, 20, 40];

/// The status heat map of one goal (default: the first) over 4 to 40 quarters (default 8)
/// ending with `quarter` (default: the reporting quarter), a page of the goal's
/// strategies at a time.
#[server(input = GetUrl)]
pub async fn get_heatmap(
    goal: Option<String>,
    quarters: Option<String>,
    #[server(default)] page: Option<String>,
    #[server(default)] quarter: Option<String>,
) -> Result<crate::model::dashboard::HeatMapPage, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetHeatmap).await?;
    let db = crate::state::db()?;
    let cal = crate::queries::status::calendar(&db).await?;
    let goals = crate::queries::plan_year::goals(&db).await?;
    let span = quarters
        .and_then(|q| q.parse::<usize>().ok())
        .filter(|q| HEAT_MAP_SPANS.contains(q))
        .unwrap_or(8);
    // The map ends with the reporting quarter unless another is asked for.
    let today = crate::state::clock().today();
    let shown = crate::services::reporting::shown(&db, quarter.as_deref(), (cal, today)).await?;
    // Opens on the first goal with data in the quarters shown, else the first with
    // strategies (not an empty placeholder).
    let mut first = shown.quarter;
    for _ in 1..span {
        first = first.previous();
    }
    let with_data = crate::queries::dashboard::goals_with_data(&db, (first, shown.quarter)).await?;
    let with_strategies = crate::queries::dashboard::goals_with_strategies(&db).await?;
    let goal = goal
        .filter(|g| goals.iter().any(|(n, _)| n == g))
        .or_else(|| {
            goals
                .iter()
                .find(|(n, _)| with_data.contains(n))
                .or_else(|| goals.iter().find(|(n, _)| with_strategies.contains(n)))
                .or(goals.first())
                .map(|(n, _)| n.clone())
        });
    let page = page.and_then(|p| p.trim().parse().ok());
    let (chart, paging) = match &goal {
        Some(g) => {
            let list = crate::services::read::charts::last_quarters(shown.quarter, span);
            let (chart, paging) =
                crate::services::read::charts::heat_map(&db, g, &list, page).await?;
            (
                draw(&db, vec![chart], Some(shown.quarter)).await?.pop(),
                paging,
            )
        }
        None => (None, crate::model::paging::Paging::of(0, 1, None)),
    };
    Ok(crate::model::dashboard::HeatMapPage {
        goals,
        goal: goal.unwrap_or_default(),
        quarters: span,
        paging,
        chart,
        shown,
    })
}
