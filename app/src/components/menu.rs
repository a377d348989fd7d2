//! The header's navigation on a narrow screen: folded behind a "Menu" button.

use leptos::prelude::*;

/// Wraps the header's navigation and account links (an island). On a narrow screen,
/// once the page is interactive, they fold behind a "Menu" button that opens and closes
/// them (Escape closes them too). Without JavaScript, or on a wide screen, they are
/// always shown.
#[island]
pub fn Menu(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    // False on the server; true once hydrated, so the fold needs a working button.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let button = NodeRef::<leptos::html::Button>::new();
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="pt-menu" on:keydown=escape>
            <button
                type="button"
                class="usa-button usa-button--outline pt-menu__button"
                node_ref=button
                hidden=move || !ready.get()
                aria-expanded=move || open.get().to_string()
                aria-controls="pt-menu-items"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰ "</span>
                "Menu"
            </button>
            <div
                id="pt-menu-items"
                class="pt-menu__items"
                class:pt-menu__items--foldable=move || ready.get()
                class:pt-menu__items--open=move || open.get()
            >
                {children()}
            </div>
        </div>
    }
}
