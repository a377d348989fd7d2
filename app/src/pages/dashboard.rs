//! The leadership dashboard on `/`: plan roll-up, status by goal, percent-complete trend,
//! the exceptions list, APP scorecard, open planning-cycle milestones, and strategies that turned red.

use crate::api::dashboard::get_dashboard;
use crate::components::chart::ChartFigure;
use crate::components::exceptions::ExceptionsList;
use crate::components::quarter_picker::QuarterPicker;
use crate::components::status::{RollupLine, StatusTag};
use crate::model::dashboard::Dashboard;
use leptos::prelude::*;

/// The dashboard's data, read once per page view (created with the page, not inside
/// another suspense, so a re-render never reads it twice).
#[derive(Clone, Copy)]
pub struct DashboardResource(pub Resource<Result<Dashboard, crate::model::AppError>>);

impl DashboardResource {
    /// Starts reading the dashboard; call once in the page component.
    pub fn provide() {
        let query = leptos_router::hooks::use_query_map();
        provide_context(DashboardResource(Resource::new(
            move || query.read().get("quarter"),
            get_dashboard,
        )));
    }
}

/// The dashboard section (rendered on the server; charts are SVG, no script needed).
#[component]
pub fn DashboardSection() -> impl IntoView {
    let DashboardResource(data) = expect_context::<DashboardResource>();
    view! {
        <Suspense fallback=|| view! { <p>"Loading the dashboard…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DashboardView d=d/> }.into_any(),
                    Err(e) => view! { <p class="usa-error-message">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let fy = d.quarter.year;
    view! {
        <section aria-labelledby="dashboard-heading" class="pt-dashboard">
            <h2 id="dashboard-heading">{format!("Where the plan stands, {}", d.quarter)}</h2>
            <QuarterPicker action="/".to_string() shown=d.shown.clone()/>
            <p class="usa-intro"><strong>"Plan: "</strong><RollupLine rollup=d.plan.clone()/></p>
            <p class="usa-hint">{d.plan.rule.clone()}" "{crate::model::review::COUNTED}</p>
            <p class="pt-dashboard-links"><a href=format!("/quarters/{}", d.quarter.slug())>"Quarter status"</a>" · "<a href=format!("/app/{fy}")>"APP"</a>" · "
               <a href=format!("/ip/{fy}")>"IP"</a>" · "<a href=format!("/cycle/{fy}")>"Planning cycle"</a>" · "<a href=format!("/heatmap?quarter={}", d.quarter.slug())>"Status heat map"</a></p>
            <ExceptionsList exceptions=d.exceptions quarter=d.quarter id="exceptions-heading" level3=true/>
            <div class="pt-chart-grid">
                {d.charts.into_iter().map(|c| view! { <ChartFigure drawn=c/> }).collect_view()}
            </div>
            <div class="grid-row grid-gap">
                <section class="tablet:grid-col-6" aria-labelledby="turned-heading">
                    <h3 id="turned-heading">{format!("Turned at risk or off track in {}", d.quarter)}</h3>
                    {if d.turned.is_empty() {
                        view! { <p>{format!("No strategy turned at risk or off track in {}.", d.quarter)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="usa-list pt-turned">
                                {d.turned.into_iter().map(|t| view! {
                                    <li>
                                        <a href=format!("/strategies/{}", t.number)>{format!("Strategy {}", t.number)}</a>
                                        {format!(" {} ", crate::model::axis::shorten(&t.text, 80))}
                                        <StatusTag status=Some(t.status)/>
                                        {format!(" (was {})", t.before.map_or("not reported", |s| s.label()))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="tablet:grid-col-6" aria-labelledby="milestones-heading">
                    <h3 id="milestones-heading">"Planning-cycle milestones"</h3>
                    {if d.milestones.is_empty() {
                        view! { <p>"Every milestone due so far is done."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="usa-list">
                                {d.milestones.into_iter().map(|m| view! {
                                    <li>
                                        <span class=format!("pt-milestone pt-milestone--{}", m.state.as_str())>
                                            <span aria-hidden="true">{m.state.symbol()}</span>" "{m.state.label()}
                                        </span>
                                        {format!(" {} (due {})", m.milestone.title, m.due)}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <p><a href=format!("/cycle/{fy}")>"The whole planning cycle"</a></p>
                        }.into_any()
                    }}
                </section>
            </div>
        </section>
    }
}
