//! Pieces the measure, APP, IP and status pages share: the target-state tag, a goal
//! filter, the list of a plan item's measures, and the record-an-actual form.

use super::form_group::{described_by, FormGroup};
use super::submit::SubmitButton;
use crate::api::measure::{list_measures, SaveActual};
use crate::components::alert::{Alert, Tone};
use crate::components::layout::UserResource;
use crate::model::form::Returned;
use crate::model::measure::{encode_versions, Kind, Measure, TargetState};
use leptos::prelude::*;

/// A target state: symbol, words, and a colour that only repeats them.
#[component]
pub fn TargetTag(state: TargetState) -> impl IntoView {
    view! {
        <span class=format!("pt-target pt-target--{}", state.as_str())>
            <span aria-hidden="true">{state.symbol()}</span>
            " "
            {state.label()}
        </span>
    }
}

/// A quarter's state against its target, naming the quarter ("✖ Not met (Q1)").
#[component]
pub fn QuarterTargetTag(state: TargetState, quarter: u8) -> impl IntoView {
    view! {
        <span class=format!("pt-target pt-target--{}", state.as_str())>
            <span aria-hidden="true">{state.symbol()}</span>
            " "
            {state.quarter_label(quarter)}
        </span>
    }
}

/// Measures a plan-year page (APP, IP) lists at once; past it, one goal at a time.
pub const MEASURES_AT_ONCE: usize = 100;

/// The goal a plan-year page lists: the one `asked` for; else all (empty) when the plan
/// has at most [`MEASURES_AT_ONCE`] measures, and the first goal when it has more.
pub fn goal_shown(
    asked: Option<String>,
    goals: &[(String, Option<String>)],
    measures: usize,
) -> String {
    match asked.filter(|g| !g.is_empty()) {
        Some(g) => g,
        None if measures <= MEASURES_AT_ONCE => String::new(),
        None => goals.first().map(|(g, _)| g.clone()).unwrap_or_default(),
    }
}

