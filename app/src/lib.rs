//! plantrack: a public-sector strategic plan, its goals, objectives and strategies.
// Release (non-erased) builds of the hydrated views nest types deeper than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod csv_text;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod kept_pages;
#[cfg(feature = "ssr")]
pub mod outline;
#[cfg(feature = "ssr")]
pub mod packet;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod respond;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(all(test, feature = "ssr"))]
mod layering;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::{
    actuals_import::ActualsImportPage, annual_plan::AnnualPlanPage, audit::AuditPageView,
    call::CallTrackerPage, cycle::CyclePageView, goal::GoalPage, heatmap::HeatMapPageView,
    implementation_plan::ImplementationPlanPage, import::ImportPage, import_draft::ImportDraftPage,
    login::LoginPage, measure::MeasurePageView, measure_form::MeasureFormPage, my::MyUpdatesPage,
    not_found::NotFound, notifications::NotificationsPage, objective::ObjectivePage,
    outbox::OutboxPage, overview::OverviewPage, password::PasswordPage, quarter::QuarterPage,
    status_form::StatusFormPage, strategy::StrategyPage, user_edit::UserEditPage, users::UsersPage,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::page_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.ico"/>
                <link rel="stylesheet" href="/vendor/uswds/css/uswds.min.css"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders fully on the server
/// (`SsrMode::Async`) so pages work with JavaScript off.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="plantrack" href="/pkg/plantrack.css"/>
        <Title formatter=|text| format!("{text} · plantrack")/>
        <Router>
            <components::layout::Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=OverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/goals/:number") view=GoalPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/objectives/:number")
                        view=ObjectivePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/strategies/:number")
                        view=StrategyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/strategies/:number/status")
                        view=StatusFormPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/my") view=MyUpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/discussion") view=pages::discussion::DiscussionPage ssr=SsrMode::Async/>
                    <Route path=path!("/reviews") view=pages::meetings::MeetingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/annual-reviews/:fy") view=pages::annual_review::AnnualReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/reviews/:quarter") view=pages::meeting::MeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/reviews/:quarter/packet") view=pages::packet::PacketPage ssr=SsrMode::Async/>
                    <Route path=path!("/measures/targets/import") view=pages::targets_import::TargetsImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/budget") view=pages::budget::BudgetPageView ssr=SsrMode::Async/>
                    <Route path=path!("/budget/:fy") view=pages::budget::BudgetPageView ssr=SsrMode::Async/>
                    <Route path=path!("/plan/proposals") view=pages::proposals::ProposalsListPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/proposals/new") view=pages::proposals::ProposeChangePage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/revisions") view=pages::revisions::RevisionsListPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/revisions/compare") view=pages::revisions::CompareRevisionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/revisions/:number") view=pages::revisions::RevisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/quarters") view=QuarterPage ssr=SsrMode::Async/>
                    <Route path=path!("/quarters/:quarter") view=QuarterPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/quarters/:quarter/call")
                        view=CallTrackerPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/inbox") view=pages::inbox::InboxPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/quarters/:quarter/inbox")
                        view=pages::inbox::InboxPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/app") view=AnnualPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/app/:fy") view=AnnualPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/app/:fy/start") view=pages::year_start::YearStartPage ssr=SsrMode::Async/>
                    <Route path=path!("/ip") view=ImplementationPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/ip/:fy") view=ImplementationPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/cycle") view=CyclePageView ssr=SsrMode::Async/>
                    <Route path=path!("/cycle/:fy") view=CyclePageView ssr=SsrMode::Async/>
                    <Route path=path!("/measures/new") view=MeasureFormPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/measures/import")
                        view=ActualsImportPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/measures/:id") view=MeasurePageView ssr=SsrMode::Async/>
                    <Route
                        path=path!("/measures/:id/edit")
                        view=MeasureFormPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/measures/:id/thresholds") view=pages::scoring::ScoringPage ssr=SsrMode::Async/>
                    <Route path=path!("/reports") view=pages::report::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/reports/:fy") view=pages::report::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/reports/:fy/public") view=pages::report::PublicReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/business-plan") view=pages::business_plan::BusinessPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/business-plan/import") view=pages::business_plan_import::BusinessPlanImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/business-plan/:fy") view=pages::business_plan::BusinessPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/business-plan/strategies/:number") view=pages::business_plan::StrategyPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/glossary") view=pages::glossary::GlossaryPage/>
                    <Route path=path!("/heatmap") view=HeatMapPageView ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/tokens") view=pages::tokens::TokensPageView ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users/:id") view=UserEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPageView ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/public") view=pages::public::PublicSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/schedules") view=pages::schedules::SchedulesListPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/schedules/:id") view=pages::schedules::ScheduleEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/schedules/:id/preview") view=pages::schedules::SchedulePreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/public") view=pages::public::PublicPerformancePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/thresholds") view=pages::scoring::DefaultThresholdsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/import") view=ImportPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/import/:id")
                        view=ImportDraftPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}

/// Browser entry point: readies the islands, the few interactive parts of a page
/// (everything else is server-rendered HTML and plain forms; see docs/architecture.md).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The islands hydrate right after this returns, each in a microtask; once they all
    // have, tests (and curious people) can see that the page is interactive.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
