//! The page frame: skip link, header with navigation for the signed-in role, main, footer.

use super::menu::Menu;
use crate::api::account::{get_current_user, Logout};
use crate::model::user::CurrentUser;
use crate::model::AppError;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// The signed-in person, read once per navigation and shared with every page.
#[derive(Clone, Copy)]
pub struct UserResource(pub Resource<Result<Option<CurrentUser>, AppError>>);

/// Bumped by a page whose action changes what the header shows (the unread count).
#[derive(Clone, Copy)]
pub struct HeaderRefresh(pub RwSignal<u32>);

/// Wraps every page in the USWDS header, main landmark and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| get_current_user());
    provide_context(UserResource(user));
    // The header's count of unread notifications, read with the user (and again when a
    // page says it changed: `HeaderRefresh`).
    let refresh = RwSignal::new(0u32);
    provide_context(HeaderRefresh(refresh));
    let unread = Resource::new(
        move || (location.pathname.get(), refresh.get()),
        |_| crate::api::notify::get_unread_count(),
    );
    let logout = ServerAction::<Logout>::new();
    let navigate = use_navigate();
    view! {
        <a class="usa-skipnav" href="#main-content">"Skip to main content"</a>
        <header class="usa-header usa-header--basic pt-header">
            <div class="pt-header__inner grid-container">
                <div class="usa-logo pt-logo">
                    <em class="usa-logo__text">
                        <a href="/" title="plantrack home">"plantrack"</a>
                    </em>
                </div>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let me = user.await.ok().flatten();
                        let unread = unread.await.unwrap_or(0);
                        view! { <Navigation me=me unread=unread logout=logout/> }
                    })}
                </Suspense>
            </div>
        </header>
        <SampleBanner/>
        <main id="main-content" class="grid-container pt-main" tabindex="-1">
            <Suspense fallback=|| ()>
                {move || {
                    let navigate = navigate.clone();
                    Suspend::new(async move {
                        let me = user.await.ok().flatten();
                        let path = location.pathname.get_untracked();
                        if me.is_some_and(|u| u.must_change_password) && path != "/account/password" {
                            // A password set by an administrator must be replaced first.
                            #[cfg(feature = "ssr")]
                            {
                                let _ = &navigate;
                                crate::api::form::redirect("/account/password");
                            }
                            #[cfg(not(feature = "ssr"))]
                            navigate("/account/password", Default::default());
                        }
                    })
                }}
            </Suspense>
            <super::notice::Notice/>
            {children()}
        </main>
        <footer class="usa-footer usa-footer--slim pt-footer">
            <div class="grid-container">
                <p class="usa-footer__secondary-link">
                    "plantrack keeps the strategic plan, its measures and quarterly status in one place. "
                    <a href="/glossary">"What the symbols mean"</a>
                </p>
            </div>
        </footer>
    }
}

/// Says so on every page when the database holds sample data; on paper, heads the page
/// with the plan's title and the date it was printed.
#[component]
fn SampleBanner() -> impl IntoView {
    let frame = Resource::new(|| (), |_| crate::api::plan::get_page_frame());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let frame = frame.await.ok()?;
                let print = view! {
                    <p class="pt-print-header">
                        {frame.plan.clone().map(|p| view! { <strong>{p}</strong>" · " })}
                        {format!("Printed {} from plantrack", frame.today)}
                    </p>
                };
                Some((print, frame.sample.then(|| view! {
                    <section class="usa-site-alert usa-site-alert--info pt-sample" aria-label="Sample data">
                        <div class="usa-alert"><div class="usa-alert__body grid-container">
                            <p class="usa-alert__text"><strong>"Sample data. "</strong>
                                "This database holds a synthetic plan made by "<code>"plantrack demo"</code>" for demonstration; it is not a real plan."</p>
                        </div></div>
                    </section>
                })))
            })}
        </Suspense>
    }
}

