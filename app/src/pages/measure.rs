//! `/measures/:id`: a measure's definition and data quality, every year's targets and
//! actuals, the forms to record actuals, set targets and explain a miss, and its whole
//! history (every actual version and every target change).

use crate::api::lock::UnlockQuarter;
use crate::api::measure::{get_measure, SaveActual, SaveShortfall, SetTargets};
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::form_group::{described_by, group_class, FormGroup};
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::measure::{ActualForm, TargetTag};
use crate::components::outlook::{BandTag, ForecastText, LikelihoodTag, PaceTag};
use crate::components::submit::SubmitButton;
use crate::components::table_section::TableSection;
use crate::components::unlock::UnlockForm;
use crate::model::form::Returned;
use crate::model::view::{MeasurePage, MeasureYear};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The measure page's actions.
#[derive(Clone, Copy)]
struct Actions {
    actual: ServerAction<SaveActual>,
    targets: ServerAction<SetTargets>,
    shortfall: ServerAction<SaveShortfall>,
    unlock: ServerAction<UnlockQuarter>,
}

/// The measure page.
#[component]
pub fn MeasurePageView() -> impl IntoView {
    let param = route_param("id");
    let query = use_query_map();
    let actions = Actions {
        actual: ServerAction::new(),
        targets: ServerAction::new(),
        shortfall: ServerAction::new(),
        unlock: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                param(),
                query.read().get("fy"),
                actions.actual.version().get()
                    + actions.targets.version().get()
                    + actions.shortfall.version().get()
                    + actions.unlock.version().get(),
            )
        },
        |(id, fy, _)| async move {
            match id.parse::<i64>() {
                Ok(id) => get_measure(id, fy).await,
                Err(_) => Err(crate::model::AppError::NotFound(format!(
                    "There is no measure \"{id}\"."
                ))),
            }
        },
    );
    view! {
        <Loaded data=data loading="Loading the measure…" render=move |p| view! { <Measure page=p actions=actions/> }/>
    }
}

/// The returned form if it is the one named `form`.
fn returned_for(page: &MeasurePage, form: &str) -> Option<Returned> {
    page.returned.clone().filter(|r| r.is_form(form))
}

