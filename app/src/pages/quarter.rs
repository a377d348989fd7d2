//! `/quarters/:quarter` (and `/quarters` for the reporting one): every strategy's status
//! this quarter and last, roll-ups by goal and objective, and who has not reported.

use crate::api::quarter::{get_quarter, SetFiscalStartMonth, SetRollupRule};
use crate::components::alert::{Alert, Tone};
use crate::components::layout::UserResource;
use crate::components::loaded::Loaded;
use crate::components::status::{RollupLine, StatusTag};
use crate::model::status::{RollupRule, Status};
use crate::model::view::QuarterView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Objectives a plan may have for the roll-up to list them all; past it, the roll-up lists
/// those of the goal chosen in the filter (each goal links to its own).
const OBJECTIVES_LISTED: usize = 40;

/// The quarter page.
#[component]
pub fn QuarterPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let set_rule = ServerAction::<SetRollupRule>::new();
    let set_month = ServerAction::<SetFiscalStartMonth>::new();
    let view_data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("quarter"),
                q.get("goal"),
                q.get("owner"),
                q.get("status"),
                q.get("page"),
                set_rule.version().get() + set_month.version().get(),
            )
        },
        |(quarter, goal, owner, status, page, _)| get_quarter(quarter, goal, owner, status, page),
    );
    view! {
        <Loaded data=view_data loading="Loading the quarter…" render=move |v| view! { <Quarter view=v set_rule=set_rule set_month=set_month/> }/>
    }
}

/// The most rows a page shows unfolded (more fold by goal).
const ROWS_UNFOLDED: usize = 40;

