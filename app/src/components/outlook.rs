//! A measure's band, pace, forecast and likelihood as tables and pages show them
//! (issue 40): each a symbol and words, the colour only repeating them.

use crate::model::glossary::Mark;
use crate::model::measure::Measure;
use crate::model::standing::{
    chance, chance_words, likelihood_of, outlook_words, pace_words, Standing,
};
use leptos::prelude::*;

/// A mark and its words, coloured by the mark.
#[component]
pub fn MarkTag(mark: Mark, words: String) -> impl IntoView {
    view! {
        <span class=format!("pt-mark pt-mark--{}", mark.css())>
            <span aria-hidden="true">{mark.glyph()}</span>
            " "
            {words}
        </span>
    }
}

/// The band the year so far falls in, with its percent of target.
#[component]
pub fn BandTag(standing: Standing) -> impl IntoView {
    match standing.band {
        Some(b) => {
            let words = match b.score {
                Some(s) => format!("{} ({s:.0} % of target)", b.name),
                None => b.name,
            };
            view! { <MarkTag mark=b.mark words=words/> }.into_any()
        }
        None => view! { <MarkTag mark=Mark::Nothing words="Not scored".to_string()/> }.into_any(),
    }
}

/// The pace to date against the expected progress.
#[component]
pub fn PaceTag(standing: Standing, measure: Measure) -> impl IntoView {
    match standing.pace {
        Some(p) => {
            view! { <MarkTag mark=p.mark() words=pace_words(&p, &|v| measure.show(v))/> }.into_any()
        }
        None => view! { <span class="pt-muted">"–"</span> }.into_any(),
    }
}

/// The forecast of the year's end with its 80 % range, or why there is none.
#[component]
pub fn ForecastText(standing: Standing, measure: Measure) -> impl IntoView {
    view! { <span class="pt-forecast">{outlook_words(&standing.outlook, &|v| measure.show(v))}</span> }
}

/// The chance of meeting the target with the review's likelihood symbol.
#[component]
pub fn LikelihoodTag(standing: Standing) -> impl IntoView {
    match chance(&standing.outlook) {
        Some(p) => {
            let level = likelihood_of(p);
            view! { <MarkTag mark=level.mark() words=format!("{} ({})", chance_words(p), level.words())/> }
                .into_any()
        }
        None => view! { <span class="pt-muted">"–"</span> }.into_any(),
    }
}