/// The primary navigation: links for the role, then the account links.
#[component]
fn Navigation(me: Option<CurrentUser>, unread: i64, logout: ServerAction<Logout>) -> impl IntoView {
    let Some(me) = me else {
        return view! {
            <nav aria-label="Primary" class="pt-nav">
                <ul class="pt-nav__list">
                    <li><a class="pt-nav__link" href="/login">"Sign in"</a></li>
                </ul>
            </nav>
        }
        .into_any();
    };
    let can = me.can;
    let admin = can.import_plan
        || can.manage_users
        || can.read_audit
        || can.read_outbox
        || can.schedule_reports;
    // Drawn twice: in the header on a wide screen, and folded into the Menu on a phone
    // (CSS shows one), so the fold works without JavaScript.
    let items = move || {
        view! {
            <nav aria-label="Primary" class="pt-nav">
                <ul class="pt-nav__list">
                    <li><a class="pt-nav__link" href="/">"Plan"</a></li>
                    {can.record_status.then(|| view! { <li><a class="pt-nav__link" href="/my">"My updates"</a></li> })}
                    {can.review.then(|| view! { <li><a class="pt-nav__link" href="/inbox">"Approvals"</a></li> })}
                    <li><a class="pt-nav__link" href="/quarters">"Quarter status"</a></li>
                    <li><a class="pt-nav__link" href="/heatmap">"Heat map"</a></li>
                    <li><a class="pt-nav__link" href="/app">"APP"</a></li>
                    <li><a class="pt-nav__link" href="/ip">"IP"</a></li>
                    <li><a class="pt-nav__link" href="/cycle">"Planning cycle"</a></li>
                    <li><a class="pt-nav__link" href="/reviews">"Reviews"</a></li>
                    <li><a class="pt-nav__link" href="/plan/proposals">"Changes"</a></li>
                    <li><a class="pt-nav__link" href="/budget">"Budget"</a></li>
                    {can.import_actuals.then(|| view! { <li><a class="pt-nav__link" href="/measures/import">"Import actuals"</a></li> })}
                    // Administration folds into one disclosure, so the header stays one row
                    // of links (a <details>: no script needed).
                    {admin.then(|| view! {
                        <li>
                            <details class="pt-nav__more">
                                <summary class="pt-nav__link">"Administration"</summary>
                                <ul class="pt-nav__more-list">
                                    {can.import_plan.then(|| view! { <li><a class="pt-nav__link" href="/admin/import">"Import"</a></li> })}
                                    {can.manage_users.then(|| view! { <li><a class="pt-nav__link" href="/admin/users">"Users"</a></li> })}
                                    {can.read_audit.then(|| view! { <li><a class="pt-nav__link" href="/admin/audit">"Audit"</a></li> })}
                                    {can.read_outbox.then(|| view! { <li><a class="pt-nav__link" href="/admin/outbox">"Outbox"</a></li> })}
                                    {can.set_default_thresholds.then(|| view! { <li><a class="pt-nav__link" href="/admin/thresholds">"Thresholds"</a></li> })}
                                    {can.publish.then(|| view! { <li><a class="pt-nav__link" href="/admin/public">"Public page"</a></li> })}
                                    {can.schedule_reports.then(|| view! { <li><a class="pt-nav__link" href="/admin/schedules">"Scheduled reports"</a></li> })}
                                </ul>
                            </details>
                        </li>
                    })}
                </ul>
            </nav>
            <div class="pt-account">
                <span class="pt-account__who">{format!("{} — {}", me.display_name, me.role.label())}</span>
                <a class="pt-nav__link" href="/notifications">
                    "Notifications"
                    {(unread > 0).then(|| view! { " " <span class="usa-tag pt-count">{unread}<span class="usa-sr-only">" unread"</span></span> })}
                </a>
                <a class="pt-nav__link" href="/account/tokens">"Access tokens"</a>
                <a class="pt-nav__link" href="/account/password">"Change password"</a>
                <ActionForm action=logout attr:class="pt-inline">
                    <button class="usa-button usa-button--unstyled pt-nav__link" type="submit">"Sign out"</button>
                </ActionForm>
            </div>
        }
    };
    view! {
        <div class="pt-header__wide">{items.clone()()}</div>
        <Menu>{items()}</Menu>
    }
    .into_any()
}
