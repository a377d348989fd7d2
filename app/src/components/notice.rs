//! The one-time notice a write leaves for the next page ("Status saved"), on every page.

use super::alert::{Alert, Tone};
use crate::api::notice::take_notice;
use leptos::prelude::*;

/// Shows the session's pending notice, if any, as a success message (once).
#[component]
pub fn Notice() -> impl IntoView {
    let notice = Resource::new(|| (), |_| take_notice());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                notice.await.ok().flatten().map(|text| view! {
                    // A success alert is announced politely (role "status").
                    <Alert tone=Tone::Success>
                        <p class="usa-alert__text pt-notice">{text}</p>
                    </Alert>
                })
            })}
        </Suspense>
    }
}
