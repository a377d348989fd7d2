//! A chart as a figure: the server-drawn SVG with its text alternative, a data table
//! behind a toggle (works without JavaScript), and downloads as SVG and PNG. Charts come
//! drawn twice, for a column and for a phone; CSS shows the one that fits.

use crate::model::chart::DrawnChart;
use leptos::prelude::*;

/// One chart with its text alternative, data table and downloads.
#[component]
pub fn ChartFigure(
    drawn: DrawnChart,
    /// Leaves out the download links (the public page: the chart routes need a sign-in).
    #[prop(optional)]
    no_downloads: bool,
) -> impl IntoView {
    let c = drawn.chart;
    let alt = c.alt();
    let empty = c.is_empty();
    let id = c.id.clone();
    let name = drawn.file_name.clone();
    // A chart of a picked quarter downloads as that quarter's.
    let query = if drawn.quarter.is_empty() {
        String::new()
    } else {
        format!("?quarter={}", drawn.quarter)
    };
    // The figure's element with role "img" carries the text alternative; the drawing's
    // own <title> (for the downloaded file) is hidden here so it is not announced twice.
    let hidden =
        |svg: &str| svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
    let wide = hidden(&drawn.svg);
    let narrow = drawn.narrow.as_deref().map(hidden);
    // A heat map keeps its size and scrolls sideways; other charts have a phone layout.
    let wide_class = if drawn.narrow.is_some() {
        "pt-chart__svg pt-chart__svg--wide"
    } else {
        "pt-chart__svg pt-chart__svg--scroll"
    };
    view! {
        <figure class="pt-chart" id=format!("chart-{id}") data-chart=id.clone()>
            <div class=wide_class role="img" aria-label=alt.clone() inner_html=wide
                tabindex=narrow.is_none().then_some("0")></div>
            {narrow.map(|svg| view! {
                <div class="pt-chart__svg pt-chart__svg--narrow" role="img" aria-label=alt.clone() inner_html=svg></div>
            })}
            <figcaption class="pt-chart__alt">{alt}</figcaption>
            {(!empty).then(|| view! {
                <details class="pt-chart__table">
                    <summary>"Show the data table"</summary>
                    <ChartTable chart=c.clone() caption=c.title.clone() hidden_caption=false/>
                </details>
            })}
            {(!no_downloads).then(|| view! { <p class="pt-chart__downloads">
                <a href=format!("/charts/{id}.svg{query}") download=format!("{name}.svg")>"Download SVG"<span class="usa-sr-only">{format!(": {}", c.title)}</span></a>
                " · "
                <a href=format!("/charts/{id}.png{query}") download=format!("{name}.png")>"Download PNG (for slides)"<span class="usa-sr-only">{format!(": {}", c.title)}</span></a>
            </p> })}
        </figure>
    }
}

/// A chart's data as a table: a row per category, a column per series.
#[component]
pub fn ChartTable(
    chart: crate::model::chart::Chart,
    caption: String,
    /// Whether the caption is for screen readers only.
    hidden_caption: bool,
) -> impl IntoView {
    let table = chart.table();
    view! {
        <table class="usa-table usa-table--borderless usa-table--compact">
            <caption class=hidden_caption.then_some("usa-sr-only")>{caption}</caption>
            <thead><tr>
                <th scope="col">{chart.x_label.clone()}</th>
                {chart.columns().into_iter().map(|name| view! { <th scope="col" class="pt-num">{name}</th> }).collect_view()}
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
    }
}
