//! The reporting quarter everywhere: after a quarter ends, leadership's pages, the packet
//! and the forms show that quarter by default (the picked one when asked), with numbers
//! to date where there used to be "Incomplete".

use crate::harness::{Browser, TestApp};
use crate::measures::{add_measure, record_actual, set_targets};
use crate::status::{assign, form, save_in};
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

const Q1: FiscalQuarter = FiscalQuarter {
    year: 2027,
    quarter: 1,
};

/// Sets the app's date.
fn at(app: &TestApp, day: &str) {
    app.clock.set(app::clock::parse_instant(day).unwrap());
}

/// FY2027 Q1 reported during its call (20 January 2027): a manager's four strategies,
/// one off track and one at risk, and an actual of 72 against IP targets of 100 a
/// quarter (400 for the year). Returns the manager's browser and the measure's id.
async fn q1_reported(app: &TestApp, wg: &Browser) -> (Browser, i64) {
    at(app, "2026-12-01");
    let id = add_measure(wg, "4.1.1", "Cases closed", "sum").await;
    set_targets(wg, id, 2027, ["400", "100", "100", "100", "100"], "IP").await;
    at(app, "2027-01-20");
    let manager = app.signed_in(Role::Manager).await;
    for n in ["4.1.1", "4.1.2", "4.1.3", "4.1.4"] {
        assign(app, "manager", n).await;
    }
    let mut off = form("0", "off_track", "10", "Stalled");
    off[6] = ("explanation", "Vendor late");
    off[7] = ("corrective_action", "Escalate");
    let mut risky = form("0", "at_risk", "30", "Slow");
    risky[6] = ("explanation", "Staffing");
    risky[7] = ("corrective_action", "Hire");
    save_in(&manager, "4.1.1", Q1, &off).await;
    save_in(&manager, "4.1.2", Q1, &risky).await;
    save_in(&manager, "4.1.3", Q1, &form("0", "on_track", "50", "Fine")).await;
    save_in(&manager, "4.1.4", Q1, &form("0", "on_track", "60", "Fine")).await;
    record_actual(&manager, id, "2027-Q1", "72", false).await;
    (manager, id)
}

