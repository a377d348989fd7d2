//! `/app/:fy/start`: "start FY2028 from FY2027" — what will be copied, shown before it
//! is done, and the button that does it.

use crate::api::plan_year::{get_year_start, StartYear};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::year_start::YearStart;
use leptos::prelude::*;
use leptos_meta::Title;

/// The year-start page.
#[component]
pub fn YearStartPage() -> impl IntoView {
    let param = route_param("fy");
    let data = Resource::new(param, get_year_start);
    view! { <Loaded data=data loading="Loading what would be copied…" render=move |y| view! { <Start y=y/> }/> }
}

#[component]
fn Start(y: YearStart) -> impl IntoView {
    let title = format!("Start FY{} from FY{}", y.to, y.from);
    let start = ServerAction::<StartYear>::new();
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![(format!("FY{} APP", y.to), format!("/app/{}", y.to))] current="Start the year".to_string()/>
        <h1>{title}</h1>
        <p class="usa-intro">{format!("Copies FY{}'s annual and quarterly targets as the FY{} draft APP and IP (each logged as copied), and the IP milestones not done to the same quarters. Nothing is copied until you press the button below.", y.from, y.to)}</p>
        {y.refused.clone().map(|m| view! { <Alert tone=Tone::Warning slim=true text=m/> })}
        {(y.can_start && y.refused.is_none()).then(|| view! {
            <ActionForm action=start>
                <input type="hidden" name="fy" value=y.to/>
                <SubmitButton label=format!("Start FY{} now", y.to) busy="Copying…"/>
            </ActionForm>
        })}
        <h2>{format!("Targets to copy ({})", y.targets.len())}</h2>
        {if y.targets.is_empty() {
            view! { <p>{format!("FY{} has no targets.", y.from)}</p> }.into_any()
        } else {
            view! {
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide" id="copy-targets">
                    <caption class="usa-sr-only">{format!("FY{} targets copied to FY{}", y.from, y.to)}</caption>
                    <thead><tr><th scope="col">"Measure"</th><th scope="col">"Period"</th><th scope="col">"Target"</th></tr></thead>
                    <tbody>{y.targets.iter().map(|(m, p, v)| view! {
                        <tr><th scope="row" data-label="Measure">{m.clone()}</th><td data-label="Period">{p.clone()}</td><td data-label="Target">{v.clone()}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        <h2>{format!("IP milestones not done ({})", y.milestones.len())}</h2>
        {if y.milestones.is_empty() {
            view! { <p>"None: every milestone is done."</p> }.into_any()
        } else {
            view! { <ul class="usa-list" id="copy-milestones">{y.milestones.iter().map(|(n, q, d)| view! { <li>{format!("{n}, Q{q}: {d}")}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h2>{format!("Open follow-up actions ({})", y.actions.len())}</h2>
        <p>"Open actions are not copied: they stay open, on their owners' My updates and on the next review's agenda, until closed."</p>
        {(!y.actions.is_empty()).then(|| view! {
            <ul class="usa-list">{y.actions.iter().map(|(t, o, d)| view! { <li>{format!("{t} — {o}, due {d}")}</li> }).collect_view()}</ul>
        })}
    }
}
