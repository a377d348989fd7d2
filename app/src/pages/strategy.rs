//! `/strategies/:number`: one strategy with its objective and goal.

use crate::api::plan::get_strategy;
use crate::api::status::get_status_history;
use crate::components::error::{loaded, number_param};
use crate::components::frame::{sibling_nav, ItemFrame};
use crate::components::status::StatusTag;
use crate::model::plan::{goal_label, objective_label, strategy_label, StrategyDetail};
use crate::model::status::StatusUpdate;
use crate::pages::objective::owner_text;
use crate::pages::status_form::Narrative;
use leptos::prelude::*;

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
    let nav = sibling_nav(
        &detail.siblings,
        &s.number,
        |x| &x.number,
        |x| strategy_label(&x.number),
        |x| format!("/strategies/{}", x.number),
    );
    let goal = detail.goal;
    let objective = detail.objective_number;
    let trail = vec![
        ("Plan".into(), "/".into()),
        (
            format!("Goal {}", goal.number),
            format!("/goals/{}", goal.number),
        ),
        (
            objective_label(&objective),
            format!("/objectives/{objective}"),
        ),
    ];
    view! {
        <ItemFrame
            title=label.clone()
            trail=trail
            crumb=label.clone()
            nav_label=format!("Strategies of objective {objective}")
            nav=nav
        >
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
                {detail.can_record.then(|| view! {
                    <p>
                        <a class="usa-button" href=format!("/strategies/{}/status", s.number)>"Record status for this quarter"</a>
                    </p>
                })}
                <crate::components::measure::MeasureList number=s.number.clone()/>
                <History number=s.number.clone()/>
        </ItemFrame>
    }
}

/// The strategy's status across quarters, newest first; corrections say what they correct.
#[component]
fn History(number: String) -> impl IntoView {
    let history = Resource::new(move || number.clone(), get_status_history);
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Status history"</h2>
            <Suspense fallback=|| view! { <p>"Loading the history…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(list) if list.is_empty() => view! { <p>"No status has been recorded yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="usa-list usa-list--unstyled pt-timeline">
                                {list.into_iter().map(|u| view! { <HistoryEntry update=u/> }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(e) => view! { <p class="usa-error-message">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn HistoryEntry(update: StatusUpdate) -> impl IntoView {
    let corrects = update
        .corrects_id
        .map(|_| format!(" · correction (version {})", update.version));
    view! {
        <li class="pt-timeline__entry">
            <h3 class="pt-timeline__when">{update.quarter.to_string()}</h3>
            <p>
                <StatusTag status=Some(update.status)/>
                {format!(", {}% complete · recorded by {} on {}", update.percent, update.author, update.recorded)}
                {corrects}
            </p>
            <Narrative update=update/>
        </li>
    }
}
