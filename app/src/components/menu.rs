//! The header's navigation on a narrow screen: folded behind a "Menu" disclosure.

use leptos::prelude::*;

/// The header's navigation and account links folded behind "Menu" (an island), for a
/// narrow screen (CSS hides it on a wide one, where the links sit in the header). A
/// `<details>` element, so it opens and closes without JavaScript; once interactive,
/// Escape closes it and returns focus to "Menu".
#[island]
pub fn Menu(children: Children) -> impl IntoView {
    let details = NodeRef::<leptos::html::Details>::new();
    let summary = NodeRef::<leptos::html::Summary>::new();
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        let Some(d) = details.get_untracked() else {
            return;
        };
        if ev.key() == "Escape" && d.open() {
            d.set_open(false);
            if let Some(s) = summary.get_untracked() {
                let _ = s.focus();
            }
        }
    };
    view! {
        <details class="pt-menu" node_ref=details on:keydown=escape>
            <summary class="usa-button usa-button--outline pt-menu__button" node_ref=summary>
                <span aria-hidden="true">"☰ "</span>
                "Menu"
            </summary>
            <div class="pt-menu__items">{children()}</div>
        </details>
    }
}
