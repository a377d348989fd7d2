//! What people see (issue 17): one notion of ownership shown the same everywhere and
//! edited on the strategy page; roll-ups that say when too few have reported; chart
//! downloads fit for slides.

use crate::harness::TestApp;
use crate::status::{form, save};
use app::model::user::Role;

/// Posts the owners form of `number` as the page offers it, with `office` and `owners`
/// (user ids), carrying the ownership the page was opened on.
async fn save_owners(
    browser: &crate::harness::Browser,
    number: &str,
    office: &str,
    owners: &[i64],
) -> reqwest::Response {
    let path = format!("/strategies/{number}");
    let (_, page) = browser.page(&path).await;
    let seen = page.value_of("seen").expect("the owners form");
    let action = browser.action(&path, "set_strategy_owners").await;
    let ids: Vec<String> = owners.iter().map(i64::to_string).collect();
    let mut fields = vec![
        ("number", number),
        ("office", office),
        ("seen", seen.as_str()),
    ];
    fields.extend(ids.iter().map(|id| ("owners[]", id.as_str())));
    browser.post_form(&action, &fields).await
}

#[tokio::test]
async fn the_working_group_sets_owners_on_the_strategy_page_and_every_page_shows_them_alike() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let manager_id = app.create_user("ana.ruiz", Role::Manager).await;
    let manager = app.anonymous();
    manager
        .login("ana.ruiz", crate::harness::TEST_PASSWORD)
        .await;
    let (_, before) = manager.page("/strategies/4.1.3").await;
    assert!(!before.has_text("Record status"), "not hers yet");
    assert!(
        !before.has("#owners-heading"),
        "a manager cannot change owners"
    );

    let res = save_owners(&wg, "4.1.3", "Court Services", &[manager_id]).await;
    assert_eq!(res.status().as_u16(), 302);
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(
        page.has_text("Owners of strategy 4.1.3 saved."),
        "confirmed"
    );
    let shown = "Court Services · ana.ruiz";
    assert!(
        page.has_text(shown),
        "strategy page: {}",
        page.text_of("dl")
    );
    let (_, objective) = wg.page("/objectives/4.1").await;
    assert!(objective.has_text(shown), "objective page");
    let (_, quarter) = wg.page("/quarters").await;
    assert!(quarter.has_text(shown), "quarter page");
    let (_, hers) = manager.page("/strategies/4.1.3").await;
    assert!(hers.has_text("Record status"), "owning it lets her record");
    let (_, audit) = wg.page("/admin/audit").await;
    assert!(audit.has_text("Court Services"), "audited");

    // Nobody: the strategy reads "Not assigned" again, and she may no longer record.
    save_owners(&wg, "4.1.3", "", &[]).await;
    let (_, page) = wg.page("/strategies/4.1.3").await;
    assert!(page.text_of("dl").contains("Not assigned"));
    let (_, hers) = manager.page("/strategies/4.1.3").await;
    assert!(!hers.has_text("Record status"));
}

