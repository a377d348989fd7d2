//! `/annual-reviews/:fy`: the annual strategic review — a summary leadership reads (each
//! objective's rating and its strategies' standing), then each objective's record: a form
//! for the working group, read-only for everyone else.

use crate::api::annual::{get_annual_review, objective_anchor, SaveAnnualReview};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::{described_by, FormGroup};
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::annual::{AnnualInput, AnnualReview, ObjectiveReview, Rating};
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use leptos::prelude::*;
use leptos_meta::Title;

/// The annual review page.
#[component]
pub fn AnnualReviewPage() -> impl IntoView {
    let param = route_param("fy");
    let data = Resource::new(param, get_annual_review);
    view! {
        <Loaded data=data loading="Loading the annual review…" render=move |r| view! { <Annual r=r/> }/>
    }
}

#[component]
fn Annual(r: AnnualReview) -> impl IntoView {
    let fy = r.fiscal_year;
    let title = format!("Annual strategic review, FY{fy}");
    let (noteworthy, focus, neither, unrated) = r.counts();
    let returned = r.returned.clone();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="usa-intro">"Once a year the working group reviews each objective: the year's progress, the evidence reviewed and its gaps, risks, improvement strategies, and a rating."</p>
        <p>
            <a href=format!("/annual-reviews/{}", fy - 1)>{format!("FY{}", fy - 1)}</a>" · "
            <a href=format!("/annual-reviews/{}", fy + 1)>{format!("FY{}", fy + 1)}</a>" · "
            <a href="/reviews">"Quarterly reviews"</a>
        </p>
        <h2>"Summary"</h2>
        <p><strong>{format!("{}: {noteworthy} · {}: {focus} · {}: {neither} · {}: {unrated}", Rating::Noteworthy.label(), Mark::Focus.with("Focus areas for improvement"), Rating::Neither.label(), Mark::NotYet.with("Not rated yet"))}</strong></p>
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">{format!("Each objective's FY{fy} rating and its strategies' standing")}</caption>
            <thead><tr><th scope="col">"Objective"</th><th scope="col">"Rating"</th><th scope="col">"Strategies"</th></tr></thead>
            <tbody>
                {r.objectives.iter().map(|o| view! {
                    <tr data-objective=o.number.clone()>
                        <th scope="row" data-label="Objective">
                            <a href=format!("#{}", objective_anchor(&o.number))>{format!("Objective {}", o.number)}</a>
                            {o.title.clone().map(|t| view! { <span class="pt-muted">{format!(" {t}")}</span> })}
                        </th>
                        <td data-label="Rating">{o.rating.map_or_else(|| Mark::NotYet.with("Not rated yet"), Rating::label)}</td>
                        <td data-label="Strategies">{o.standing.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {r.objectives.into_iter().map(|o| {
            let back = returned.clone().filter(|b| b.input.0 == o.number);
            view! { <ObjectiveEntry o=o fy=fy editable=r.can_edit returned=back/> }
        }).collect_view()}
    }
}

/// One objective's record.
#[component]
fn ObjectiveEntry(
    o: ObjectiveReview,
    fy: i32,
    editable: bool,
    returned: Option<Returned<(String, AnnualInput)>>,
) -> impl IntoView {
    let anchor = objective_anchor(&o.number);
    let heading = format!("{anchor}-heading");
    let title = match &o.title {
        Some(t) => format!("Objective {}: {t}", o.number),
        None => format!("Objective {}", o.number),
    };
    let body = if editable {
        view! { <ObjectiveForm o=o.clone() fy=fy returned=returned/> }.into_any()
    } else {
        let facts = [
            ("Rating", o.rating.map_or(String::new(), Rating::label)),
            ("Progress over the year", o.input.progress.clone()),
            ("Evidence reviewed", o.input.evidence_reviewed.clone()),
            ("Evidence gaps", o.input.evidence_gaps.clone()),
            ("Risks", o.input.risks.clone()),
            ("Improvement strategies", o.input.improvement.clone()),
        ];
        let shown: Vec<_> = facts.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        if shown.is_empty() {
            view! { <p>"Not reviewed yet."</p> }.into_any()
        } else {
            view! {
                <dl class="pt-facts">
                    {shown.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="pt-pre">{v}</dd> }).collect_view()}
                </dl>
            }.into_any()
        }
    };
    view! {
        <section class="pt-panel" id=anchor aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{title}</h2>
            <p class="pt-muted">{format!("Goal {} · strategies at {}", o.goal, o.standing)}
                {o.updated.clone().map(|u| format!(" · last saved by {u}"))}</p>
            {body}
        </section>
    }
}

/// The form of one objective's record, with what was typed when it came back refused.
#[component]
fn ObjectiveForm(
    o: ObjectiveReview,
    fy: i32,
    returned: Option<Returned<(String, AnnualInput)>>,
) -> impl IntoView {
    let save = ServerAction::<SaveAnnualReview>::new();
    let mut input = returned
        .as_ref()
        .map_or(o.input.clone(), |r| r.input.1.clone());
    // After a conflict the typed text comes back over the version now saved.
    input.version = o.input.version;
    let errors = returned.as_ref().map(|r| (r.message(), r.errors.clone()));
    let r = StoredValue::new(returned.clone());
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let prefix = objective_anchor(&o.number);
    let p = StoredValue::new(prefix);
    let field = move |name: &str| p.with_value(|p| format!("{p}-{name}"));
    let area = move |name: &'static str, label: &'static str, value: String| {
        let id = field(name);
        view! {
            <FormGroup id=id.clone() label=label error=err(name)>
                <textarea class="usa-textarea pt-textarea-short" id=id.clone() name=name
                    aria-describedby=described_by(&id, false, err(name).is_some())>{value}</textarea>
            </FormGroup>
        }
    };
    let rating = input.rating.clone();
    view! {
        {errors.map(|(m, _)| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
        <ActionForm action=save attr:class="usa-form pt-form-wide">
            <input type="hidden" name="fy" value=fy/>
            <input type="hidden" name="objective" value=o.number.clone()/>
            <input type="hidden" name="version" value=input.version/>
            {area("progress", "Progress over the year", input.progress.clone())}
            {area("evidence_reviewed", "Evidence reviewed", input.evidence_reviewed.clone())}
            {area("evidence_gaps", "Evidence gaps", input.evidence_gaps.clone())}
            {area("risks", "Risks", input.risks.clone())}
            {area("improvement", "Improvement strategies (required for a focus area)", input.improvement.clone())}
            <FormGroup id=field("rating") label="Rating" error=err("rating")>
                <select class="usa-select" id=field("rating") name="rating"
                    aria-describedby=described_by(&field("rating"), false, err("rating").is_some())>
                    <option value="" selected=rating.is_empty()>"- Select -"</option>
                    {Rating::ALL.into_iter().map(|x| view! {
                        <option value=x.as_str() selected=rating == x.as_str()>{x.label()}</option>
                    }).collect_view()}
                </select>
            </FormGroup>
            <SubmitButton label="Save the objective's review" class="usa-button margin-top-2"/>
        </ActionForm>
    }
}
