//! `/plan/proposals`: change proposals, open and decided; `/plan/proposals/new?kind=…`:
//! the form to propose one (one kind of change at a time, so the form asks only what that
//! change needs, and works without JavaScript).

use crate::api::proposal::{get_proposals, ProposeChange};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::form_group::group_class;
use crate::components::loaded::Loaded;
use crate::components::proposals::ProposalTable;
use crate::components::submit::SubmitButton;
use crate::model::proposal::{ProposalInput, ProposalsPage, KINDS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The proposals list.
#[component]
pub fn ProposalsListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_proposals());
    view! {
        <Title text="Change proposals"/>
        <h1>"Change proposals"</h1>
        <p class="usa-intro">"The working group proposes changes to strategies, measures and the plan; each is decided at a quarterly review, and the approved ones make a new revision of the plan."</p>
        <Loaded data=data loading="Loading proposals…" render=move |p| view! { <List p=p/> }/>
    }
}

#[component]
fn List(p: ProposalsPage) -> impl IntoView {
    view! {
        <p>
            {p.can_propose.then(|| view! { <a class="usa-button" href="/plan/proposals/new">"Propose a change"</a> })}
            <a href="/plan/revisions">"Plan revisions"</a>" · "<a href="/reviews">"Quarterly reviews"</a>
        </p>
        <h2>{format!("Open ({})", p.open.len())}</h2>
        {if p.open.is_empty() {
            view! { <p>"No proposal is waiting for a review."</p> }.into_any()
        } else {
            view! { <ProposalTable proposals=p.open caption="Proposals waiting for a decision at the next review".to_string()/> }.into_any()
        }}
        <h2>{format!("Decided ({})", p.decided.len())}</h2>
        {if p.decided.is_empty() {
            view! { <p>"No proposal has been decided yet."</p> }.into_any()
        } else {
            view! { <ProposalTable proposals=p.decided caption="Proposals decided at a review, newest first".to_string()/> }.into_any()
        }}
    }
}

/// The form to propose a change of one kind (`?kind=text&item=4.1.3`).
#[component]
pub fn ProposeChangePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(|| (), |_| get_proposals());
    view! {
        <Title text="Propose a change"/>
        <Breadcrumb trail=vec![("Change proposals".into(), "/plan/proposals".into())] current="Propose a change".to_string()/>
        <h1>"Propose a change to the plan"</h1>
        <Loaded data=data loading="Loading…" render=move |p| {
            let kind = query.read_untracked().get("kind").unwrap_or_default();
            let item = query.read_untracked().get("item").unwrap_or_default();
            view! { <Propose p=p kind=kind item=item/> }
        }/>
    }
}

#[component]
fn Propose(p: ProposalsPage, kind: String, item: String) -> impl IntoView {
    if !p.can_propose {
        return view! { <Alert tone=Tone::Info slim=true text="Members of the working group and administrators propose changes. Sign in with such an account.".to_string()/> }.into_any();
    }
    let kinds = view! {
        <nav aria-label="Kinds of change">
            <ul class="usa-list">
                {KINDS.iter().map(|(k, label)| {
                    let href = if item.is_empty() { format!("/plan/proposals/new?kind={k}") } else { format!("/plan/proposals/new?kind={k}&item={item}") };
                    let current = (*k == kind).then_some("page");
                    view! { <li><a href=href aria-current=current>{*label}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
    };
    let Some((_, label)) = KINDS.iter().find(|(k, _)| *k == kind) else {
        return view! { <p>"What would you like to change?"</p>{kinds} }.into_any();
    };
    let returned = p.returned.clone().filter(|r| r.input.kind == kind);
    let input = returned.as_ref().map_or_else(
        || ProposalInput {
            kind: kind.clone(),
            item: item.clone(),
            ..Default::default()
        },
        |r| r.input.clone(),
    );
    let message = returned.as_ref().map(|r| r.message());
    let r = StoredValue::new(returned);
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let group = move |name: &str| group_class(err(name).is_some());
    let line = move |name: &'static str, label: &'static str, hint: &'static str, value: String| {
        view! {
            <div class=group(name)>
                <label class="usa-label" for=format!("p-{name}")>{label}</label>
                {(!hint.is_empty()).then(|| view! { <div class="usa-hint" id=format!("p-{name}-hint")>{hint}</div> })}
                {err(name).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <input class="usa-input" id=format!("p-{name}") name=name value=value
                    aria-describedby=(!hint.is_empty()).then(|| format!("p-{name}-hint"))/>
            </div>
        }
    };
    let area = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <div class=group(name)>
                <label class="usa-label" for=format!("p-{name}")>{label}</label>
                {err(name).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <textarea class="usa-textarea pt-textarea-short" id=format!("p-{name}") name=name>{value}</textarea>
            </div>
        }
    };
    let measures = p.measures.clone();
    let chosen = input.measure.clone();
    let measure = move || {
        view! {
            <div class=group("measure")>
                <label class="usa-label" for="p-measure">"Measure"</label>
                {err("measure").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <select class="usa-select" id="p-measure" name="measure">
                    <option value="">"- Select -"</option>
                    {measures.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=chosen == id.to_string()>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let fields = match kind.as_str() {
        "text" => view! {
            {line("item", "Goal, objective or strategy number", "For example 4.1.3", input.item.clone())}
            {area("text", "New wording", input.text.clone())}
        }.into_any(),
        "owner" => view! {
            {line("item", "Strategy number", "For example 4.1.3", input.item.clone())}
            {line("office", "New office", "Leave empty to keep the office", input.office.clone())}
            {line("person", "New owner", "Leave empty to keep the owner", input.person.clone())}
        }.into_any(),
        "new" => view! {
            {line("item", "Under which goal or objective", "A goal number (4) for a new objective, an objective number (4.1) for a new strategy; empty for a new goal. The new item takes the next free number.", input.item.clone())}
            {area("text", "Wording of the new item", input.text.clone())}
        }.into_any(),
        "retire" => view! {
            {line("item", "Goal, objective or strategy number", "A retired item keeps its number and its history; what is under it retires with it.", input.item.clone())}
        }.into_any(),
        "measure" => view! {
            {measure()}
            {line("text", "New name", "", input.text.clone())}
            {line("unit", "Unit", "For example cases, %, days", input.unit.clone())}
        }.into_any(),
        "business_plan" => view! {
            {line("item", "Strategy number", "For example 4.1.3", input.item.clone())}
            {line("fiscal_year", "Fiscal year", "A year whose Implementation Plan is distributed, like 2027", input.fiscal_year.clone())}
            {area("text", "Milestones (one a line, like \"Q2: Pilot complete\")", input.text.clone())}
            {line("target", "Dollars needed", "For example 250,000", input.target.clone())}
            {line("fte", "FTE needed", "For example 1.5", input.fte.clone())}
        }.into_any(),
        _ => view! {
            {measure()}
            {line("fiscal_year", "Fiscal year", "For example 2027", input.fiscal_year.clone())}
            {line("target", "New annual target", "", input.target.clone())}
        }.into_any(),
    };
    let propose = ServerAction::<ProposeChange>::new();
    view! {
        {kinds}
        <h2>{*label}</h2>
        {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
        <ActionForm action=propose attr:class="usa-form pt-form-wide">
            <input type="hidden" name="kind" value=kind.clone()/>
            {fields}
            {area("reason", "Why the plan should change", input.reason.clone())}
            <SubmitButton label="Propose the change" class="usa-button margin-top-2"/>
        </ActionForm>
    }.into_any()
}