#[tokio::test]
async fn a_save_over_someone_elses_owners_is_refused_and_loses_nothing() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let admin = app.signed_in(Role::Admin).await;
    let path = "/strategies/4.1.2";
    let (_, opened) = wg.page(path).await;
    let stale = opened.value_of("seen").unwrap();
    save_owners(&admin, "4.1.2", "Finance", &[]).await;
    let action = wg.action(path, "set_strategy_owners").await;
    let res = wg
        .post_form(
            &action,
            &[("number", "4.1.2"), ("office", "Legal"), ("seen", &stale)],
        )
        .await;
    assert!(res.status().is_redirection() || res.status().as_u16() == 409);
    let (_, page) = wg.page(path).await;
    assert!(
        page.has_text("Someone changed who owns strategy 4.1.2"),
        "said why"
    );
    assert_eq!(
        page.value_of("office").as_deref(),
        Some("Legal"),
        "typed office kept"
    );
    assert!(page.text_of("dl").contains("Finance"), "theirs stands");
    // Too long an office: refused with a message, nothing saved.
    let long = "x".repeat(121);
    save_owners(&wg, "4.1.2", &long, &[]).await;
    let (_, page) = wg.page(path).await;
    assert!(page.has_text("Give an office of up to 120 characters."));
    assert!(page.text_of("dl").contains("Finance"));
    // A viewer cannot (the form's server function refuses, whatever is posted).
    let viewer = app.signed_in(Role::Viewer).await;
    let res = viewer
        .post_form(
            &action,
            &[("number", "4.1.2"), ("office", "Mine"), ("seen", "|")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

#[tokio::test]
async fn with_few_strategies_reported_the_headline_says_the_picture_is_incomplete() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let mut risky = form("0", "off_track", "10", "Stalled");
    risky[6] = ("explanation", "Vendor late");
    risky[7] = ("corrective_action", "Escalate");
    save(&admin, "4.1.1", &risky).await;
    // Recorded for the quarter under way: the dashboard shows it when it is picked.
    let home = format!("/?quarter={}", crate::status::current_quarter().slug());
    let (_, page) = admin.page(&home).await;
    let headline = page.text_of(".pt-rollup");
    assert!(headline.contains("Incomplete picture"), "{headline}");
    assert!(headline.contains("1 of "), "coverage beside it: {headline}");
    assert!(!page.text_of(".pt-rollup .pt-status").contains("Off track"));
    // An administrator lowers the threshold to 0: the worst reported status leads.
    let action = admin.action("/quarters", "set_rollup_rule").await;
    let res = admin
        .post_form(&action, &[("rule", "worst_of"), ("min_coverage", "150")])
        .await;
    assert!(!res.status().is_success(), "150 % refused");
    let (_, settings) = admin.page("/quarters").await;
    assert!(settings.has_text("Not saved: \"150\" is not a share of strategies"));
    assert_eq!(
        settings.value_of("min_coverage").as_deref(),
        Some("150"),
        "typed kept"
    );
    let (_, page) = admin.page(&home).await;
    assert!(
        page.text_of(".pt-rollup").contains("Incomplete picture"),
        "unchanged"
    );
    admin
        .post_form(&action, &[("rule", "worst_of"), ("min_coverage", "0")])
        .await;
    let (_, page) = admin.page(&home).await;
    assert!(page.text_of(".pt-rollup .pt-status").contains("Off track"));
    assert!(page.text_of(".pt-rollup").contains("1 of "));
    let (_, audit) = admin.page("/admin/audit").await;
    assert!(audit.has_text("rollup_min_coverage"));
}

#[tokio::test]
async fn chart_downloads_are_twice_the_size_and_named_after_plan_chart_and_period() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let get = |path: &'static str| {
        let client = viewer.client.clone();
        let url = viewer.url(path);
        async move { client.get(url).send().await.unwrap() }
    };
    let svg = get("/charts/status-by-goal.svg").await;
    let name = svg.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    // Without a quarter asked for, a download is the reporting quarter's.
    let quarter = crate::status::current_quarter().previous();
    let period = format!("fy{}-q{}", quarter.year, quarter.quarter);
    assert!(
        name.contains(&format!("-status-by-goal-{period}.svg")),
        "{name}"
    );
    let svg = svg.text().await.unwrap();
    assert!(svg.contains(&format!(
        "<title>Strategy status by goal, {quarter}</title>"
    )));
    let width: u32 = svg
        .split("width=\"")
        .nth(1)
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse().ok())
        .unwrap();
    let png = get("/charts/status-by-goal.png").await;
    let bytes = png.bytes().await.unwrap();
    let png_width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert_eq!(png_width, 2 * width);
}

