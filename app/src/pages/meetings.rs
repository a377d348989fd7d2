//! `/reviews`: the working group's quarterly reviews, newest first, opening the next one,
//! and every open follow-up action (overdue first).

use crate::api::meeting::{get_reviews, OpenReview};
use crate::components::actions::ActionTable;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::glossary::Mark;
use crate::model::meeting::MeetingList;
use leptos::prelude::*;
use leptos_meta::Title;

/// The reviews page.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_reviews());
    view! {
        <Title text="Quarterly reviews"/>
        <h1>"Quarterly reviews"</h1>
        <Loaded data=data loading="Loading the reviews…" render=move |l| view! { <Reviews l=l/> }/>
    }
}

#[component]
fn Reviews(l: MeetingList) -> impl IntoView {
    let open = ServerAction::<OpenReview>::new();
    view! {
        {l.refused.clone().map(|m| view! { <crate::components::alert::Alert tone=crate::components::alert::Tone::Error slim=true text=m/> })}
        <p class="usa-intro">"The working group meets at least quarterly to review performance and the status of the strategies, and recommends changes."</p>
        <p><a href=format!("/annual-reviews/{}", l.fiscal_year)>{format!("Annual strategic review, FY{}", l.fiscal_year)}</a></p>
        {match (l.next, l.can_run) {
            (Some(q), true) => Some(view! {
                <ActionForm action=open attr:class="usa-form">
                    <input type="hidden" name="quarter" value=q.slug()/>
                    <SubmitButton label=format!("Open the {q} review") busy="Building the agenda…" class="usa-button"/>
                </ActionForm>
                <p class="usa-hint">"Its agenda is built from the quarter's data: strategies at risk or off track, measures behind target, missing updates, overdue milestones and open actions."</p>
            }),
            _ => None,
        }}
        {if l.meetings.is_empty() {
            view! { <p>"No review has been held yet."</p> }.into_any()
        } else {
            view! {
                <table class="usa-table usa-table--borderless usa-table--stacked">
                    <caption class="usa-sr-only">"Quarterly reviews, newest first"</caption>
                    <thead><tr>
                        <th scope="col">"Quarter"</th><th scope="col">"Held"</th><th scope="col">"Agenda"</th>
                        <th scope="col">"Open actions"</th><th scope="col">"State"</th>
                    </tr></thead>
                    <tbody>
                        {l.meetings.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row" data-label="Quarter"><a href=format!("/reviews/{}", m.quarter.slug())>{format!("{} review", m.quarter)}</a></th>
                                <td data-label="Held">{if m.held_on.is_empty() { "Not set".to_string() } else { m.held_on }}</td>
                                <td data-label="Agenda">{format!("{} items", m.items)}</td>
                                <td data-label="Open actions">{m.open_actions}</td>
                                <td data-label="State">{if m.signed_off { Mark::Done.with("Signed off") } else { Mark::Going.with("Open") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {l.risks.clone().map(|risks| view! { <Risks risks=risks/> })}
        <h2>"Open actions"</h2>
        {if l.actions.is_empty() {
            view! { <p>"No open action."</p> }.into_any()
        } else {
            view! { <ActionTable actions=l.actions quarter="" can_close=l.can_run returned=None caption="Open actions from every review, overdue first"/> }.into_any()
        }}
    }
}

/// The risk categories agenda items choose from, kept by administrators.
#[component]
fn Risks(risks: Vec<(i64, String)>) -> impl IntoView {
    let add = ServerAction::<crate::api::risk::AddRiskCategory>::new();
    let retire = ServerAction::<crate::api::risk::RetireRiskCategory>::new();
    view! {
        <section aria-labelledby="risks-heading" id="risks">
            <h2 id="risks-heading">"Risk categories"</h2>
            <p>"The list an agenda item's risk category is chosen from. A retired category is no longer offered; items that have it keep it."</p>
            <ul class="usa-list">
                {risks.into_iter().map(|(id, name)| view! {
                    <li>
                        {name.clone()}" "
                        <ActionForm action=retire attr:class="pt-inline">
                            <input type="hidden" name="id" value=id/>
                            <button class="usa-button usa-button--unstyled" type="submit">"Retire"<span class="usa-sr-only">{format!(": {name}")}</span></button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=add attr:class="usa-form">
                <label class="usa-label" for="risk-name">"New risk category"</label>
                <input class="usa-input" id="risk-name" name="name" maxlength="80"/>
                <SubmitButton label="Add risk category" class="usa-button usa-button--outline margin-top-1"/>
            </ActionForm>
        </section>
    }
}