#[component]
fn Measure(page: MeasurePage, actions: Actions) -> impl IntoView {
    let m = page.measure.clone();
    let title = m.name.clone();
    let baseline = match (m.baseline_value, m.baseline_fy) {
        (Some(v), Some(y)) => format!("{} in FY{y}", m.show(v)),
        _ => "Not recorded".into(),
    };
    let or_missing = |t: &str| {
        if t.is_empty() {
            "Not recorded".to_string()
        } else {
            t.to_string()
        }
    };
    let back = format!("/measures/{}", m.id);
    view! {
        <Title text=title.clone()/>
        <Breadcrumb
            trail=vec![("Plan".into(), "/".into()), (m.attached_label.clone(), m.attached_href.clone())]
            current=title.clone()
        />
        <p class="pt-kicker">{format!("Performance measure · {}", m.attached_label)}</p>
        <h1>{title}</h1>
        <dl class="pt-facts">
            <dt>"Unit"</dt><dd>{or_missing(&m.unit)}</dd>
            <dt>"Direction"</dt><dd>{m.rule.direction.label()}</dd>
            <dt>"Kind"</dt><dd>{m.rule.kind.label()}</dd>
            <dt>"Year from quarters"</dt><dd>{m.rule.aggregation.label()}</dd>
            <dt>"Baseline"</dt><dd>{baseline}</dd>
            {(m.rule.kind == crate::model::measure::Kind::Milestone).then(|| view! {
                <dt>"Definition of done"</dt><dd class="pt-pre">{or_missing(&m.done_when)}</dd>
            })}
        </dl>
        <h2>"Data quality"</h2>
        <dl class="pt-facts">
            <dt>"Data source"</dt><dd class="pt-pre">{or_missing(&m.data_source)}</dd>
            <dt>"Verification and validation"</dt><dd class="pt-pre">{or_missing(&m.verification)}</dd>
            <dt>"Accuracy required"</dt><dd class="pt-pre">{or_missing(&m.accuracy)}</dd>
            <dt>"Known limitations"</dt><dd class="pt-pre">{or_missing(&m.limitations)}</dd>
            <dt>"How they are compensated for"</dt><dd class="pt-pre">{or_missing(&m.compensation)}</dd>
            <dt>"Data available"</dt><dd>{crate::model::measure::lag_words(m.lag_days)}</dd>
        </dl>
        {page.can_edit.then(|| view! { <p><a class="usa-button usa-button--outline" href=format!("/measures/{}/edit", m.id)>"Edit this measure"</a></p> })}
        <section aria-labelledby="outlook-heading">
            <h2 id="outlook-heading">{format!("FY{} so far and its forecast", page.standing.0)}</h2>
            <dl class="pt-facts">
                <dt>"Band"</dt><dd><BandTag standing=page.standing.1.clone()/></dd>
                <dt>"Pace"</dt><dd><PaceTag standing=page.standing.1.clone() measure=m.clone()/></dd>
                <dt>"Forecast"</dt><dd><ForecastText standing=page.standing.1.clone() measure=m.clone()/></dd>
                <dt>"Likelihood"</dt><dd><LikelihoodTag standing=page.standing.1.clone()/></dd>
                {page.scoring.iter().map(|(what, how)| view! { <dt>{what.clone()}</dt><dd>{how.clone()}</dd> }).collect_view()}
            </dl>
            {page.can_record.then(|| view! { <p><a class="usa-button usa-button--outline" href=format!("/measures/{}/thresholds", m.id)>"Set thresholds and profile"</a></p> })}
        </section>
        <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">"Charts"</h2>
            {page.charts.iter().map(|c| view! { <crate::components::chart::ChartFigure drawn=c.clone()/> }).collect_view()}
        </section>
        <section aria-labelledby="years-heading">
            <h2 id="years-heading">"Targets and actuals by fiscal year"</h2>
            {page.years.iter().map(|y| view! { <Year year=y.clone() page=page.clone() action=actions.shortfall/> }).collect_view()}
        </section>
        {page.can_record.then(|| view! {
            <section aria-labelledby="record-heading" class="pt-panel">
                <h2 id="record-heading">"Record an actual"</h2>
                <p class="pt-targets-beside">{page.record_targets.clone()}</p>
                <ActualForm measure=m.clone() quarters=page.quarters.clone() default=page.record_default.clone() returned=returned_for(&page, "actual") back=back.clone() action=actions.actual/>
                {(!page.locked.is_empty()).then(|| view! {
                    <p class="usa-hint">{format!(
                        "Locked (the data call has closed): {}. {}",
                        page.locked.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>().join(", "),
                        if page.can_unlock { "Unlock one below to correct it." } else { "Ask the working group to unlock one if it needs a correction." },
                    )}</p>
                })}
            </section>
        })}
        {(page.can_unlock && !page.locked.is_empty()).then(|| view! {
            <section aria-labelledby="unlock-heading" class="pt-panel">
                <h2 id="unlock-heading">"Unlock a locked quarter"</h2>
                <UnlockForm action=actions.unlock kind="measure" item=m.id.to_string()
                    quarters=page.locked.clone() returned=returned_for(&page, "unlock")/>
            </section>
        })}
        {page.can_edit.then(|| view! { <TargetForm page=page.clone() action=actions.targets/> })}
        <TableSection id="history-heading" heading="Actuals history" class="usa-table usa-table--stacked pt-table-wide"
            caption="Every recorded actual, newest first" columns=&["Quarter", "Actual", "Version", "Recorded", "Note", "Discussion"]
            rows=page.history.len() empty="No actual has been recorded yet.">
                            {page.history.iter().map(|a| view! {
                                <tr>
                                    <td data-label="Quarter">{format!("FY{} Q{}", a.fiscal_year, a.quarter)}</td>
                                    <td data-label="Actual">{a.shown.clone()}</td>
                                    <td data-label="Version">{if a.version > 1 { format!("{} (correction)", a.version) } else { "1".into() }}</td>
                                    <td data-label="Recorded">{format!("{}, {}", a.author, a.recorded)}</td>
                                    <td data-label="Note">{a.note.clone()}</td>
                                    <td data-label="Discussion"><a class="usa-link" href=crate::model::comment::Subject::Actual(m.id, a.fiscal_year, a.quarter, a.version).page()>{format!("Discuss FY{} Q{} version {}", a.fiscal_year, a.quarter, a.version)}</a></td>
                                </tr>
                            }).collect_view()}
        </TableSection>
        <crate::components::evidence::EvidenceSection kind="measure" item=m.id.to_string()
            list=page.evidence.clone() what="actual"/>
        <TableSection id="log-heading" heading="Target change log" class="usa-table usa-table--stacked pt-table-wide pt-target-log"
            caption="Every target change, newest first" columns=&["Target", "From", "To", "Reason", "Changed"]
            rows=page.target_log.len() empty="No target has been set yet.">
                            {page.target_log.iter().map(|c| view! {
                                <tr>
                                    <td data-label="Target">{c.what()}</td>
                                    <td data-label="From">{c.old_value.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td data-label="To">{c.new_value.clone().unwrap_or_else(|| "Removed".into())}</td>
                                    <td data-label="Reason">{c.reason.clone()}</td>
                                    <td data-label="Changed">{format!("{}, {}", c.author, c.recorded)}</td>
                                </tr>
                            }).collect_view()}
        </TableSection>
        {page.discussion.clone().map(|d| view! { <crate::components::discussion::DiscussionView d=d/> })}
    }
}

/// One fiscal year: APP target, IP quarters, actuals, state, and any shortfall.
#[component]
fn Year(
    year: MeasureYear,
    page: MeasurePage,
    action: ServerAction<SaveShortfall>,
) -> impl IntoView {
    let fy = year.fiscal_year;
    let returned =
        returned_for(&page, "shortfall").filter(|r| r.value("fiscal_year") == fy.to_string());
    let ask = year.needs_explanation && page.can_record;
    let annual = year.annual.clone().unwrap_or_else(|| "No target".into());
    view! {
        <div class="pt-year" id=format!("fy{fy}")>
            <h3>
                {format!("FY{fy}")}
                <span class="pt-muted">{format!(" · APP {}", year.app_state.to_lowercase())}</span>
            </h3>
            <table class="usa-table usa-table--borderless pt-table-wide pt-wide-only">
                <caption class="usa-sr-only">{format!("FY{fy} targets and actuals by quarter")}</caption>
                <thead><tr><th scope="col">"Figure"</th>{(1..=4).map(|q| view! { <th scope="col">{format!("Q{q}")}</th> }).collect_view()}<th scope="col">"Year"</th></tr></thead>
                <tbody>
                    <tr><th scope="row">"Target"</th>{year.quarterly.iter().map(|t| view! { <td>{t.clone()}</td> }).collect_view()}<td>{annual.clone()}</td></tr>
                    <tr><th scope="row">"Actual"</th>{year.actuals.iter().map(|a| view! { <td>{a.clone()}</td> }).collect_view()}<td>{year.year_actual.clone()}</td></tr>
                </tbody>
            </table>
            // A phone gets the same figures a quarter per row, so nothing runs off the screen.
            <table class="usa-table usa-table--borderless pt-narrow-only">
                <caption class="usa-sr-only">{format!("FY{fy} targets and actuals by quarter")}</caption>
                <thead><tr><th scope="col">"Quarter"</th><th scope="col">"Target"</th><th scope="col">"Actual"</th></tr></thead>
                <tbody>
                    {(0..4).map(|i| view! {
                        <tr>
                            <th scope="row">{format!("Q{}", i + 1)}</th>
                            <td>{year.quarterly.get(i).cloned().unwrap_or_default()}</td>
                            <td>{year.actuals.get(i).cloned().unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                    <tr><th scope="row">"Year"</th><td>{annual}</td><td>{year.year_actual.clone()}</td></tr>
                </tbody>
            </table>
            <p>"State: " <TargetTag state=year.state/> {(!year.closed).then_some(" (the year is still open)")}</p>
            {year.shortfall.clone().map(|s| view! {
                <div class="pt-shortfall">
                    <h4>"Why the target was not met"</h4>
                    <p class="pt-pre">{s.why}</p>
                    {(!s.plan.is_empty()).then(|| view! { <h4>"Plan and schedule to meet it"</h4><p class="pt-pre">{s.plan.clone()}</p><p class="pt-pre">{s.schedule.clone()}</p> })}
                    {(!s.infeasible.is_empty()).then(|| view! { <h4>"Why it is impractical or infeasible"</h4><p class="pt-pre">{s.infeasible.clone()}</p> })}
                    <p class="pt-muted">{format!("Explained by {}, {}", s.author, s.recorded)}</p>
                </div>
            })}
            {ask.then(|| {
                let r = returned.unwrap_or_default();
                let prefill = year.shortfall.clone().unwrap_or_default();
                let fields = [
                    ("why", "Why the target was not met", prefill.why),
                    ("plan", "Plan to meet the target", prefill.plan),
                    ("schedule", "Schedule for that plan", prefill.schedule),
                    ("infeasible", "Or: why meeting the target is impractical or infeasible", prefill.infeasible),
                ]
                .map(|(name, label, current)| {
                    let value = if r.input.is_empty() { current } else { r.value(name) };
                    (name, label, value, r.error(name))
                });
                let message = (!r.errors.is_empty()).then(|| r.message());
                view! {
                    <div class="pt-panel">
                        <h4>{if year.shortfall.is_some() { "Update the explanation" } else { "Explanation needed: the annual target was not met" }}</h4>
                        {message.map(|m| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {m}")/> })}
                        <ActionForm action=action attr:class="usa-form usa-form--large">
                            <input type="hidden" name="measure_id" value=page.measure.id/>
                            <input type="hidden" name="fiscal_year" value=fy/>
                            {fields.into_iter().map(|(name, label, value, error)| {
                                let id = format!("fy{fy}-{name}");
                                let described = described_by(&id, false, error.is_some());
                                view! {
                                    <FormGroup id=id.clone() label=label error=error>
                                        <textarea class="usa-textarea" id=id name=name aria-describedby=described>{value}</textarea>
                                    </FormGroup>
                                }
                            }).collect_view()}
                            <SubmitButton label="Save the explanation" class="usa-button margin-top-2"/>
                        </ActionForm>
                    </div>
                }
            })}
        </div>
    }
}

/// Sets a year's annual (APP) and quarterly (IP) targets, with the reason for the change.
#[component]
fn TargetForm(page: MeasurePage, action: ServerAction<SetTargets>) -> impl IntoView {
    let fy = page.target_year;
    let r = returned_for(&page, "targets");
    let names = ["annual", "q1", "q2", "q3", "q4"];
    let labels = [
        format!("FY{fy} annual target (APP)"),
        "Q1 target (IP)".into(),
        "Q2 target (IP)".into(),
        "Q3 target (IP)".into(),
        "Q4 target (IP)".into(),
    ];
    let rows: Vec<_> = (0..5)
        .map(|i| {
            let value = match &r {
                Some(r) => r.value(names[i]),
                None => page.target_values.get(i).cloned().unwrap_or_default(),
            };
            let error = r.as_ref().and_then(|r| r.error(names[i]));
            (names[i], labels[i].clone(), value, error)
        })
        .collect();
    let reason_error = r.as_ref().and_then(|r| r.error("reason"));
    let reason_class = group_class(reason_error.is_some());
    let hint = if page.measure.rule.kind == crate::model::measure::Kind::Milestone {
        "done or not done; empty for none"
    } else {
        "a number; empty for none"
    };
    view! {
        <section aria-labelledby="targets-heading" class="pt-panel" id="targets">
            <h2 id="targets-heading">{format!("Targets for FY{fy}")}</h2>
            <form method="get" action=format!("/measures/{}", page.measure.id) class="usa-form pt-filter">
                <div>
                    <label class="usa-label" for="target-year">"Fiscal year"</label>
                    <input class="usa-input usa-input--small" id="target-year" name="fy" inputmode="numeric" value=fy.to_string()/>
                </div>
                <button class="usa-button usa-button--outline margin-top-3" type="submit">"Show that year"</button>
            </form>
            {page.annual_closed.clone().map(|t| view! { <p class="usa-hint">{t}</p> })}
            {r.as_ref().filter(|r| !r.errors.is_empty()).map(|r| view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {}", r.message())/> })}
            <ActionForm action=action attr:class="usa-form usa-form--large">
                <input type="hidden" name="measure_id" value=page.measure.id/>
                <input type="hidden" name="fiscal_year" value=fy/>
                <input type="hidden" name="shown" value=page.target_values.join("|")/>
                {rows.into_iter().map(|(name, label, value, error)| {
                    let class = group_class(error.is_some());
                    let id = format!("target-{name}");
                    let hint_id = format!("target-{name}-hint");
                    view! {
                        <div class=class>
                            <label class="usa-label" for=id.clone()>{label}</label>
                            <span class="usa-hint" id=hint_id.clone()>{hint}</span>
                            {error.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                            <input class="usa-input usa-input--medium" id=id name=name value=value aria-describedby=hint_id/>
                        </div>
                    }
                }).collect_view()}
                <div class=reason_class>
                    <label class="usa-label" for="target-reason">"Reason for the change"</label>
                    <span class="usa-hint" id="target-reason-hint">"Logged with your name and the time. Optional only when first drafting a target."</span>
                    {reason_error.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <textarea class="usa-textarea" id="target-reason" name="reason" aria-describedby="target-reason-hint">{r.as_ref().map(|r| r.value("reason")).unwrap_or_default()}</textarea>
                </div>
                <SubmitButton label="Save targets" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
    }
}
