//! `/business-plan/:fy`: the five-year business plan — each strategy's years (worked on
//! or not, milestones, dollars and FTE), each goal's needs beside the year's budget
//! requests with the gaps flagged; `/business-plan/strategies/:number`: one strategy's
//! five years, a form per year for whoever may plan it.

use crate::api::business_plan::{
    get_business_plan, get_strategy_plan, year_anchor, SaveBusinessPlanEntry,
};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::form_group::{described_by, FormGroup};
use crate::components::loaded::{route_data, Loaded};
use crate::components::pager::Pager;
use crate::components::submit::SubmitButton;
use crate::model::budget::dollars;
use crate::model::business_plan::{
    fte_words, BusinessPlan, Entry, EntryInput, PlanGoal, StrategyPlan, StrategyYear, NEEDS,
};
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use leptos::prelude::*;
use leptos_meta::Title;

/// The business plan page.
#[component]
pub fn BusinessPlanPage() -> impl IntoView {
    let fy = crate::components::loaded::route_param("fy");
    let query = leptos_router::hooks::use_query_map();
    let data = Resource::new(
        move || (fy(), query.read().get("page").unwrap_or_default()),
        |(fy, page)| get_business_plan(fy, page),
    );
    view! {
        <Loaded data=data loading="Loading the business plan…" render=move |p| view! { <PlanView p=p/> }/>
    }
}

/// A year's cell of the roadmap: worked on or not, the money and people, the milestones.
fn cell(e: Option<&Entry>) -> AnyView {
    match e {
        None => view! { <span class="pt-muted">"Not planned"</span> }.into_any(),
        Some(e) if !e.active => {
            view! { <span>{Mark::Paused.with("Not worked on")}</span> }.into_any()
        }
        Some(e) => {
            let money = e.cents.map(dollars);
            let fte = e.fte.map(|f| format!("{} FTE", fte_words(f)));
            let amounts: Vec<String> = money.into_iter().chain(fte).collect();
            view! {
                <span>{Mark::Going.with("Worked on")}</span>
                {(!amounts.is_empty()).then(|| view! { <br/><span>{amounts.join(" · ")}</span> })}
                {(!e.milestones.is_empty()).then(|| view! {
                    <ul class="usa-list usa-list--unstyled pt-milestones">
                        {e.milestones.iter().map(|(q, t)| view! { <li>{format!("Q{q}: {t}")}</li> }).collect_view()}
                    </ul>
                })}
            }.into_any()
        }
    }
}

