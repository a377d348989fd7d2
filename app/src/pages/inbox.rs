//! `/quarters/:quarter/inbox`: the working group's approval inbox — every update awaiting
//! approval, returned or missing, with what was submitted (text and numbers), approve and
//! return on each row, filters with their counts.

use crate::api::my::get_inbox;
use crate::api::status::ReviewStatus;
use crate::components::alert::{Alert, Tone};
use crate::components::loaded::{route_param, Loaded};
use crate::components::review_form::ReviewForm;
use crate::components::status::StatusTag;
use crate::model::glossary::Mark;
use crate::model::inbox::{Inbox, Row, Show, Standing};
use crate::pages::status_form::Narrative;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let quarter = route_param("quarter");
    let query = use_query_map();
    let review = ServerAction::<ReviewStatus>::new();
    let data = Resource::new(
        move || {
            (
                quarter(),
                query.read().get("show").unwrap_or_default(),
                query.read().get("page").unwrap_or_default(),
                review.version().get(),
            )
        },
        |(q, show, page, _)| get_inbox(q, show, page),
    );
    view! {
        <Loaded data=data loading="Loading the inbox…" render=move |i| view! { <InboxView inbox=i review=review/> }/>
    }
}

/// The words and symbol of a row's standing.
fn standing_text(standing: Standing, approval: bool) -> (&'static str, &'static str) {
    match standing {
        Standing::Awaiting => (Mark::Sent.glyph(), "Awaiting approval"),
        Standing::Returned => (Mark::Returned.glyph(), "Returned to its owner"),
        Standing::Missing => (Mark::Failed.glyph(), "No update submitted"),
        Standing::Approved if approval => (Mark::Done.glyph(), "Approved"),
        Standing::Approved => (Mark::Done.glyph(), "Submitted (approval is off)"),
    }
}

/// What the page says when a filter lists nothing.
fn empty_text(show: Show, quarter: &str) -> String {
    match show {
        Show::Awaiting => format!("Nothing is awaiting approval for {quarter}."),
        Show::Returned => format!("No update for {quarter} is returned to its owner."),
        Show::Missing => format!("Every strategy has its update and actuals for {quarter}."),
        Show::Approved => format!("No update for {quarter} is approved yet."),
        Show::All => "The plan has no strategies yet.".to_string(),
    }
}

