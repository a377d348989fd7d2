//! `/public`: the plan's performance as the public reads it, without signing in, once an
//! administrator publishes it; `/admin/public`: publishing it and choosing its measures.

use crate::api::public::{get_public_page, get_public_settings, SetPublicMeasures, SetPublicPage};
use crate::components::alert::{Alert, Tone};
use crate::components::chart::ChartFigure;
use crate::components::loaded::Loaded;
use crate::components::measure::TargetTag;
use crate::components::submit::SubmitButton;
use crate::model::public::{PublicGoal, PublicMeasure, PublicPage, PublicSettings};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The public performance page.
#[component]
pub fn PublicPerformancePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_public_page());
    view! {
        <Loaded data=data loading="Loading the performance page…" render=move |p| view! { <Performance p=p/> }/>
    }
}

#[component]
fn Performance(p: PublicPage) -> impl IntoView {
    let title = if p.plan.is_empty() {
        "Performance".to_string()
    } else {
        format!("{}: performance", p.plan)
    };
    let who = if p.organisation.is_empty() {
        "The organisation".to_string()
    } else {
        p.organisation.clone()
    };
    let measures: usize = p.goals.iter().map(|g| g.measures.len()).sum();
    let fy = p.current_year;
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=format!("{who}'s strategic goals and objectives, and its performance measures with their targets and results by fiscal year.")/>
        <h1>{title}</h1>
        <p class="usa-intro">{format!(
            "{who}'s strategic goals and objectives, and how it is doing against its performance targets. Results are shown once a fiscal year is over; FY{fy} is under way."
        )}</p>
        <p class="pt-updated">{format!("Last updated {}.", p.updated)}</p>
        {(!p.reports.is_empty()).then(|| view! {
            <section aria-labelledby="public-reports-heading">
                <h2 id="public-reports-heading">"Annual Performance Reports"</h2>
                <ul class="usa-list">
                    {p.reports.iter().map(|y| view! {
                        <li><a href=format!("/reports/{y}/public")>{format!("FY{y} Annual Performance Report")}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(measures == 0).then(|| view! {
            <p>"No performance measures are published yet."</p>
        })}
        {p.goals.into_iter().map(|g| view! { <Goal g=g/> }).collect_view()}
    }
}

#[component]
fn Goal(g: PublicGoal) -> impl IntoView {
    let id = format!("goal-{}", g.number);
    let labelled = id.clone();
    let heading = if g.name.is_empty() {
        format!("Goal {}", g.number)
    } else {
        format!("Goal {}: {}", g.number, g.name)
    };
    view! {
        <section aria-labelledby=labelled class="pt-public-goal">
            <h2 id=id>{heading}</h2>
            {(!g.statement.is_empty()).then(|| view! { <p>{g.statement.clone()}</p> })}
            {(!g.objectives.is_empty()).then(|| view! {
                <h3>"Objectives"</h3>
                <ul class="usa-list">
                    {g.objectives.iter().map(|o| view! {
                        <li><strong>{o.number.clone()}</strong>" "{o.title.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!g.measures.is_empty()).then(|| view! { <h3>"Performance measures"</h3> })}
            {g.measures.into_iter().map(|m| view! { <Measure m=m/> }).collect_view()}
        </section>
    }
}

#[component]
fn Measure(m: PublicMeasure) -> impl IntoView {
    let id = format!("measure-{}", m.id);
    let labelled = id.clone();
    view! {
        <article aria-labelledby=labelled class="pt-public-measure" data-measure=m.id>
            <h4 id=id>{m.name.clone()}</h4>
            <p>{format!("Measures {}. {}.", m.measures, m.direction)}</p>
            <table class="usa-table usa-table--borderless usa-table--compact">
                <caption class="usa-sr-only">{format!("{}: target and result by fiscal year", m.name)}</caption>
                <thead><tr>
                    <th scope="col">"Fiscal year"</th>
                    <th scope="col" class="pt-num">"Target"</th>
                    <th scope="col" class="pt-num">"Result"</th>
                    <th scope="col">"Met?"</th>
                </tr></thead>
                <tbody>
                    {m.years.iter().map(|y| view! {
                        <tr>
                            <th scope="row">{format!("FY{}", y.fiscal_year)}</th>
                            <td class="pt-num">{y.target.clone()}</td>
                            <td class="pt-num">{y.result.clone()}</td>
                            <td>{match y.state {
                                Some(s) => view! { <TargetTag state=s/> }.into_any(),
                                None => view! { <span>"—"<span class="usa-sr-only">"not judged"</span></span> }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {m.chart.map(|c| view! { <ChartFigure drawn=c no_downloads=true/> })}
        </article>
    }
}

/// The administrators' page: publish or take down the public page, choose its measures.
#[component]
pub fn PublicSettingsPage() -> impl IntoView {
    let publish = ServerAction::<SetPublicPage>::new();
    let pick = ServerAction::<SetPublicMeasures>::new();
    let data = Resource::new(
        move || publish.version().get() + pick.version().get(),
        |_| get_public_settings(),
    );
    view! {
        <Title text="Public performance page"/>
        <h1>"Public performance page"</h1>
        <p class="usa-intro">"Publish the plan's performance for anyone to read without signing in, at /public: the goals and objectives, the measures you choose below with their approved targets and the results of each year that is over, and the published Annual Performance Reports. Owners' names, notes, evidence, drafts and unapproved updates are never on it."</p>
        <Loaded data=data loading="Loading…" render=move |s| view! { <Settings s=s publish=publish pick=pick/> }/>
    }
}

#[component]
fn Settings(
    s: PublicSettings,
    publish: ServerAction<SetPublicPage>,
    pick: ServerAction<SetPublicMeasures>,
) -> impl IntoView {
    let returned = s.returned.clone();
    let picked: Vec<i64> = match &returned {
        Some(r) => r.input.clone(),
        None => s
            .measures
            .iter()
            .flat_map(|(_, list)| list.iter().filter(|m| m.3).map(|m| m.0))
            .collect(),
    };
    let count = s
        .measures
        .iter()
        .flat_map(|(_, l)| l)
        .filter(|m| m.3)
        .count();
    let state = match &s.published {
        Some(day) => format!("Published since {day}, with {count} measure(s)."),
        None => {
            format!("Not published: visitors to /public find nothing. {count} measure(s) chosen.")
        }
    };
    let published = s.published.is_some();
    view! {
        <section aria-labelledby="public-state-heading">
            <h2 id="public-state-heading">"Publishing"</h2>
            <p data-public-state=if published { "published" } else { "unpublished" }>{state}</p>
            {published.then(|| view! { <p><a href="/public">"Open the public page"</a></p> })}
            <ActionForm action=publish attr:class="usa-form">
                <input type="hidden" name="publish" value=if published { "no" } else { "yes" }/>
                <SubmitButton
                    label=if published { "Take the public page down" } else { "Publish the public page" }
                    class=if published { "usa-button usa-button--secondary" } else { "usa-button" }/>
            </ActionForm>
        </section>
        <section aria-labelledby="public-measures" id="public-measures-section">
            <h2 id="public-measures">"Measures on the public page"</h2>
            {returned.map(|r| view! {
                <Alert tone=Tone::Error heading="Nothing was saved">
                    <p class="usa-alert__text">{r.message()}</p>
                </Alert>
            })}
            {if s.measures.is_empty() {
                view! { <p>"The plan has no measures yet: add them on the APP page first."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=pick attr:class="usa-form pt-form-wide">
                        <input type="hidden" name="shown" value=s.shown.clone()/>
                        {s.measures.into_iter().map(|(goal, list)| {
                            let picked = picked.clone();
                            view! {
                                <fieldset class="usa-fieldset">
                                    <legend class="usa-legend">{goal}</legend>
                                    {list.into_iter().map(|(id, name, attached, _)| {
                                        let field = format!("public-{id}");
                                        view! {
                                            <div class="usa-checkbox">
                                                <input class="usa-checkbox__input" type="checkbox" id=field.clone()
                                                    name="picked[]" value=id checked=picked.contains(&id)/>
                                                <label class="usa-checkbox__label" for=field>
                                                    {name}" "<span class="text-base">{format!("({attached})")}</span>
                                                </label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view()}
                        <SubmitButton label="Save the public measures" class="usa-button margin-top-2"/>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
