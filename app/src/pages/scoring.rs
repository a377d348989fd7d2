//! `/measures/:id/thresholds` and `/admin/thresholds`: how a measure is scored (its own
//! bands by percent of target, a range to stay within, or the plan's default) and how
//! its year builds up; the plan-wide default bands. A preview reads typed bands on the
//! measure's own recent years before anything is saved.

use crate::api::scoring::{
    get_default_thresholds, get_scoring_form, SaveDefaultThresholds, SaveScoring,
};
use crate::components::alert::{Alert, Tone};
use crate::components::form_group::group_class;
use crate::components::loaded::{route_data, Loaded};
use crate::components::outlook::MarkTag;
use crate::components::submit::SubmitButton;
use crate::model::glossary::Mark;
use crate::model::view::ScoringForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// A measure's thresholds and profile page.
#[component]
pub fn ScoringPage() -> impl IntoView {
    let save = ServerAction::<SaveScoring>::new();
    let data = route_data(
        "id",
        move || save.version().get(),
        |id| async move {
            match id.parse::<i64>() {
                Ok(id) => get_scoring_form(id).await,
                Err(_) => Err(crate::model::AppError::NotFound(format!(
                    "There is no measure \"{id}\"."
                ))),
            }
        },
    );
    view! {
        <Loaded data=data loading="Loading…" render=move |f: ScoringForm| {
            let (id, name, attached) = f.measure.clone().unwrap_or_default();
            let title = format!("Thresholds and profile: {name}");
            let (fields, profile) = (f.clone(), f.clone());
            view! {
                <Title text=title.clone()/>
                <p class="pt-kicker">{format!("Performance measure · {attached}")}</p>
                <h1>{title}</h1>
                <Problems form=f.clone()/>
                <ActionForm action=save attr:class="usa-form usa-form--large pt-form-wide">
                    <input type="hidden" name="id" value=id/>
                    <Fields form=fields.clone()/>
                    <Profile form=profile.clone()/>
                    <Buttons cancel=format!("/measures/{id}")/>
                </ActionForm>
                <Preview form=f/>
            }
        }/>
    }
}

/// The plan-wide default thresholds page.
#[component]
pub fn DefaultThresholdsPage() -> impl IntoView {
    let save = ServerAction::<SaveDefaultThresholds>::new();
    let data = Resource::new(move || save.version().get(), |_| get_default_thresholds());
    view! {
        <Loaded data=data loading="Loading…" render=move |f: ScoringForm| view! {
            <Title text="Default thresholds"/>
            <h1>"Default thresholds"</h1>
            <p class="usa-intro">"Every measure without thresholds of its own is scored by these bands."</p>
            <p>{format!("Now: {}.", f.plan_default)}</p>
            <Problems form=f.clone()/>
            <ActionForm action=save attr:class="usa-form usa-form--large pt-form-wide">
                <Fields form=f.clone()/>
                <SubmitButton label="Save default thresholds" class="usa-button margin-top-3"/>
            </ActionForm>
        }/>
    }
}