#[component]
fn PlanView(p: BusinessPlan) -> impl IntoView {
    let (first, last) = (p.first, p.first + 4);
    let title = format!("Five-year business plan, FY{first} to FY{last}");
    let years = p.years.clone();
    let frozen = p.frozen.clone();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">"When each strategy is worked on, its milestones and what it needs each year, beside the budget requests of each year. The Implementation Plan of a year is prepared from it; once that IP is distributed, the year is frozen."</p>
        <nav aria-label="Business plan years" class="pt-quarter-nav">
            <a href=format!("/business-plan/{}", first - 1)>{format!("← From FY{}", first - 1)}</a>
            <a href=format!("/budget/{}", first + 1)>{format!("FY{} budget", first + 1)}</a>
            <a href=format!("/csv/business-plan/{first}") download=format!("business-plan-fy{first}.csv")>"Download as CSV"</a>
            {p.can_plan.then(|| view! { <a href="/business-plan/import">"Import from CSV"</a> })}
            <a href=format!("/business-plan/{}", first + 1)>{format!("From FY{} →", first + 1)}</a>
        </nav>
        {(!frozen.is_empty()).then(|| view! {
            <p>{format!("{} Frozen (IP distributed): {}.", Mark::Closed.glyph(), frozen.iter().map(|y| format!("FY{y}")).collect::<Vec<_>>().join(", "))}</p>
        })}
        <section aria-labelledby="plan-gaps">
            <h2 id="plan-gaps">"Budget requests against the plan"</h2>
            {if p.gaps.is_empty() {
                view! { <p>{format!("{} No year's budget requests fall short of what the plan needs.", Mark::Done.glyph())}</p> }.into_any()
            } else {
                view! {
                    <div class="usa-alert usa-alert--warning usa-alert--slim"><div class="usa-alert__body">
                        <p class="usa-alert__text">{format!("{} Where the budget requests fall short of the plan:", Mark::Warning.glyph())}</p>
                        <ul class="usa-list">{p.gaps.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}</ul>
                    </div></div>
                }.into_any()
            }}
        </section>
        {p.roadmap.clone().map(|c| {
            let paging = p.paging.unwrap_or(crate::model::paging::Paging::of(0, 1, None));
            let link = move |n: usize| format!("/business-plan/{first}?page={n}");
            view! {
                <section aria-labelledby="plan-roadmap">
                    <h2 id="plan-roadmap">"Roadmap"</h2>
                    {(paging.pages > 1).then(|| view! {
                        <p>{format!("Strategies {}–{} of {} (page {} of {})", paging.first, paging.last, paging.total, paging.page, paging.pages)}</p>
                    })}
                    <crate::components::chart::ChartFigure drawn=c/>
                    <Pager
                        label="Roadmap pages"
                        previous=(paging.page > 1).then(|| link(paging.page - 1))
                        next=(paging.page < paging.pages).then(|| link(paging.page + 1))
                    />
                </section>
            }
        })}
        {if p.goals.is_empty() {
            view! { <p>{format!("No strategy has a business plan for FY{first} to FY{last} yet. Plan one from its strategy page (\"Five-year business plan\").")}</p> }.into_any()
        } else {
            p.goals.into_iter().map(|g| view! { <GoalPlan g=g years=years.clone()/> }).collect_view().into_any()
        }}
    }
}

