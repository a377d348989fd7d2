//! Shows a page only to the roles allowed to use it (the server checks again on every call).

use super::error::ErrorPage;
use super::layout::UserResource;
use crate::model::user::Role;
use crate::model::AppError;
use leptos::prelude::*;

/// Renders `children` for the given roles; others get the sign-in redirect or a 403 page.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let UserResource(user) = expect_context::<UserResource>();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) if roles.contains(&u.role) => children.read_value()().into_any(),
                    Ok(Some(_)) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                    Ok(None) => view! { <ErrorPage error=AppError::Unauthorized/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
