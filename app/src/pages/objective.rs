//! `/objectives/:number`: an objective and its strategies.

use crate::api::plan::get_objective;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::error::{loaded, number_param};
use crate::components::outline::UntitledTag;
use crate::components::side_nav::{NavItem, SideNav};
use crate::model::plan::{goal_label, objective_label, ObjectiveDetail};
use leptos::prelude::*;
use leptos_meta::Title;

/// The objective page.
#[component]
pub fn ObjectivePage() -> impl IntoView {
    let number = number_param();
    let detail = Resource::new(move || number.get(), get_objective);
    loaded(detail, |d| view! { <ObjectiveView detail=d/> })
}

#[component]
fn ObjectiveView(detail: ObjectiveDetail) -> impl IntoView {
    let objective = detail.objective;
    let label = objective_label(&objective.number);
    let nav = detail
        .siblings
        .iter()
        .map(|o| NavItem {
            current: o.number == objective.number,
            label: objective_label(&o.number),
            href: format!("/objectives/{}", o.number),
        })
        .collect();
    let goal = detail.goal;
    view! {
        <Title text=label.clone()/>
        <Breadcrumb
            trail=vec![
                ("Plan".into(), "/".into()),
                (format!("Goal {}", goal.number), format!("/goals/{}", goal.number)),
            ]
            current=label.clone()
        />
        <div class="grid-row grid-gap">
            <div class="tablet:grid-col-3 pt-aside">
                <SideNav label=format!("Objectives of goal {}", goal.number) items=nav/>
            </div>
            <div class="tablet:grid-col-9">
                <p class="pt-kicker">{goal_label(&goal.number, goal.name.as_deref())}</p>
                <h1>{label}</h1>
                {match objective.title {
                    Some(t) => view! { <p class="usa-intro">{t}</p> }.into_any(),
                    None => view! {
                        <p><UntitledTag/> " This objective was created as a placeholder; a later import can fill in its title."</p>
                    }.into_any(),
                }}
                <h2>"Strategies"</h2>
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                    <thead>
                        <tr>
                            <th scope="col">"Number"</th>
                            <th scope="col">"Strategy"</th>
                            <th scope="col">"Owner"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {objective
                            .strategies
                            .into_iter()
                            .map(|s| {
                                let owner = owner_text(s.owner_office.as_deref(), s.owner_person.as_deref());
                                view! {
                                    <tr>
                                        <th scope="row" data-label="Number">
                                            <a href=format!("/strategies/{}", s.number)>{s.number.clone()}</a>
                                        </th>
                                        <td data-label="Strategy">{s.text}</td>
                                        <td data-label="Owner">{owner}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// "Office · Person", or "Not assigned".
pub fn owner_text(office: Option<&str>, person: Option<&str>) -> String {
    match (office, person) {
        (Some(o), Some(p)) => format!("{o} · {p}"),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) => "Not assigned".to_string(),
    }
}
