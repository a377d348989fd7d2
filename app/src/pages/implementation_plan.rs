//! `/ip/:fy`: the Implementation Plan of a fiscal year — quarterly targets and actuals
//! per measure, and each strategy's quarterly milestones.

use crate::api::plan_year::{get_ip, AddIpMilestone, DistributeIp, SetIpMilestoneDone};
use crate::components::alert::{Alert, Tone};
use crate::components::done::DoneButton;
use crate::components::form_group::{described_by, FormGroup};
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::measure::MeasureRowHeader;
use crate::components::measure::{goal_shown, GoalFilter, QuarterTargetTag};
use crate::components::outlook::MarkTag;
use crate::components::submit::SubmitButton;
use crate::model::glossary::Mark;
use crate::model::measure::TargetState;
use crate::model::plan_year::{IpPage, IpState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The IP's actions, shared by its forms.
#[derive(Clone, Copy)]
struct Actions {
    distribute: ServerAction<DistributeIp>,
    add: ServerAction<AddIpMilestone>,
    done: ServerAction<SetIpMilestoneDone>,
}

/// The IP page.
#[component]
pub fn ImplementationPlanPage() -> impl IntoView {
    let param = route_param("fy");
    let actions = Actions {
        distribute: ServerAction::new(),
        add: ServerAction::new(),
        done: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                param(),
                actions.distribute.version().get()
                    + actions.add.version().get()
                    + actions.done.version().get(),
            )
        },
        |(fy, _)| get_ip(fy),
    );
    view! {
        <Loaded data=data loading="Loading the IP…" render=move |p| view! { <ImplementationPlan page=p actions=actions/> }/>
    }
}

