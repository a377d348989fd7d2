//! Importing plan text: idempotency, updates, placeholders, drafts and commit.

use crate::harness::{Browser, TestApp};
use app::model::user::Role;
use app::outline::parse_outline;
use app::queries::audit::Actor;
use app::services::import::{apply_outline, PlanFields};
use server::setup::{FirstRunPlan, BUNDLED_PLAN};

#[tokio::test]
async fn reimporting_the_same_plan_changes_and_duplicates_nothing() {
    let app = TestApp::with_excerpt().await;
    let before = (
        app.count("goals").await,
        app.count("objectives").await,
        app.count("strategies").await,
    );
    assert_eq!(before, (3, 10, 30));
    let outline = parse_outline(BUNDLED_PLAN).unwrap();
    let summary = apply_outline(&app.db, &outline, &PlanFields::default(), &Actor::system())
        .await
        .unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (0, 0, 43)
    );
    let after = (
        app.count("goals").await,
        app.count("objectives").await,
        app.count("strategies").await,
    );
    assert_eq!(before, after);
    assert_eq!(app.count("narrative_sections").await, 3);
}

#[tokio::test]
async fn changed_text_is_updated_and_placeholders_are_filled() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let text = "Goal 3: Partnerships: Work with others.\n\
                (3.1) Objective One: Enhance partnerships with local agencies.\n\
                3.1.3: Enhance partnerships (revised).\n";
    let outline = parse_outline(text).unwrap();
    let summary = apply_outline(&app.db, &outline, &PlanFields::default(), &Actor::system())
        .await
        .unwrap();
    assert_eq!((summary.created, summary.updated), (0, 3));
    let (_, html) = viewer.page("/goals/3").await;
    assert!(html.has_text("Goal 3: Partnerships"));
    assert!(html.has_text("Enhance partnerships (revised)."));
    assert!(!html.has_text("(untitled)"));
    // A later placeholder for goal 3 never blanks the name it now has.
    let outline = parse_outline("3.2.3: New strategy.\n").unwrap();
    apply_outline(&app.db, &outline, &PlanFields::default(), &Actor::system())
        .await
        .unwrap();
    let (_, html) = viewer.page("/goals/3").await;
    assert!(html.has_text("Goal 3: Partnerships"));
    assert!(html.has_text("New strategy."));
}

#[tokio::test]
async fn title_is_kept_on_reimport_unless_given() {
    let app = TestApp::with_excerpt().await;
    let viewer = app.signed_in(Role::Viewer).await;
    let outline = parse_outline("Another Title\n\nGoal 6: New: Goal.\n").unwrap();
    apply_outline(&app.db, &outline, &PlanFields::default(), &Actor::system())
        .await
        .unwrap();
    let (_, html) = viewer.page("/").await;
    assert!(html.has_text("DRO Strategic Plan"));
    let fields = PlanFields {
        title: Some("Renamed plan".into()),
        organisation: None,
    };
    apply_outline(&app.db, &outline, &fields, &Actor::system())
        .await
        .unwrap();
    let (_, html) = viewer.page("/").await;
    assert!(html.has_text("Renamed plan"));
}

pub async fn upload(admin: &Browser, text: &str) -> String {
    let form = reqwest::multipart::Form::new().text("text", text.to_string());
    let res = admin
        .client
        .post(admin.url("/admin/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    res.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn pasted_text_previews_then_commits_all_or_nothing() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let location = upload(
        &admin,
        "My Plan\n\nGoal 1: Serve: Serve well.\nObjective 1.1 - Answer\n1.1.1: Staff phones\n",
    )
    .await;
    assert!(location.starts_with("/admin/import/"));
    let (status, preview) = admin.page(&location).await;
    assert_eq!(status, 200);
    assert!(preview.has_text("1 goals, 1 objectives, 1 strategies"));
    assert!(preview.has_text("Staff phones"));
    assert_eq!(
        app.count("goals").await,
        0,
        "preview writes nothing to the plan"
    );

    let action = preview
        .form_action("/api/commit_import")
        .expect("commit form");
    let res = admin
        .client
        .post(admin.url(&action))
        .header("accept", "text/html")
        .header("referer", admin.url(&location))
        .form(&[("draft_id", location.rsplit('/').next().unwrap())])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    assert_eq!(app.count("strategies").await, 1);
    let (_, after) = admin.page(&location).await;
    assert!(after.has_text("Imported"));
    assert!(after.has_text("3 created"));
    let (_, home) = admin.page("/").await;
    assert!(home.has_text("My Plan"));
}

#[tokio::test]
async fn a_numbering_error_is_shown_with_its_line_and_cannot_be_committed() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let text = "Goal 4: IT\n4.1 Objective One: Data\nGoal 5: People\n(5.1) Objective One: Staff\n4.2.1: Misplaced\n";
    let location = upload(&admin, text).await;
    let (_, preview) = admin.page(&location).await;
    assert!(preview.has_text("This text cannot be imported"));
    assert!(preview.has_text("Line 5:"));
    assert!(preview.form_action("/api/commit_import").is_none());
    // The text is shown again for correction.
    assert!(preview.has_text("4.2.1: Misplaced"));
    // A direct post is refused and writes nothing.
    let id = location.rsplit('/').next().unwrap();
    let probe = upload(&admin, "Goal 1: A\n").await;
    let (_, ok_preview) = admin.page(&probe).await;
    let action = ok_preview.form_action("/api/commit_import").unwrap();
    let res = admin
        .client
        .post(admin.url(&action))
        .form(&[("draft_id", id)])
        .send()
        .await
        .unwrap();
    assert!(!res.status().is_success());
    assert_eq!(app.count("goals").await, 0);
}

#[tokio::test]
async fn an_empty_submission_returns_to_the_form_with_an_error() {
    let app = TestApp::start(FirstRunPlan::Empty).await;
    let admin = app.signed_in(Role::Admin).await;
    let location = upload(&admin, "   \n").await;
    assert_eq!(location, "/admin/import?error=empty");
    let (_, html) = admin.page(&location).await;
    assert!(html.has_text("Paste the plan text or choose a file"));
    assert_eq!(app.count("import_drafts").await, 0);
}
