//! `/admin/audit`: the audit trail, filterable by user, object and dates, paginated.

use crate::api::audit::list_audit;
use crate::components::loaded::Loaded;
use crate::model::audit::{AuditFilter, AuditPage};
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
        <p class="usa-intro">"Every change, who made it and when (UTC), with the values before and after. Entries cannot be edited or deleted."</p>
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
        <Loaded data=page loading="Loading…" render=move |p| view! { <AuditTable page=p filter=filter.get_untracked()/> }/>
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
    view! {
        <p>{format!("{} changes · page {} of {pages}", page.total, page.page)}</p>
        <table class="usa-table usa-table--stacked pt-table-wide pt-audit">
            <caption class="usa-sr-only">"Audit entries, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"When (UTC)"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"Before"</th>
                    <th scope="col">"After"</th>
                </tr>
            </thead>
            <tbody>
                {page.entries.into_iter().map(|e| view! {
                    <tr>
                        <td data-label="When (UTC)">{e.at}</td>
                        <td data-label="Who">{e.username}</td>
                        <td data-label="What">{format!("{} {} {}", e.action, e.object_type, e.object_key)}</td>
                        <td data-label="Before"><code class="pt-json">{e.before.unwrap_or_else(|| "—".into())}</code></td>
                        <td data-label="After"><code class="pt-json">{e.after.unwrap_or_else(|| "—".into())}</code></td>
                    </tr>
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
