//! `/reviews/:quarter/packet`: a review's briefing packet as one print-ready page — the
//! exceptions, the plan changes approved, the dashboard's charts (each with its data table), the agenda with each item's status,
//! likelihood and decisions, and the actions. The same packet as a PDF made on the server
//! is `/reviews/:quarter/packet.pdf`.

use crate::api::briefing::get_packet;
use crate::components::exceptions::ExceptionsList;
use crate::components::loaded::route_param;
use crate::components::loaded::Loaded;
use crate::components::table_section::TableSection;
use crate::model::meeting::Packet;
use leptos::prelude::*;
use leptos_meta::Title;

/// The packet page.
#[component]
pub fn PacketPage() -> impl IntoView {
    let param = route_param("quarter");
    let data = Resource::new(param, get_packet);
    view! {
        <Loaded data=data loading="Loading the packet…" render=move |p| view! { <PacketView p=p/> }/>
    }
}

#[component]
fn PacketView(p: Packet) -> impl IntoView {
    let m = p.meeting;
    let q = m.quarter;
    let title = format!("Briefing packet: {q} quarterly review");
    let attended = m
        .attendees
        .iter()
        .map(|(_, n)| n.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let state = m
        .signed_off
        .clone()
        .unwrap_or_else(|| "Open (not signed off)".into());
    let open_actions: Vec<_> = m
        .actions
        .iter()
        .filter(|a| a.closed.is_none())
        .cloned()
        .collect();
    view! {
        <Title text=title.clone()/>
        <article class="pt-packet">
            <h1>{title}</h1>
            <p class="usa-intro">{format!("{} · made {}", p.plan, p.made)}</p>
            <p class="pt-packet__links">
                <a class="usa-button" href=format!("/reviews/{}/packet.pdf", q.slug()) download="">"Download the PDF"</a>
                <a href=format!("/reviews/{}", q.slug())>"Back to the review"</a>
            </p>
            <dl class="pt-facts">
                <dt>"Meeting"</dt><dd>{if m.held_on.is_empty() { "Date not set".to_string() } else { crate::model::meeting::long_date(&m.held_on) }}</dd>
                <dt>"Chair"</dt><dd>{m.chair.clone().map(|(_, n)| n).unwrap_or_else(|| "Not set".into())}</dd>
                <dt>"Attended"</dt><dd>{if attended.is_empty() { "None recorded".to_string() } else { attended }}</dd>
                <dt>"Guests"</dt><dd>{if m.guests.is_empty() { "None".to_string() } else { m.guests.clone() }}</dd>
                <dt>"Record"</dt><dd>{state}</dd>
            </dl>
            <ExceptionsList exceptions=p.exceptions quarter=q id="packet-exceptions"/>
            <section aria-labelledby="packet-changes">
                <h2 id="packet-changes">"Changes approved at this review"</h2>
                {if p.approved.is_empty() {
                    view! { <p>"No plan revision was approved at this review."</p> }.into_any()
                } else {
                    view! {
                        <ul class="usa-list pt-packet__changes">
                            {p.approved.into_iter().map(|r| view! {
                                <li>
                                    <a href=format!("/plan/revisions/{}", r.number)>{format!("Revision {}", r.number)}</a>
                                    {format!(": {}", r.reasons)}
                                    <ul>
                                        {r.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="packet-charts">
                <h2 id="packet-charts">{format!("Dashboard, {}", p.dashboard_quarter)}</h2>
                {p.charts.into_iter().map(|c| view! { <PacketChart drawn=c/> }).collect_view()}
            </section>
            <section aria-labelledby="packet-agenda">
                <h2 id="packet-agenda">{crate::model::meeting::agenda_heading(m.items.len())}</h2>
                {if m.items.is_empty() { Some(view! { <p>"Nothing on the agenda."</p> }) } else { None }}
                <ol class="pt-packet__items">
                    {m.items.into_iter().map(|i| {
                        let facts = [
                            ("Why on the agenda", i.reason.clone()),
                            ("Likelihood of meeting the planned level", i.likelihood.map(|l| l.label().to_string()).unwrap_or_else(|| "Not assessed".into())),
                            ("Risk category", i.risk.clone().map(|(_, n)| n).unwrap_or_else(|| "None".into())),
                            ("Notes", i.notes.clone()),
                            ("Improvement strategy", i.improvement.clone()),
                            ("Decisions", i.decisions.clone()),
                        ];
                        view! {
                            <li class="pt-packet__item">
                                <h3>{i.title.clone()}</h3>
                                <dl class="pt-facts">
                                    {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! {
                                        <dt>{k}</dt><dd class="pt-pre">{v}</dd>
                                    }).collect_view()}
                                </dl>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
            <TableSection id="packet-actions" heading="Open actions" class="usa-table usa-table--borderless"
                caption="Open actions agreed at this review" columns=&["Action", "Owner", "Due"]
                rows=open_actions.len() empty="No open action.">
                                {open_actions.into_iter().map(|a| view! {
                                    <tr>
                                        <th scope="row">{a.title.clone()}</th>
                                        <td>{a.owner.clone()}</td>
                                        <td>{if a.overdue { format!("{} (overdue)", a.due) } else { a.due.clone() }}</td>
                                    </tr>
                                }).collect_view()}
            </TableSection>
        </article>
    }
}

/// A chart on paper: its title, the drawing (its text alternative read instead), and its
/// data table, shown (not folded away).
#[component]
fn PacketChart(drawn: crate::model::chart::DrawnChart) -> impl IntoView {
    let c = drawn.chart;
    let alt = c.alt();
    let svg = drawn
        .svg
        .replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
    view! {
        <figure class="pt-chart pt-packet__chart" data-chart=c.id.clone()>
            <h3>{c.title.clone()}</h3>
            <div class="pt-chart__svg" role="img" aria-label=alt.clone() inner_html=svg></div>
            <figcaption class="usa-sr-only">{alt}</figcaption>
            {(!c.is_empty()).then(|| view! {
                <crate::components::chart::ChartTable chart=c.clone() caption=format!("{}: the data", c.title) hidden_caption=true/>
            })}
        </figure>
    }
}
