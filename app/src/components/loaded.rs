//! A page's data, once loaded: a line while it loads, then the page, or the error page.

use super::error::ErrorPage;
use crate::model::AppError;
use leptos::prelude::*;
use std::sync::Arc;

/// Shows `loading` until `data` arrives, then `render(data)`, or the error page (with
/// its status code) when the server function refused or failed.
#[component]
pub fn Loaded<T, F, V>(
    data: Resource<Result<T, AppError>>,
    loading: &'static str,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let render = Arc::new(render);
    view! {
        <Suspense fallback=move || view! { <p>{loading}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d).into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Route parameter `name` ("fy", "quarter", "id") as a reactive read, "" when absent:
/// what a page's resource is keyed on.
pub fn route_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// A page's data: `fetch` of route parameter `name`, fetched again whenever `changed`
/// (the versions of the page's actions, added up) moves.
pub fn route_data<T, Fut>(
    name: &'static str,
    changed: impl Fn() -> usize + Send + Sync + 'static,
    fetch: impl Fn(String) -> Fut + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let param = route_param(name);
    Resource::new(move || (param(), changed()), move |(p, _)| fetch(p))
}
