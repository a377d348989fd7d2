//! `/admin/audit`: the audit trail, filterable by user, object and dates, paginated.

use crate::api::audit::{list_audit, SetTimeZone};
use crate::components::form_group::{described_by, FormGroup};
use crate::components::layout::UserResource;
use crate::components::loaded::Loaded;
use crate::components::submit::SubmitButton;
use crate::model::audit::{describe, AuditFilter, AuditPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The audit page; the filter is a GET form, so links to filtered views can be shared.
#[component]
pub fn AuditPageView() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        AuditFilter {
            user: get("user"),
            object: get("object"),
            from: get("from"),
            to: get("to"),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let page = Resource::new(move || filter.get(), list_audit);
    view! {
        <Title text="Audit trail"/>
        <h1>"Audit trail"</h1>
        <p class="usa-intro">"Every change, who made it and when, with each field before and after. Entries cannot be edited or deleted."</p>
        <form class="usa-form pt-filter" method="get" action="/admin/audit">
            <div>
                <label class="usa-label" for="f-user">"User"</label>
                <input class="usa-input" id="f-user" name="user" value=move || filter.get().user.unwrap_or_default()/>
            </div>
            <div>
                <label class="usa-label" for="f-object">"Object"</label>
                <span class="usa-hint" id="f-object-hint">"A kind (strategy) or kind and number (strategy 4.1.3)"</span>
                <input class="usa-input" id="f-object" name="object" aria-describedby="f-object-hint" value=move || filter.get().object.unwrap_or_default()/>
            </div>
            <div>
                <label class="usa-label" for="f-from">"From (date)"</label>
                <input class="usa-input" id="f-from" name="from" type="date" value=move || filter.get().from.unwrap_or_default()/>
            </div>
            <div>
                <label class="usa-label" for="f-to">"To (date)"</label>
                <input class="usa-input" id="f-to" name="to" type="date" value=move || filter.get().to.unwrap_or_default()/>
            </div>
            <button class="usa-button margin-top-3" type="submit">"Filter"</button>
        </form>
        <Loaded data=page loading="Loading…" render=move |p| {
            let refused = p.time_zone_refused.clone();
            let zone = p.time_zone.clone();
            view! {
                <AuditTable page=p filter=filter.get_untracked()/>
                <TimeZoneForm current=zone refused=refused/>
            }
        }/>
    }
}

#[component]
fn AuditTable(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    let pages = ((page.total + page.page_size - 1) / page.page_size).max(1);
    let link = move |n: i64| {
        let mut parts = vec![format!("page={n}")];
        for (k, v) in [
            ("user", &filter.user),
            ("object", &filter.object),
            ("from", &filter.from),
            ("to", &filter.to),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", crate::api::account::urlencode(v)));
            }
        }
        format!("/admin/audit?{}", parts.join("&"))
    };
    if page.entries.is_empty() {
        return view! { <p>"No changes match these filters."</p> }.into_any();
    }
    let when = format!("When ({})", page.time_zone);
    view! {
        <p>{format!("{} changes · page {} of {pages} · times in {}", page.total, page.page, page.time_zone)}</p>
        <table class="usa-table usa-table--stacked pt-table-wide pt-audit">
            <caption class="usa-sr-only">"Audit entries, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">{when.clone()}</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"Changes"</th>
                </tr>
            </thead>
            <tbody>
                {page.entries.into_iter().map(|e| {
                    let what = describe(&e.action, &e.object_type, &e.object_key);
                    view! {
                        <tr>
                            <td data-label=when.clone() class="pt-nowrap">{e.at}</td>
                            <td data-label="Who">{e.username}</td>
                            <td data-label="What">{what}</td>
                            <td data-label="Changes">
                                {if e.changes.is_empty() {
                                    view! { <span class="pt-muted">"No field changed"</span> }.into_any()
                                } else {
                                    view! {
                                        <ul class="usa-list usa-list--unstyled pt-changes">
                                            {e.changes.into_iter().map(|c| {
                                                // Created: just the value; removed: the old value, said so.
                                                let value = match (c.before.as_str(), c.after.as_str()) {
                                                    ("—", _) => view! { <span class="pt-after">{c.after}</span> }.into_any(),
                                                    (_, "—") => view! { <span class="pt-before">{c.before}</span>" (removed)" }.into_any(),
                                                    _ => view! {
                                                        <span class="pt-before">{c.before}</span>
                                                        <span aria-hidden="true">" → "</span>
                                                        <span class="usa-sr-only">" changed to "</span>
                                                        <span class="pt-after">{c.after}</span>
                                                    }.into_any(),
                                                };
                                                view! { <li><strong>{c.field}</strong>": " {value}</li> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <crate::components::pager::Pager
            label="Audit pages"
            previous=(page.page > 1).then(|| link(page.page - 1))
            next=(page.page < pages).then(|| link(page.page + 1))
        />
    }
    .into_any()
}

/// The organisation's time zone, for administrators to set.
#[component]
fn TimeZoneForm(current: String, refused: Option<(String, String)>) -> impl IntoView {
    let UserResource(user) = expect_context::<UserResource>();
    let action = ServerAction::<SetTimeZone>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (current, refused) = (current.clone(), refused.clone());
                Suspend::new(async move {
                let admin = user.await.ok().flatten().is_some_and(|u| u.can.set_time_zone);
                let (typed, error) = match refused {
                    Some((typed, why)) => (typed, Some(why)),
                    None => (current, None),
                };
                let described = described_by("time-zone", true, error.is_some());
                admin.then(|| view! {
                    <ActionForm action=action attr:class="usa-form pt-inline-form">
                        <FormGroup id="time-zone" label="Organisation's time zone (administrators)"
                            hint="A name such as America/New_York, America/Chicago or Europe/London." error=error>
                            <input class="usa-input" id="time-zone" name="time_zone" required aria-describedby=described autocomplete="off" value=typed/>
                        </FormGroup>
                        <SubmitButton label="Use this time zone" class="usa-button usa-button--outline margin-top-1"/>
                    </ActionForm>
                })
                })
            }}
        </Suspense>
    }
}
