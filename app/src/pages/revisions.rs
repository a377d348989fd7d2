//! `/plan/revisions`: the plan's numbered revisions; `/plan/revisions/:n`: the plan as of
//! one; `/plan/revisions/compare?from=1&to=3`: two side by side.

use crate::api::proposal::{compare_revisions, get_revision, get_revisions};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::model::revision::{Comparison, RevisionInfo, RevisionView, RevisionsPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn approved_by(i: &RevisionInfo) -> String {
    match &i.meeting {
        Some(q) => format!(
            "approved at the {} review",
            crate::model::fiscal::quarter_words(q)
        ),
        None => "recorded by an import".to_string(),
    }
}

/// The list of revisions, with a form to compare two.
#[component]
pub fn RevisionsListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_revisions());
    view! {
        <Title text="Plan revisions"/>
        <h1>"Plan revisions"</h1>
        <p class="usa-intro">"Every approved change to the plan makes a numbered revision: when, why, and the review that approved it. Numbers never change: a retired item keeps its number and shows as retired."</p>
        <p><a href="/plan/proposals">"Change proposals"</a></p>
        <Loaded data=data loading="Loading revisions…" render=move |p| view! { <List p=p/> }/>
    }
}

#[component]
fn List(p: RevisionsPage) -> impl IntoView {
    if p.revisions.is_empty() {
        return view! { <p>"No revision is recorded yet: the first comes with the plan's import."</p> }.into_any();
    }
    let newest = p.revisions.first().map_or(1, |r| r.number);
    let options = move |selected: i64| {
        (1..=newest).rev().map(move |n| view! { <option value=n.to_string() selected=n == selected>{format!("Revision {n}")}</option> }).collect_view()
    };
    view! {
        {(newest > 1).then(|| view! {
            <form class="usa-form pt-form-inline" method="get" action="/plan/revisions/compare">
                <label class="usa-label" for="compare-from">"Compare revision"</label>
                <select class="usa-select" id="compare-from" name="from">{options(newest - 1)}</select>
                <label class="usa-label" for="compare-to">"with revision"</label>
                <select class="usa-select" id="compare-to" name="to">{options(newest)}</select>
                <button class="usa-button margin-top-1" type="submit">"Compare"</button>
            </form>
        })}
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption>"Revisions of the plan, newest first"</caption>
            <thead><tr><th scope="col">"Revision"</th><th scope="col">"Recorded"</th><th scope="col">"Why"</th><th scope="col">"Items"</th></tr></thead>
            <tbody>
                {p.revisions.into_iter().map(|r| {
                    let n = r.number;
                    view! {
                        <tr data-revision=n>
                            <th scope="row" data-label="Revision"><a href=format!("/plan/revisions/{n}")>{format!("Revision {n}")}</a>
                                {(n > 1).then(|| view! { <br/><a href=format!("/plan/revisions/compare?from={}&to={n}", n - 1)>{format!("Changes since revision {}", n - 1)}</a> })}
                            </th>
                            <td data-label="Recorded">{format!("{} by {}, {}", r.date, r.made_by, approved_by(&r))}</td>
                            <td data-label="Why" class="pt-pre">{r.reasons.clone()}</td>
                            <td data-label="Items">{format!("{} in the plan, {} retired · {}", r.counts.0, r.counts.1, crate::model::words::count(r.counts.2, "measure", "measures"))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}

/// The plan as of one revision.
#[component]
pub fn RevisionPage() -> impl IntoView {
    let param = route_param("number");
    let data = Resource::new(param, get_revision);
    view! { <Loaded data=data loading="Loading the revision…" render=move |v| view! { <Outline v=v/> }/> }
}

#[component]
fn Outline(v: RevisionView) -> impl IntoView {
    let n = v.info.number;
    let title = format!("The plan as of revision {n}");
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![("Plan revisions".into(), "/plan/revisions".into())] current=format!("Revision {n}")/>
        <h1>{title}</h1>
        <p>{format!("{} by {}, {}.", v.info.date, v.info.made_by, approved_by(&v.info))}</p>
        <p class="pt-pre">{v.info.reasons.clone()}</p>
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption>{format!("Goals, objectives, strategies and measures as of revision {n}")}</caption>
            <thead><tr><th scope="col">"Item"</th><th scope="col">"Wording"</th><th scope="col">"State"</th></tr></thead>
            <tbody>
                {v.snapshot.items.into_iter().map(|i| view! {
                    <tr data-key=i.key.clone()>
                        <th scope="row" data-label="Item">{i.label}</th>
                        <td data-label="Wording">{i.text}</td>
                        <td data-label="State">{if i.retired { "− Retired" } else { "In the plan" }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Two revisions side by side.
#[component]
pub fn CompareRevisionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("from").unwrap_or_default(),
                q.get("to").unwrap_or_default(),
                q.get("all").is_some(),
            )
        },
        |(from, to, all)| compare_revisions(from, to, all),
    );
    view! {
        <Title text="Compare plan revisions"/>
        <Breadcrumb trail=vec![("Plan revisions".into(), "/plan/revisions".into())] current="Compare".to_string()/>
        <Loaded data=data loading="Comparing…" render=move |c| view! { <Compared c=c/> }/>
    }
}

#[component]
fn Compared(c: Comparison) -> impl IntoView {
    let (a, b) = (c.older.number, c.newer.number);
    let toggle = if c.all {
        view! { <a href=format!("/plan/revisions/compare?from={a}&to={b}")>"Show only what changed"</a> }.into_any()
    } else {
        view! { <a href=format!("/plan/revisions/compare?from={a}&to={b}&all=1")>{format!("Show the {} unchanged items too", c.unchanged)}</a> }.into_any()
    };
    let changed = c
        .rows
        .iter()
        .filter(|r| r.difference != crate::model::revision::Difference::Same)
        .count();
    view! {
        <h1>{format!("Revision {a} compared with revision {b}")}</h1>
        <p>{format!("Revision {b}: {} by {}, {}.", c.newer.date, c.newer.made_by, approved_by(&c.newer))}</p>
        <p><strong>{format!("{changed} items differ; {} unchanged.", c.unchanged)}</strong>" "{toggle}</p>
        {if c.rows.is_empty() {
            view! { <p>"Nothing differs between these revisions."</p> }.into_any()
        } else {
            view! {
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide pt-diff">
                    <caption>{format!("Items of revision {a} and revision {b} side by side")}</caption>
                    <thead><tr>
                        <th scope="col">"Item"</th><th scope="col">"Change"</th>
                        <th scope="col">{format!("Revision {a}")}</th><th scope="col">{format!("Revision {b}")}</th>
                    </tr></thead>
                    <tbody>
                        {c.rows.into_iter().map(|r| view! {
                            <tr data-key=r.key.clone() data-difference=format!("{:?}", r.difference).to_lowercase()>
                                <th scope="row" data-label="Item">{r.label}</th>
                                <td data-label="Change">{r.difference.label()}</td>
                                <td data-label=format!("Revision {a}")>{r.before.unwrap_or_else(|| "(not in the plan)".into())}</td>
                                <td data-label=format!("Revision {b}")>{r.after.unwrap_or_else(|| "(not in the plan)".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
