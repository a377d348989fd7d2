//! `/cycle/:fy`: the year's planning-cycle milestones with due dates, state and who
//! marked each done.

use crate::api::cycle::{get_cycle, MarkCycle, SetApproval, SetCallSchedule, SetReminders};
use crate::components::done::DoneButton;
use crate::components::form_group::group_class;
use crate::components::loaded::route_data;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::cycle::CyclePage;
use leptos::prelude::*;
use leptos_meta::Title;

/// The planning-cycle page.
#[component]
pub fn CyclePageView() -> impl IntoView {
    let mark = ServerAction::<MarkCycle>::new();
    let data = route_data("fy", move || mark.version().get(), get_cycle);
    view! {
        <Loaded data=data loading="Loading the planning cycle…" render=move |p| view! { <Cycle page=p mark=mark/> }/>
    }
}

#[component]
fn Cycle(page: CyclePage, mark: ServerAction<MarkCycle>) -> impl IntoView {
    let fy = page.fiscal_year;
    let title = format!("Planning cycle, FY{fy}");
    let can_mark = page.can_mark;
    let calls = page.calls.clone();
    let schedule = page.schedule;
    let (due_typed, lock_typed, refused) = match page.schedule_refused.clone() {
        Some((due, lock, why)) => (due, lock, Some(why)),
        None => (
            schedule.due_days.to_string(),
            schedule.lock_days.to_string(),
            None,
        ),
    };
    let can_set_schedule = page.can_set_schedule;
    let (approval, can_set_approval) = (page.approval, page.can_set_approval);
    let (reminders, reminder_form) = (page.reminders.clone(), page.reminder_form.clone());
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">"The plan's yearly rhythm: the next year's APP is developed in Q1, its budget built in Q2, performance reviewed at mid-year and the next IP prepared in Q3, and the IP distributed in Q4, to be executed from the first day of the next fiscal year. The working group reviews performance every quarter."</p>
        <nav aria-label="Plan years" class="pt-quarter-nav">
            <a href=format!("/cycle/{}", fy - 1)>{format!("← FY{}", fy - 1)}</a>
            <a href=format!("/app/{fy}")>{format!("FY{fy} APP")}</a>
            <a href=format!("/ip/{fy}")>{format!("FY{fy} IP")}</a>
            <a href=format!("/cycle/{}", fy + 1)>{format!("FY{} →", fy + 1)}</a>
        </nav>
        <table class="usa-table usa-table--stacked pt-table-wide pt-cycle-table">
            <caption class="usa-sr-only">{format!("FY{fy} planning-cycle milestones")}</caption>
            <thead><tr>
                <th scope="col">"Milestone"</th><th scope="col">"Quarter"</th><th scope="col">"Due"</th>
                <th scope="col">"State"</th>
                {can_mark.then(|| view! { <th scope="col">"Action"</th> })}
            </tr></thead>
            <tbody>
                {page.items.into_iter().map(|item| {
                    let done = item.done.is_some();
                    let key = item.milestone.key.clone();
                    let title = item.milestone.title.clone();
                    view! {
                        <tr data-milestone=item.milestone.key.clone()>
                            <th scope="row" data-label="Milestone">
                                {item.milestone.title.clone()}
                                <span class="pt-muted pt-block">{item.milestone.description.clone()}</span>
                                {crate::model::cycle::link(&item.milestone.key, fy).map(|(href, text)| view! {
                                    <a class="pt-block" href=href>{format!("Go to the {text}")}</a>
                                })}
                                {(item.milestone.key == "budget_built").then(|| view! {
                                    <a class="pt-block" href=format!("/business-plan/{fy}#plan-gaps")>{format!("Go to the business plan: FY{} needs against requests", fy + 1)}</a>
                                })}
                            </th>
                            <td data-label="Quarter">{format!("Q{}", item.milestone.quarter)}</td>
                            <td data-label="Due">{item.due.clone()}</td>
                            <td data-label="State">
                                <span class=format!("pt-milestone pt-milestone--{}", item.state.as_str())>
                                    <span aria-hidden="true">{item.state.symbol()}</span>" "{item.state.label()}
                                </span>
                                {item.done.map(|who| view! { <span class="pt-block pt-muted">{format!("Marked done by {who}")}</span> })}
                            </td>
                            {can_mark.then(|| view! {
                                <td data-label="Action">
                                    <ActionForm action=mark>
                                        <input type="hidden" name="fiscal_year" value=fy/>
                                        <input type="hidden" name="milestone" value=key/>
                                        <input type="hidden" name="done" value=if done { "false" } else { "true" }/>
                                        <DoneButton done=done what=title.clone()/>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <section aria-labelledby="calls-heading">
            <h2 id="calls-heading">{format!("Quarterly data calls, FY{fy}")}</h2>
            <p>{format!(
                "Each quarter's status and actuals are due {} days after the quarter ends; {} days after it ends the quarter locks.",
                schedule.due_days, schedule.lock_days
            )}</p>
            <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                <caption class="usa-sr-only">{format!("FY{fy} data calls: due dates, lock dates and state")}</caption>
                <thead><tr>
                    <th scope="col">"Quarter"</th><th scope="col">"Updates due"</th>
                    <th scope="col">"Locks"</th><th scope="col">"State"</th>
                </tr></thead>
                <tbody>
                    {calls.into_iter().map(|c| view! {
                        <tr data-call=c.quarter.slug()>
                            <th scope="row" data-label="Quarter"><a href=format!("/quarters/{}", c.quarter.slug())>{c.quarter.to_string()}</a></th>
                            <td data-label="Updates due">{c.due}</td>
                            <td data-label="Locks">{c.locks}</td>
                            <td data-label="State"><span class=format!("pt-milestone pt-call--{}", c.state.as_str())>
                                <span aria-hidden="true">{c.state.symbol()}</span>" "{c.state.label()}
                            </span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {can_set_schedule.then(|| {
                let group = group_class(refused.is_some());
                let set_schedule = ServerAction::<SetCallSchedule>::new();
                view! {
                    <ActionForm action=set_schedule attr:class="usa-form">
                        <input type="hidden" name="fiscal_year" value=fy/>
                        <div class=group>
                            {refused.clone().map(|why| view! { <span class="usa-error-message" id="call-error">{why}</span> })}
                            <label class="usa-label" for="due-days">"Updates due, days after a quarter ends (administrators)"</label>
                            <input class="usa-input usa-input--small" id="due-days" name="due_days" inputmode="numeric"
                                required value=due_typed.clone()/>
                            <label class="usa-label" for="lock-days">"Quarter locks, days after it ends"</label>
                            <input class="usa-input usa-input--small" id="lock-days" name="lock_days" inputmode="numeric"
                                required value=lock_typed.clone()/>
                        </div>
                        <SubmitButton label="Save the schedule" class="usa-button usa-button--outline margin-top-2"/>
                    </ActionForm>
                }
            })}
            <p class="margin-top-3">{if approval {
                "Approval is on: the working group approves each submitted update or returns it to its owner with a comment."
            } else {
                "Approval is off: submitted updates count without the working group's approval."
            }}</p>
            <p>{reminders.clone()}</p>
            {can_set_approval.then(|| {
                let (days_typed, every_typed, why) = reminder_form.clone();
                let group = group_class(why.is_some());
                let described = why.is_some().then_some("reminders-error");
                let set_reminders = ServerAction::<SetReminders>::new();
                view! {
                    <ActionForm action=set_reminders attr:class="usa-form">
                        <input type="hidden" name="fiscal_year" value=fy/>
                        <div class=group>
                            {why.map(|why| view! { <span class="usa-error-message" id="reminders-error">{why}</span> })}
                            <label class="usa-label" for="days-before">"Remind owners, days before the due date (0: not before)"</label>
                            <input class="usa-input usa-input--small" id="days-before" name="days_before" inputmode="numeric"
                                required value=days_typed aria-describedby=described/>
                            <label class="usa-label" for="every">"Then, while overdue, every (days; 0: not again)"</label>
                            <input class="usa-input usa-input--small" id="every" name="every" inputmode="numeric"
                                required value=every_typed/>
                        </div>
                        <SubmitButton label="Save the reminders" class="usa-button usa-button--outline margin-top-2"/>
                    </ActionForm>
                }
            })}
            {can_set_approval.then(|| {
                let set_approval = ServerAction::<SetApproval>::new();
                view! {
                    <ActionForm action=set_approval attr:class="usa-form">
                        <input type="hidden" name="fiscal_year" value=fy/>
                        <input type="hidden" name="on" value=if approval { "false" } else { "true" }/>
                        <SubmitButton label=if approval { "Turn approval off" } else { "Turn approval on" } class="usa-button usa-button--outline"/>
                    </ActionForm>
                }
            })}
        </section>
    }
}