#[component]
fn InboxView(inbox: Inbox, review: ServerAction<ReviewStatus>) -> impl IntoView {
    let q = inbox.quarter;
    let slug = q.slug();
    let title = format!("Approval inbox, {q}");
    let show = inbox.show;
    let shown: Vec<Row> = inbox.shown().cloned().collect();
    let count = inbox.count(show);
    let (page, pages) = (inbox.page, inbox.pages());
    let at_page = |n: usize| {
        format!(
            "/quarters/{slug}/inbox?show={}&page={n}#rows",
            show.as_str()
        )
    };
    let back = format!("/quarters/{slug}/inbox?show={}&page={page}", show.as_str());
    let place = inbox
        .range()
        .filter(|_| pages > 1)
        .map(|(first, last)| format!("Showing {first}–{last} of {count} · page {page} of {pages}"));
    let previous = (page > 1).then(|| at_page(page - 1));
    let next = (page < pages).then(|| at_page(page + 1));
    let filters = Show::ALL
        .into_iter()
        .map(|s| (s, inbox.count(s)))
        .collect::<Vec<_>>();
    let forms = inbox.returned_forms.clone();
    let approval = inbox.approval;
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>
            <a href=format!("/quarters/{slug}/call")>{format!("Data call tracker, {q}")}</a>
            " · "
            <a href=format!("/quarters/{slug}")>{format!("Status, {q}")}</a>
        </p>
        {(!approval).then(|| view! {
            <Alert tone=Tone::Info slim=true text="Approval is turned off: submitted updates count without it. An administrator turns it on on the planning cycle page."/>
        })}
        <nav aria-label="Filter the inbox" class="pt-inbox-filters">
            <ul class="usa-button-group">
                {filters.into_iter().map(|(s, n)| {
                    let current = s == show;
                    view! {
                        <li class="usa-button-group__item">
                            <a class=if current { "usa-button" } else { "usa-button usa-button--outline" }
                                href=format!("/quarters/{slug}/inbox?show={}#rows", s.as_str())
                                aria-current=current.then_some("page")>
                                {format!("{} ({n})", s.label())}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <h2 id="rows" tabindex="-1">{format!("{} ({count})", show.label())}</h2>
        {place.map(|p| view! { <p class="pt-inbox__place">{p}</p> })}
        {if shown.is_empty() {
            view! { <p class="pt-empty">{empty_text(show, &q.to_string())}</p> }.into_any()
        } else {
            view! {
                <ol class="usa-list usa-list--unstyled pt-inbox">
                    {shown.into_iter().map(|row| {
                        let typed = forms.iter().find(|(n, _)| *n == row.number).map(|(_, r)| r.clone());
                        view! { <InboxRow row=row approval=approval review=review returned=typed back=back.clone() quarter=slug.clone()/> }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <crate::components::pager::Pager label="Pages of the inbox" previous=previous next=next/>
    }
}

#[component]
fn InboxRow(
    row: Row,
    approval: bool,
    review: ServerAction<ReviewStatus>,
    returned: Option<crate::model::form::Returned>,
    back: String,
    quarter: String,
) -> impl IntoView {
    let (symbol, words) = standing_text(row.standing, approval);
    let number = row.number.clone();
    let missing_actual = row.missing_actual();
    view! {
        <li class="pt-inbox__row" id=format!("row-{}", number.replace('.', "-"))>
            <h3 class="margin-bottom-05">
                <a href=format!("/strategies/{number}")>{format!("Strategy {number}")}</a>
                " "<span class="text-normal">{row.title.clone()}</span>
            </h3>
            <p class="margin-top-0">
                <span class=format!("pt-review pt-review--{}", standing_class(row.standing))>
                    <span aria-hidden="true">{symbol}</span>" "{words}
                </span>
                {format!(" · Owner: {}", if row.owner.is_empty() { "none".to_string() } else { row.owner.clone() })}
            </p>
            {row.returned.clone().map(|(by, comment)| view! {
                <p class="pt-review pt-review--returned">{format!("Returned by {by}: \u{201c}{comment}\u{201d}")}</p>
            })}
            <p class="pt-discussion-count">
                <strong>"Discussion: "</strong>{crate::model::comment::open_words(row.open_threads)}
                {row.update.clone().map(|u| {
                    let page = crate::model::comment::Subject::StatusUpdate(number.clone(), u.quarter.year, u.quarter.quarter, u.version).page();
                    view! { " · "<a href=page>{format!("Discuss strategy {number}'s update")}</a> }
                })}
            </p>
            {row.update.clone().map(|u| view! {
                <p>
                    <StatusTag status=Some(u.status)/>
                    {format!(", {}% complete · submitted by {} on {}", u.percent, u.author, u.recorded)}
                </p>
                <Narrative update=u/>
            })}
            {row.update.is_none().then(|| view! {
                <p><a href=format!("/strategies/{number}/status?quarter={quarter}")>{format!("Record the {} status of strategy {number}", pretty(&quarter))}</a></p>
            })}
            {(!row.actuals.is_empty()).then(|| view! {
                <table class="usa-table usa-table--borderless usa-table--compact pt-inbox__actuals">
                    <caption class="usa-sr-only">{format!("Actuals of strategy {number}'s measures")}</caption>
                    <thead><tr><th scope="col">"Measure"</th><th scope="col">"Actual"</th></tr></thead>
                    <tbody>
                        {row.actuals.iter().map(|a| view! {
                            <tr>
                                <th scope="row"><a href=format!("/measures/{}", a.measure)>{a.name.clone()}</a></th>
                                <td>{match &a.value {
                                    Some(v) => view! { {v.clone()} }.into_any(),
                                    None => view! { <span class="pt-missing"><span aria-hidden="true">{Mark::Failed.glyph()}</span>" Not recorded"</span> }.into_any(),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(missing_actual && row.update.is_some()).then(|| view! {
                <p class="usa-hint">"An actual is missing: approving the status does not record it."</p>
            })}
            {row.update.clone().filter(|u| u.reviewable).map(|u| view! {
                <ReviewForm update=u action=review returned=returned back=back/>
            })}
        </li>
    }
}

/// The class of a standing's tag.
fn standing_class(standing: Standing) -> &'static str {
    match standing {
        Standing::Awaiting => "submitted",
        Standing::Returned => "returned",
        Standing::Missing => "missing",
        Standing::Approved => "approved",
    }
}

/// "2027-Q1" as people read it ("FY2027 Q1").
fn pretty(slug: &str) -> String {
    crate::model::fiscal::quarter_in_address(slug)
        .map(|q| q.to_string())
        .unwrap_or_else(|_| slug.to_string())
}
