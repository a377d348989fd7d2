//! `/strategies/:number/status?quarter=2027-Q1`: record a quarter's status for a strategy.

use crate::api::lock::UnlockQuarter;
use crate::api::status::{get_status_form, SaveStatus};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::error::number_param;
use crate::components::form_group::group_class;
use crate::components::loaded::Loaded;
pub use crate::components::narrative::{Narrative, TheirUpdate};
use crate::components::submit::SubmitButton;
use crate::components::unlock::UnlockForm;
use crate::model::lock::{locked_message, LockState};
use crate::model::review::UpdateState;
use crate::model::status::{ReturnedStatus, Status, StatusInput};
use crate::model::view::StatusFormData;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The status form page.
#[component]
pub fn StatusFormPage() -> impl IntoView {
    let number = number_param();
    let query = use_query_map();
    let save = ServerAction::<SaveStatus>::new();
    let actual = ServerAction::<crate::api::measure::SaveActual>::new();
    let unlock = ServerAction::<crate::api::lock::UnlockQuarter>::new();
    let data = Resource::new(
        move || {
            (
                number.get(),
                query.read().get("quarter"),
                save.version().get() + actual.version().get() + unlock.version().get(),
            )
        },
        |(n, q, _)| get_status_form(n, q),
    );
    view! {
        <Loaded data=data loading="Loading…" render=move |d| view! {
            <StatusForm data=d.clone() save=save unlock=unlock/>
            <Actuals data=d action=actual/>
        }/>
    }
}