#[component]
fn Quarter(
    view: QuarterView,
    set_rule: ServerAction<SetRollupRule>,
    set_month: ServerAction<SetFiscalStartMonth>,
) -> impl IntoView {
    let query = use_query_map();
    let selected = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let UserResource(user) = expect_context::<UserResource>();
    let is_admin = Resource::new(
        || (),
        move |_| async move {
            user.await
                .ok()
                .flatten()
                .is_some_and(|u| u.can.set_rollup_rule)
        },
    );
    let settings_refused = view.settings_refused.clone();
    let (rollup_typed, shares) = (view.rollup_typed.clone(), view.shares);
    let fq = view.quarter;
    let title = format!("Quarter status: {}", fq);
    // Whether the reader may record a strategy owned by `owners` (the server checks too).
    let (record_all, reader) = (view.record_all, view.reader.clone());
    let may_record = move |owners: &[String]| record_all || owners.contains(&reader);
    let goals_for_filter: Vec<String> = view.goals.iter().map(|g| g.goal.clone()).collect();
    let paging = view.paging;
    // A long page folds each goal under a heading with its counts; a short or filtered
    // one shows every row.
    let filtered = ["goal", "owner", "status"]
        .iter()
        .any(|k| !selected(k).is_empty());
    let fold = view.rows.len() > ROWS_UNFOLDED && !filtered;
    let goal_names: Vec<(String, Option<String>)> = view
        .goals
        .iter()
        .map(|g| (g.goal.clone(), g.name.clone()))
        .collect();
    let groups = crate::model::view::by_goal(view.rows.clone());
    // A large plan lists its objectives' roll-up for the goal chosen in the filter only.
    let all_objectives =
        view.goals.iter().map(|g| g.objectives.len()).sum::<usize>() <= OBJECTIVES_LISTED;
    // A page of the table keeps the filters it was opened with.
    let page_link = move |n: usize| {
        let mut parts = vec![format!("page={n}")];
        for k in ["goal", "owner", "status"] {
            let v = selected(k);
            if !v.is_empty() {
                parts.push(format!("{k}={}", crate::api::account::urlencode(&v)));
            }
        }
        format!("/quarters/{}?{}", fq.slug(), parts.join("&"))
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">{view.label.clone()} {view.is_current.then_some(" · the current quarter")}</p>
        {view.phase.clone().map(|(symbol, heading)| view! {
            <p class="pt-quarter-phase"><span aria-hidden="true">{symbol}</span>" "{heading}</p>
        })}
        <nav aria-label="Other quarters" class="pt-quarter-nav">
            <a href=format!("/quarters/{}", fq.previous().slug())>"← " {fq.previous().to_string()}</a>
            <a href=format!("/quarters/{}", fq.next().slug())>{fq.next().to_string()} " →"</a>
        </nav>
        <section aria-labelledby="rollup-heading">
            <h2 id="rollup-heading">"Roll-up"</h2>
            <p><strong>"Plan: "</strong><RollupLine rollup=view.plan.clone()/></p>
            <p class="usa-hint">{view.rule_text.clone()}" "{crate::model::review::COUNTED}</p>
            <table class="usa-table usa-table--borderless pt-table-wide">
                <caption class="usa-sr-only">"Roll-up by goal and objective"</caption>
                <thead><tr><th scope="col">"Goal or objective"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>
                    {view.goals.iter().map(|g| view! {
                        <tr>
                            <th scope="row"><a href=format!("/goals/{}", g.goal)>{crate::model::plan::goal_label(&g.goal, g.name.as_deref())}</a></th>
                            <td><RollupLine rollup=g.rollup.clone()/>
                                {(!all_objectives && selected("goal") != g.goal).then(|| view! {
                                    " · "<a href=format!("/quarters/{}?goal={}#rollup-heading", fq.slug(), g.goal)>
                                        {format!("{} objectives", g.objectives.len())}
                                        <span class="usa-sr-only">{format!(" of goal {}", g.goal)}</span>
                                    </a>
                                })}
                            </td>
                        </tr>
                        {g.objectives.iter().filter(|_| all_objectives || selected("goal") == g.goal).map(|(o, r)| view! {
                            <tr class="pt-sub">
                                <th scope="row"><a href=format!("/objectives/{o}")>"Objective " {o.clone()}</a></th>
                                <td><RollupLine rollup=r.clone()/></td>
                            </tr>
                        }).collect_view()}
                    }).collect_view()}
                </tbody>
            </table>
            <Suspense fallback=|| ()>
                {move || {
                let settings_refused = settings_refused.clone();
                let rollup_typed = rollup_typed.clone();
                Suspend::new(async move {
                    let rule = view.rule;
                    let refused = settings_refused.clone();
                    let min_coverage = refused
                        .as_ref()
                        .filter(|(typed, _)| !typed.is_empty())
                        .map_or(view.min_coverage.to_string(), |(typed, _)| typed.clone());
                    let start_month = view.start_month;
                    let typed = |field: &str, shown: u8| {
                        rollup_typed
                            .get(field)
                            .filter(|_| refused.is_some())
                            .cloned()
                            .unwrap_or_else(|| shown.to_string())
                    };
                    let on_track = typed("on_track_share", shares.0);
                    let at_risk = typed("at_risk_share", shares.1);
                    is_admin.await.then(|| view! {
                        {refused.map(|(_, why)| view! { <Alert tone=Tone::Error slim=true text=format!("Not saved: {why}")/> })}
                        <ActionForm action=set_rule attr:class="usa-form pt-inline-form">
                            <label class="usa-label" for="rollup-rule">"Roll-up rule (administrators)"</label>
                            <select class="usa-select" id="rollup-rule" name="rule">
                                <option value="worst_of" selected=rule == RollupRule::WorstOf>"Worst of"</option>
                                <option value="share_on_track" selected=rule == RollupRule::ShareOnTrack>"Share on track"</option>
                            </select>
                            <label class="usa-label" for="rollup-coverage">"Share that must report before a headline is given (%)"</label>
                            <span class="usa-hint" id="rollup-coverage-hint">"Below it, roll-ups say the picture is incomplete. 0 always gives a headline."</span>
                            <input class="usa-input usa-input--small" id="rollup-coverage" name="min_coverage" type="number"
                                min="0" max="100" step="1" inputmode="numeric" required
                                aria-describedby="rollup-coverage-hint" value=min_coverage.clone()/>
                            <fieldset class="usa-fieldset">
                                <legend class="usa-legend">"Share rule thresholds (%)"</legend>
                                <span class="usa-hint" id="rollup-shares-hint">"The share of reporting strategies on track or completed at which a roll-up reads On track, and at which it reads At risk; below the second, Off track."</span>
                                <label class="usa-label" for="rollup-on-track">"On track from"</label>
                                <input class="usa-input usa-input--small" id="rollup-on-track" name="on_track_share" type="number"
                                    min="0" max="100" step="1" inputmode="numeric" required
                                    aria-describedby="rollup-shares-hint" value=on_track/>
                                <label class="usa-label" for="rollup-at-risk">"At risk from"</label>
                                <input class="usa-input usa-input--small" id="rollup-at-risk" name="at_risk_share" type="number"
                                    min="0" max="100" step="1" inputmode="numeric" required
                                    aria-describedby="rollup-shares-hint" value=at_risk/>
                            </fieldset>
                            <button class="usa-button usa-button--outline margin-top-1" type="submit">"Use these settings"</button>
                        </ActionForm>
                        <ActionForm action=set_month attr:class="usa-form pt-inline-form">
                            <label class="usa-label" for="fiscal-month">"Fiscal year starts in (administrators)"</label>
                            <select class="usa-select" id="fiscal-month" name="month">
                                {(1..=12u32).map(|m| {
                                    let name = chrono::NaiveDate::from_ymd_opt(2001, m, 1).map(|d| d.format("%B").to_string()).unwrap_or_default();
                                    view! { <option value=m.to_string() selected=m == start_month>{name}</option> }
                                }).collect_view()}
                            </select>
                            <button class="usa-button usa-button--outline margin-top-1" type="submit">"Use this month"</button>
                        </ActionForm>
                    })
                })
                }}
            </Suspense>
        </section>
        <section aria-labelledby="missing-heading">
            <h2 id="missing-heading">{format!("Missing updates for {fq}")}</h2>
            {record_all.then(|| view! {
                <p><a href=format!("/quarters/{}/call", fq.slug())>{format!("The data-call tracker for {fq}")}</a>" — each owner's progress, overdue first"</p>
                <p><a href=format!("/quarters/{}/inbox", fq.slug())>{format!("The approval inbox for {fq}")}</a>" — every update awaiting approval, returned or missing"</p>
            })}
            {if view.missing.is_empty() {
                view! { <p>"Every assigned strategy has an update this quarter."</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list">
                        {view.missing.iter().map(|(owner, numbers)| {
                            let may = may_record(std::slice::from_ref(owner));
                            view! {
                                <li><strong>{owner.clone()}</strong>": "
                                    {numbers.iter().enumerate().map(|(i, n)| {
                                        // Each missing entry leads to its form for those who may fill it in.
                                        let href = if may {
                                            format!("/strategies/{n}/status?quarter={}", fq.slug())
                                        } else {
                                            format!("/strategies/{n}")
                                        };
                                        view! { {(i > 0).then_some(", ")}<a href=href>{n.clone()}</a> }
                                    }).collect_view()}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="strategies-heading">
            <h2 id="strategies-heading">"Strategies"</h2>
            <form class="usa-form pt-filter" method="get" action=format!("/quarters/{}", fq.slug())>
                <div>
                    <label class="usa-label" for="f-goal">"Goal"</label>
                    <select class="usa-select" id="f-goal" name="goal">
                        <option value="">"All goals"</option>
                        {goals_for_filter.into_iter().map(|g| view! { <option value=g.clone() selected=selected("goal") == g>{format!("Goal {g}")}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label class="usa-label" for="f-owner">"Owner"</label>
                    <select class="usa-select" id="f-owner" name="owner">
                        <option value="">"All owners"</option>
                        {view.owners.iter().map(|o| view! { <option value=o.clone() selected=selected("owner") == *o>{o.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label class="usa-label" for="f-status">"Status"</label>
                    <select class="usa-select" id="f-status" name="status">
                        <option value="">"Any status"</option>
                        <option value="none" selected=selected("status") == "none">"No update"</option>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=selected("status") == s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <button class="usa-button margin-top-3" type="submit">"Filter"</button>
            </form>
            <p class="pt-showing">{if paging.total == 0 {
                "No strategies match these filters.".to_string()
            } else if paging.pages == 1 {
                format!("{} strategies", paging.total)
            } else {
                format!("Strategies {}–{} of {} (page {} of {})", paging.first, paging.last, paging.total, paging.page, paging.pages)
            }}</p>
            {(fold && groups.len() > 1).then(|| view! {
                <nav aria-label="Goals on this page" class="pt-goal-jump">
                    <p class="margin-y-1">"Each goal is folded; open one, or jump to it:"</p>
                    <ul class="usa-list usa-list--unstyled">
                        {groups.iter().map(|(g, rows)| view! {
                            <li><a href=format!("#quarter-goal-{g}")>{format!("Goal {g} ({})", rows.len())}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
            })}
            {groups.into_iter().map(|(goal, rows)| {
                let name = goal_names.iter().find(|(g, _)| *g == goal).and_then(|(_, n)| n.clone());
                let heading = match &name {
                    Some(n) => format!("Goal {goal}: {n}"),
                    None => format!("Goal {goal}"),
                };
                let counts = crate::model::view::goal_counts(&rows);
                let caption = format!("{heading}: strategy status for {fq} and {}", fq.previous());
                let may_record = may_record.clone();
                view! {
                    <details class="pt-goal-group" open=!fold>
                        <summary id=format!("quarter-goal-{goal}")>
                            <strong>{heading}</strong><span class="pt-muted">{format!(" — {counts}")}</span>
                        </summary>
                        <table class="usa-table pt-table-wide pt-quarter-table">
                            <caption class="usa-sr-only">{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Strategy"</th>
                                    <th scope="col">{fq.to_string()}</th>
                                    <th scope="col">"Reported by"</th>
                                    <th scope="col">{fq.previous().to_string()}</th>
                                    <th scope="col">"Owner"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let percent = r.this_quarter.as_ref().map(|u| format!(", {}%", u.percent));
                                    let who = r.this_quarter.as_ref().map_or("Not reported".to_string(), |u| format!("{} on {}", u.author, u.recorded));
                                    let missing = r.this_quarter.is_none();
                                    let may = may_record(&r.owners);
                                    let form = format!("/strategies/{}/status?quarter={}", r.number, fq.slug());
                                    view! {
                                        <tr data-strategy=r.number.clone()>
                                            <th scope="row" data-label="Strategy">
                                                <a href=format!("/strategies/{}", r.number)>{r.number.clone()}</a>
                                                <span class="pt-muted">" " {r.text.clone()}</span>
                                            </th>
                                            <td data-label=fq.to_string()><StatusTag status=r.this_quarter.as_ref().map(|u| u.status)/>{percent}
                                                {(missing && may).then(|| view! {
                                                    " "<a href=form.clone()>"Record"<span class="usa-sr-only">{format!(" the status of {} for {fq}", r.number)}</span></a>
                                                })}
                                            </td>
                                            <td data-label="Reported by" class="pt-hide-narrow">{who}</td>
                                            <td data-label=fq.previous().to_string()><StatusTag status=r.last_quarter/></td>
                                            <td data-label="Owner">{r.owner.clone()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                }
            }).collect_view()}
            <crate::components::pager::Pager
                label="Pages of strategies"
                previous=(paging.page > 1).then(|| page_link(paging.page - 1))
                next=(paging.page < paging.pages).then(|| page_link(paging.page + 1))
            />
        </section>
    }
}