#[component]
fn ImplementationPlan(page: IpPage, actions: Actions) -> impl IntoView {
    let fy = page.fiscal_year;
    let title = format!("Implementation Plan, FY{fy}");
    let goal = goal_shown(
        use_query_map().read_untracked().get("goal"),
        &page.goals,
        page.rows.len(),
    );
    let add_error = move || {
        actions
            .add
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
    };
    let state_text = match (&page.state, &page.distributed) {
        (IpState::Distributed, Some(who)) => format!("Distributed by {who}"),
        _ => "Draft: not distributed yet".to_string(),
    };
    let rows: Vec<_> = page
        .rows
        .iter()
        .filter(|r| goal.is_empty() || r.measure.goal == goal)
        .cloned()
        .collect();
    let milestones: Vec<_> = page
        .milestones
        .iter()
        .filter(|m| goal.is_empty() || m.goal == goal)
        .cloned()
        .collect();
    let can_edit = page.can_edit;
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro"><strong>{state_text}</strong></p>
        {page.overdue.clone().map(|began| view! {
            <Alert tone=Tone::Warning slim=true text=format!(
                "⚠ Overdue: FY{fy} began on {began} and its Implementation Plan has not been distributed. The IP is distributed in the last quarter of the year before and executed from the year's first day."
            )/>
        })}
        <p>{page.timing.clone()}</p>
        <nav aria-label="Plan years" class="pt-quarter-nav">
            <a href=format!("/ip/{}", fy - 1)>{format!("← FY{} IP", fy - 1)}</a>
            <a href=format!("/app/{fy}")>{format!("FY{fy} Annual Performance Plan")}</a>
            <a href=format!("/csv/ip/{fy}") download=format!("ip-fy{fy}.csv")>"Download as CSV"</a>
            <a href=format!("/ip/{}", fy + 1)>{format!("FY{} IP →", fy + 1)}</a>
        </nav>
        {(can_edit && page.state == IpState::Draft).then(|| view! {
            <ActionForm action=actions.distribute attr:class="usa-form">
                <input type="hidden" name="fiscal_year" value=fy/>
                <button class="usa-button" type="submit">{format!("Mark the FY{fy} IP distributed")}</button>
            </ActionForm>
        })}
        <GoalFilter action=format!("/ip/{fy}") goals=page.goals.clone() selected=goal.clone() measures=page.rows.len()/>
        <section aria-labelledby="targets-heading">
            <h2 id="targets-heading">"Quarterly targets and actuals"</h2>
            {if rows.is_empty() {
                view! { <p>"No performance measures here yet. Quarterly targets are set on each measure's page."</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--stacked pt-table-wide pt-ip-table">
                        <caption class="usa-sr-only">{format!("FY{fy} quarterly targets, actuals and state per measure")}</caption>
                        <thead><tr>
                            <th scope="col">"Measure"</th>
                            {(1..=4).map(|q| view! { <th scope="col">{format!("Q{q}")}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <MeasureRowHeader id=r.measure.id name=r.measure.name.clone() context=format!(" · Goal {} · {}", r.measure.goal, r.measure.attached_label)/>
                                    {r.quarters.iter().enumerate().map(|(i, c)| view! {
                                        <td data-label=format!("Q{}", i + 1)>
                                            <span class="pt-cell-line">"Target: " {c.target_shown.clone()}</span>
                                            <span class="pt-cell-line">"Actual: " {c.actual_shown.clone()}</span>
                                            {(c.state != TargetState::NoTarget && (c.over || c.reading != Default::default())).then(|| view! { <QuarterTargetTag state=c.state quarter=(i + 1) as u8/> })}
                                            {c.band.clone().map(|(words, mark)| view! { <span class="pt-cell-line"><MarkTag mark=mark words=words/></span> })}
                                        </td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="milestones" id="milestones">
            <h2 id="milestones-heading">"Strategy milestones"</h2>
            {if milestones.is_empty() {
                view! { <p>"No quarterly milestones in this IP yet."</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--stacked pt-table-wide">
                        <caption class="usa-sr-only">{format!("FY{fy} strategy milestones by quarter")}</caption>
                        <thead><tr>
                            <th scope="col">"Quarter"</th><th scope="col">"Strategy"</th>
                            <th scope="col">"Milestone"</th><th scope="col">"State"</th>
                            {can_edit.then(|| view! { <th scope="col">"Action"</th> })}
                        </tr></thead>
                        <tbody>
                            {milestones.into_iter().map(|m| {
                                let state = match (&m.done, m.overdue) {
                                    (Some(who), _) => Mark::Done.with(&format!("Done ({who})")),
                                    (None, true) => Mark::Failed.with("Overdue"),
                                    (None, false) => Mark::NotYet.with("Planned"),
                                };
                                let done = m.done.is_some();
                                view! {
                                    <tr>
                                        <td data-label="Quarter">{format!("Q{}", m.quarter)}</td>
                                        <td data-label="Strategy"><a href=format!("/strategies/{}", m.strategy)>{m.strategy.clone()}</a></td>
                                        <td data-label="Milestone">{m.description.clone()}</td>
                                        <td data-label="State">{state}</td>
                                        {can_edit.then(|| view! {
                                            <td data-label="Action">
                                                <ActionForm action=actions.done>
                                                    <input type="hidden" name="id" value=m.id/>
                                                    <input type="hidden" name="done" value=if done { "false" } else { "true" }/>
                                                    <DoneButton done=done what=m.description.clone()/>
                                                </ActionForm>
                                            </td>
                                        })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {can_edit.then(|| {
                let r = page.returned.clone().unwrap_or_default();
                let (strategy_error, quarter_error, description_error) =
                    (r.error("strategy"), r.error("quarter"), r.error("description"));
                let (chosen, quarter, typed) = (r.value("strategy"), r.value("quarter"), r.value("description"));
                let invalid = description_error.is_some();
                view! {
                <h3 id="add-milestone" tabindex="-1">"Add a milestone"</h3>
                {move || add_error().map(|e| view! { <Alert tone=Tone::Error slim=true text=e/> })}
                <ActionForm action=actions.add attr:class="usa-form usa-form--large">
                    <input type="hidden" name="fiscal_year" value=fy/>
                    <FormGroup id="ms-strategy" label="Strategy" error=strategy_error>
                        <select class="usa-select" id="ms-strategy" name="strategy">
                            {page.strategies.iter().map(|s| view! { <option value=s.clone() selected=*s == chosen>{format!("Strategy {s}")}</option> }).collect_view()}
                        </select>
                    </FormGroup>
                    <FormGroup id="ms-quarter" label="Quarter" error=quarter_error>
                        <select class="usa-select" id="ms-quarter" name="quarter">
                            {(1..=4).map(|q| view! { <option value=q.to_string() selected=q.to_string() == quarter>{format!("Q{q}")}</option> }).collect_view()}
                        </select>
                    </FormGroup>
                    <FormGroup id="ms-description" label="Milestone" error=description_error>
                        <input class=if invalid { "usa-input usa-input--error" } else { "usa-input" } id="ms-description" name="description" required
                            value=typed aria-invalid=invalid.then_some("true")
                            aria-describedby=described_by("ms-description", false, invalid)/>
                    </FormGroup>
                    <SubmitButton label="Add milestone" class="usa-button margin-top-2"/>
                </ActionForm>
            }})}
        </section>
    }
}