/// The problems of a refused save.
#[component]
fn Problems(form: ScoringForm) -> impl IntoView {
    (!form.errors.is_empty()).then(|| {
        view! {
            <Alert tone=Tone::Error heading="Nothing was saved">
                <ul class="usa-list">{form.errors.iter().map(|(_, e)| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
            </Alert>
        }
    })
}

/// The way of scoring and its bands or range.
#[component]
fn Fields(form: ScoringForm) -> impl IntoView {
    let input = form.input.clone();
    let errors = StoredValue::new(form.errors.clone());
    let err = move |name: String| {
        errors.with_value(|e| e.iter().find(|(f, _)| *f == name).map(|(_, m)| m.clone()))
    };
    let mode = input.mode.clone();
    let radio = |value: &'static str, label: String| {
        let id = format!("mode-{value}");
        view! {
            <div class="usa-radio">
                <input class="usa-radio__input" type="radio" id=id.clone() name="mode" value=value checked=mode == value/>
                <label class="usa-radio__label" for=id>{label}</label>
            </div>
        }
    };
    let for_measure = form.measure.is_some();
    view! {
        <input type="hidden" name="version" value=input.version.clone()/>
        {form.not_scored.clone().map(|n| view! { <Alert tone=Tone::Info slim=true text=n/> })}
        <div class=group_class(err("mode".into()).is_some())>
            <fieldset class="usa-fieldset">
                <legend class="usa-legend">"How it is scored"</legend>
                {err("mode".into()).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                {radio("default", if for_measure { format!("The plan's default: {}", form.plan_default) } else { "The built-in default: on target from 100 %, close from 95 %, off target below".to_string() })}
                {radio("percent", "Bands by percent of target, as below (for \"lower is better\" measures each percent under the target counts as a percent over)".to_string())}
                {radio("between", "Kept between a lower and an upper value (a level)".to_string())}
            </fieldset>
        </div>
        <div class=group_class(errors.with_value(|e| e.iter().any(|(f, _)| f.starts_with("band"))))>
            <fieldset class="usa-fieldset">
                <legend class="usa-legend">"Bands, highest first"</legend>
                <span class="usa-hint" id="bands-hint">"Each band starts at a percent of the target and runs up to the band above; the last has no lower edge. Leave unused rows empty."</span>
                {err("bands".into()).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <table class="usa-table usa-table--borderless usa-table--compact pt-bands">
                    <caption class="usa-sr-only">"Bands"</caption>
                    <thead><tr><th scope="col">"Band"</th><th scope="col">"Name"</th><th scope="col">"From % of target"</th><th scope="col">"Symbol"</th></tr></thead>
                    <tbody>
                        {input.bands.iter().enumerate().map(|(i, (name, from, mark))| {
                            let n = i + 1;
                            let problem = err(format!("band_{n}"));
                            view! {
                                <tr>
                                    <th scope="row">
                                        {n}
                                        {problem.clone().map(|e| view! { <span class="usa-error-message">{e}</span> })}
                                    </th>
                                    <td>
                                        <label class="usa-sr-only" for=format!("band-{n}-name")>{format!("Band {n} name")}</label>
                                        <input class="usa-input" id=format!("band-{n}-name") name="band_name[]" value=name.clone() aria-describedby="bands-hint"/>
                                    </td>
                                    <td>
                                        <label class="usa-sr-only" for=format!("band-{n}-from")>{format!("Band {n} from percent of target")}</label>
                                        <input class="usa-input usa-input--small" id=format!("band-{n}-from") name="band_from[]" value=from.clone() inputmode="decimal"/>
                                    </td>
                                    <td>
                                        <label class="usa-sr-only" for=format!("band-{n}-mark")>{format!("Band {n} symbol")}</label>
                                        <select class="usa-select" id=format!("band-{n}-mark") name="band_mark[]">
                                            <option value="" selected=mark.is_empty()>"- Symbol -"</option>
                                            {Mark::ALL.into_iter().map(|m| view! {
                                                <option value=m.glyph() selected=mark == m.glyph()>{format!("{} {}", m.glyph(), m.meaning())}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </fieldset>
        </div>
        <div class=group_class(err("low".into()).is_some())>
            <fieldset class="usa-fieldset">
                <legend class="usa-legend">"Range to stay within"</legend>
                {err("low".into()).map(|e| view! { <span class="usa-error-message">{e}</span> })}
                <label class="usa-label" for="low">"Lower value"</label>
                <input class="usa-input usa-input--medium" id="low" name="low" value=input.low.clone() inputmode="decimal"/>
                <label class="usa-label" for="high">"Upper value"</label>
                <input class="usa-input usa-input--medium" id="high" name="high" value=input.high.clone() inputmode="decimal"/>
            </fieldset>
        </div>
    }
}

/// The profile a year builds up by (a measure's form only).
#[component]
fn Profile(form: ScoringForm) -> impl IntoView {
    let error = form
        .errors
        .iter()
        .find(|(f, _)| f == "profile")
        .map(|(_, m)| m.clone());
    let class = group_class(error.is_some());
    view! {
        <div class=class>
            <label class="usa-label" for="profile">"How the year builds up when the IP gives no quarterly targets"</label>
            <span class="usa-hint" id="profile-hint">"Leave empty for a quarter each, or give each quarter's share, Q1 to Q4, such as \"10, 20, 30, 40\". The pace compares the year to date with it."</span>
            {error.map(|e| view! { <span class="usa-error-message">{e}</span> })}
            <input class="usa-input" id="profile" name="profile" value=form.input.profile.clone() aria-describedby="profile-hint"/>
        </div>
    }
}

/// Preview and save.
#[component]
fn Buttons(cancel: String) -> impl IntoView {
    view! {
        <div class="margin-top-3">
            <SubmitButton label="Preview" busy="Previewing…" name="intent" value="preview" class="usa-button usa-button--outline"/>
            <SubmitButton label="Save thresholds" name="intent" value="save" class="usa-button"/>
            <a class="usa-button usa-button--unstyled margin-left-2" href=cancel>"Cancel"</a>
        </div>
    }
}

/// How the bands shown read the measure's recent years.
#[component]
fn Preview(form: ScoringForm) -> impl IntoView {
    let heading = if form.previewing {
        "Preview: with these bands (not saved yet)"
    } else {
        "With the saved bands"
    };
    view! {
        <section aria-labelledby="preview-heading" id="preview" class="pt-panel">
            <h2 id="preview-heading">{heading}</h2>
            {if form.preview.is_empty() {
                view! { <p>"Nothing to preview: no actual is recorded in the last four years, or the bands above have a problem."</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list">
                        {form.preview.iter().map(|(fy, cells)| view! {
                            <li>
                                {format!("FY{fy} Q1–Q4 would read: ")}
                                {cells.iter().enumerate().map(|(i, c)| view! {
                                    {(i > 0).then_some(" · ")}
                                    {format!("Q{} ", c.quarter)}
                                    <MarkTag mark=c.mark words=c.words.clone()/>
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