#[tokio::test]
async fn after_the_call_leadership_sees_the_quarter_reported_and_can_pick_another() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let (manager, id) = q1_reported(&app, &wg).await;
    let viewer = app.signed_in(Role::Viewer).await;

    // The dashboard: FY2027 Q1 by default, named with where its call stands.
    let (_, home) = viewer.page("/").await;
    assert!(home.has_text("Where the plan stands, FY2027 Q1"));
    let phase = home.text_of(".pt-quarter-phase");
    assert!(
        phase.contains("FY2027 Q1 (the reporting quarter) — data call past due (due 15 January 2027), locks 14 February 2027"),
        "{phase}"
    );
    assert!(
        home.text_of(".pt-rollup").contains("4 of 30"),
        "{}",
        home.text_of(".pt-rollup")
    );
    let turned = home.text_of("section[aria-labelledby=\"turned-heading\"]");
    assert!(
        turned.contains("Strategy 4.1.1") && turned.contains("Off track"),
        "{turned}"
    );
    assert!(
        turned.contains("Strategy 4.1.2") && turned.contains("At risk"),
        "{turned}"
    );
    // The picker (a plain GET form) offers the quarter under way, which has nothing yet.
    assert!(home.has(
        "form[method=\"get\"][action=\"/\"] select[name=\"quarter\"] option[value=\"2027-Q2\"]"
    ));
    let (_, q2) = viewer.page("/?quarter=2027-Q2").await;
    assert!(q2.has_text("Where the plan stands, FY2027 Q2"));
    assert!(q2.text_of(".pt-rollup").contains("0 of 30"));
    assert!(q2.has("option[value=\"2027-Q2\"][selected]"));

    // A goal page and the heat map default to the same quarter.
    let (_, goal) = viewer.page("/goals/4").await;
    assert!(goal.has_text("Where it stands, FY2027 Q1"));
    assert!(goal.has("form[action=\"/goals/4\"] select[name=\"quarter\"]"));
    let (_, goal_q2) = viewer.page("/goals/4?quarter=2027-Q2").await;
    assert!(goal_q2.has_text("Where it stands, FY2027 Q2"));
    let (_, map) = viewer.page("/heatmap?goal=4").await;
    assert!(map.has_text("Ending with FY2027 Q1"));
    assert!(map.has("option[value=\"2027-Q1\"][selected]"));

    // Numbers to date, not "Incomplete": the APP page, the goal page and the CSV.
    let (_, app_page) = viewer.page("/app/2027").await;
    let row = app_page.text_of("table");
    assert!(
        row.contains("72 cases to date (Q1 of 4) — target to date 100 cases, behind"),
        "{row}"
    );
    assert!(
        !app_page.has_text("Incomplete"),
        "no word in place of a number"
    );
    assert!(goal
        .text_of("section[aria-labelledby=\"measures-heading\"]")
        .contains("72 cases to date"));
    let csv = viewer
        .client
        .get(viewer.url("/csv/app/2027"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let line = csv.lines().find(|l| l.contains("Cases closed")).unwrap();
    let cell = |name: &str| {
        let i = header.iter().position(|h| *h == name).unwrap();
        line.split(',').nth(i).unwrap().to_string()
    };
    assert_eq!(cell("actual"), "72");
    assert_eq!(cell("actual_covers"), "Q1");
    assert_eq!(cell("target_to_date"), "100");

    // The manager's forms default to the quarter being recorded, with its targets beside.
    let (_, strategy) = manager.page("/strategies/4.1.1").await;
    let links: Vec<String> = strategy.attrs(".pt-record-links a", "href");
    assert_eq!(
        links,
        [
            "/strategies/4.1.1/status?quarter=2027-Q1",
            "/strategies/4.1.1/status?quarter=2027-Q2"
        ]
    );
    let (_, measure) = manager.page(&format!("/measures/{id}")).await;
    assert!(measure.has("select[name=\"quarter\"] option[value=\"2027-Q1\"][selected]"));
    let beside = measure.text_of(".pt-targets-beside");
    assert_eq!(
        beside,
        "FY2027 Q1 target: 100 cases · FY2027 target: 400 cases · FY2027 to date: 72 cases (Q1 of 4)"
    );
    let (_, my) = manager.page("/my").await;
    assert!(my
        .text_of(".pt-targets-beside")
        .contains("FY2027 Q1 target: 100 cases"));
}

#[tokio::test]
async fn signing_off_the_review_completes_its_milestone_and_the_packet_stays_its_quarter() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    q1_reported(&app, &wg).await;
    // Unowned strategies are part of the call: named on the tracker, one agenda item.
    let (_, tracker) = wg.page("/quarters/2027-Q1/call").await;
    let unowned = tracker.text_of("section[aria-labelledby=\"unowned-heading\"]");
    assert!(
        unowned.contains("Strategies with no owner (26)"),
        "{unowned}"
    );
    assert!(tracker.has("a[href=\"/strategies/4.2.1#owners-heading\"]"));
    assert!(!unowned.contains("Strategy 4.1.1 "), "owned: {unowned}");

    crate::meetings::fresh_chaired(&app, Q1).await;
    let (_, review) = wg.page("/reviews/2027-Q1").await;
    assert!(review.has_text("26 strategies have no owner"));
    let (_, cycle) = wg.page("/cycle/2027").await;
    assert!(cycle
        .text_of("table")
        .contains("Working group review, FY2027 Q1"));
    let action = wg.action("/reviews/2027-Q1", "sign_off_review").await;
    let res = wg
        .post_form(&action, &[("quarter", "2027-Q1"), ("version", "2")])
        .await;
    assert!(res.status().is_redirection());
    let (_, review) = wg.page("/reviews/2027-Q1").await;
    assert!(
        !review.has("form[action*=\"sign_off_review\"]"),
        "signed off"
    );
    let (_, home) = wg.page("/").await;
    let milestones = home.text_of("section[aria-labelledby=\"milestones-heading\"]");
    assert!(
        !milestones.contains("Working group review, FY2027 Q1"),
        "{milestones}"
    );
    assert!(home
        .text_of(".pt-quarter-phase")
        .contains("review signed off"));
    let (_, cycle) = wg.page("/cycle/2027").await;
    let done = cycle.text_of("table");
    // Stored timestamps are the server's real time, so only who is asserted here.
    assert!(
        done.contains("Working group review, FY2027 Q1")
            && done.contains("✔ DoneMarked done by working-group, "),
        "done by whom and when: {done}"
    );

    // Printed a quarter later, the packet is still FY2027 Q1's.
    at(&app, "2027-04-20");
    let (_, packet) = wg.page("/reviews/2027-Q1/packet").await;
    assert!(
        packet.has_text("Dashboard, FY2027 Q1"),
        "{}",
        packet.text_of("main")
    );
    assert!(!packet.has_text("Dashboard, FY2027 Q2"));
    assert!(packet.has_text("72 cases to date (Q1 of 4)"));
    // And the dashboard has moved on to FY2027 Q2.
    let (_, home) = wg.page("/").await;
    assert!(home.has_text("Where the plan stands, FY2027 Q2"));
}

#[tokio::test]
async fn every_page_opens_on_the_reporting_quarter_and_every_form_on_the_quarter_being_recorded() {
    let app = TestApp::time_travelling().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    // (date, reporting quarter, quarters the strategy page offers to record)
    for (day, reporting, record) in [
        // Just after a quarter ends: its call is open, the new quarter offered beside it.
        ("2027-01-01", "FY2027 Q1", vec!["2027-Q1", "2027-Q2"]),
        // Mid-quarter, after the lock: last quarter in review, records go to this one.
        ("2027-03-15", "FY2027 Q1", vec!["2027-Q2"]),
        // A fiscal-year boundary.
        ("2027-10-01", "FY2027 Q4", vec!["2027-Q4", "2028-Q1"]),
        ("2027-09-30", "FY2027 Q3", vec!["2027-Q4"]),
    ] {
        at(&app, day);
        let (_, home) = wg.page("/").await;
        assert!(
            home.has_text(&format!("Where the plan stands, {reporting}")),
            "{day}"
        );
        let (_, goal) = wg.page("/goals/4").await;
        assert!(
            goal.has_text(&format!("Where it stands, {reporting}")),
            "{day}"
        );
        let (_, map) = wg.page("/heatmap?goal=4").await;
        assert!(map.has_text(&format!("Ending with {reporting}")), "{day}");
        let (_, quarter) = wg.page("/quarters").await;
        assert!(
            quarter.has_text(&format!("Quarter status: {reporting}")),
            "{day}"
        );
        let (_, strategy) = wg.page("/strategies/4.1.1").await;
        let offered: Vec<String> = strategy
            .attrs(".pt-record-links a", "href")
            .into_iter()
            .map(|h| h.rsplit('=').next().unwrap().to_string())
            .collect();
        assert_eq!(offered, record, "{day}");
        let (_, form) = wg.page("/strategies/4.1.1/status").await;
        let title = format!(
            "Status of strategy 4.1.1 for FY{}",
            record[0].replace("-", " ")
        );
        assert!(form.has_text(&title), "{day}: {title}");
    }
}
