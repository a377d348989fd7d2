//! `/budget/:fy`: budget alignment — the year's requests, the totals requested and funded
//! by goal and objective (a chart with its data table), requests that support no
//! strategy, strategies no request supports, and the form to add or change a request.

use crate::api::budget::{get_budget, SaveBudgetRequest};
use crate::components::alert::{Alert, Tone};
use crate::components::chart::ChartTable;
use crate::components::form_group::group_class;
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::budget::Sums;
use crate::model::budget::{dollars, BudgetInput, BudgetPage, BudgetStatus, Request, SHARE_ROWS};
use crate::model::chart::DrawnChart;
use crate::model::glossary::Mark;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The budget page of a fiscal year (`?edit=7` opens request 7's form).
#[component]
pub fn BudgetPageView() -> impl IntoView {
    let param = route_param("fy");
    let query = use_query_map();
    let data = Resource::new(
        move || (param(), query.read().get("edit").unwrap_or_default()),
        |(fy, edit)| get_budget(fy, edit),
    );
    view! { <Loaded data=data loading="Loading the budget…" render=move |b| view! { <Budget b=b/> }/> }
}

fn shares_text(r: &Request) -> String {
    if r.shares.is_empty() {
        return "⚠ None".into();
    }
    let parts: Vec<String> = r
        .shares
        .iter()
        .map(|(n, p)| format!("{n} ({p}%)"))
        .collect();
    parts.join(", ")
}

/// A strategy choice: its number and the start of its text.
fn option_text(number: &str, text: &str) -> String {
    const MOST: usize = 70;
    let text = text.trim();
    if text.is_empty() {
        return number.to_string();
    }
    let short: String = text.chars().take(MOST).collect();
    let more = if text.chars().count() > MOST {
        "…"
    } else {
        ""
    };
    format!("{number} {short}{more}")
}

#[component]
fn Budget(b: BudgetPage) -> impl IntoView {
    let fy = b.fiscal_year;
    let title = format!("Budget alignment, FY{fy}");
    let Sums {
        all,
        requested,
        funded,
    } = b.sums();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">"All operations and budget requests must support the goals, objectives and strategies of the plan: each request names the strategies it supports and the share of its amount for each."</p>
        <p>
            <a href=format!("/budget/{}", fy - 1)>{format!("FY{}", fy - 1)}</a>" · "
            <a href=format!("/budget/{}", fy + 1)>{format!("FY{}", fy + 1)}</a>" · "
            <a href=format!("/cycle/{fy}")>"Planning cycle"</a>" · "
            <a href=format!("/csv/budget/{fy}") download=format!("budget-fy{fy}.csv")>"Download CSV"</a>
        </p>
        <p><strong>{format!("{} requests, {} in all · aligned with strategies: {} requested, {} funded", b.requests.len(), dollars(all), dollars(requested), dollars(funded))}</strong></p>
        <h2>"Totals by goal and objective"</h2>
        {if b.requests.is_empty() {
            view! { <p>{format!("No budget request is recorded for FY{fy} yet.")}</p> }.into_any()
        } else {
            view! {
                <table class="usa-table usa-table--borderless pt-table-wide" id="budget-totals">
                    <caption class="usa-sr-only">{format!("FY{fy} amounts requested and funded by goal and objective")}</caption>
                    <thead><tr><th scope="col">"Goal or objective"</th><th scope="col" class="text-right">"Requested"</th><th scope="col" class="text-right">"Funded"</th></tr></thead>
                    <tbody>
                        {b.totals.iter().map(|t| view! {
                            <tr data-total=t.label.clone()>
                                <th scope="row" class=if t.is_goal { "" } else { "padding-left-4 text-normal" }>{crate::model::budget::total_heading(t)}</th>
                                <td class="text-right">{dollars(t.requested)}</td>
                                <td class="text-right">{dollars(t.funded)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {b.chart.clone().map(|c| view! { <BudgetChart drawn=c/> })}
            }.into_any()
        }}
        <h2>"Requests"</h2>
        {if b.requests.is_empty() {
            view! { <p>{format!("No request for FY{fy} yet.")}{b.can_edit.then_some(" Add the first with the form below.")}</p> }.into_any()
        } else { view! {
            <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide" id="budget-requests">
                <caption class="usa-sr-only">{format!("FY{fy} budget requests, largest first")}</caption>
                <thead><tr>
                    <th scope="col">"Request"</th><th scope="col">"Office"</th><th scope="col">"Amount"</th>
                    <th scope="col">"Status"</th><th scope="col">"Supports"</th><th scope="col">"Last saved"</th>
                </tr></thead>
                <tbody>
                    {b.requests.iter().map(|r| view! {
                        <tr id=format!("request-{}", r.id) data-request=r.id>
                            <th scope="row" data-label="Request">{r.title.clone()}
                                {b.can_edit.then(|| view! { <br/><a href=format!("/budget/{fy}?edit={}#request-form", r.id)>"Edit"<span class="usa-sr-only">{format!(" {}", r.title)}</span></a> })}
                                <br/><a href=crate::model::comment::Subject::BudgetRequest(r.id).page()>"Discussion"<span class="usa-sr-only">{format!(" of {}", r.title)}</span></a>
                            </th>
                            <td data-label="Office">{r.office.clone()}</td>
                            <td data-label="Amount">{dollars(r.cents)}</td>
                            <td data-label="Status">{r.status.label()}</td>
                            <td data-label="Supports">{shares_text(r)}</td>
                            <td data-label="Last saved">{r.updated.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any() }}
        <h2>"Exceptions"</h2>
        <h3>"Requests that support no strategy"</h3>
        {if b.exceptions.is_empty() {
            view! { <p>{Mark::Done.with("None: every request supports at least one strategy.")}</p> }.into_any()
        } else {
            view! { <ul class="usa-list" id="budget-exceptions">{b.exceptions.iter().map(|r| view! { <li>{format!("⚠ {} ({})", r.title, dollars(r.cents))}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h3>"Strategies no request supports"</h3>
        {if b.unsupported.is_empty() {
            view! { <p>{Mark::Done.with("None: every strategy has a request.")}</p> }.into_any()
        } else {
            view! { <p id="budget-unsupported">{b.unsupported.iter().enumerate().map(|(i, n)| view! {
                {(i > 0).then_some(", ")}<a href=format!("/strategies/{n}")>{n.clone()}</a>
            }).collect_view()}</p> }.into_any()
        }}
        {b.can_edit.then(|| view! { <RequestForm b=b.clone()/> })}
    }
}

/// The chart of requested and funded amounts by goal, with its data table shown.
#[component]
fn BudgetChart(drawn: DrawnChart) -> impl IntoView {
    let c = drawn.chart;
    let alt = c.alt();
    let hidden =
        |svg: &str| svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
    let wide = hidden(&drawn.svg);
    let narrow = drawn.narrow.as_deref().map(hidden);
    view! {
        <figure class="pt-chart" id="chart-budget">
            <div class="pt-chart__svg pt-chart__svg--wide" role="img" aria-label=alt.clone() inner_html=wide></div>
            {narrow.map(|svg| view! { <div class="pt-chart__svg pt-chart__svg--narrow" role="img" aria-label=alt.clone() inner_html=svg></div> })}
            <figcaption class="pt-chart__alt">{alt}</figcaption>
            <details class="pt-chart__table">
                <summary>"Show the data table"</summary>
                <ChartTable chart=c.clone() caption=c.title.clone() hidden_caption=false/>
            </details>
        </figure>
    }
}

/// The form to add a request, or to change the one being edited.
#[component]
fn RequestForm(b: BudgetPage) -> impl IntoView {
    let save = ServerAction::<SaveBudgetRequest>::new();
    let editing = b.editing.clone();
    let returned = b.returned.clone();
    let input = match (&returned, &editing) {
        (Some(r), _) => r.input.clone(),
        (None, Some(r)) => BudgetInput {
            title: r.title.clone(),
            amount: dollars(r.cents).trim_start_matches('$').to_string(),
            office: r.office.clone(),
            status: r.status.as_str().to_string(),
            shares: r
                .shares
                .iter()
                .map(|(n, p)| (n.clone(), p.to_string()))
                .collect(),
            version: r.version,
        },
        (None, None) => BudgetInput {
            status: "proposed".into(),
            ..Default::default()
        },
    };
    let heading = editing
        .as_ref()
        .map_or("Add a budget request".to_string(), |r| {
            format!("Change “{}”", r.title)
        });
    let message = returned.as_ref().map(|r| r.message());
    let r = StoredValue::new(returned);
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let group = move |name: &str| group_class(err(name).is_some());
    let field = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <div class=group(name)>
                <label class="usa-label" for=format!("budget-{name}")>{label}</label>
                {err(name).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <input class="usa-input" id=format!("budget-{name}") name=name value=value/>
            </div>
        }
    };
    let strategies = b.strategies.clone();
    let status = input.status.clone();
    view! {
        <section aria-labelledby="request-form-heading" id="request-form">
            <h2 id="request-form-heading">{heading}</h2>
            {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
            <ActionForm action=save attr:class="usa-form pt-form-wide">
                <input type="hidden" name="fy" value=b.fiscal_year/>
                <input type="hidden" name="id" value=editing.as_ref().map(|r| r.id.to_string()).unwrap_or_default()/>
                <input type="hidden" name="version" value=input.version/>
                {field("title", "Title", input.title.clone())}
                {field("amount", "Amount (dollars)", input.amount.clone())}
                {field("office", "Office", input.office.clone())}
                <div class=group("status")>
                    <label class="usa-label" for="budget-status">"Status"</label>
                    {err("status").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <select class="usa-select" id="budget-status" name="status">
                        {BudgetStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=status == s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"Strategies it supports, and the share of the amount for each"</legend>
                    {(0..SHARE_ROWS).map(|i| {
                        let (number, percent) = input.shares.get(i).cloned().unwrap_or_default();
                        let n = i + 1;
                        let name = format!("share_{n}");
                        let e = err(&name);
                        let class = format!("{} pt-share", group_class(e.is_some()));
                        view! {
                            <div class=class>
                                {e.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                                <label class="usa-label" for=format!("budget-share-{n}")>{format!("Strategy {n}")}</label>
                                <select class="usa-select" id=format!("budget-share-{n}") name=name>
                                    <option value="">"- None -"</option>
                                    {strategies.iter().map(|(s, text)| view! { <option value=s.clone() selected=*s == number>{option_text(s, text)}</option> }).collect_view()}
                                </select>
                                <label class="usa-label" for=format!("budget-percent-{n}")>{format!("Share {n} (percent)")}</label>
                                <input class="usa-input usa-input--small" id=format!("budget-percent-{n}") name=format!("percent_{n}") value=percent inputmode="numeric"/>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <SubmitButton label="Save the request" class="usa-button margin-top-2"/>
                {editing.is_some().then(|| view! { <a class="margin-left-2" href=format!("/budget/{}", b.fiscal_year)>"Cancel"</a> })}
            </ActionForm>
        </section>
    }
}
