//! `/glossary`: what each symbol means and which states show it, from the one glossary
//! every page, CSV and the packet take their symbols from.

use crate::model::glossary::Mark;
use crate::model::states::families;
use leptos::prelude::*;
use leptos_meta::Title;

/// The glossary page.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    view! {
        <Title text="Symbols and states"/>
        <h1>"Symbols and states"</h1>
        <p class="usa-intro">"Every state is shown in words with a symbol beside it, never by colour alone. A symbol means the same thing on every page, in the CSV files and in the briefing packet."</p>
        <h2 id="symbols">"What each symbol means"</h2>
        <table class="usa-table usa-table--borderless usa-table--stacked">
            <caption class="usa-sr-only">"Symbols and their meanings"</caption>
            <thead><tr><th scope="col">"Symbol"</th><th scope="col">"Meaning"</th></tr></thead>
            <tbody>
                {Mark::ALL.into_iter().map(|m| view! {
                    <tr>
                        <td data-label="Symbol" class="pt-glyph"><span aria-hidden="true">{m.glyph()}</span></td>
                        <th scope="row" data-label="Meaning">{m.meaning()}</th>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2 id="states">"The states, by what they describe"</h2>
        {families().into_iter().map(|f| view! {
            <h3>{f.name}</h3>
            <ul class="usa-list usa-list--unstyled pt-states">
                {f.states.into_iter().map(|(m, label)| view! {
                    <li><span aria-hidden="true" class="pt-glyph">{m.glyph()}</span>" "{label}</li>
                }).collect_view()}
            </ul>
        }).collect_view()}
    }
}
