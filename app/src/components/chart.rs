//! A chart as a figure: the server-drawn SVG with its text alternative, a data table
//! behind a toggle (works without JavaScript), and downloads as SVG and PNG.

use crate::model::chart::DrawnChart;
use leptos::prelude::*;

/// One chart with its text alternative, data table and downloads.
#[component]
pub fn ChartFigure(drawn: DrawnChart) -> impl IntoView {
    let c = drawn.chart;
    let alt = c.alt();
    let empty = c.is_empty();
    let table = c.table();
    let id = c.id.clone();
    view! {
        <figure class="pt-chart" id=format!("chart-{id}") data-chart=id.clone()>
            <div class="pt-chart__svg" role="img" aria-label=alt.clone() inner_html=drawn.svg></div>
            <figcaption class="pt-chart__alt">{alt}</figcaption>
            {(!empty).then(|| view! {
                <details class="pt-chart__table">
                    <summary>"Show the data table"</summary>
                    <table class="usa-table usa-table--borderless usa-table--compact">
                        <caption>{c.title.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{c.x_label.clone()}</th>
                            {c.series.iter().map(|s| view! { <th scope="col" class="pt-num">{s.name.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {table.into_iter().map(|(category, values)| view! {
                                <tr>
                                    <th scope="row">{category}</th>
                                    {values.into_iter().map(|v| view! { <td class="pt-num">{v}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
            })}
            <p class="pt-chart__downloads">
                <a href=format!("/charts/{id}.svg") download=format!("{id}.svg")>"Download SVG"<span class="usa-sr-only">{format!(": {}", c.title)}</span></a>
                " · "
                <a href=format!("/charts/{id}.png") download=format!("{id}.png")>"Download PNG"<span class="usa-sr-only">{format!(": {}", c.title)}</span></a>
            </p>
        </figure>
    }
}