/// A GET form choosing one goal (works without JavaScript); "All goals" is offered when
/// the plan has at most [`MEASURES_AT_ONCE`] measures.
#[component]
pub fn GoalFilter(
    action: String,
    goals: Vec<(String, Option<String>)>,
    selected: String,
    /// How many measures the plan has.
    measures: usize,
) -> impl IntoView {
    let all = measures <= MEASURES_AT_ONCE;
    view! {
        <form class="usa-form pt-filter" method="get" action=action>
            {(!all).then(|| view! {
                <p class="usa-hint">{format!("{measures} measures: one goal at a time (the CSV download has them all).")}</p>
            })}
            <div>
                <label class="usa-label" for="f-goal">"Goal"</label>
                <select class="usa-select" id="f-goal" name="goal">
                    {all.then(|| view! { <option value="">"All goals"</option> })}
                    {goals.into_iter().map(|(g, name)| {
                        let label = crate::model::plan::goal_label(&g, name.as_deref());
                        view! { <option value=g.clone() selected=selected == g>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="usa-button margin-top-3" type="submit">"Filter"</button>
        </form>
    }
}

/// The measures of a goal, objective or strategy, with an add link for editors.
#[component]
pub fn MeasureList(number: String) -> impl IntoView {
    let n = number.clone();
    let measures = Resource::new(move || n.clone(), list_measures);
    let UserResource(user) = expect_context::<UserResource>();
    view! {
        <section aria-labelledby="measures-heading">
            <h2 id="measures-heading">"Performance measures"</h2>
            <Suspense fallback=|| view! { <p>"Loading the measures…"</p> }>
                {move || {
                    let number = number.clone();
                    Suspend::new(async move {
                        let editor = user.await.ok().flatten().is_some_and(|u| u.can.edit_measures);
                        let list = match measures.await {
                            Ok(list) if list.is_empty() => view! { <p>"No performance measures are attached here yet."</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="usa-list">
                                    {list.into_iter().map(|m| view! {
                                        <li><a href=format!("/measures/{}", m.id)>{m.name}</a>
                                            {(!m.unit.is_empty()).then(|| format!(" ({})", m.unit))}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <p class="usa-error-message">{e.to_string()}</p> }.into_any(),
                        };
                        view! {
                            {list}
                            {editor.then(|| view! {
                                <p><a class="usa-button usa-button--outline" href=format!("/measures/new?attach_to={number}")>"Add a measure"</a></p>
                            })}
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// Records one quarter's actual for a measure; `back` is where the page returns after.
#[component]
pub fn ActualForm(
    measure: Measure,
    quarters: Vec<(String, i64)>,
    returned: Option<Returned>,
    back: String,
    action: ServerAction<SaveActual>,
    /// The quarter selected unless one was typed (default: the first offered).
    #[prop(optional)]
    default: Option<String>,
) -> impl IntoView {
    let r = StoredValue::new(returned.unwrap_or_default());
    let id = measure.id;
    let field = move |name: &str| format!("m{id}-{name}");
    let err = move |name: &str| r.with_value(|r| r.error(name));
    let described =
        move |name: &str, hint: bool| described_by(&field(name), hint, err(name).is_some());
    let typed = move |name: &str| r.with_value(|r| r.value(name));
    let typed_quarter = typed("quarter");
    let milestone = measure.rule.kind == Kind::Milestone;
    let hint = if milestone {
        "Done or not done.".to_string()
    } else if measure.unit.is_empty() {
        "A number.".to_string()
    } else {
        format!("A number, in {}.", measure.unit)
    };
    view! {
        <ActionForm action=action attr:class="usa-form pt-actual-form">
            <input type="hidden" name="measure_id" value=id/>
            <input type="hidden" name="back" value=back/>
            <input type="hidden" name="versions" value=encode_versions(&quarters)/>
            {r.with_value(|r| (!r.errors.is_empty()).then(|| r.message())).map(|message| view! {
                <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {message}")/>
            })}
            <FormGroup id=field("quarter") label="Quarter" error=err("quarter")>
                <select class="usa-select" id=field("quarter") name="quarter" aria-describedby=described("quarter", false)>
                    {quarters.iter().enumerate().map(|(i, (q, _))| {
                        let selected = match (typed_quarter.is_empty(), &default) {
                            (false, _) => *q == typed_quarter,
                            (true, Some(d)) if quarters.iter().any(|(x, _)| x == d) => q == d,
                            (true, _) => i == 0,
                        };
                        // Written as the pages write quarters ("FY2027 Q1"); sent as "2027-Q1".
                        let label = crate::model::fiscal::FiscalQuarter::parse(q).map_or(q.clone(), |f| f.to_string());
                        view! { <option value=q.clone() selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </FormGroup>
            <FormGroup id=field("actual") label=format!("Actual: {}", measure.name) hint=hint error=err("actual")>
                {if milestone {
                    view! {
                        <select class="usa-select" id=field("actual") name="actual" aria-describedby=described("actual", true)>
                            <option value="" selected=typed("actual").is_empty()>"- Select -"</option>
                            <option value="done" selected=typed("actual") == "done">"Done"</option>
                            <option value="not done" selected=typed("actual") == "not done">"Not done"</option>
                        </select>
                    }.into_any()
                } else {
                    view! {
                        <input class="usa-input usa-input--medium" id=field("actual") name="actual" inputmode="decimal"
                            value=typed("actual") aria-describedby=described("actual", true)/>
                    }.into_any()
                }}
            </FormGroup>
            <div class="usa-checkbox">
                <input class="usa-checkbox__input" type="checkbox" id=field("lag") name="data_lag" value="on" checked=typed("data_lag") == "on"/>
                <label class="usa-checkbox__label" for=field("lag")>"Data not yet available (a data lag, not a miss)"</label>
            </div>
            <FormGroup id=field("note") label="Note (optional)" error=err("note")>
                <input class="usa-input" id=field("note") name="note" value=typed("note") aria-describedby=described("note", false)/>
            </FormGroup>
            <SubmitButton label="Record actual" class="usa-button margin-top-2"/>
        </ActionForm>
    }
}

/// A table row's header cell naming a measure: its name linking to its page, then
/// `context` (what it is attached to) in muted text.
#[component]
pub fn MeasureRowHeader(id: i64, name: String, context: String) -> impl IntoView {
    view! {
        <th scope="row" data-label="Measure">
            <a href=format!("/measures/{id}")>{name}</a>
            <span class="pt-muted">{context}</span>
        </th>
    }
}
