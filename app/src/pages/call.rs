//! `/quarters/:quarter/call`: the working group's data-call tracker — who has recorded
//! what this quarter, overdue owners first, and each goal's count.

use crate::api::my::get_call_tracker;
use crate::api::notify::RemindNow;
use crate::components::loaded::route_data;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::call::CallTracker;
use crate::model::glossary::Mark;
use leptos::prelude::*;
use leptos_meta::Title;

/// The tracker page.
#[component]
pub fn CallTrackerPage() -> impl IntoView {
    let remind = ServerAction::<RemindNow>::new();
    let data = route_data("quarter", move || remind.version().get(), get_call_tracker);
    view! {
        <Loaded data=data loading="Loading the data call…" render=move |t| view! { <Tracker t=t remind=remind/> }/>
    }
}

#[component]
fn Tracker(t: CallTracker, remind: ServerAction<RemindNow>) -> impl IntoView {
    let q = t.quarter;
    let title = format!("Data call, {q}");
    let overdue = t.owners.iter().filter(|o| o.overdue).count();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">{format!("Updates due {}; the quarter locks {}. ", t.due, t.locks)}
            <span class=format!("pt-milestone pt-call--{}", t.state.as_str())>
                <span aria-hidden="true">{t.state.symbol()}</span>" "{t.state.label()}
            </span>
        </p>
        <p><a href=format!("/quarters/{}", q.slug())>{format!("{q} status")}</a>" · "
            <a href=format!("/quarters/{}/inbox", q.slug())>{format!("Approval inbox, {q}")}</a>" — approve or return each update"</p>
        <h2>"By owner"</h2>
        {if t.owners.is_empty() {
            view! { <p>"No strategy has an owner yet: owners are set on each strategy's page."</p> }.into_any()
        } else {
            view! {
                {(overdue > 0).then(|| view! { <p><strong>{format!("⚠ {} overdue.", crate::model::words::count(overdue, "owner is", "owners are"))}</strong></p> })}
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                    <caption class="usa-sr-only">{format!("Each owner's updates for {q}, overdue first")}</caption>
                    <thead><tr>
                        <th scope="col">"Owner"</th><th scope="col">"Statuses"</th>
                        <th scope="col">"Actuals"</th><th scope="col">"Missing"</th>
                        <th scope="col">"Discussion"</th><th scope="col">"Remind"</th>
                    </tr></thead>
                    <tbody>
                        {t.owners.into_iter().map(|o| {
                            let done_status = o.strategies - o.missing_status.len() - o.returned.len();
                            let done_actuals = o.measures - o.missing_actuals.len();
                            let who = o.username.clone();
                            view! {
                                <tr data-owner=o.username.clone()>
                                    <th scope="row" data-label="Owner">
                                        {o.display_name.clone()}
                                        {o.overdue.then(|| view! { " "<span class="pt-milestone pt-call--past_due"><span aria-hidden="true">{Mark::Failed.glyph()}</span>" Overdue"</span> })}
                                    </th>
                                    <td data-label="Statuses">{format!("{done_status} of {} recorded", o.strategies)}</td>
                                    <td data-label="Actuals">{format!("{done_actuals} of {} recorded", o.measures)}</td>
                                    <td data-label="Missing">
                                        {if o.missing() == 0 {
                                            view! { "Nothing" }.into_any()
                                        } else {
                                            view! {
                                                {o.missing_status.iter().enumerate().map(|(i, n)| view! {
                                                    {(i > 0).then_some(", ")}
                                                    <a href=format!("/strategies/{n}/status?quarter={}", q.slug())>{n.clone()}</a>
                                                }).collect_view()}
                                                {o.returned.iter().map(|n| view! {
                                                    <span class="pt-block"><a href=format!("/strategies/{n}/status?quarter={}", q.slug())>{n.clone()}</a>" (↩ returned)"</span>
                                                }).collect_view()}
                                                {o.missing_actuals.iter().map(|(id, name)| view! {
                                                    <span class="pt-block"><a href=format!("/measures/{id}")>{name.clone()}</a></span>
                                                }).collect_view()}
                                            }.into_any()
                                        }}
                                    </td>
                                    <td data-label="Discussion">{crate::model::comment::open_words(o.open_threads)}</td>
                                    <td data-label="Remind">
                                        {(o.missing() > 0).then(|| view! {
                                            <ActionForm action=remind attr:class="pt-inline">
                                                <input type="hidden" name="username" value=who/>
                                                <input type="hidden" name="quarter" value=q.slug()/>
                                                <SubmitButton label="Remind now" busy="Sending…" class="usa-button usa-button--outline usa-button--small"/>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <section aria-labelledby="unowned-heading">
            <h2 id="unowned-heading">{format!("Strategies with no owner ({})", t.unowned.len())}</h2>
            {if t.unowned.is_empty() {
                view! { <p>"Every strategy has an owner, so every one is part of the call."</p> }.into_any()
            } else {
                view! {
                    <p>"Nobody is asked for these strategies' updates until someone owns them."</p>
                    <ul class="usa-list pt-unowned">
                        {t.unowned.iter().map(|(n, text)| view! {
                            <li>
                                <a href=format!("/strategies/{n}")>{format!("Strategy {n}")}</a>
                                {format!(" {} · ", crate::model::meeting::shorten(text, 100))}
                                <a href=format!("/strategies/{n}#owners-heading")>"Set an owner"<span class="usa-sr-only">{format!(" for strategy {n}")}</span></a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <h2>"By goal"</h2>
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">{format!("Each goal's statuses recorded for {q}")}</caption>
            <thead><tr>
                <th scope="col">"Goal"</th><th scope="col">"Submitted"</th><th scope="col">"Approved"</th><th scope="col">"Missing"</th><th scope="col">"No owner"</th>
            </tr></thead>
            <tbody>
                {t.goals.into_iter().map(|g| view! {
                    <tr>
                        <th scope="row" data-label="Goal">{crate::model::plan::goal_label(&g.goal, g.name.as_deref())}</th>
                        <td data-label="Submitted">{format!("{} of {}", g.recorded, g.strategies)}</td>
                        <td data-label="Approved">{g.approved}</td>
                        <td data-label="Missing">{g.strategies - g.recorded}</td>
                        <td data-label="No owner">{g.unowned}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
