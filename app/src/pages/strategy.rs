//! `/strategies/:number`: one strategy with its objective and goal.

use crate::api::plan::{get_strategy, SetStrategyOwners};
use crate::api::status::get_status_history;
use crate::components::alert::{Alert, Tone};
use crate::components::error::{loaded, number_param};
use crate::components::frame::{sibling_nav, ItemFrame};
use crate::components::status::StatusTag;
use crate::components::submit::SubmitButton;
use crate::model::plan::{
    goal_label, objective_label, owner_text, strategy_label, OwnersForm, StrategyDetail,
};
use crate::model::status::StatusUpdate;
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
                    <dd>{owner_text(s.owner_office.as_deref(), &s.owners)}</dd>
                </dl>
                {detail.can_record.then(|| view! {
                    <p>
                        <a class="usa-button" href=format!("/strategies/{}/status", s.number)>"Record status for this quarter"</a>
                    </p>
                })}
                {detail.owners_form.map(|form| view! { <OwnersSection number=s.number.clone() form=form/> })}
                <crate::components::measure::MeasureList number=s.number.clone()/>
                <History number=s.number.clone()/>
        </ItemFrame>
    }
}

/// The office and owners of a strategy, editable by the working group and
/// administrators; owners are the people who may record its status.
#[component]
fn OwnersSection(number: String, form: OwnersForm) -> impl IntoView {
    let action = ServerAction::<SetStrategyOwners>::new();
    let error = form.error.clone();
    view! {
        <section aria-labelledby="owners-heading">
            <h2 id="owners-heading">"Owners"</h2>
            {error.map(|e| view! {
                <Alert tone=Tone::Error slim=true text=e/>
            })}
            <ActionForm action=action attr:class="usa-form pt-owners-form">
                <input type="hidden" name="number" value=number.clone()/>
                <input type="hidden" name="seen" value=form.seen.clone()/>
                <label class="usa-label" for="owner-office">"Office"</label>
                <span class="usa-hint" id="owner-office-hint">"The office responsible, e.g. Court Services. Leave empty if none."</span>
                <input class="usa-input" id="owner-office" name="office" maxlength="120"
                    aria-describedby="owner-office-hint" value=form.office.clone()/>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"People who own it (they may record its status)"</legend>
                    {if form.choices.is_empty() {
                        view! { <p class="usa-hint">"No one can own a strategy yet: add managers on the Users page."</p> }.into_any()
                    } else {
                        form.choices.into_iter().map(|(id, label, chosen)| {
                            let field = format!("owner-{id}");
                            view! {
                                <div class="usa-checkbox">
                                    <input class="usa-checkbox__input" type="checkbox" id=field.clone()
                                        name="owners[]" value=id.to_string() checked=chosen/>
                                    <label class="usa-checkbox__label" for=field>{label}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <SubmitButton label="Save owners" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
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
