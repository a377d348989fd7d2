//! One agenda item of a review meeting: why it is on the agenda, and what the meeting
//! records for it (a form while the review is open and the reader runs it; read-only
//! after sign-off).

use super::alert::{Alert, Tone};
use super::form_group::{described_by, FormGroup};
use super::submit::SubmitButton;
use crate::api::meeting::{MoveAgendaItem, RecordAgendaItem};
use crate::model::form::Returned;
use crate::model::meeting::{AgendaItem, Likelihood, Move};
use leptos::prelude::*;

/// The anchor of agenda item `id`.
pub fn item_anchor(id: i64) -> String {
    format!("item-{id}")
}

/// An agenda item; `editable` when the reader runs an open review. `returned` is this
/// item's refused form, if any.
#[component]
pub fn AgendaEntry(
    item: AgendaItem,
    quarter: String,
    editable: bool,
    risks: Vec<(i64, String)>,
    returned: Option<Returned>,
    /// Whether it is the first or last item (no move up / down).
    first: bool,
    last: bool,
) -> impl IntoView {
    let anchor = item_anchor(item.id);
    let heading = format!("{anchor}-heading");
    let title = view! {
        {format!("{}. ", item.position)}
        {match item.link.clone() {
            Some(href) => view! { <a href=href>{item.title.clone()}</a> }.into_any(),
            None => view! { {item.title.clone()} }.into_any(),
        }}
    };
    let body = if editable {
        view! { <ItemForm item=item.clone() quarter=quarter.clone() risks=risks returned=returned first=first last=last/> }.into_any()
    } else {
        view! { <ItemRecord item=item.clone()/> }.into_any()
    };
    view! {
        <section class="pt-panel pt-agenda-item" id=anchor aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{title}</h3>
            <p class="pt-muted">{item.reason.clone()}</p>
            <p class="pt-discussion-count">
                <a class="usa-link" href=crate::model::comment::Subject::AgendaItem(item.id).page()>{format!("Discussion of item {}", item.position)}</a>
                {format!(" ({})", crate::model::comment::open_words(item.open_threads).to_lowercase())}
            </p>
            {body}
        </section>
    }
}

/// What was recorded, read-only.
#[component]
fn ItemRecord(item: AgendaItem) -> impl IntoView {
    let facts = [
        ("Notes", item.notes),
        (
            "Likelihood of meeting the planned level",
            item.likelihood
                .map(|l| l.label().to_string())
                .unwrap_or_default(),
        ),
        (
            "Forecast",
            item.forecast
                .as_ref()
                .map(|(_, words)| words.clone())
                .unwrap_or_default(),
        ),
        (
            "Risk category",
            item.risk.map(|(_, n)| n).unwrap_or_default(),
        ),
        ("Improvement strategy", item.improvement),
        ("Decisions", item.decisions),
    ];
    let recorded: Vec<_> = facts.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    if recorded.is_empty() {
        return view! { <p>"Nothing was recorded for this item."</p> }.into_any();
    }
    view! {
        <dl class="pt-facts">
            {recorded.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="pt-pre">{v}</dd> }).collect_view()}
        </dl>
    }
    .into_any()
}