#[component]
fn StatusForm(
    data: StatusFormData,
    save: ServerAction<SaveStatus>,
    unlock: ServerAction<UnlockQuarter>,
) -> impl IntoView {
    let title = format!("Status of strategy {} for {}", data.strategy, data.quarter);
    let input = match (&data.returned, &data.latest) {
        (Some(r), _) => r.input.clone(),
        (None, Some(latest)) => latest.as_input(),
        (None, None) => StatusInput::default(),
    };
    let back = format!("/strategies/{}", data.strategy);
    if !data.can_edit {
        return view! {
            <Title text=title.clone()/>
            <h1>{title}</h1>
            <Alert tone=Tone::Info
                text="You can read this strategy's status but not record it: only the working group, administrators and the managers assigned to it can."/>
            <p><a href=back>"Back to the strategy"</a></p>
        }
        .into_any();
    }
    let header = view! {
        <Title text=title.clone()/>
        <Breadcrumb
            trail=vec![("Plan".into(), "/".into()), (format!("Strategy {}", data.strategy), back.clone())]
            current="Record status".into()
        />
        <h1>{title}</h1>
        <p class="usa-intro">{data.strategy_text.clone()}</p>
    };
    if let (LockState::Locked { since }, None) = (&data.lock, &data.returned) {
        let what = format!("the status of strategy {}", data.strategy);
        return view! {
            {header}
            <Alert tone=Tone::Warning heading=format!("{} is locked", data.quarter)
                text=locked_message(&what, data.quarter, since)/>
            {data.can_unlock.then(|| view! {
                <h2>"Unlock for a correction"</h2>
                <UnlockForm action=unlock kind="strategy" item=data.strategy.clone()
                    quarters=vec![(data.quarter.slug(), data.quarter.to_string())]
                    returned=data.unlock_returned.clone()/>
            })}
            <p><a href=back>"Back to the strategy"</a></p>
        }
        .into_any();
    }
    let r = StoredValue::new(data.returned.clone().unwrap_or_default());
    let err = move |name: &'static str| r.with_value(|r: &ReturnedStatus| r.error(name));
    let group = move |name: &'static str| group_class(err(name).is_some());
    view! {
        {header}
        <p>{data.quarter_label.clone()}</p>
        {r.with_value(|r| r.conflict.clone()).map(|theirs| view! { <TheirUpdate theirs=theirs/> })}
        {r.with_value(|r| !r.errors.is_empty()).then(|| view! {
            <Alert tone=Tone::Error heading="Nothing was saved">
                <ul class="usa-list">
                    {r.with_value(|r| r.errors.clone()).into_iter().map(|(_, e)| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </Alert>
        })}
        {match data.state.clone() {
            UpdateState::Returned { comment, by } => Some(view! {
                <Alert tone=Tone::Warning heading="Returned for correction"
                    text=format!("{by} returned this update: \u{201c}{comment}\u{201d} Correct it and submit it again.")/>
            }),
            _ => None,
        }}
        {match data.lock.clone() {
            LockState::Unlocked { reason, by } => Some(view! {
                <Alert tone=Tone::Info slim=true
                    text=format!("{} is locked, but {by} unlocked it for this strategy: \u{201c}{reason}\u{201d}. It stays open until an update is submitted: saving a draft keeps it open, submitting locks it again.", data.quarter)/>
            }),
            _ => None,
        }}
        {(data.returned.is_none()).then(|| data.latest.clone()).flatten().map(|l| {
            let text = if l.draft {
                format!("This is the draft {} saved (version {}): finish it and submit it.", l.author, l.version)
            } else {
                format!("This quarter already has an update (version {} by {}). Saving records a correction; the earlier entry stays in the history.", l.version, l.author)
            };
            view! { <Alert tone=Tone::Info slim=true text=text/> }
        })}
        <ActionForm action=save attr:class="usa-form usa-form--large pt-form-wide">
            <input type="hidden" name="number" value=data.strategy.clone()/>
            <input type="hidden" name="quarter" value=data.quarter.slug()/>
            <input type="hidden" name="base_version" value=input.base_version/>
            {err("quarter").map(|e| view! { <span class="usa-error-message" role="alert">{e}</span> })}
            <div class=group("status")>
                <fieldset class="usa-fieldset" aria-describedby=err("status").map(|_| "status-error")>
                    <legend class="usa-legend">"Status"</legend>
                    {err("status").map(|e| view! { <span class="usa-error-message" id="status-error">{e}</span> })}
                    {Status::ALL.into_iter().map(|s| {
                        let id = format!("status-{}", s.as_str());
                        view! {
                            <div class="usa-radio">
                                <input class="usa-radio__input" type="radio" id=id.clone() name="status" value=s.as_str() checked=input.status == s.as_str()/>
                                <label class="usa-radio__label" for=id>
                                    <span aria-hidden="true">{s.symbol()}</span>" "{s.label()}
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </div>
            <div class=group("percent")>
                <label class="usa-label" for="percent">"Percent complete"</label>
                <span class="usa-hint" id="percent-hint">"A whole number from 0 to 100."</span>
                {err("percent").map(|e| view! { <span class="usa-error-message" id="percent-error">{e}</span> })}
                <input class="usa-input usa-input--small" id="percent" name="percent" inputmode="numeric"
                    value=input.percent.clone()
                    aria-describedby=if err("percent").is_some() { "percent-hint percent-error" } else { "percent-hint" }/>
            </div>
            <TextField name="accomplishments" label="Accomplishments" hint=None value=input.accomplishments.clone() error=err("accomplishments")/>
            <TextField name="issues" label="Issues" hint=None value=input.issues.clone() error=err("issues")/>
            <TextField name="next_steps" label="Next steps" hint=None value=input.next_steps.clone() error=err("next_steps")/>
            <TextField name="explanation" label="Explanation" hint=Some("Required when the strategy is at risk or off track.") value=input.explanation.clone() error=err("explanation")/>
            <TextField name="corrective_action" label="Corrective action" hint=Some("Required when the strategy is at risk or off track.") value=input.corrective_action.clone() error=err("corrective_action")/>
            <p class="usa-hint margin-top-3">"A draft is kept for you to finish; it counts in the roll-up, the charts and the dashboard once submitted."</p>
            <SubmitButton label="Submit status" busy="Submitting…" name="intent" value="submit" class="usa-button"/>
            <SubmitButton label="Save as draft" name="intent" value="draft" class="usa-button usa-button--outline"/>
            <a class="usa-button usa-button--unstyled margin-left-2" href=back>"Cancel"</a>
        </ActionForm>
    }
    .into_any()
}

/// The strategy's measures: record each one's actual for the same quarter.
#[component]
fn Actuals(
    data: StatusFormData,
    action: ServerAction<crate::api::measure::SaveActual>,
) -> impl IntoView {
    if !data.can_edit || data.measures.is_empty() {
        return ().into_any();
    }
    let back = format!(
        "/strategies/{}/status?quarter={}",
        data.strategy,
        data.quarter.slug()
    );
    view! {
        <section aria-labelledby="actuals-heading" class="margin-top-4">
            <h2 id="actuals-heading">{format!("Measure actuals for {}", data.quarter)}</h2>
            {data.measures.into_iter().map(|slot| view! {
                <div class="pt-panel">
                    <p><a href=format!("/measures/{}", slot.measure.id)>{slot.measure.name.clone()}</a>
                        {format!(" · latest actual this quarter: {}", slot.latest)}</p>
                    <p class="pt-targets-beside margin-y-05">{slot.targets.clone()}</p>
                    <crate::components::measure::ActualForm
                        measure=slot.measure
                        quarters=vec![(data.quarter.slug(), slot.version)]
                        returned=slot.returned
                        back=back.clone()
                        action=action
                    />
                </div>
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// A labelled textarea with its hint and error.
#[component]
fn TextField(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = [
        hint.map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let class = group_class(error.is_some());
    view! {
        <div class=class>
            <label class="usa-label" for=name>{label}</label>
            {hint.map(|h| view! { <span class="usa-hint" id=hint_id.clone()>{h}</span> })}
            {error.map(|e| view! { <span class="usa-error-message" id=error_id.clone()>{e}</span> })}
            <textarea class="usa-textarea" id=name name=name
                aria-describedby=(!described.is_empty()).then_some(described)>{value}</textarea>
        </div>
    }
}