#[tokio::test]
async fn the_users_page_is_a_row_per_user_and_each_account_is_edited_on_its_own_page() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let id = app.create_user("sam.lee", Role::Manager).await;
    let (_, list) = admin.page("/admin/users").await;
    assert_eq!(list.count("tbody tr"), 2, "one row per user");
    assert!(list.has(&format!("a[href=\"/admin/users/{id}\"]")));
    assert!(
        !list.has("form[action^=\"/api/reset_password\"]"),
        "no reset on the list"
    );

    let path = format!("/admin/users/{id}");
    let (_, page) = admin.page(&path).await;
    assert!(page.has_text("User sam.lee"));
    // Strategies are picked from the plan outline, grouped by goal and objective.
    assert!(page.has("input[type=checkbox][name=\"picked[]\"][value=\"4.1.3\"]"));
    assert!(page.has_text("Objective 4.1"));
    // A reset asks first: the page offers a link, the confirmation holds the form.
    assert!(!page.has("form[action^=\"/api/reset_password\"]"));
    assert!(page.has(&format!(
        "a[href=\"{path}?confirm=reset#password-heading\"]"
    )));
    let (_, confirm) = admin.page(&format!("{path}?confirm=reset")).await;
    assert!(confirm.has_text("Reset the password of sam.lee?"));
    assert!(confirm.has("button.usa-button--secondary"));

    let version = page.value_of("version").unwrap();
    let assign = admin.action(&path, "assign_strategies").await;
    admin
        .post_form(
            &assign,
            &[
                ("id", &id.to_string()),
                ("version", &version),
                ("picked[]", "4.1.1"),
                ("picked[]", "4.1.3"),
            ],
        )
        .await;
    let (_, page) = admin.page(&path).await;
    assert!(page.has("input[value=\"4.1.1\"][checked]"));
    assert!(page.has("input[value=\"4.1.3\"][checked]"));
    assert!(!page.has("input[value=\"4.1.2\"][checked]"));
    let (_, list) = admin.page("/admin/users").await;
    assert!(list.has_text("4.1.1, 4.1.3"));
    let (_, strategy) = admin.page("/strategies/4.1.3").await;
    assert!(
        strategy.text_of("dl").contains("sam.lee"),
        "the same ownership"
    );
}

#[tokio::test]
async fn the_audit_trail_reads_field_by_field_in_the_organisations_time_zone() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let action = admin.action("/admin/audit", "set_time_zone").await;
    admin
        .post_form(&action, &[("time_zone", "Mars/Olympus")])
        .await;
    let (_, page) = admin.page("/admin/audit").await;
    assert!(
        page.has_text("\"Mars/Olympus\" is not a time zone"),
        "said why"
    );
    assert_eq!(
        page.value_of("time_zone").as_deref(),
        Some("Mars/Olympus"),
        "kept"
    );
    admin
        .post_form(&action, &[("time_zone", "America/New_York")])
        .await;
    let (_, page) = admin.page("/admin/audit").await;
    assert!(page.has_text("times in America/New_York"));
    assert!(page.has_text("Changed setting time_zone"));
    let change = page.text_of(".pt-changes");
    assert!(change.starts_with("Value: UTC →"), "{change}");
    assert!(change.ends_with("changed to America/New_York"), "{change}");
    let when = page.text_of("tbody td");
    assert!(
        when.ends_with("EST") || when.ends_with("EDT"),
        "the date and time in New York: {when}"
    );
    assert!(!page.has("code.pt-json"), "no raw JSON");
}

#[tokio::test]
async fn a_measure_form_without_a_choice_of_aggregation_says_so_and_a_percentage_never_adds_up() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let page = "/measures/new?attach_to=4.1.3";
    let (_, form) = wg.page(page).await;
    assert!(form.has("label[for=\"attach_to\"]"));
    assert_eq!(form.text_of("label[for=\"attach_to\"]"), "Attached to");
    assert!(
        !form.has("input[name=\"aggregation\"][checked]"),
        "no default"
    );
    let action = wg.action(page, "save_measure").await;
    let fields = |unit: &'static str, aggregation: Option<&'static str>| {
        let mut f = vec![
            ("id", ""),
            ("attach_to", "4.1.3"),
            ("name", "Share of cases closed on time"),
            ("unit", unit),
            ("direction", "higher"),
            ("kind", "quantitative"),
            ("baseline_value", ""),
            ("baseline_fy", ""),
            ("data_source", ""),
            ("verification", ""),
            ("limitations", ""),
        ];
        f.extend(aggregation.map(|a| ("aggregation", a)));
        f
    };
    let res = wg.post_form(&action, &fields("cases", None)).await;
    assert!(res.status().is_redirection() || res.status().is_client_error());
    let (_, back) = wg.page(page).await;
    assert!(
        back.has_text("Choose how quarters make the year."),
        "{}",
        back.text_of("main")
    );
    assert_eq!(
        back.value_of("name").as_deref(),
        Some("Share of cases closed on time")
    );
    wg.post_form(&action, &fields("%", Some("sum"))).await;
    let (_, back) = wg.page(page).await;
    assert!(back.has_text("A percentage does not add up over the quarters"));
    assert_eq!(app.count("measures").await, 0, "nothing saved");
}