/// The item's form, with what was typed and the problems when it came back refused.
#[component]
fn ItemForm(
    item: AgendaItem,
    quarter: String,
    risks: Vec<(i64, String)>,
    returned: Option<Returned>,
    first: bool,
    last: bool,
) -> impl IntoView {
    let record = ServerAction::<RecordAgendaItem>::new();
    let moving = ServerAction::<MoveAgendaItem>::new();
    let id = item.id;
    let r = StoredValue::new(returned.clone());
    let typed = move |name: &str, stored: String| {
        r.with_value(|r| r.as_ref().map(|r| r.value(name)))
            .unwrap_or(stored)
    };
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let field = move |name: &str| format!("item-{id}-{name}");
    // A category retired since stays on the item that has it.
    let offered: Vec<i64> = risks.iter().map(|(id, _)| *id).collect();
    // Pre-filled from the forecast until someone records their own; both are shown.
    let likelihood = typed(
        "likelihood",
        item.likelihood
            .or(item.forecast.as_ref().map(|(l, _)| *l))
            .map(|l| l.as_str().to_string())
            .unwrap_or_default(),
    );
    let forecast_hint = item
        .forecast
        .as_ref()
        .map(|(l, words)| match item.likelihood {
            Some(recorded) if recorded != *l => {
                format!("Recorded: {}. The forecast says {words}.", recorded.words())
            }
            Some(_) => format!("The forecast agrees: {words}."),
            None => format!("Pre-filled from the forecast: {words}. Change it if you know better."),
        });
    let risk = typed(
        "risk",
        item.risk
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
    );
    let area = move |name: &'static str,
                     label: &'static str,
                     value: String,
                     hint: Option<&'static str>| {
        let fid = field(name);
        let described = described_by(&fid, hint.is_some(), err(name).is_some());
        view! {
            <FormGroup id=fid.clone() label=label hint=hint.unwrap_or_default() error=err(name)>
                <textarea class="usa-textarea pt-textarea-short" id=fid name=name
                    aria-describedby=described>{value}</textarea>
            </FormGroup>
        }
    };
    let (q_move, title) = (quarter.clone(), item.title.clone());
    let mover = |direction: Move| {
        let (quarter, label) = (q_move.clone(), format!(": {title}"));
        view! {
            <ActionForm action=moving attr:class="pt-inline">
                <input type="hidden" name="quarter" value=quarter/>
                <input type="hidden" name="item" value=id/>
                <input type="hidden" name="direction" value=direction.as_str()/>
                <button class="usa-button usa-button--unstyled" type="submit">{direction.label()}<span class="usa-sr-only">{label}</span></button>
            </ActionForm>
        }
    };
    let (up, down) = (
        (!first).then(|| mover(Move::Up)),
        (!last).then(|| mover(Move::Down)),
    );
    view! {
        {returned.as_ref().filter(|r| !r.errors.is_empty()).map(|r| view! {
            <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {}", r.message())/>
        })}
        <ActionForm action=record attr:class="usa-form pt-form-wide">
            <input type="hidden" name="quarter" value=quarter.clone()/>
            <input type="hidden" name="item" value=id/>
            <input type="hidden" name="version" value=item.version/>
            {area("notes", "Notes", typed("notes", item.notes.clone()), None)}
            <div class="pt-update-pair">
                <FormGroup id=field("likelihood") label="Likelihood of meeting the planned level" hint=forecast_hint.clone().unwrap_or_default() error=err("likelihood")>
                    <select class="usa-select" id=field("likelihood") name="likelihood"
                        aria-describedby=described_by(&field("likelihood"), forecast_hint.is_some(), err("likelihood").is_some())>
                        <option value="" selected=likelihood.is_empty()>"- Not assessed -"</option>
                        {Likelihood::ALL.into_iter().map(|l| view! {
                            <option value=l.as_str() selected=likelihood == l.as_str()>{l.label()}</option>
                        }).collect_view()}
                    </select>
                </FormGroup>
                <FormGroup id=field("risk") label="Risk category" error=err("risk")>
                    <select class="usa-select" id=field("risk") name="risk"
                        aria-describedby=described_by(&field("risk"), false, err("risk").is_some())>
                        <option value="" selected=risk.is_empty()>"- None -"</option>
                        {risks.into_iter().chain(item.risk.clone().filter(|own| !offered.contains(&own.0))).map(|(rid, name)| {
                            let v = rid.to_string();
                            view! { <option value=v.clone() selected=risk == v>{name}</option> }
                        }).collect_view()}
                    </select>
                </FormGroup>
            </div>
            {area("improvement", "Improvement strategy", typed("improvement", item.improvement.clone()), Some("Required when the likelihood is low (the risk is high)."))}
            {area("decisions", "Decisions", typed("decisions", item.decisions.clone()), None)}
            <SubmitButton label="Save item" class="usa-button margin-top-2"/>
        </ActionForm>
        <div class="pt-move">
            {up}
            {down}
        </div>
    }
}
