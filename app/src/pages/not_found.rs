//! The page for any unknown address (HTTP 404).

use crate::components::error::ErrorPage;
use crate::model::AppError;
use leptos::prelude::*;

/// Rendered for addresses no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound("There is no page at this address.".into())/> }
}
