//! The plan overview: goals with their counts and the plan's narrative.

use crate::api::plan::get_overview;
use crate::components::alert::{Alert, Tone};
use crate::components::error::loaded;
use crate::model::plan::{PlanInfo, PlanOverview};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: the plan at a glance.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_overview());
    crate::pages::dashboard::DashboardResource::provide();
    loaded(overview, |o| view! { <Overview overview=o/> })
}

#[component]
fn Overview(overview: PlanOverview) -> impl IntoView {
    let Some(plan) = overview.plan else {
        return view! { <EmptyPlan/> }.into_any();
    };
    let title = plan.title.clone();
    view! {
        <Title text=title.clone()/>
        <h1 class="margin-bottom-1">{title}</h1>
        <PlanFacts plan=plan/>
        <crate::pages::dashboard::DashboardSection/>
        <div class="pt-no-print">
        <h2>"Goals"</h2>
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">"Goals with their objective and strategy counts"</caption>
            <thead>
                <tr>
                    <th scope="col">"Goal"</th>
                    <th scope="col">"Statement"</th>
                    <th scope="col" class="pt-num">"Objectives"</th>
                    <th scope="col" class="pt-num">"Strategies"</th>
                </tr>
            </thead>
            <tbody>
                {overview
                    .goals
                    .into_iter()
                    .map(|g| {
                        let label = crate::model::plan::goal_label(&g.number, g.name.as_deref());
                        view! {
                            <tr>
                                <th scope="row" data-label="Goal">
                                    <a href=format!("/goals/{}", g.number)>{label}</a>
                                </th>
                                <td data-label="Statement">
                                    {g.statement.unwrap_or_else(|| "Not yet imported".into())}
                                </td>
                                <td data-label="Objectives" class="pt-num">{g.objective_count}</td>
                                <td data-label="Strategies" class="pt-num">{g.strategy_count}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        {(!overview.narrative.is_empty())
            .then(|| {
                view! {
                    <h2>"About this plan"</h2>
                    {overview
                        .narrative
                        .into_iter()
                        .map(|section| {
                            view! {
                                <section class="pt-narrative">
                                    {section.heading.map(|h| view! { <h3>{h}</h3> })}
                                    {section
                                        .text
                                        .split("\n\n")
                                        .map(|p| view! { <p>{p.to_string()}</p> })
                                        .collect_view()}
                                </section>
                            }
                        })
                        .collect_view()}
                }
            })}
        </div>
    }
    .into_any()
}

/// Organisation, fiscal-year span and effective date, where known.
#[component]
fn PlanFacts(plan: PlanInfo) -> impl IntoView {
    let span = match (plan.fy_start, plan.fy_end) {
        (Some(a), Some(b)) => Some(format!("FY{a}–FY{b}")),
        _ => None,
    };
    view! {
        <p class="usa-intro margin-top-0">
            {(!plan.organisation.is_empty()).then(|| plan.organisation.clone())}
            {span.map(|s| format!(" · {s}"))}
            {plan.effective_date.map(|d| format!(" · effective {d}"))}
        </p>
    }
}

/// Shown when the database holds no plan yet.
#[component]
fn EmptyPlan() -> impl IntoView {
    view! {
        <Title text="No plan yet"/>
        <h1>"No plan yet"</h1>
        <Alert tone=Tone::Info>
            <p class="usa-alert__text">
                "This database holds no strategic plan. An administrator can "
                <a href="/admin/import">"import the plan text"</a>
                " or run " <code>"plantrack import FILE"</code> "."
            </p>
        </Alert>
    }
}
