//! `/heatmap?goal=4&quarters=8`: one goal's strategies × quarters, each cell the status.

use crate::api::dashboard::{get_heatmap, HEAT_MAP_SPANS};
use crate::components::chart::ChartFigure;
use crate::components::loaded::Loaded;
use crate::model::dashboard::HeatMapPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The heat map page.
#[component]
pub fn HeatMapPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || (query.read().get("goal"), query.read().get("quarters")),
        |(g, q)| get_heatmap(g, q),
    );
    view! {
        <Loaded data=data loading="Loading the heat map…" render=move |p| view! { <HeatMap page=p/> }/>
    }
}

#[component]
fn HeatMap(page: HeatMapPage) -> impl IntoView {
    view! {
        <Title text="Status heat map"/>
        <h1>"Status heat map"</h1>
        <p class="usa-intro">"Each strategy's status quarter by quarter: a symbol and a colour per cell (– for no update)."</p>
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
            <button class="usa-button margin-top-3" type="submit">"Show"</button>
        </form>
        {match page.chart {
            Some(c) => view! { <ChartFigure drawn=c/> }.into_any(),
            None => view! { <p>"This plan has no goals yet."</p> }.into_any(),
        }}
    }
}