/// A goal's roadmap and its totals beside the budget requests.
#[component]
fn GoalPlan(g: PlanGoal, years: Vec<i32>) -> impl IntoView {
    let heading = crate::model::plan::goal_label(&g.goal, g.name.as_deref());
    let id = format!("goal-{}", crate::model::redirect::enc(&g.goal));
    let years_head = years.clone();
    let totals = g.totals.clone();
    view! {
        <section aria-labelledby=id.clone()>
            <h2 id=id.clone()>{heading.clone()}</h2>
            <div class="usa-table-container--scrollable" tabindex="0">
            <table class="usa-table usa-table--borderless usa-table--stacked pt-roadmap">
                <caption>{format!("{heading}: strategies by fiscal year")}</caption>
                <thead><tr>
                    <th scope="col">"Strategy"</th>
                    {years_head.iter().map(|y| view! { <th scope="col">{format!("FY{y}")}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {g.strategies.into_iter().map(|s| {
                        let years = years.clone();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/business-plan/strategies/{}", crate::model::redirect::enc(&s.number))>{format!("Strategy {}", s.number)}</a></th>
                                {s.years.iter().zip(years).map(|(e, y)| view! { <td data-label=format!("FY{y}")>{cell(e.as_ref())}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <div class="usa-table-container--scrollable" tabindex="0">
            <table class="usa-table usa-table--borderless usa-table--compact usa-table--stacked pt-plan-totals">
                <caption>{format!("Goal {}: what the plan needs and what is requested", g.goal)}</caption>
                <thead><tr>
                    <th scope="col">"Fiscal year"</th>
                    <th scope="col" class="pt-num">"Planned"</th>
                    <th scope="col" class="pt-num">"FTE"</th>
                    <th scope="col" class="pt-num">"Requested"</th>
                    <th scope="col">"Against the plan"</th>
                </tr></thead>
                <tbody>
                    {totals.into_iter().zip(years.clone()).map(|(t, y)| {
                        let short = t.requested_cents < t.planned_cents;
                        view! {
                            <tr>
                                <th scope="row">{format!("FY{y}")}</th>
                                <td class="pt-num" data-label="Planned">{dollars(t.planned_cents)}</td>
                                <td class="pt-num" data-label="FTE">{fte_words(t.fte)}</td>
                                <td class="pt-num" data-label="Requested">{dollars(t.requested_cents)}</td>
                                <td data-label="Against the plan">{if short {
                                    Mark::Warning.with(&format!("{} short", dollars(t.planned_cents - t.requested_cents)))
                                } else {
                                    Mark::Done.with("Covered")
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// A strategy's five years, with a form per year for whoever may plan it.
#[component]
pub fn StrategyPlanPage() -> impl IntoView {
    let save = ServerAction::<SaveBusinessPlanEntry>::new();
    let data = route_data("number", move || save.version().get(), get_strategy_plan);
    view! {
        <Loaded data=data loading="Loading the strategy's plan…" render=move |p| view! { <StrategyPlanView p=p save=save/> }/>
    }
}

#[component]
fn StrategyPlanView(p: StrategyPlan, save: ServerAction<SaveBusinessPlanEntry>) -> impl IntoView {
    let title = format!("Strategy {}: five-year business plan", p.number);
    let number = p.number.clone();
    // A refusal whose year has no form here (outside the five, or frozen) shows on top.
    let orphan = p
        .returned
        .as_ref()
        .filter(|r| {
            !p.years.iter().any(|y| {
                p.can_edit && !y.frozen && r.input.fiscal_year.trim() == y.fiscal_year.to_string()
            })
        })
        .map(|r| r.message());
    view! {
        <Title text=title.clone()/>
        <Breadcrumb
            trail=vec![("Business plan".into(), format!("/business-plan/{}", p.first)), (format!("Strategy {}", p.number), format!("/strategies/{}", crate::model::redirect::enc(&p.number)))]
            current="Five-year business plan".to_string()
        />
        <h1>{title}</h1>
        <p class="usa-intro">{p.text.clone()}</p>
        {orphan.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
        {p.years.into_iter().map(|y| {
            let returned = p.returned.clone().filter(|r| r.input.fiscal_year.trim() == y.fiscal_year.to_string());
            view! { <YearPlan y=y number=number.clone() can_edit=p.can_edit returned=returned save=save/> }
        }).collect_view()}
    }
}

/// One year: what is planned, and its form (or why it cannot be changed).
#[component]
fn YearPlan(
    y: StrategyYear,
    number: String,
    can_edit: bool,
    returned: Option<Returned<EntryInput>>,
    save: ServerAction<SaveBusinessPlanEntry>,
) -> impl IntoView {
    let fy = y.fiscal_year;
    let anchor = year_anchor(fy);
    let input = returned.as_ref().map_or_else(
        || y.input(&number),
        |r| EntryInput {
            version: y.version,
            ..r.input.clone()
        },
    );
    let message = returned.as_ref().map(|r| r.message());
    let err = move |f: &str| returned.as_ref().and_then(|r| r.error(f));
    let field = move |name: &'static str| format!("fy{fy}-{name}");
    let read = match &y.entry {
        None => view! { <p>"Not planned yet."</p> }.into_any(),
        Some(e) => view! {
            <p>{cell(Some(e))}</p>
            <dl class="pt-facts">
                {NEEDS.iter().zip(e.needs.iter()).filter(|(_, t)| !t.is_empty()).map(|((_, label), t)| view! {
                    <dt>{*label}</dt><dd class="pt-pre">{t.clone()}</dd>
                }).collect_view()}
                {(!e.lead_office.is_empty()).then(|| view! { <dt>"Lead office"</dt><dd>{e.lead_office.clone()}</dd> })}
                {(!e.contributing.is_empty()).then(|| view! { <dt>"Contributing offices"</dt><dd>{e.contributing.clone()}</dd> })}
            </dl>
            {(!y.updated.is_empty()).then(|| view! { <p class="pt-muted">{format!("Last saved by {}", y.updated)}</p> })}
        }.into_any(),
    };
    let propose_href = format!(
        "/plan/proposals/new?kind=business_plan&item={}",
        crate::model::redirect::enc(&number)
    );
    let form = (can_edit && !y.frozen).then(|| {
        let (m_err, d_err, f_err, y_err) = (err("milestones"), err("dollars"), err("fte"), err("fiscal_year"));
        let needs = NEEDS.iter().zip(input.needs.clone()).map(|((name, label), text)| {
            let id = field(name);
            let e = err(name);
            view! {
                <FormGroup id=id.clone() label=*label error=e.clone()>
                    <textarea class="usa-textarea pt-textarea-short" id=id.clone() name=*name
                        aria-describedby=described_by(&id, false, e.is_some())>{text}</textarea>
                </FormGroup>
            }
        }).collect_view();
        view! {
            {message.clone().map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
            {y_err.map(|e| view! { <p class="usa-error-message">{e}</p> })}
            <ActionForm action=save attr:class="usa-form pt-form-wide">
                <input type="hidden" name="strategy" value=number.clone()/>
                <input type="hidden" name="fiscal_year" value=fy/>
                <input type="hidden" name="version" value=input.version/>
                <div class="usa-checkbox">
                    <input class="usa-checkbox__input" type="checkbox" id=field("active") name="active" value="on" checked=input.active == "on"/>
                    <label class="usa-checkbox__label" for=field("active")>{format!("Worked on in FY{fy}")}</label>
                </div>
                <FormGroup id=field("milestones") label="Milestones" hint="One a line, with its quarter: \"Q2: Pilot complete\"." error=m_err.clone()>
                    <textarea class="usa-textarea pt-textarea-short" id=field("milestones") name="milestones"
                        aria-describedby=described_by(&field("milestones"), true, m_err.is_some())>{input.milestones.clone()}</textarea>
                </FormGroup>
                <FormGroup id=field("dollars") label="Dollars needed" hint="For example: 250,000." error=d_err.clone()>
                    <input class="usa-input" id=field("dollars") name="dollars" value=input.dollars.clone() inputmode="decimal"
                        aria-describedby=described_by(&field("dollars"), true, d_err.is_some())/>
                </FormGroup>
                <FormGroup id=field("fte") label="FTE needed" hint="Full-time equivalents, like 1.5." error=f_err.clone()>
                    <input class="usa-input" id=field("fte") name="fte" value=input.fte.clone() inputmode="decimal"
                        aria-describedby=described_by(&field("fte"), true, f_err.is_some())/>
                </FormGroup>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"Operational requirements"</legend>
                    {needs}
                </fieldset>
                <FormGroup id=field("lead_office") label="Lead office">
                    <input class="usa-input" id=field("lead_office") name="lead_office" value=input.lead_office.clone()/>
                </FormGroup>
                <FormGroup id=field("contributing") label="Contributing offices">
                    <input class="usa-input" id=field("contributing") name="contributing" value=input.contributing.clone()/>
                </FormGroup>
                <SubmitButton label=format!("Save FY{fy}") class="usa-button margin-top-2"/>
            </ActionForm>
        }
    });
    view! {
        <section class="pt-panel" id=anchor.clone() aria-labelledby=format!("{anchor}-heading")>
            <h2 id=format!("{anchor}-heading")>{format!("FY{fy}")}</h2>
            {y.frozen.then(|| view! {
                <p>
                    {format!("{} The FY{fy} Implementation Plan is distributed: this year is frozen; changes go through a change proposal. ", Mark::Closed.glyph())}
                    <a href=propose_href.clone()>{format!("Propose a change to FY{fy}")}</a>
                </p>
            })}
            {read}
            {form}
        </section>
    }
}
