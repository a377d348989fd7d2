//! `/measures/new?attach_to=4.1.3` and `/measures/:id/edit`: define a measure and its
//! data-quality record.

use crate::api::measure::{get_measure_form, SaveMeasure};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::group_class;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::measure::{Aggregation, Direction, Kind};
use crate::model::view::MeasureForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The add / edit measure page.
#[component]
pub fn MeasureFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveMeasure>::new();
    let data = Resource::new(
        move || {
            (
                params.read().get("id"),
                query.read().get("attach_to"),
                save.version().get(),
            )
        },
        |(id, attach_to, _)| get_measure_form(id.and_then(|i| i.parse().ok()), attach_to),
    );
    view! {
        <Loaded data=data loading="Loading…" render=move |f| view! { <MeasureFormView form=f save=save/> }/>
    }
}

#[component]
fn MeasureFormView(form: MeasureForm, save: ServerAction<SaveMeasure>) -> impl IntoView {
    let title = if form.id.is_some() {
        "Edit a performance measure"
    } else {
        "Add a performance measure"
    };
    let input = form.input.clone();
    let errors = StoredValue::new(form.errors.clone());
    let err = move |name: &'static str| {
        errors.with_value(|e| e.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()))
    };
    let group = move |name: &'static str| group_class(err(name).is_some());
    let text = move |name: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     value: String,
                     area: bool| {
        view! {
            <div class=group(name)>
                <label class="usa-label" for=name>{label}</label>
                {(!hint.is_empty()).then(|| view! { <span class="usa-hint">{hint}</span> })}
                {err(name).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                {if area {
                    view! { <textarea class="usa-textarea" id=name name=name>{value}</textarea> }.into_any()
                } else {
                    view! { <input class="usa-input" id=name name=name value=value/> }.into_any()
                }}
            </div>
        }
    };
    let radios = move |name: &'static str,
                       legend: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       current: String| {
        view! {
            <div class=group(name)>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">{legend}</legend>
                    {err(name).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    {options.into_iter().map(|(value, label)| {
                        let id = format!("{name}-{value}");
                        view! {
                            <div class="usa-radio">
                                <input class="usa-radio__input" type="radio" id=id.clone() name=name value=value checked=current == value/>
                                <label class="usa-radio__label" for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </div>
        }
    };
    let cancel = match form.id {
        Some(id) => format!("/measures/{id}"),
        None => "/app".into(),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        {(!form.errors.is_empty()).then(|| view! {
            <Alert tone=Tone::Error heading="Nothing was saved">
                <ul class="usa-list">{form.errors.iter().map(|(_, e)| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
            </Alert>
        })}
        <ActionForm action=save attr:class="usa-form usa-form--large pt-form-wide">
            <input type="hidden" name="id" value=form.id.map(|i| i.to_string()).unwrap_or_default()/>
            <input type="hidden" name="version" value=input.version.clone()/>
            <div class=group("attach_to")>
                <label class="usa-label" for="attach_to">"Attached to"</label>
                <span class="usa-hint">"The goal, objective or strategy whose progress it measures."</span>
                {err("attach_to").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <select class="usa-select" id="attach_to" name="attach_to">
                    <option value="">"- Select -"</option>
                    {form.options.iter().map(|(n, label)| view! { <option value=n.clone() selected=*n == input.attach_to>{label.clone()}</option> }).collect_view()}
                </select>
            </div>
            {text("name", "Name", "", input.name.clone(), false)}
            {text("unit", "Unit", "For example: cases, days, %. Leave empty for a plain count.", input.unit.clone(), false)}
            {radios("direction", "Which way is better", vec![(Direction::Higher.as_str(), Direction::Higher.label()), (Direction::Lower.as_str(), Direction::Lower.label())], input.direction.clone())}
            {radios("kind", "Kind", vec![(Kind::Quantitative.as_str(), Kind::Quantitative.label()), (Kind::Milestone.as_str(), Kind::Milestone.label())], input.kind.clone())}
            {radios("aggregation", "How quarters make the year (a count adds up; a percentage or a level does not; a milestone needs no choice)", vec![(Aggregation::Sum.as_str(), Aggregation::Sum.label()), (Aggregation::Latest.as_str(), Aggregation::Latest.label())], input.aggregation.clone())}
            {text("baseline_value", "Baseline value", "", input.baseline_value.clone(), false)}
            {text("baseline_fy", "Baseline fiscal year", "For example: 2025.", input.baseline_fy.clone(), false)}
            {text("done_when", "Definition of done (a milestone)", "What must be true for the milestone to count as done; the Annual Performance Report judges it against this.", input.done_when.clone(), true)}
            {text("data_source", "Data source", "Where the data comes from.", input.data_source.clone(), true)}
            {text("verification", "Verification and validation", "How the data is checked before it is reported.", input.verification.clone(), true)}
            {text("accuracy", "Accuracy required", "How accurate the data must be for the decisions it informs.", input.accuracy.clone(), true)}
            {text("limitations", "Known limitations", "", input.limitations.clone(), true)}
            {text("compensation", "How the limitations are compensated for", "", input.compensation.clone(), true)}
            {text("lag_days", "Days until a quarter's data are available", "Leave empty when a quarter's data are ready as it ends. The report dates a data lag by this.", input.lag_days.clone(), false)}
            <SubmitButton label="Save measure" class="usa-button margin-top-3"/>
            <a class="usa-button usa-button--unstyled margin-left-2" href=cancel>"Cancel"</a>
        </ActionForm>
    }
}
