//! `/strategies/:number`: one strategy with its objective and goal.

use crate::api::plan::get_strategy;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::error::{loaded, number_param};
use crate::components::side_nav::{NavItem, SideNav};
use crate::model::plan::{goal_label, objective_label, strategy_label, StrategyDetail};
use crate::pages::objective::owner_text;
use leptos::prelude::*;
use leptos_meta::Title;

/// The strategy page.
#[component]
pub fn StrategyPage() -> impl IntoView {
    let number = number_param();
    let detail = Resource::new(move || number.get(), get_strategy);
    loaded(detail, |d| view! { <StrategyView detail=d/> })
}

#[component]
fn StrategyView(detail: StrategyDetail) -> impl IntoView {
    let s = detail.strategy;
    let label = strategy_label(&s.number);
    let nav = detail
        .siblings
        .iter()
        .map(|x| NavItem {
            current: x.number == s.number,
            label: strategy_label(&x.number),
            href: format!("/strategies/{}", x.number),
        })
        .collect();
    let goal = detail.goal;
    let objective = detail.objective_number;
    view! {
        <Title text=label.clone()/>
        <Breadcrumb
            trail=vec![
                ("Plan".into(), "/".into()),
                (format!("Goal {}", goal.number), format!("/goals/{}", goal.number)),
                (objective_label(&objective), format!("/objectives/{objective}")),
            ]
            current=label.clone()
        />
        <div class="grid-row grid-gap">
            <div class="tablet:grid-col-3 pt-aside">
                <SideNav label=format!("Strategies of objective {objective}") items=nav/>
            </div>
            <div class="tablet:grid-col-9">
                <p class="pt-kicker">
                    {goal_label(&goal.number, goal.name.as_deref())} " › "
                    {objective_label(&objective)}
                    {detail.objective_title.map(|t| format!(": {t}"))}
                </p>
                <h1>{label}</h1>
                <p class="usa-intro">{s.text}</p>
                <dl class="pt-facts">
                    <dt>"Owner"</dt>
                    <dd>{owner_text(s.owner_office.as_deref(), s.owner_person.as_deref())}</dd>
                </dl>
            </div>
        </div>
    }
}
