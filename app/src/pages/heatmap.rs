//! `/heatmap?goal=4&quarters=8&page=2`: one goal's strategies × quarters, each cell the
//! status, 50 strategies to a page.

use crate::api::dashboard::{get_heatmap, HEAT_MAP_SPANS};
use crate::components::chart::ChartFigure;
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::quarter_picker::QuarterSelect;
use crate::model::dashboard::HeatMapPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The heat map page.
#[component]
pub fn HeatMapPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("goal"),
                q.get("quarters"),
                q.get("page"),
                q.get("quarter"),
            )
        },
        |(g, q, p, e)| get_heatmap(g, q, p, e),
    );
    view! {
        <Loaded data=data loading="Loading the heat map…" render=move |p| view! { <HeatMap page=p/> }/>
    }
}

#[component]
fn HeatMap(page: HeatMapPage) -> impl IntoView {
    let paging = page.paging;
    // Another page of the same goal and span.
    let (goal, span) = (page.goal.clone(), page.quarters);
    let last = page.shown.quarter;
    let link = move |n: usize| {
        format!(
            "/heatmap?goal={}&quarters={span}&quarter={}&page={n}",
            crate::api::account::urlencode(&goal),
            last.slug()
        )
    };
    view! {
        <Title text="Status heat map"/>
        <h1>"Status heat map"</h1>
        <p class="usa-intro">"Each strategy's status quarter by quarter: a symbol and a colour per cell (– for no update)."</p>
        <p class="pt-quarter-phase"><span aria-hidden="true">{page.shown.phase.symbol()}</span>" "{format!("Ending with {}", page.shown.heading())}</p>
        <form class="usa-form pt-filter" method="get" action="/heatmap">
            <div>
                <label class="usa-label" for="h-goal">"Goal"</label>
                <select class="usa-select" id="h-goal" name="goal">
                    {page.goals.iter().map(|(g, name)| view! {
                        <option value=g.clone() selected=*g == page.goal>{crate::model::plan::goal_label(g, name.as_deref())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label class="usa-label" for="h-quarters">"Quarters"</label>
                <select class="usa-select" id="h-quarters" name="quarters">
                    {HEAT_MAP_SPANS.into_iter().map(|n| view! {
                        <option value=n.to_string() selected=n == page.quarters>{format!("Last {n}")}</option>
                    }).collect_view()}
                </select>
            </div>
            <QuarterSelect id="h-quarter" label="Ending with" shown=page.shown.clone()/>
            <button class="usa-button margin-top-3" type="submit">"Show"</button>
        </form>
        {(paging.pages > 1).then(|| view! {
            <p class="pt-showing">{format!(
                "Strategies {}–{} of {} (page {} of {})",
                paging.first, paging.last, paging.total, paging.page, paging.pages
            )}</p>
        })}
        {match page.chart {
            Some(c) => view! { <ChartFigure drawn=c/> }.into_any(),
            None => view! { <p>"This plan has no goals yet."</p> }.into_any(),
        }}
        <Pager
            label="Heat map pages"
            previous=(paging.page > 1).then(|| link(paging.page - 1))
            next=(paging.page < paging.pages).then(|| link(paging.page + 1))
        />
    }
}
