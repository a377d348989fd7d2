//! `/my`: "My updates" — the strategies I own and the measures attached to them, with
//! what this quarter still needs and when it is due.

use crate::api::my::get_my_updates;
use crate::components::alert::{Alert, Tone};
use crate::components::loaded::Loaded;
use crate::components::status::StatusTag;
use crate::components::update_row::{row_id, UpdateRow};
use crate::model::call::{CallState, MyUpdates};
use crate::model::glossary::Mark;
use crate::model::review::UpdateState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The "My updates" page (`?quarter=2027-Q1`; by default the quarter whose call is open).
#[component]
pub fn MyUpdatesPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("quarter"), get_my_updates);
    view! {
        <Title text="My updates"/>
        <h1>"My updates"</h1>
        <Loaded data=data loading="Loading your updates…" render=move |m| view! { <Mine my=m/> }/>
    }
}

#[component]
fn Mine(my: MyUpdates) -> impl IntoView {
    let q = my.quarter;
    let approval = my.approval;
    let missing = my.missing();
    let overdue = my.overdue();
    let back = format!("/my?quarter={}", q.slug());
    let others: Vec<_> = my.open.iter().copied().filter(|o| *o != q).collect();
    let call = match my.state {
        CallState::Locked => format!("{q} locked on {}.", my.locks),
        _ => format!(
            "{q} updates are due {}; the quarter locks {}.",
            my.due, my.locks
        ),
    };
    if my.strategies.is_empty() {
        return view! {
            <p class="usa-intro">{call}</p>
            <p>"No strategies are assigned to you. The working group sets owners on each strategy's page; "
                <a href="/quarters">"the quarter's status"</a>" shows every strategy."</p>
            <MyMentions mentions=my.mentions.clone()/>
            <MyActions actions=my.actions.clone()/>
        }
        .into_any();
    }
    let forms = my.forms.clone();
    view! {
        <p class="usa-intro">{call}</p>
        {(!others.is_empty()).then(|| view! {
            <p>"Also open: "{others.into_iter().map(|o| view! {
                <a href=format!("/my?quarter={}", o.slug())>{format!("My updates for {o}")}</a>" "
            }).collect_view()}</p>
        })}
        {match (missing, overdue) {
            (0, _) => view! { <Alert tone=Tone::Success slim=true text=format!("Everything of yours is submitted for {q}.")/> }.into_any(),
            (n, true) => view! { <Alert tone=Tone::Warning slim=true text=format!("⚠ Overdue: {n} of your items {} not submitted for {q}.", crate::model::words::plural(n, "is", "are"))/> }.into_any(),
            (n, false) => view! { <p><strong>{format!("{n} to submit for {q}.")}</strong></p> }.into_any(),
        }}
        <h2>"Strategies"</h2>
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">{format!("Your strategies and their status for {q}")}</caption>
            <thead><tr>
                <th scope="col">"Strategy"</th><th scope="col">{q.to_string()}</th><th scope="col">"Update"</th><th scope="col">"Action"</th>
            </tr></thead>
            <tbody>
                {my.strategies.into_iter().map(move |s| {
                    let form = format!("/strategies/{}/status?quarter={}", s.number, q.slug());
                    let row = format!("#{}", row_id(&s.number));
                    let action = match &s.state {
                        UpdateState::NotStarted => "Record status",
                        UpdateState::Draft => "Finish and submit",
                        UpdateState::Returned { .. } => "Correct and resubmit",
                        _ => "Correct",
                    };
                    let comment = match &s.state {
                        UpdateState::Returned { comment, by } => Some(format!("{by}: \u{201c}{comment}\u{201d}")),
                        _ => None,
                    };
                    let state = format!("{} {}", s.state.symbol(), s.state.label(approval));
                    view! {
                        <tr>
                            <th scope="row" data-label="Strategy">
                                <a href=format!("/strategies/{}", s.number)>{s.number.clone()}</a>
                                <span class="pt-muted">" " {s.text}</span>
                            </th>
                            <td data-label=q.to_string()><StatusTag status=s.status/></td>
                            <td data-label="Update" class=format!("pt-review pt-review--{}", s.state.as_str())>
                                {state}
                                {comment.map(|c| view! { <br/><span class="pt-muted">{c}</span> })}
                            </td>
                            <td data-label="Action">
                                <a href=row>{action}<span class="usa-sr-only">{format!(" for strategy {} on this page", s.number)}</span></a>
                                <br/><a class="pt-muted" href=form>"Full form"<span class="usa-sr-only">{format!(" for strategy {}", s.number)}</span></a>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>"Measures"</h2>
        {if my.measures.is_empty() {
            view! { <p>"No measures are attached to your strategies."</p> }.into_any()
        } else {
            view! {
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                    <caption class="usa-sr-only">{format!("Measures of your strategies and their actuals for {q}")}</caption>
                    <thead><tr>
                        <th scope="col">"Measure"</th><th scope="col">"Strategy"</th><th scope="col">{format!("Actual, {q}")}</th>
                    </tr></thead>
                    <tbody>
                        {my.measures.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row" data-label="Measure"><a href=format!("/measures/{}", m.id)>{m.name}</a></th>
                                <td data-label="Strategy">{m.strategy}</td>
                                <td data-label=format!("Actual, {q}")>{m.actual.map_or_else(|| Mark::NotYet.with("Not started"), |a| Mark::Sent.with(&format!("Submitted: {a}")))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <MyMentions mentions=my.mentions.clone()/>
        <MyActions actions=my.actions.clone()/>
        <h2>{format!("Update them here for {q}")}</h2>
        <p>"Each strategy is saved on its own, with its measures' actuals below it; a refused entry comes back here with its problem beside it."</p>
        {forms.into_iter().map(|f| view! { <UpdateRow form=f back=back.clone()/> }).collect_view()}
    }
    .into_any()
}

/// Comments that mention me, newest first, each with where to answer it.
#[component]
fn MyMentions(mentions: Vec<crate::model::comment::MentionLine>) -> impl IntoView {
    let waiting = mentions
        .iter()
        .filter(|m| m.state.starts_with("Waiting"))
        .count();
    view! {
        <section aria-labelledby="mentions-heading">
            <h2 id="mentions-heading">{format!("Mentions ({waiting} waiting for your answer)")}</h2>
            {if mentions.is_empty() {
                view! { <p>"No one has mentioned you in a comment yet. When someone writes @ and your username, it shows here."</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list usa-list--unstyled pt-mentions-list">
                        {mentions.into_iter().map(|m| view! {
                            <li class="margin-y-1">
                                <strong>{m.author_name.clone()}</strong>{format!(" \u{00b7} {} \u{00b7} ", m.when)}
                                <span class="pt-mention-state">{m.state.clone()}</span>
                                <br/>{format!("\u{201c}{}\u{201d} ", m.excerpt)}
                                <a class="usa-link" href=m.link.clone()>"Read and answer"<span class="usa-sr-only">{format!(" {}'s comment", m.author_name)}</span></a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The follow-up actions from the working group's reviews that I own, overdue first.
#[component]
fn MyActions(actions: Vec<crate::model::meeting::Action>) -> impl IntoView {
    if actions.is_empty() {
        return ().into_any();
    }
    let overdue = actions.iter().filter(|a| a.overdue).count();
    view! {
        <h2>"My follow-up actions"</h2>
        {(overdue > 0).then(|| view! { <Alert tone=Tone::Warning slim=true text=format!("⚠ {overdue} of your actions from the working group's reviews are overdue.")/> })}
        <crate::components::actions::ActionTable actions=actions quarter="" can_close=false returned=None
            caption="Actions from the working group's reviews that you own, overdue first"/>
    }
    .into_any()
}
