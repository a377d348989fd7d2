//! The submit button of a form that writes: it says the work is under way.

use leptos::prelude::*;

/// A form's submit button (an island). Once a click submits the form (and the form
/// passes the browser's own checks) it reads `busy` ("Saving…" unless given) and
/// ignores further clicks, so a slow save or import is neither doubted nor sent twice.
/// Without JavaScript it is a plain submit button.
#[island]
pub fn SubmitButton(
    /// What the button says.
    #[prop(into)]
    label: String,
    /// What it says while the form is being sent.
    #[prop(optional, into)]
    busy: Option<String>,
    /// Its classes (default `usa-button`).
    #[prop(optional, into)]
    class: Option<String>,
    /// The name and value it sends when it is the one clicked (a form with two choices).
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let sending = RwSignal::new(false);
    let busy = busy.unwrap_or_else(|| "Saving…".into());
    // Coming back to this page from the browser's history shows it as it was left.
    #[cfg(feature = "hydrate")]
    let _ = window_event_listener(leptos::ev::pageshow, move |_| sending.set(false));
    let click = move |ev: leptos::ev::MouseEvent| {
        if sending.get_untracked() {
            ev.prevent_default();
        } else if form_is_valid(&ev) {
            sending.set(true);
        }
    };
    view! {
        <button
            type="submit"
            name=name
            value=value
            class=class.unwrap_or_else(|| "usa-button".into())
            aria-disabled=move || sending.get().then_some("true")
            on:click=click
        >
            {move || if sending.get() { busy.clone() } else { label.clone() }}
        </button>
    }
}

/// Whether the clicked button's form passes the browser's checks (so it will be sent).
#[cfg(feature = "hydrate")]
fn form_is_valid(ev: &leptos::ev::MouseEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.current_target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlButtonElement>().ok())
        .and_then(|b| b.form())
        .is_none_or(|f| f.check_validity())
}

/// On the server no click happens.
#[cfg(not(feature = "hydrate"))]
fn form_is_valid(_: &leptos::ev::MouseEvent) -> bool {
    true
}
