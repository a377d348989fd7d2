//! The exceptions list: strategies at risk or off track and measures behind or not met,
//! each with its owner, since when, the explanation and the corrective action.

use super::measure::TargetTag;
use super::status::StatusTag;
use crate::components::outlook::MarkTag;
use crate::model::exception::Exceptions;
use crate::model::fiscal::FiscalQuarter;
use leptos::prelude::*;

/// Text, or a dash that says nothing was written.
fn or_none(text: &str, none: &'static str) -> String {
    match text.trim() {
        "" => none.to_string(),
        t => t.to_string(),
    }
}

/// The exceptions of `quarter` under heading `id` ("exceptions-heading"), at heading
/// level 2 on a goal page and 3 inside the dashboard.
#[component]
pub fn ExceptionsList(
    exceptions: Exceptions,
    quarter: FiscalQuarter,
    #[prop(into)] id: String,
    #[prop(optional)] level3: bool,
) -> impl IntoView {
    let (ns, nm) = (exceptions.strategies.len(), exceptions.measures.len());
    let heading = format!(
        "Exceptions in {quarter}: {ns} {}, {nm} {}",
        if ns == 1 { "strategy" } else { "strategies" },
        if nm == 1 { "measure" } else { "measures" }
    );
    let heading = if level3 {
        view! { <h3 id=id.clone()>{heading}</h3> }.into_any()
    } else {
        view! { <h2 id=id.clone()>{heading}</h2> }.into_any()
    };
    let empty = exceptions.is_empty();
    view! {
        <section aria-labelledby=id class="pt-exceptions">
            {heading}
            {empty.then(|| view! {
                <p>{format!("No strategy is at risk or off track and no measure is behind, not met or likely to miss in {quarter}.")}</p>
            })}
            {(!exceptions.strategies.is_empty()).then(|| view! {
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide pt-exception-table">
                    <caption>{format!("Strategies at risk or off track ({ns}), off track first")}</caption>
                    <thead><tr>
                        <th scope="col">"Strategy"</th><th scope="col">"Owner"</th><th scope="col">"Status"</th>
                        <th scope="col">"Explanation"</th><th scope="col">"Corrective action"</th>
                    </tr></thead>
                    <tbody>
                        {exceptions.strategies.into_iter().map(|s| view! {
                            <tr data-strategy=s.number.clone()>
                                <th scope="row" data-label="Strategy">
                                    <a href=format!("/strategies/{}", s.number)>{format!("Strategy {}", s.number)}</a>
                                    <span class="pt-exception-title">{s.title.clone()}</span>
                                </th>
                                <td data-label="Owner">{or_none(&s.owner, "No owner")}</td>
                                <td data-label="Status">
                                    <StatusTag status=Some(s.status)/>
                                    <span class="pt-since">{s.since_words(quarter)}</span>
                                </td>
                                <td data-label="Explanation">{or_none(&s.explanation, "— None given")}</td>
                                <td data-label="Corrective action">{or_none(&s.corrective_action, "— None given")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!exceptions.measures.is_empty()).then(|| view! {
                <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide pt-exception-table">
                    <caption>{format!("Measures behind, not met or likely to miss ({nm}), not met first")}</caption>
                    <thead><tr>
                        <th scope="col">"Measure"</th><th scope="col">"Owner"</th><th scope="col">"State"</th>
                        <th scope="col">"Actual and target"</th><th scope="col">"Why, and the plan to meet it"</th>
                    </tr></thead>
                    <tbody>
                        {exceptions.measures.into_iter().map(|m| {
                            let why = match (m.why.trim(), m.plan.trim()) {
                                ("", "") => "— None recorded".to_string(),
                                (w, "") => w.to_string(),
                                ("", p) => format!("Plan: {p}"),
                                (w, p) => format!("{w} Plan: {p}"),
                            };
                            view! {
                                <tr data-measure=m.id>
                                    <th scope="row" data-label="Measure">
                                        <a href=format!("/measures/{}", m.id)>{m.name.clone()}</a>
                                        <span class="pt-exception-title"><a href=m.attached.1.clone()>{m.attached.0.clone()}</a></span>
                                    </th>
                                    <td data-label="Owner">{or_none(&m.owner, "No owner")}</td>
                                    <td data-label="State">
                                        <TargetTag state=m.state/>
                                        {(!m.likely_to_miss.is_empty()).then(|| view! {
                                            <span class="pt-since"><MarkTag mark=crate::model::glossary::Mark::Down words=m.likely_to_miss.clone()/></span>
                                        })}
                                    </td>
                                    <td data-label="Actual and target">{format!("{} (target {})", m.actual, m.target)}</td>
                                    <td data-label="Why, and the plan">{why}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
