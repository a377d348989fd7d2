//! `/reviews/:quarter`: the working group's quarterly review meeting — when and who, the
//! agenda built from the quarter's data with what is recorded per item, follow-up actions,
//! sign-off, and addenda after it.

use crate::api::meeting::{
    get_review, AddAgendaItem, AddReviewAddendum, SetReviewDetails, SignOffReview,
};
use crate::components::actions::{ActionTable, AddActionForm};
use crate::components::agenda::AgendaEntry;
use crate::components::alert::{Alert, Tone};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::form_group::group_class;
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::proposals::{DecideForm, ProposalTable};
use crate::components::submit::SubmitButton;
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use crate::model::meeting::Meeting;
use leptos::prelude::*;
use leptos_meta::Title;

/// The review page.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let param = route_param("quarter");
    let data = Resource::new(param, get_review);
    view! {
        <Loaded data=data loading="Loading the review…" render=move |m| view! { <Review m=m/> }/>
    }
}

/// The refused form named `name`, if it is the one that came back.
fn returned_for(m: &Meeting, name: &str) -> Option<Returned> {
    m.returned.clone().filter(|r| r.is_form(name))
}

#[component]
fn Review(m: Meeting) -> impl IntoView {
    let q = m.quarter;
    let slug = q.slug();
    let title = format!("Quarterly review, {q}");
    let editable = m.can_run && !m.closed();
    let count = m.items.len();
    let items_list: Vec<(i64, String)> = m
        .items
        .iter()
        .map(|i| (i.id, format!("{}. {}", i.position, i.title)))
        .collect();
    let close_returned = m.returned.clone().and_then(|r| {
        let id = r.form.strip_prefix("close-")?.parse::<i64>().ok()?;
        Some((id, r))
    });
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![("Reviews".into(), "/reviews".into())] current=q.to_string()/>
        <h1>{title}</h1>
        {match m.signed_off.clone() {
            Some(s) => view! {
                <Alert tone=Tone::Info slim=true text=format!("{} {s}. The record is read-only; later notes are addenda.", Mark::Done.glyph())/>
            }.into_any(),
            None => view! { <p class="usa-intro">{Mark::Going.glyph()}" Open: the agenda below was built from the quarter's data; record each item, agree actions, and the chair signs it off."</p> }.into_any(),
        }}
        <p><a href=format!("/quarters/{slug}")>{format!("{q} status")}</a>" · "
           // Only the working group follows the call and approves: no link a reader cannot follow.
           {m.can_run.then(|| view! {
               <a href=format!("/quarters/{slug}/call")>{format!("{q} data call")}</a>" · "
               <a href=format!("/quarters/{slug}/inbox")>{format!("{q} approval inbox")}</a>" · "
           })}
           <a href=format!("/reviews/{slug}/packet")>"Briefing packet (print or PDF)"</a></p>
        <Details m=m.clone() editable=editable/>
        <section aria-labelledby="agenda-heading" id="agenda">
            <h2 id="agenda-heading">{crate::model::meeting::agenda_heading(count)}</h2>
            {(count == 0).then(|| view! { <p>"The quarter's data put nothing on the agenda: no strategy at risk, no measure behind, nothing missing or overdue. Add an item by hand below."</p> })}
            {m.items.clone().into_iter().enumerate().map(|(i, item)| {
                let returned = returned_for(&m, &format!("item-{}", item.id));
                view! {
                    <AgendaEntry item=item quarter=slug.clone() editable=editable risks=m.risks.clone()
                        returned=returned first=i == 0 last=i + 1 == count/>
                }
            }).collect_view()}
            {editable.then(|| view! { <AddItem quarter=slug.clone() returned=returned_for(&m, "add_item")/> })}
        </section>
        <section aria-labelledby="actions-heading" id="actions">
            <h2 id="actions-heading">"Follow-up actions"</h2>
            {if m.actions.is_empty() {
                view! { <p>"No action has been agreed at this review yet."</p> }.into_any()
            } else {
                view! { <ActionTable actions=m.actions.clone() quarter=slug.clone() can_close=m.can_run
                    returned=close_returned caption=format!("Actions agreed at the {q} review")/> }.into_any()
            }}
            {editable.then(|| view! {
                <AddActionForm quarter=slug.clone() people=m.people.clone() items=items_list returned=returned_for(&m, "action")/>
            })}
        </section>
        <section aria-labelledby="proposals-heading" id="proposals">
            <h2 id="proposals-heading">"Proposed changes to the plan"</h2>
            {if m.proposals.is_empty() {
                view! { <p>"No change to the plan is proposed. "<a href="/plan/proposals/new">"Propose one"</a>"."</p> }.into_any()
            } else {
                let open: Vec<_> = m.proposals.iter().filter(|p| p.state == crate::model::proposal::ProposalState::Proposed).cloned().collect();
                view! {
                    <ProposalTable proposals=m.proposals.clone() caption=format!("Change proposals before the {q} review")/>
                    {match returned_for(&m, "proposals") {
                        Some(r) if open.is_empty() => Some(view! { <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {}", r.message())/> }.into_any()),
                        r if editable && !open.is_empty() => Some(view! { <DecideForm quarter=slug.clone() open=open returned=r/> }.into_any()),
                        _ => None,
                    }}
                }.into_any()
            }}
        </section>
        {editable.then(|| view! { <SignOff m=m.clone()/> })}
        <Addenda m=m.clone()/>
    }
}

/// Date, chair, attendees and guests: a form while open, else what was recorded.
#[component]
fn Details(m: Meeting, editable: bool) -> impl IntoView {
    let chair = m
        .chair
        .clone()
        .map(|(_, n)| n)
        .unwrap_or_else(|| "Not set".into());
    let attendees = if m.attendees.is_empty() {
        "None recorded".to_string()
    } else {
        m.attendees
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let held = if m.held_on.is_empty() {
        "Not set".to_string()
    } else {
        crate::model::meeting::long_date(&m.held_on)
    };
    if !editable {
        return view! {
            <section aria-labelledby="details-heading" id="details">
                <h2 id="details-heading">"Meeting"</h2>
                <dl class="pt-facts">
                    <dt>"Date"</dt><dd>{held}</dd>
                    <dt>"Chair"</dt><dd>{chair}</dd>
                    <dt>"Attended"</dt><dd>{attendees}</dd>
                    <dt>"Guests"</dt><dd>{if m.guests.is_empty() { "None".to_string() } else { m.guests.clone() }}</dd>
                </dl>
            </section>
        }
        .into_any();
    }
    let save = ServerAction::<SetReviewDetails>::new();
    let returned = returned_for(&m, "details");
    let r = StoredValue::new(returned.clone());
    let typed = move |name: &str, stored: String| {
        r.with_value(|r| r.as_ref().map(|r| r.value(name)))
            .unwrap_or(stored)
    };
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let chair_id = typed(
        "chair",
        m.chair
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
    );
    let chosen: Vec<String> = match &returned {
        Some(r) => r
            .value("attendees")
            .split(',')
            .map(str::to_string)
            .collect(),
        None => m.attendees.iter().map(|(id, _)| id.to_string()).collect(),
    };
    view! {
        <section aria-labelledby="details-heading" id="details">
            <h2 id="details-heading">"Meeting"</h2>
            {returned.as_ref().filter(|r| !r.errors.is_empty()).map(|r| view! {
                <Alert tone=Tone::Error slim=true text=format!("Nothing was saved. {}", r.message())/>
            })}
            <ActionForm action=save attr:class="usa-form pt-form-wide">
                <input type="hidden" name="quarter" value=m.quarter.slug()/>
                <input type="hidden" name="version" value=m.version/>
                <div class="usa-form-group">
                    <label class="usa-label" for="review-date">"Meeting date"</label>
                    <span class="usa-hint" id="review-date-hint">"For example 2027-01-20."</span>
                    {err("held_on").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <input class="usa-input usa-input--medium" type="date" id="review-date" name="held_on"
                        value=typed("held_on", m.held_on.clone()) aria-describedby="review-date-hint"/>
                </div>
                <div class="usa-form-group">
                    <label class="usa-label" for="review-chair">"Chair"</label>
                    {err("chair").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <select class="usa-select" id="review-chair" name="chair">
                        <option value="" selected=chair_id.is_empty()>"- Select -"</option>
                        {m.people.iter().map(|(id, name)| {
                            let v = id.to_string();
                            view! { <option value=v.clone() selected=chair_id == v>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="usa-fieldset margin-top-2">
                    <legend class="usa-legend">"Attended"</legend>
                    {err("attendees").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    {m.people.iter().map(|(id, name)| {
                        let fid = format!("attendee-{id}");
                        let v = id.to_string();
                        view! {
                            <div class="usa-checkbox">
                                <input class="usa-checkbox__input" type="checkbox" id=fid.clone() name="attendees[]"
                                    value=v.clone() checked=chosen.contains(&v)/>
                                <label class="usa-checkbox__label" for=fid>{name.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="usa-form-group">
                    <label class="usa-label" for="review-guests">"Guests, by name"</label>
                    {err("guests").map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <textarea class="usa-textarea pt-textarea-short" id="review-guests" name="guests">{typed("guests", m.guests.clone())}</textarea>
                </div>
                <SubmitButton label="Save meeting details" class="usa-button margin-top-2"/>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// Adding an agenda item by hand.
#[component]
fn AddItem(quarter: String, returned: Option<Returned>) -> impl IntoView {
    let add = ServerAction::<AddAgendaItem>::new();
    let error = returned.as_ref().and_then(|r| r.error("title"));
    let typed = returned
        .as_ref()
        .map(|r| r.value("title"))
        .unwrap_or_default();
    let group = group_class(error.is_some());
    view! {
        <div id="add-item" class="margin-top-3">
            <ActionForm action=add attr:class="usa-form">
                <input type="hidden" name="quarter" value=quarter/>
                <div class=group>
                    <label class="usa-label" for="new-item">"Add an item by hand"</label>
                    {error.map(|e| view! { <span class="usa-error-message">{e}</span> })}
                    <input class="usa-input" id="new-item" name="title" value=typed/>
                </div>
                <SubmitButton label="Add item" class="usa-button usa-button--outline margin-top-1"/>
            </ActionForm>
        </div>
    }
}

/// Signing the review off.
#[component]
fn SignOff(m: Meeting) -> impl IntoView {
    let sign = ServerAction::<SignOffReview>::new();
    let returned = returned_for(&m, "sign_off");
    let who = m
        .chair
        .clone()
        .map(|(_, n)| n)
        .unwrap_or_else(|| "the chair (not set yet)".into());
    view! {
        <section aria-labelledby="sign-off-heading" id="sign-off">
            <h2 id="sign-off-heading">"Sign-off"</h2>
            {returned.map(|r| view! { <Alert tone=Tone::Error slim=true text=format!("Not signed off. {}", r.message())/> })}
            <p>{format!("Signed off by {who} (or an administrator), the review's record becomes read-only; open actions carry to the next review until closed.")}</p>
            <ActionForm action=sign attr:class="usa-form">
                <input type="hidden" name="quarter" value=m.quarter.slug()/>
                <input type="hidden" name="version" value=m.version/>
                <SubmitButton label="Sign off the review" class="usa-button"/>
            </ActionForm>
        </section>
    }
}

/// Addenda of a signed-off review, and the form adding one.
#[component]
fn Addenda(m: Meeting) -> impl IntoView {
    if !m.closed() {
        return ().into_any();
    }
    let add = ServerAction::<AddReviewAddendum>::new();
    let returned = returned_for(&m, "addendum");
    let error = returned.as_ref().and_then(|r| r.error("text"));
    let group = group_class(error.is_some());
    let typed = returned
        .as_ref()
        .map(|r| r.value("text"))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="addenda-heading" id="addenda">
            <h2 id="addenda-heading">"Addenda"</h2>
            {if m.addenda.is_empty() {
                view! { <p>"No addendum yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list">
                        {m.addenda.iter().map(|a| view! {
                            <li><span class="pt-pre">{a.text.clone()}</span><br/><span class="pt-muted">{format!("{}, {}", a.author, a.at)}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {m.can_run.then(|| view! {
                <ActionForm action=add attr:class="usa-form pt-form-wide">
                    <input type="hidden" name="quarter" value=m.quarter.slug()/>
                    <div class=group>
                        <label class="usa-label" for="addendum">"Add an addendum"</label>
                        {error.clone().map(|e| view! { <span class="usa-error-message">{e}</span> })}
                        <textarea class="usa-textarea pt-textarea-short" id="addendum" name="text">{typed.clone()}</textarea>
                    </div>
                    <SubmitButton label="Add addendum" class="usa-button margin-top-1"/>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}
