//! Error display: sets the HTTP status during server rendering and explains the problem.

use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status when rendering on the server; does nothing in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    crate::respond::set_response_status(code);
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A whole-page error with its status code, a plain message and a way back; a visitor
/// who is not signed in is sent to the sign-in page and brought back afterwards.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::Unauthorized {
        let location = leptos_router::hooks::use_location();
        let here = location.pathname.get_untracked() + &location.search.get_untracked().to_string();
        let path = format!("/login?next={}", crate::api::account::urlencode(&here));
        return view! { <leptos_router::components::Redirect path=path/> }.into_any();
    }
    if error == AppError::PasswordChangeRequired {
        return view! { <leptos_router::components::Redirect path="/account/password"/> }
            .into_any();
    }
    set_status(error.status_code());
    let heading = match &error {
        AppError::NotFound(_) => "Page not found",
        AppError::Unavailable => "Service unavailable",
        AppError::Forbidden | AppError::PasswordChangeRequired => "Not allowed",
        AppError::Unauthorized => "Sign in required",
        _ => "Something went wrong",
    };
    view! {
        <Title text=heading/>
        <div class="usa-alert usa-alert--error margin-top-4" role="alert">
            <div class="usa-alert__body">
                <h1 class="usa-alert__heading">{heading}</h1>
                <p class="usa-alert__text">{error.to_string()}</p>
                <p class="usa-alert__text">
                    <a href="/">"Go to the plan overview"</a>
                </p>
            </div>
        </div>
    }
    .into_any()
}

/// Waits for a server read, then renders it, or the error page with its status.
pub fn loaded<T, V>(resource: Resource<Result<T, AppError>>, render: fn(T) -> V) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(value) => render(value).into_any(),
                    Err(error) => view! { <ErrorPage error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The `number` segment of the current route ("4.1.3").
pub fn number_param() -> Memo<String> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("number").unwrap_or_default())
}
