//! `/goals/:number`: a goal, its objectives and their strategies.

use crate::api::plan::get_goal;
use crate::components::error::{loaded, number_param};
use crate::components::frame::{sibling_nav, ItemFrame};
use crate::components::outline::{RetiredNotice, RetiredTag, UntitledTag};
use crate::components::standing::StandingSection;
use crate::components::status::StatusTag;
use crate::model::plan::{goal_label, GoalDetail};
use leptos::prelude::*;

/// The goal page.
#[component]
pub fn GoalPage() -> impl IntoView {
    let number = number_param();
    let query = leptos_router::hooks::use_query_map();
    let detail = Resource::new(
        move || (number.get(), query.read().get("quarter")),
        |(n, q)| get_goal(n, q),
    );
    loaded(detail, |d| view! { <GoalView detail=d/> })
}

#[component]
fn GoalView(detail: GoalDetail) -> impl IntoView {
    let goal = detail.goal;
    let label = goal_label(&goal.number, goal.name.as_deref());
    let nav = sibling_nav(
        &detail.nav,
        &goal.number,
        |g| &g.number,
        |g| goal_label(&g.number, g.name.as_deref()),
        |g| format!("/goals/{}", g.number),
    );
    let goal_number = goal.number.clone();
    let standing = detail.standing;
    let statuses = standing
        .as_ref()
        .map(|s| s.statuses.clone())
        .unwrap_or_default();
    let status_of = move |n: &str| statuses.iter().find(|(x, _)| x == n).and_then(|(_, s)| *s);
    view! {
        <ItemFrame
            title=label.clone()
            trail=vec![("Plan".into(), "/".into())]
            crumb=format!("Goal {}", goal.number)
            nav_label="Goals".into()
            nav=nav
        >
                <h1>{label}</h1>
                <RetiredNotice revision=goal.retired_in/>
                {match goal.statement {
                    Some(s) => view! { <p class="usa-intro pt-statement">{s}</p> }.into_any(),
                    None => view! {
                        <p><UntitledTag/> " This goal was created as a placeholder; a later import can fill in its name and statement."</p>
                    }.into_any(),
                }}
                <p>{goal.objective_count} " objectives · " {goal.strategy_count} " strategies"</p>
                {standing.map(|st| view! { <StandingSection number=goal_number.clone() standing=st/> })}
                <h2>"Objectives and strategies"</h2>
                <div class="pt-objectives">
                {detail
                    .objectives
                    .into_iter()
                    .map(|o| {
                        view! {
                            <section class="pt-objective">
                                <h3 class="font-heading-lg">
                                    <a href=format!("/objectives/{}", o.number)>"Objective " {o.number.clone()}</a>
                                    {o.retired_in.map(|r| view! { " " <RetiredTag revision=r/> })}
                                </h3>
                                {match o.title {
                                    Some(t) => view! { <p>{t}</p> }.into_any(),
                                    None => view! { <p><UntitledTag/></p> }.into_any(),
                                }}
                                <ul class="usa-list pt-strategy-list">
                                    {o
                                        .strategies
                                        .into_iter()
                                        .map(|s| {
                                            let status = status_of(&s.number);
                                            view! {
                                                <li>
                                                    <a href=format!("/strategies/{}", s.number)>{s.number.clone()}</a>
                                                    " " {s.text} " "
                                                    {match s.retired_in {
                                                        Some(r) => view! { <RetiredTag revision=r/> }.into_any(),
                                                        None => view! { <StatusTag status=status/> }.into_any(),
                                                    }}
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
        </ItemFrame>
    }
}
