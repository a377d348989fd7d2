//! `/objectives/:number`: an objective and its strategies.

use crate::api::plan::get_objective;
use crate::components::error::{loaded, number_param};
use crate::components::frame::{sibling_nav, ItemFrame};
use crate::components::outline::{RetiredNotice, UntitledTag};
use crate::components::standing::StandingSection;
use crate::components::status::StatusTag;
use crate::model::plan::{goal_label, objective_label, owner_text, ObjectiveDetail};
use leptos::prelude::*;

/// The objective page.
#[component]
pub fn ObjectivePage() -> impl IntoView {
    let number = number_param();
    let query = leptos_router::hooks::use_query_map();
    let detail = Resource::new(
        move || (number.get(), query.read().get("quarter")),
        |(n, q)| get_objective(n, q),
    );
    loaded(detail, |d| view! { <ObjectiveView detail=d/> })
}

#[component]
fn ObjectiveView(detail: ObjectiveDetail) -> impl IntoView {
    let objective = detail.objective;
    let label = objective_label(&objective.number);
    let nav = sibling_nav(
        &detail.siblings,
        &objective.number,
        |o| &o.number,
        |o| objective_label(&o.number),
        |o| format!("/objectives/{}", o.number),
    );
    let goal = detail.goal;
    let trail = vec![
        ("Plan".into(), "/".into()),
        (
            format!("Goal {}", goal.number),
            format!("/goals/{}", goal.number),
        ),
    ];
    let objective_number = objective.number.clone();
    let standing = detail.standing;
    let status_of = {
        let statuses = standing
            .as_ref()
            .map(|s| s.statuses.clone())
            .unwrap_or_default();
        move |n: &str| statuses.iter().find(|(x, _)| x == n).and_then(|(_, s)| *s)
    };
    let quarter = standing
        .as_ref()
        .map_or_else(|| "This quarter".to_string(), |s| s.quarter.to_string());
    view! {
        <ItemFrame
            title=label.clone()
            trail=trail
            crumb=label.clone()
            nav_label=format!("Objectives of goal {}", goal.number)
            nav=nav
        >
                <p class="pt-kicker">{goal_label(&goal.number, goal.name.as_deref())}</p>
                <h1>{label}</h1>
                <RetiredNotice revision=objective.retired_in/>
                {match objective.title {
                    Some(t) => view! { <p class="usa-intro">{t}</p> }.into_any(),
                    None => view! {
                        <p><UntitledTag/> " This objective was created as a placeholder; a later import can fill in its title."</p>
                    }.into_any(),
                }}
                {standing.clone().map(|st| view! { <StandingSection number=objective_number.clone() standing=st/> })}
                <h2>"Strategies"</h2>
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                    <thead>
                        <tr>
                            <th scope="col">"Number"</th>
                            <th scope="col">"Strategy"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">{quarter.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {objective
                            .strategies
                            .into_iter()
                            .map(|s| {
                                let owner = owner_text(s.owner_office.as_deref(), &s.owners);
                                let status = status_of(&s.number);
                                view! {
                                    <tr>
                                        <th scope="row" data-label="Number">
                                            <a href=format!("/strategies/{}", s.number)>{s.number.clone()}</a>
                                        </th>
                                        <td data-label="Strategy">{s.text}</td>
                                        <td data-label="Owner">{owner}</td>
                                        <td data-label=quarter.clone()><StatusTag status=status/></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
        </ItemFrame>
    }
}
