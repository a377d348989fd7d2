//! Follow-up actions of a review: the list (overdue ones stand out), closing one with a
//! note, and adding one with its owner and due date.

use super::alert::{Alert, Tone};
use super::form_group::{described_by, FormGroup};
use super::submit::SubmitButton;
use crate::api::action::{AddReviewAction, CloseReviewAction};
use crate::model::form::Returned;
use crate::model::glossary::Mark;
use crate::model::meeting::Action;
use leptos::prelude::*;

/// A table of actions; `quarter` is the review page the close forms come back to ("" for
/// `/reviews`); `can_close` when the reader runs reviews.
#[component]
pub fn ActionTable(
    actions: Vec<Action>,
    #[prop(into)] quarter: String,
    can_close: bool,
    /// A refused close form: (action id, what was typed and why).
    returned: Option<(i64, Returned)>,
    #[prop(into)] caption: String,
) -> impl IntoView {
    let close = ServerAction::<CloseReviewAction>::new();
    view! {
        <table class="usa-table usa-table--borderless usa-table--stacked pt-table-wide">
            <caption class="usa-sr-only">{caption}</caption>
            <thead><tr>
                <th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Due"</th>
                <th scope="col">"From"</th><th scope="col">"State"</th>
            </tr></thead>
            <tbody>
                {actions.into_iter().map(|a| {
                    let refused = returned.as_ref().filter(|(id, _)| *id == a.id).map(|(_, r)| r.clone());
                    let review = crate::model::fiscal::quarter_words(&a.from);
                    let from = match &a.item {
                        Some(item) => format!("{review} review: {item}"),
                        None => format!("{review} review"),
                    };
                    let state = match (&a.closed, a.overdue) {
                        (Some(c), _) => view! { <span>{Mark::Done.with(c)}</span> }.into_any(),
                        (None, true) => view! { <strong class="pt-overdue">{Mark::Failed.with("Overdue")}</strong> }.into_any(),
                        (None, false) => view! { <span>{Mark::Going.with("Open")}</span> }.into_any(),
                    };
                    let note_id = format!("close-{}-note", a.id);
                    let quarter = quarter.clone();
                    let open = a.closed.is_none();
                    view! {
                        <tr data-action=a.id>
                            <th scope="row" data-label="Action">{a.title.clone()}</th>
                            <td data-label="Owner">{a.owner.clone()}</td>
                            <td data-label="Due">{a.due.clone()}</td>
                            <td data-label="From">{from}</td>
                            <td data-label="State">
                                {state}
                                {(open && can_close).then(|| view! {
                                    {refused.as_ref().map(|r| view! { <Alert tone=Tone::Error slim=true text=r.message()/> })}
                                    <ActionForm action=close attr:class="usa-form pt-close-action">
                                        <input type="hidden" name="quarter" value=quarter.clone()/>
                                        <input type="hidden" name="id" value=a.id/>
                                        <input type="hidden" name="version" value=a.version/>
                                        <label class="usa-label" for=note_id.clone()>{format!("Closing note: {}", a.title)}</label>
                                        <input class="usa-input" id=note_id name="note"
                                            value=refused.as_ref().map(|r| r.value("note")).unwrap_or_default()/>
                                        <SubmitButton label="Close action" class="usa-button usa-button--outline usa-button--small margin-top-1"/>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The form adding an action to quarter `quarter`'s review.
#[component]
pub fn AddActionForm(
    #[prop(into)] quarter: String,
    people: Vec<(i64, String)>,
    /// The agenda's items (id, title), to say which one it came from.
    items: Vec<(i64, String)>,
    returned: Option<Returned>,
) -> impl IntoView {
    let add = ServerAction::<AddReviewAction>::new();
    let r = StoredValue::new(returned.clone());
    let typed =
        move |name: &str| r.with_value(|r| r.as_ref().map(|r| r.value(name)).unwrap_or_default());
    let err = move |name: &str| r.with_value(|r| r.as_ref().and_then(|r| r.error(name)));
    let owner = typed("owner");
    let item = typed("item");
    view! {
        <h3 id="add-action-heading">"Add an action"</h3>
        {returned.as_ref().filter(|r| !r.errors.is_empty()).map(|r| view! {
            <Alert tone=Tone::Error slim=true text=format!("Nothing was added. {}", r.message())/>
        })}
        <ActionForm action=add attr:class="usa-form" attr:aria-labelledby="add-action-heading">
            <input type="hidden" name="quarter" value=quarter/>
            <FormGroup id="action-title" label="Action" error=err("title")>
                <input class="usa-input" id="action-title" name="title" value=typed("title")
                    aria-describedby=described_by("action-title", false, err("title").is_some())/>
            </FormGroup>
            <FormGroup id="action-owner" label="Owner" error=err("owner")>
                <select class="usa-select" id="action-owner" name="owner"
                    aria-describedby=described_by("action-owner", false, err("owner").is_some())>
                    <option value="" selected=owner.is_empty()>"- Select -"</option>
                    {people.into_iter().map(|(id, name)| {
                        let v = id.to_string();
                        view! { <option value=v.clone() selected=owner == v>{name}</option> }
                    }).collect_view()}
                </select>
            </FormGroup>
            <FormGroup id="action-due" label="Due date" hint="For example 2027-03-31." error=err("due")>
                <input class="usa-input usa-input--medium" type="date" id="action-due" name="due"
                    value=typed("due") aria-describedby=described_by("action-due", true, err("due").is_some())/>
            </FormGroup>
            <FormGroup id="action-item" label="From agenda item (optional)" error=err("item")>
                <select class="usa-select" id="action-item" name="item"
                    aria-describedby=described_by("action-item", false, err("item").is_some())>
                    <option value="" selected=item.is_empty()>"- None -"</option>
                    {items.into_iter().map(|(id, title)| {
                        let v = id.to_string();
                        view! { <option value=v.clone() selected=item == v>{title}</option> }
                    }).collect_view()}
                </select>
            </FormGroup>
            <SubmitButton label="Add action" class="usa-button margin-top-2"/>
        </ActionForm>
    }
}
