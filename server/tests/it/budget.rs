//! Budget alignment (issue 20): requests with the strategies they support, totals by
//! goal and objective that move as requests are recorded and funded, exceptions, CSV.

use crate::harness::{Browser, TestApp};
use app::model::user::Role;

/// Saves a request from the budget page of `fy` (`id` empty: a new one); returns where
/// the answer sends the browser.
pub async fn save(browser: &Browser, fy: i32, id: &str, fields: &[(&str, &str)]) -> String {
    let page = if id.is_empty() {
        format!("/budget/{fy}")
    } else {
        format!("/budget/{fy}?edit={id}")
    };
    let action = browser.action(&page, "save_budget_request").await;
    let fy = fy.to_string();
    let mut form = vec![("fy", fy.as_str()), ("id", id)];
    form.extend_from_slice(fields);
    let res = browser.post_form(&action, &form).await;
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

#[tokio::test]
async fn requests_roll_up_by_goal_and_objective_with_exceptions_and_a_csv() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = wg.page("/budget/2027").await;
    assert!(page.has_text("No budget request is recorded for FY2027 yet."));
    assert!(
        page.has_text("No request for FY2027 yet."),
        "the requests section says it is empty"
    );

    let to = save(
        &wg,
        2027,
        "",
        &[
            ("title", "Case management system"),
            ("amount", "$1,200,000"),
            ("office", "IT"),
            ("status", "submitted"),
            ("share_1", "4.2.2"),
            ("percent_1", "75"),
            ("share_2", "4.1.3"),
            ("percent_2", "25"),
            ("version", "0"),
        ],
    )
    .await;
    assert!(to.starts_with("/budget/2027#request-"), "{to}");
    save(
        &wg,
        2027,
        "",
        &[
            ("title", "Office furniture"),
            ("amount", "40,000"),
            ("status", "proposed"),
            ("version", "0"),
        ],
    )
    .await;
    // Refused: shares over 100% and a bad amount; typed values come back.
    let back = save(
        &wg,
        2027,
        "",
        &[
            ("title", "Training"),
            ("amount", "lots"),
            ("status", "proposed"),
            ("share_1", "4.4.1"),
            ("percent_1", "80"),
            ("share_2", "4.4.2"),
            ("percent_2", "30"),
            ("version", "0"),
        ],
    )
    .await;
    assert_eq!(back, "/budget/2027#request-form");
    let (_, page) = wg.page("/budget/2027").await;
    let form = page.text_of("#request-form");
    assert!(
        form.contains("Nothing was saved")
            && form.contains("\"lots\" is not an amount")
            && form.contains("more than 100%"),
        "{form}"
    );
    assert_eq!(page.value_of("title").as_deref(), Some("Training"));
    assert_eq!(app.count("budget_requests").await, 2);

    let total =
        |page: &crate::page::Page, label: &str| page.text_of(&format!("tr[data-total='{label}']"));
    assert!(
        total(&page, "Goal 4").contains("$1,200,000") && total(&page, "Goal 4").contains("$0"),
        "{}",
        total(&page, "Goal 4")
    );
    assert!(
        total(&page, "Objective 4.2").contains("$900,000"),
        "{}",
        total(&page, "Objective 4.2")
    );
    assert!(total(&page, "Objective 4.1").contains("$300,000"));
    assert!(page
        .text_of("#budget-exceptions")
        .contains("Office furniture ($40,000)"));
    assert!(page.text_of("#budget-unsupported").contains("4.4.1"));
    assert!(!page.text_of("#budget-unsupported").contains("4.2.2"));
    assert!(
        page.has("#chart-budget [role='img']") && page.has("#chart-budget table"),
        "a chart with its data table"
    );
    // Goals and objectives by name, strategies by number and title, the chart in $M.
    let (goal_name,): (String,) = sqlx::query_as("SELECT name FROM goals WHERE number = '4'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        page.text_of("tr[data-total='Goal 4'] th"),
        format!("Goal 4: {goal_name}")
    );
    let choices = page.text_of("#request-form select[name=share_1]");
    assert!(choices.contains("4.1.3 Develop, if necessary"), "{choices}");
    let chart = page.text_of("#chart-budget table");
    assert!(chart.contains("1.2"), "$1.2 million as 1.2 ($M): {chart}");
    let figure = page.text_of("#chart-budget");
    assert!(figure.contains("Millions of dollars ($M)"), "{figure}");

    // Funded: the funded totals move.
    let id = to.rsplit("request-").next().unwrap().to_string();
    let (_, edit) = wg.page(&format!("/budget/2027?edit={id}")).await;
    let version = edit.value_of("version").unwrap();
    assert_eq!(
        edit.value_of("title").as_deref(),
        Some("Case management system")
    );
    let fields = [
        ("title", "Case management system"),
        ("amount", "1,200,000"),
        ("office", "IT"),
        ("status", "funded"),
        ("share_1", "4.2.2"),
        ("percent_1", "75"),
        ("share_2", "4.1.3"),
        ("percent_2", "25"),
        ("version", version.as_str()),
    ];
    save(&wg, 2027, &id, &fields).await;
    let (_, page) = wg.page("/budget/2027").await;
    assert!(
        total(&page, "Objective 4.2").matches("$900,000").count() == 2,
        "requested and funded: {}",
        total(&page, "Objective 4.2")
    );
    // The same form saved again over the newer version: refused, nothing lost.
    let back = save(&wg, 2027, &id, &fields).await;
    assert!(back.contains("edit="), "{back}");
    let (_, page) = wg.page(&back.replace("#request-form", "")).await;
    assert!(
        page.text_of("#request-form")
            .contains("Someone else changed this request"),
        "{}",
        page.text_of("#request-form")
    );

    // CSV: one row per share; a request with no strategy has one row.
    let (status, csv) = viewer.get("/csv/budget/2027").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "fiscal_year,request_id,title,office,status,amount,strategy,share_percent,share_amount"
    );
    assert!(
        lines.contains(
            &format!("2027,{id},Case management system,IT,funded,1200000.00,4.2.2,75,900000.00")
                .as_str()
        ),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Office furniture,,proposed,40000.00,,,")),
        "{csv}"
    );
    assert_eq!(lines.len(), 4);
    // A viewer reads the page without the form; every save is audited.
    let (_, page) = viewer.page("/budget/2027").await;
    assert!(!page.has("#request-form"));
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'save_budget'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 3);
    // The planning cycle's Q2 budget milestone links here.
    let (_, page) = wg.page("/cycle/2026").await;
    assert!(page.has("a[href='/budget/2027']"), "{}", page.text());
    // `/budget` opens the year whose budget is being formulated: next year's.
    let this_year = app::model::fiscal::FiscalCalendar::default()
        .quarter_of(app.clock.today())
        .year;
    let (_, page) = wg.page("/budget").await;
    assert_eq!(
        page.text_of("h1"),
        format!("Budget alignment, FY{}", this_year + 1)
    );
}
