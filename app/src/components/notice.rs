//! The one-time notice a write leaves for the next page ("Status saved"), on every page.

use super::alert::{Alert, Tone};
use crate::api::notice::take_notice;
use leptos::prelude::*;

/// Shows the session's pending notice, if any, once: a success message, or why a form
/// was refused.
#[component]
pub fn Notice() -> impl IntoView {
    let notice = Resource::new(|| (), |_| take_notice());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                notice.await.ok().flatten().map(|n| {
                    // A success alert is announced politely (role "status"), a refusal
                    // at once (role "alert").
                    let tone = if n.refused { Tone::Error } else { Tone::Success };
                    view! {
                        <Alert tone=tone>
                            <p class="usa-alert__text pt-notice">{n.text}</p>
                        </Alert>
                    }
                })
            })}
        </Suspense>
    }
}
