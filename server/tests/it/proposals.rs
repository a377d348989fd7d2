//! Change proposals and plan revisions (issue 20): a change proposed with its reason,
//! decided at a review, applied in one transaction as a numbered revision; stable
//! numbers when items retire and are added; the side-by-side diff; re-import as a proposal.

use crate::harness::{Browser, TestApp};
use crate::status::current_quarter;
use app::model::fiscal::FiscalQuarter;
use app::model::user::Role;

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

/// Proposes a change of `kind` from its form; returns where the answer sends the browser.
pub async fn propose(browser: &Browser, kind: &str, fields: &[(&str, &str)]) -> String {
    let action = browser
        .action(
            &format!("/plan/proposals/new?kind={kind}"),
            "propose_change",
        )
        .await;
    let mut form = vec![("kind", kind)];
    form.extend_from_slice(fields);
    location(&browser.post_form(&action, &form).await)
}

/// The id a proposal answer's location names ("/plan/proposals#proposal-7").
pub fn id_of(location: &str) -> String {
    location
        .rsplit("proposal-")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Decides proposals at quarter `q`'s review.
pub async fn decide(
    browser: &Browser,
    q: FiscalQuarter,
    approve: &[&str],
    reject: &[&str],
) -> String {
    let action = browser
        .action(&format!("/reviews/{}", q.slug()), "decide_proposals")
        .await;
    decide_at(browser, &action, q, approve, reject).await
}

/// Posts decisions to the form's `action` (kept from a page shown earlier).
async fn decide_at(
    browser: &Browser,
    action: &str,
    q: FiscalQuarter,
    approve: &[&str],
    reject: &[&str],
) -> String {
    let slug = q.slug();
    let mut form = vec![
        ("quarter", slug.as_str()),
        ("note", "Agreed by the working group"),
    ];
    form.extend(approve.iter().map(|id| ("approve[]", *id)));
    form.extend(reject.iter().map(|id| ("reject[]", *id)));
    location(&browser.post_form(action, &form).await)
}

/// Opens this quarter's review as the command line; returns the quarter.
pub async fn open_review(app: &TestApp) -> FiscalQuarter {
    let now = current_quarter();
    let cal = app::model::fiscal::FiscalCalendar::default();
    app::services::meeting::open(
        &app.db,
        &app::queries::audit::Actor::system(),
        now,
        (cal, app.clock.today()),
    )
    .await
    .unwrap_or_else(|_| panic!("open the review"));
    now
}

async fn strategy_text(app: &TestApp, number: &str) -> (String, Option<i64>) {
    sqlx::query_as("SELECT text, retired_in FROM strategies WHERE number = $1")
        .bind(number)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_approved_proposal_changes_the_plan_as_a_numbered_revision_with_a_readable_diff() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    // The imported plan is revision 1.
    let (_, page) = wg.page("/plan/revisions").await;
    assert_eq!(page.count("tbody tr[data-revision]"), 1, "{}", page.text());
    assert!(page.has_text("Plan imported"));

    let before_text = strategy_text(&app, "4.1.3").await.0;
    let reason = ("reason", "The protocols exist; they need keeping current");
    let text = propose(
        &wg,
        "text",
        &[
            ("item", "4.1.3"),
            ("text", "Keep the protocols for existing systems current."),
            reason,
        ],
    )
    .await;
    assert!(text.starts_with("/plan/proposals#proposal-"), "{text}");
    let retire = propose(
        &wg,
        "retire",
        &[("item", "4.1.2"), ("reason", "Done in FY2026")],
    )
    .await;
    let new = propose(
        &wg,
        "new",
        &[
            ("item", "4.1"),
            ("text", "Pilot a shared case dashboard."),
            ("reason", "Asked for at the Q4 review"),
        ],
    )
    .await;
    let owner = propose(
        &wg,
        "owner",
        &[
            ("item", "4.1.1"),
            ("office", "Information Office"),
            ("reason", "Reorganisation"),
        ],
    )
    .await;
    // Refused: an item not in the plan, and no reason; what was typed comes back.
    let refused = propose(
        &wg,
        "text",
        &[
            ("item", "9.9.9"),
            ("text", "Typed wording kept"),
            ("reason", ""),
        ],
    )
    .await;
    assert_eq!(refused, "/plan/proposals/new?kind=text");
    let (_, page) = wg.page(&refused).await;
    assert!(
        page.has_text("Nothing was saved") && page.has_text("Say why the plan should change"),
        "{}",
        page.text()
    );
    assert!(page.has_text("Typed wording kept"));
    let refused = propose(&wg, "retire", &[("item", "9.9.9"), ("reason", "gone")]).await;
    assert_eq!(refused, "/plan/proposals/new?kind=retire");
    let (_, page) = wg.page(&refused).await;
    assert!(
        page.has_text("There is no strategy 9.9.9 in this plan"),
        "{}",
        page.text()
    );
    // Nothing changes until a review decides.
    assert_eq!(strategy_text(&app, "4.1.3").await.0, before_text);
    let (_, page) = wg.page("/plan/proposals").await;
    assert!(page.has_text("Open (4)"), "{}", page.text());

    // On the review's agenda, decided there.
    let q = open_review(&app).await;
    let (_, page) = wg.page(&format!("/reviews/{}", q.slug())).await;
    let section = page.text_of("#proposals");
    assert!(
        section.contains("Strategy 4.1.3: new wording")
            && section.contains("Retire strategy 4.1.2"),
        "{section}"
    );
    let action = wg
        .action(&format!("/reviews/{}", q.slug()), "decide_proposals")
        .await;
    let ids: Vec<String> = [&text, &retire, &new, &owner]
        .iter()
        .map(|l| id_of(l))
        .collect();
    // Ticked both ways: refused, nothing saved.
    let back = decide(&wg, q, &[&ids[0]], &[&ids[0]]).await;
    assert!(
        back.starts_with(&format!("/reviews/{}", q.slug())),
        "{back}"
    );
    let (_, page) = wg.page(&format!("/reviews/{}", q.slug())).await;
    assert!(page
        .text_of("#proposals")
        .contains("ticked both to approve and to reject"));
    assert_eq!(app.count("plan_revisions").await, 1);

    let done = decide(&wg, q, &[&ids[0], &ids[1], &ids[2]], &[&ids[3]]).await;
    assert_eq!(done, format!("/reviews/{}#proposals-heading", q.slug()));
    assert_eq!(
        app.count("plan_revisions").await,
        2,
        "one revision for the batch"
    );
    assert_eq!(
        strategy_text(&app, "4.1.3").await.0,
        "Keep the protocols for existing systems current."
    );
    assert_eq!(
        strategy_text(&app, "4.1.2").await.1,
        Some(2),
        "retired in revision 2, kept"
    );
    // The new strategy takes the next free number; the rejected owner change did nothing.
    assert_eq!(
        strategy_text(&app, "4.1.5").await.0,
        "Pilot a shared case dashboard."
    );
    let (office,): (Option<String>,) =
        sqlx::query_as("SELECT owner_office FROM strategies WHERE number = '4.1.1'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_ne!(office.as_deref(), Some("Information Office"));
    // Deciding a decided proposal again (from a page opened before) is refused.
    let back = decide_at(&wg, &action, q, &[&ids[3]], &[]).await;
    assert!(
        back.starts_with(&format!("/reviews/{}", q.slug())),
        "{back}"
    );
    let (_, page) = wg.page(&format!("/reviews/{}", q.slug())).await;
    assert!(
        page.text_of("#proposals").contains("is no longer open"),
        "{}",
        page.text_of("#proposals")
    );
    assert_eq!(app.count("plan_revisions").await, 2);

    // The retired strategy shows as retired, with its page; it leaves the quarter's list.
    let (status, page) = wg.page("/strategies/4.1.2").await;
    assert_eq!(status, 200);
    assert!(page.has_text("Retired in revision 2"), "{}", page.text());
    let (_, page) = wg.page(&format!("/quarters/{}", q.slug())).await;
    assert!(
        !page.has("a[href='/strategies/4.1.2']"),
        "a retired strategy is not asked for status"
    );

    // The revisions page, and the side-by-side diff.
    let (_, page) = wg.page("/plan/revisions").await;
    assert!(
        page.has_text(&format!("approved at the {q} review")),
        "{}",
        page.text()
    );
    // Measures are counted apart from the plan's goals, objectives and strategies.
    assert!(page.text().contains("retired · "), "{}", page.text());
    let (_, page) = wg.page("/plan/revisions/compare?from=1&to=2").await;
    let row = |key: &str| page.text_of(&format!("tr[data-key='{key}']"));
    assert!(
        row("4.1.3").contains("~ Changed")
            && row("4.1.3").contains(&before_text)
            && row("4.1.3").contains("Keep the protocols"),
        "{}",
        row("4.1.3")
    );
    assert!(row("4.1.2").contains("− Retired"), "{}", row("4.1.2"));
    assert!(
        row("4.1.5").contains("+ Added") && row("4.1.5").contains("(not in the plan)"),
        "{}",
        row("4.1.5")
    );
    assert!(
        !page.has("tr[data-key='4.1.4']"),
        "unchanged rows hidden by default"
    );
    let (_, all) = wg.page("/plan/revisions/compare?from=1&to=2&all=1").await;
    assert!(all.has("tr[data-key='4.1.4']"));
    // The plan as of revision 1 still has the old wording.
    let (_, page) = wg.page("/plan/revisions/1").await;
    assert!(page.text_of("tr[data-key='4.1.3']").contains(&before_text));

    // Another new strategy takes 4.1.6: a retired number is never reused.
    let again = propose(
        &wg,
        "new",
        &[
            ("item", "4.1"),
            ("text", "Another pilot."),
            ("reason", "More"),
        ],
    )
    .await;
    decide(&wg, q, &[&id_of(&again)], &[]).await;
    assert_eq!(strategy_text(&app, "4.1.6").await.0, "Another pilot.");
    assert_eq!(strategy_text(&app, "4.1.2").await.1, Some(2));
    // Each decision is audited.
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE object_type = 'proposal' AND action IN ('approve', 'reject')")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 5);
    let (_, page) = wg.page("/plan/proposals").await;
    assert!(
        page.has_text(&format!("✔ Approved at the {q} review · revision 2")),
        "{}",
        page.text()
    );
    assert!(page.has_text("✖ Rejected"));
}

#[tokio::test]
async fn re_importing_a_plan_text_is_a_proposal_showing_its_diff_until_a_review_approves_it() {
    let app = TestApp::with_excerpt().await;
    let admin = app.signed_in(Role::Admin).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let plan = server::setup::BUNDLED_PLAN;
    let line = plan
        .lines()
        .find(|l| l.starts_with("4.1.3:"))
        .unwrap()
        .to_string();
    let changed = plan.replace(
        &line,
        "4.1.3: Keep operational protocols current and in use.",
    );
    let draft = app::services::import::create_draft(
        &app.db,
        "plan-v2.txt",
        &changed,
        &app::queries::audit::Actor::system(),
    )
    .await
    .unwrap();
    let (_, page) = admin.page(&format!("/admin/import/{draft}")).await;
    let row = page.text_of("tr[data-key='4.1.3']");
    assert!(
        row.contains("~ Changed") && row.contains("Keep operational protocols current"),
        "{}",
        page.text()
    );
    assert_eq!(
        page.count("tbody tr[data-key]"),
        1,
        "only what changes: {}",
        page.text()
    );
    // Without a reason: refused beside the field, nothing proposed.
    let action = admin
        .action(&format!("/admin/import/{draft}"), "commit_import")
        .await;
    let id = draft.to_string();
    let res = admin
        .post_form(&action, &[("draft_id", id.as_str()), ("reason", " ")])
        .await;
    assert_eq!(location(&res), format!("/admin/import/{draft}"));
    let (_, page) = admin.page(&format!("/admin/import/{draft}")).await;
    assert!(
        page.has_text("Say why the plan should change"),
        "{}",
        page.text()
    );
    assert_eq!(app.count("change_proposals").await, 0);
    let res = admin
        .post_form(
            &action,
            &[("draft_id", id.as_str()), ("reason", "The FY2028 edition")],
        )
        .await;
    let to = location(&res);
    assert!(to.starts_with("/plan/proposals#proposal-"), "{to}");
    assert!(
        !strategy_text(&app, "4.1.3")
            .await
            .0
            .starts_with("Keep operational"),
        "nothing changes yet"
    );

    let q = open_review(&app).await;
    decide(&wg, q, &[&id_of(&to)], &[]).await;
    assert_eq!(
        strategy_text(&app, "4.1.3").await.0,
        "Keep operational protocols current and in use."
    );
    let (_, page) = wg.page("/plan/revisions/compare?from=1&to=2").await;
    assert!(page.text_of("tr[data-key='4.1.3']").contains("~ Changed"));
    assert_eq!(page.count("tbody tr[data-key]"), 1, "{}", page.text());
}

#[tokio::test]
async fn a_target_or_measure_proposal_follows_the_apps_rules_and_logs_its_reason() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let id = crate::measures::add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    let fy = current_quarter().year;
    let m = id.to_string();
    let year = fy.to_string();
    let target = propose(
        &wg,
        "target",
        &[
            ("measure", &m),
            ("fiscal_year", &year),
            ("target", "1,250"),
            ("reason", "New staff"),
        ],
    )
    .await;
    let rename = propose(
        &wg,
        "measure",
        &[
            ("measure", &m),
            ("text", "Cases closed on time"),
            ("unit", "cases"),
            ("reason", "Clearer"),
        ],
    )
    .await;
    let q = open_review(&app).await;
    decide(&wg, q, &[&id_of(&target), &id_of(&rename)], &[]).await;
    let (value,): (f64,) = sqlx::query_as(
        "SELECT value FROM targets WHERE measure_id = $1 AND fiscal_year = $2 AND period = 0",
    )
    .bind(id)
    .bind(fy as i64)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(value, 1250.0);
    let (reason,): (String,) =
        sqlx::query_as("SELECT reason FROM target_changes WHERE measure_id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(reason, "Approved change proposal (plan revision 2)");
    let (_, page) = wg.page(&format!("/measures/{id}")).await;
    assert!(page.has_text("Cases closed on time"));

    // Once the APP is approved, an annual target proposal cannot be applied: the whole
    // batch is refused and nothing changes.
    app::services::plan_year::change_app_state(
        &app.db,
        &app::queries::audit::Actor::system(),
        fy,
        app::model::plan_year::AppStep::Approve,
        "",
    )
    .await
    .unwrap_or_else(|_| panic!("approve the APP"));
    let target = propose(
        &wg,
        "target",
        &[
            ("measure", &m),
            ("fiscal_year", &year),
            ("target", "9"),
            ("reason", "Late"),
        ],
    )
    .await;
    let text = propose(
        &wg,
        "text",
        &[("item", "4.1.1"), ("text", "Changed"), ("reason", "x")],
    )
    .await;
    decide(&wg, q, &[&id_of(&target), &id_of(&text)], &[]).await;
    let (_, page) = wg.page(&format!("/reviews/{}", q.slug())).await;
    assert!(
        page.text_of("#proposals")
            .contains("start the mid-year revision"),
        "{}",
        page.text_of("#proposals")
    );
    assert_ne!(strategy_text(&app, "4.1.1").await.0, "Changed");
    assert_eq!(app.count("plan_revisions").await, 2);
}

/// For the permission matrix: a fresh open proposal; returns its id.
pub async fn fresh(app: &TestApp, n: usize) -> i64 {
    let input = app::model::proposal::ProposalInput {
        kind: "text".into(),
        item: "4.1.3".into(),
        text: format!("Matrix proposal {n}"),
        reason: "Matrix".into(),
        ..Default::default()
    };
    app::services::proposal::propose(&app.db, &app::queries::audit::Actor::system(), &input)
        .await
        .unwrap_or_else(|_| panic!("a fresh proposal"))
}

#[tokio::test]
async fn a_wording_proposal_shows_the_words_that_change_beside_the_wording_now() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let (now,): (String,) = sqlx::query_as("SELECT text FROM strategies WHERE number = '4.1.3'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // A one-word fix is invisible in a whole sentence; the diff marks just that word.
    let fixed = now.replacen("availability", "the availability", 1);
    assert_ne!(fixed, now);
    let to = propose(
        &wg,
        "text",
        &[("item", "4.1.3"), ("text", &fixed), ("reason", "Grammar")],
    )
    .await;
    let id = id_of(&to);
    let (_, page) = wg.page("/plan/proposals").await;
    let row = format!("#proposal-{id}");
    assert_eq!(
        page.text_of(&format!("{row} .pt-diff__added")),
        "added: the"
    );
    assert_eq!(page.count(&format!("{row} .pt-diff__removed")), 0);
    // The wording now, whole, beside it.
    let side = page.text_of(&format!("{row} .pt-diff__side"));
    assert!(
        side.starts_with("Now") && side.ends_with(now.trim()),
        "{side}"
    );
}
