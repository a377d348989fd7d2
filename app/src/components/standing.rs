//! Where a goal or objective stands: its roll-up this quarter with how many reported, a
//! small chart of its strategies by status, and its measures against this year's targets.

use super::chart::ChartFigure;
use super::exceptions::ExceptionsList;
use super::layout::UserResource;
use super::measure::TargetTag;
use super::outlook::{BandTag, LikelihoodTag};
use super::quarter_picker::QuarterPicker;
use super::status::RollupLine;
use crate::model::plan::Standing;
use leptos::prelude::*;

/// The "where it stands" section of goal `number` or objective `number`.
#[component]
pub fn StandingSection(number: String, standing: Standing) -> impl IntoView {
    let what = if number.contains('.') {
        "objective"
    } else {
        "goal"
    };
    let fy = standing.quarter.year;
    let page = if what == "goal" {
        "goals"
    } else {
        "objectives"
    };
    let action = format!("/{page}/{number}");
    view! {
        <section aria-labelledby="standing-heading" class="pt-standing">
            <h2 id="standing-heading">{format!("Where it stands, {}", standing.quarter)}</h2>
            {standing.shown.map(|shown| view! { <QuarterPicker action=action shown=shown/> })}
            <p><strong>"Status: "</strong><RollupLine rollup=standing.rollup/></p>
            {standing.exceptions.map(|e| view! { <ExceptionsList exceptions=e quarter=standing.quarter id="exceptions-heading" level3=true/> })}
            {standing.chart.map(|c| view! { <ChartFigure drawn=c/> })}
        </section>
        <section aria-labelledby="measures-heading">
            <h2 id="measures-heading">{format!("Performance measures, FY{fy}")}</h2>
            {if standing.measures.is_empty() {
                view! { <p>{format!("No performance measures are attached to this {what} or beneath it yet.")}</p> }.into_any()
            } else {
                view! {
                    <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
                        <caption class="usa-sr-only">{format!("Measures of {what} {number} against their FY{fy} APP targets")}</caption>
                        <thead><tr>
                            <th scope="col">"Measure"</th>
                            <th scope="col">{format!("FY{fy} target")}</th>
                            <th scope="col">"Actual to date"</th>
                            <th scope="col">"State"</th>
                            <th scope="col">"Band"</th>
                            <th scope="col">"Likelihood"</th>
                        </tr></thead>
                        <tbody>
                            {standing.measures.into_iter().map(|m| view! {
                                <tr>
                                    <th scope="row" data-label="Measure"><a href=format!("/measures/{}", m.id)>{m.name}</a></th>
                                    <td data-label=format!("FY{fy} target")>{m.target}</td>
                                    <td data-label="Actual to date">{m.actual}</td>
                                    <td data-label="State"><TargetTag state=m.state/></td>
                                    <td data-label="Band"><BandTag standing=m.standing.clone()/></td>
                                    <td data-label="Likelihood"><LikelihoodTag standing=m.standing/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <AddMeasure number=number/>
        </section>
    }
}

/// "Add a measure" here, for the working group and administrators.
#[component]
fn AddMeasure(number: String) -> impl IntoView {
    let UserResource(user) = expect_context::<UserResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let number = number.clone();
                Suspend::new(async move {
                    let editor = user.await.ok().flatten().is_some_and(|u| u.can.edit_measures);
                    editor.then(|| view! {
                        <p><a class="usa-button usa-button--outline" href=format!("/measures/new?attach_to={number}")>"Add a measure"</a></p>
                    })
                })
            }}
        </Suspense>
    }
}
