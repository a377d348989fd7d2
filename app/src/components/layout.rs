//! The page frame: skip link, header with primary navigation, main region, footer.

use leptos::prelude::*;

/// Wraps every page in the USWDS header, main landmark and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="usa-skipnav" href="#main-content">"Skip to main content"</a>
        <header class="usa-header usa-header--basic pt-header">
            <div class="pt-header__inner grid-container">
                <div class="usa-logo pt-logo">
                    <em class="usa-logo__text">
                        <a href="/" title="plantrack home">"plantrack"</a>
                    </em>
                </div>
                <nav aria-label="Primary" class="pt-nav">
                    <ul class="pt-nav__list">
                        <li><a class="pt-nav__link" href="/">"Plan"</a></li>
                        <li><a class="pt-nav__link" href="/admin/import">"Import"</a></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main-content" class="grid-container pt-main" tabindex="-1">
            {children()}
        </main>
        <footer class="usa-footer usa-footer--slim pt-footer">
            <div class="grid-container">
                <p class="usa-footer__secondary-link">
                    "plantrack keeps the strategic plan, its measures and quarterly status in one place."
                </p>
            </div>
        </footer>
    }
}
