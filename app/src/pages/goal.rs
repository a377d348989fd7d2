//! `/goals/:number`: a goal, its objectives and their strategies.

use crate::api::plan::get_goal;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::error::{loaded, number_param};
use crate::components::outline::UntitledTag;
use crate::components::side_nav::{NavItem, SideNav};
use crate::model::plan::{goal_label, GoalDetail};
use leptos::prelude::*;
use leptos_meta::Title;

/// The goal page.
#[component]
pub fn GoalPage() -> impl IntoView {
    let number = number_param();
    let detail = Resource::new(move || number.get(), get_goal);
    loaded(detail, |d| view! { <GoalView detail=d/> })
}

#[component]
fn GoalView(detail: GoalDetail) -> impl IntoView {
    let goal = detail.goal;
    let label = goal_label(&goal.number, goal.name.as_deref());
    let nav = detail
        .nav
        .into_iter()
        .map(|g| NavItem {
            current: g.number == goal.number,
            label: goal_label(&g.number, g.name.as_deref()),
            href: format!("/goals/{}", g.number),
        })
        .collect();
    view! {
        <Title text=label.clone()/>
        <Breadcrumb trail=vec![("Plan".into(), "/".into())] current=format!("Goal {}", goal.number)/>
        <div class="grid-row grid-gap">
            <div class="tablet:grid-col-3 pt-aside">
                <SideNav label="Goals".into() items=nav/>
            </div>
            <div class="tablet:grid-col-9">
                <h1>{label}</h1>
                {match goal.statement {
                    Some(s) => view! { <p class="usa-intro">{s}</p> }.into_any(),
                    None => view! {
                        <p><UntitledTag/> " This goal was created as a placeholder; a later import can fill in its name and statement."</p>
                    }.into_any(),
                }}
                <p>{goal.objective_count} " objectives · " {goal.strategy_count} " strategies"</p>
                {detail
                    .objectives
                    .into_iter()
                    .map(|o| {
                        view! {
                            <section class="pt-objective">
                                <h2 class="font-heading-lg">
                                    <a href=format!("/objectives/{}", o.number)>"Objective " {o.number.clone()}</a>
                                </h2>
                                {match o.title {
                                    Some(t) => view! { <p>{t}</p> }.into_any(),
                                    None => view! { <p><UntitledTag/></p> }.into_any(),
                                }}
                                <ul class="usa-list pt-strategy-list">
                                    {o
                                        .strategies
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <li>
                                                    <a href=format!("/strategies/{}", s.number)>{s.number.clone()}</a>
                                                    " " {s.text}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
