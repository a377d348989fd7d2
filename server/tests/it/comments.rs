//! Discussion on the work through the forms a browser without JavaScript posts: a viewer
//! asks on a measure mentioning its owner, the owner answers, the working group resolves;
//! refusals keep what was typed; corrections keep the earlier text; hiding is audited;
//! everything is append-only; mentions reach the outbox, the digest and a real mail
//! server.

use crate::harness::{Browser, TestApp};
use crate::measures::add_measure;
use crate::status::assign;
use app::model::user::Role;
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    app::clock::parse_instant(s).unwrap()
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()))
}

/// Posts the form of server function `name` on `page`; (status, where it leads).
async fn post(who: &Browser, page: &str, name: &str, form: &[(&str, &str)]) -> (u16, String) {
    let action = who.action(page, name).await;
    let res = who.post_form(&action, form).await;
    (res.status().as_u16(), location(&res))
}

/// The newest comment's id.
async fn last_comment(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM comments")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    id
}

/// An owner "ana" of 4.1.3, a measure on it, a viewer and the working group.
async fn setting(app: &TestApp) -> (Browser, Browser, Browser, i64) {
    let wg = app.signed_in(Role::WorkingGroup).await;
    let ana = app.signed_in_as("ana", Role::Manager).await;
    assign(app, "ana", "4.1.3").await;
    let id = add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    let viewer = app.signed_in(Role::Viewer).await;
    (wg, ana, viewer, id)
}

#[tokio::test]
async fn a_viewer_asks_on_a_measure_mentioning_its_owner_who_answers_and_the_group_resolves() {
    let app = TestApp::with_excerpt().await;
    let (wg, ana, viewer, id) = setting(&app).await;
    let page = format!("/measures/{id}");
    let on = format!("measure:{id}");
    let (_, p) = viewer.page(&page).await;
    assert_eq!(p.text_of("#discussion-heading"), "Discussion");
    assert!(
        p.has_text("No one has commented on this measure yet."),
        "{}",
        p.text_of("#discussion")
    );
    assert!(
        p.has_text("@ana — ana"),
        "the people who may be mentioned are listed"
    );

    let question = "@ana is the Q1 figure cumulative? See https://example.org/defs.";
    let (status, to) = post(
        &viewer,
        &page,
        "post_comment",
        &[("on", &on), ("text", question)],
    )
    .await;
    assert_eq!(
        (status, to.as_str()),
        (302, format!("{page}#discussion").as_str())
    );
    let (_, p) = viewer.page(&page).await;
    assert_eq!(
        p.text_of("#discussion-heading"),
        "Discussion (1 open thread)"
    );
    assert!(
        p.has_text("is the Q1 figure cumulative?"),
        "{}",
        p.text_of("#discussion")
    );
    assert_eq!(
        p.attr_of("#discussion a[rel~=nofollow]", "href").as_deref(),
        Some("https://example.org/defs"),
        "the address is a link, without the sentence's full stop"
    );
    let asked = last_comment(&app).await;

    // The owner is told in the app (and the outbox holds the mail).
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id
         WHERE u.username = 'ana' AND o.kind = 'mention'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);
    assert_eq!(app.count("comment_mentions").await, 1);
    let (_, notes) = ana.page("/notifications").await;
    assert!(
        notes.has_text("viewer mentioned you: Measure: Cases closed"),
        "{}",
        notes.text()
    );
    let (_, my) = ana.page("/my").await;
    assert_eq!(
        my.text_of("#mentions-heading"),
        "Mentions (1 waiting for your answer)"
    );
    assert!(my.has(&format!("a[href=\"/measures/{id}#discussion\"]")));

    // She answers in the thread.
    let asked_s = asked.to_string();
    let (status, _) = post(
        &ana,
        &page,
        "post_comment",
        &[
            ("on", &on),
            ("text", "Yes: year to date."),
            ("reply_to", &asked_s),
        ],
    )
    .await;
    assert_eq!(status, 302);
    let (_, my) = ana.page("/my").await;
    assert_eq!(
        my.text_of("#mentions-heading"),
        "Mentions (0 waiting for your answer)"
    );
    assert!(my.has_text("Answered"));
    let (_, p) = wg.page(&page).await;
    assert!(
        p.has_text("replying to viewer"),
        "{}",
        p.text_of("#discussion")
    );

    // The working group resolves it; a second resolve from the same state is refused.
    let form = |seq: &'static str, resolve: &'static str| {
        vec![
            ("on", on.clone()),
            ("id", asked_s.clone()),
            ("seq", seq.into()),
            ("resolve", resolve.into()),
        ]
    };
    let owned = |f: &Vec<(&'static str, String)>| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let f = owned(&form("0", "1"));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&wg, &page, "resolve_thread", &refs).await.0, 302);
    let (_, p) = viewer.page(&page).await;
    assert_eq!(p.text_of("#discussion-heading"), "Discussion");
    assert!(
        p.has_text("✓ Resolved by working-group"),
        "{}",
        p.text_of("#discussion")
    );
    let (status, to) = post(&wg, &page, "resolve_thread", &refs).await;
    assert_eq!(
        (status, to.as_str()),
        (302, format!("{page}#discussion").as_str())
    );
    let (_, p) = wg.page(&page).await;
    assert!(
        p.has_text("Someone changed this thread meanwhile: it is resolved now."),
        "{}",
        p.text_of("#discussion")
    );
    // Reopened by its starter.
    let f = owned(&form("1", "0"));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&viewer, &page, "resolve_thread", &refs).await.0, 302);
    let (_, p) = viewer.page(&page).await;
    assert_eq!(
        p.text_of("#discussion-heading"),
        "Discussion (1 open thread)"
    );
    // The owner, neither starter nor working group, may not resolve it.
    let action = wg.action(&page, "resolve_thread").await;
    let f = owned(&form("2", "1"));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(ana.post_form(&action, &refs).await.status().as_u16(), 403);

    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE object_type = 'comment'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 4, "post, reply, resolve, reopen");
}

#[tokio::test]
async fn refused_comments_come_back_with_what_was_typed_and_save_nothing() {
    let app = TestApp::with_excerpt().await;
    let (_, ana, viewer, id) = setting(&app).await;
    let page = format!("/measures/{id}");
    let on = format!("measure:{id}");
    for (text, why) in [
        ("@nobody who owns this?", "@nobody cannot read this measure"),
        ("   ", "Write the comment first."),
        ("bell \u{7} here", "control characters"),
    ] {
        let (status, to) = post(
            &viewer,
            &page,
            "post_comment",
            &[("on", &on), ("text", text)],
        )
        .await;
        assert_eq!(
            (status, to.as_str()),
            (302, format!("{page}#discussion").as_str()),
            "{text:?}"
        );
        let (_, p) = viewer.page(&page).await;
        assert!(p.has_text(why), "{why}: {}", p.text());
        assert!(p.has_text("Nothing was posted."));
        if !text.trim().is_empty() {
            assert_eq!(
                p.text_of("#comment-text"),
                text.trim_end(),
                "the text comes back"
            );
        }
    }
    assert_eq!(app.count("comments").await, 0);
    assert_eq!(app.count("outbox").await, 0);

    // A reply to a comment on another item is refused; an unknown item is a 404.
    let strategy = "/strategies/4.1.3";
    post(
        &ana,
        strategy,
        "post_comment",
        &[("on", "strategy:4.1.3"), ("text", "Elsewhere")],
    )
    .await;
    let other = last_comment(&app).await.to_string();
    post(
        &viewer,
        &page,
        "post_comment",
        &[("on", &on), ("text", "Hi"), ("reply_to", &other)],
    )
    .await;
    let (_, p) = viewer.page(&page).await;
    assert!(
        p.has_text("That comment is on another item; answer it there."),
        "{}",
        p.text_of("#discussion")
    );
    assert_eq!(app.count("comments").await, 1);
    let action = viewer.action(&page, "post_comment").await;
    // (A plain post that fails is sent back with a 302; the JSON API answers 404.)
    let res = viewer
        .post_form(&action, &[("on", "measure:9999"), ("text", "Hi")])
        .await;
    assert!(
        res.status().is_redirection() || res.status() == 404,
        "{}",
        res.status()
    );
    assert_eq!(
        app.count("comments").await,
        1,
        "nothing posted on an item that is not there"
    );
    let (status, _) = viewer.get("/discussion?on=proposal:4242").await;
    assert_eq!(status, 404);
    // Signed out, nobody posts.
    let res = app
        .anonymous()
        .post_form(&action, &[("on", &on), ("text", "Hi")])
        .await;
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(app.count("comments").await, 1);
}

#[tokio::test]
async fn a_comment_is_corrected_within_fifteen_minutes_keeping_its_history_and_hidden_with_a_reason(
) {
    let app = TestApp::with_excerpt().await;
    let (wg, _, viewer, id) = setting(&app).await;
    let admin = app.signed_in(Role::Admin).await;
    let page = format!("/measures/{id}");
    let on = format!("measure:{id}");
    post(
        &viewer,
        &page,
        "post_comment",
        &[("on", &on), ("text", "Teh figure looks low.")],
    )
    .await;
    let c = last_comment(&app).await.to_string();
    let correct = |version: &'static str, text: &'static str| {
        vec![
            ("on", on.clone()),
            ("id", c.clone()),
            ("version", version.to_string()),
            ("text", text.to_string()),
        ]
    };
    async fn send(who: &Browser, page: &str, f: Vec<(&'static str, String)>) -> (u16, String) {
        let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(who, page, "correct_comment", &refs).await
    }
    assert_eq!(
        send(&viewer, &page, correct("0", "The figure looks low."))
            .await
            .0,
        302
    );
    let (_, p) = viewer.page(&page).await;
    assert!(p.has_text("The figure looks low."));
    assert!(p.has_text("Corrected (1 earlier text)"));
    assert!(
        p.has_text("Teh figure looks low."),
        "the earlier text is kept"
    );
    // The same correction from a stale form is refused.
    assert_eq!(send(&viewer, &page, correct("0", "Again")).await.0, 302);
    let (_, p) = viewer.page(&page).await;
    assert!(
        p.has_text("You corrected this comment in another window meanwhile"),
        "{}",
        p.text_of("#discussion")
    );
    // Someone else may not correct it.
    let action = viewer.action(&page, "correct_comment").await;
    let f = correct("1", "Mine now");
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(wg.post_form(&action, &refs).await.status().as_u16(), 403);
    // Sixteen minutes on, the window has closed: the form is gone and a post is refused.
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(16));
    let (_, p) = viewer.page(&page).await;
    assert!(!p.has_text("Correct this comment"));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    viewer.post_form(&action, &refs).await;
    let (_, p) = viewer.page(&page).await;
    assert!(
        p.has_text("can be corrected for 15 minutes after it is posted"),
        "{}",
        p.text_of("#discussion")
    );
    assert_eq!(app.count("comment_corrections").await, 1);

    // Hiding: administrators only, with a reason, shown in the comment's place, audited.
    let hide = [
        ("on", on.as_str()),
        ("id", c.as_str()),
        ("reason", "Personal information"),
    ];
    let hide_action = admin.action(&page, "hide_comment").await;
    assert_eq!(
        wg.post_form(&hide_action, &hide).await.status().as_u16(),
        403
    );
    post(
        &admin,
        &page,
        "hide_comment",
        &[("on", &on), ("id", &c), ("reason", " ")],
    )
    .await;
    let (_, p) = admin.page(&page).await;
    assert!(
        p.has_text("Say why the comment is hidden"),
        "{}",
        p.text_of("#discussion")
    );
    assert_eq!(post(&admin, &page, "hide_comment", &hide).await.0, 302);
    let (_, p) = viewer.page(&page).await;
    assert!(
        p.has_text("Hidden by admin on"),
        "{}",
        p.text_of("#discussion")
    );
    assert!(p.has_text("Personal information"));
    assert!(
        !p.has_text("The figure looks low."),
        "a hidden comment's text is not shown"
    );
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'comment' AND action = 'hide'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(n, 1);

    // All of it is history: nothing can be changed or deleted, even directly.
    let (seq_ok,) = (sqlx::query(
        "INSERT INTO thread_events (thread_id, seq, resolved, by_id, at) VALUES ($1, 1, 1, 1, 'now')",
    )
    .bind(c.parse::<i64>().unwrap())
    .execute(app.db.pool())
    .await
    .is_ok(),);
    assert!(seq_ok);
    for table in [
        "comments",
        "comment_corrections",
        "comment_mentions",
        "comment_hides",
        "thread_events",
    ] {
        for sql in [
            format!(
                "UPDATE {table} SET {} = {}",
                first_column(table),
                first_column(table)
            ),
            format!("DELETE FROM {table}"),
        ] {
            let before = app.count(table).await;
            let result = sqlx::query(&sql).execute(app.db.pool()).await;
            if before > 0 {
                assert!(result.is_err(), "{sql} was allowed");
            }
            assert_eq!(app.count(table).await, before, "{table} lost rows");
        }
    }
}

/// A column every row of `table` has.
fn first_column(table: &str) -> &'static str {
    match table {
        "comment_mentions" | "comment_hides" => "comment_id",
        _ => "id",
    }
}

#[tokio::test]
async fn a_burst_of_comments_is_throttled_per_person() {
    let app = TestApp::with_excerpt().await;
    let (_, ana, viewer, id) = setting(&app).await;
    let page = format!("/measures/{id}");
    let on = format!("measure:{id}");
    let action = viewer.action(&page, "post_comment").await;
    for i in 0..app::model::comment::BURST_LIMIT {
        let text = format!("Comment {i}");
        let res = viewer
            .post_form(&action, &[("on", &on), ("text", &text)])
            .await;
        assert_eq!(res.status().as_u16(), 302, "comment {i}");
    }
    let res = viewer
        .post_form(&action, &[("on", &on), ("text", "One more")])
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let (_, p) = viewer.page(&page).await;
    assert!(
        p.has_text("You have posted 20 comments in the last 5 minutes"),
        "{}",
        p.text_of("#discussion")
    );
    assert_eq!(p.text_of("#comment-text"), "One more");
    assert_eq!(
        app.count("comments").await,
        app::model::comment::BURST_LIMIT
    );
    // Someone else is not held back; and the first one may post again later.
    let res = ana
        .post_form(&action, &[("on", &on), ("text", "Me too")])
        .await;
    assert_eq!(res.status().as_u16(), 302);
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(6));
    viewer
        .post_form(&action, &[("on", &on), ("text", "Later")])
        .await;
    assert_eq!(
        app.count("comments").await,
        app::model::comment::BURST_LIMIT + 2
    );
}

/// Gives user `who` the address `<username>@example.gov`, then posts `text` (which
/// mentions them) on measure `id` as `author`.
async fn mention(app: &TestApp, author: &Browser, id: i64, (who, text): (i64, &str)) {
    let (name,): (String,) = sqlx::query_as("SELECT username FROM users WHERE id = $1")
        .bind(who)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let system = app::queries::audit::Actor::system();
    app::services::users::set_email(&app.db, &system, who, &format!("{name}@example.gov"))
        .await
        .unwrap();
    let on = format!("measure:{id}");
    let page = format!("/measures/{id}");
    post(
        author,
        &page,
        "post_comment",
        &[("on", &on), ("text", text)],
    )
    .await;
}

#[tokio::test]
async fn a_mention_waits_for_the_owners_digest_due_the_next_day_and_goes_out_in_it() {
    let app = TestApp::with_excerpt().await;
    // FY2027 Q1 updates are due 15 January 2027: the day before, ana has nothing submitted.
    app.clock.set(at("2027-01-14T10:00:00Z"));
    let (_, ana_browser, viewer, id) = setting(&app).await;
    let ana: (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'ana'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    mention(&app, &viewer, id, (ana.0, "@ana is Q1 in yet?")).await;
    let (due,): (String,) =
        sqlx::query_as("SELECT next_attempt_at FROM outbox WHERE kind = 'mention'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(
        due.starts_with("2027-01-15T00:00:00"),
        "held for the digest: {due}"
    );
    let server = crate::smtp::Smtp::start().await;
    let mailer =
        app::services::mail::Mailer::new(&server.url(), "plantrack <plantrack@example.gov>")
            .unwrap();
    app::services::outbox::tick(&app.db, &mailer, at("2027-01-14T12:00:00Z")).await;
    assert!(
        server.messages().is_empty(),
        "not sent on its own before the digest"
    );
    app::services::outbox::tick(&app.db, &mailer, at("2027-01-15T06:00:00Z")).await;
    let got = server.messages();
    assert_eq!(
        got.len(),
        1,
        "one message: the digest with the mention in it: {got:?}"
    );
    assert!(got[0].subject.starts_with("Due today"), "{got:?}");
    assert!(got[0].body.contains("You were mentioned:"), "{got:?}");
    assert!(got[0].body.contains("@ana is Q1 in yet?"), "{got:?}");
    app.clock.set(at("2027-01-15T07:00:00Z"));
    // A new session: the one of the day before has ended.
    drop(ana_browser);
    let ana_browser = app.anonymous();
    ana_browser
        .login("ana", crate::harness::TEST_PASSWORD)
        .await;
    let (_, notes) = ana_browser.page("/notifications").await;
    assert!(
        notes.has_text("E-mailed with your reminder digest"),
        "{}",
        notes.text()
    );
}

#[tokio::test]
async fn a_mention_of_someone_without_a_digest_reaches_the_real_mail_server_with_a_link() {
    let app = TestApp::with_excerpt().await;
    let (_, _, viewer, id) = setting(&app).await;
    let wendy = app.create_user("wendy", Role::WorkingGroup).await;
    let text = "@wendy should this go to the review?";
    mention(&app, &viewer, id, (wendy, text)).await;
    let server = crate::smtp::Smtp::start().await;
    let mailer =
        app::services::mail::Mailer::new(&server.url(), "plantrack <plantrack@example.gov>")
            .unwrap();
    let sent = app::services::outbox::deliver(&app.db, &mailer, app.clock.now())
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let got = server.messages();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].to, "wendy@example.gov");
    assert_eq!(
        got[0].subject,
        "viewer mentioned you: Measure: Cases closed"
    );
    assert!(
        got[0].body.contains("should this go to the review?"),
        "{got:?}"
    );
    assert!(
        got[0].body.contains(&format!("/measures/{id}#discussion")),
        "{got:?}"
    );
}

#[tokio::test]
async fn threads_on_an_update_count_in_the_inbox_and_the_tracker_and_the_api_reads_and_posts() {
    let app = TestApp::with_excerpt().await;
    let (wg, ana, _, _) = setting(&app).await;
    let fq = crate::status::current_quarter();
    crate::status::save(
        &ana,
        "4.1.3",
        &crate::status::form("0", "on_track", "40", "Going well"),
    )
    .await;
    let on = format!("status_update:4.1.3/{}/{}/1", fq.year, fq.quarter);
    let page = format!("/discussion?on={}", on.replace('/', "%2F"));
    let (status, p) = wg.page(&page).await;
    assert_eq!(status, 200, "{}", p.text_of("#discussion"));
    assert!(
        p.has_text(&format!(
            "Strategy 4.1.3: FY{} Q{} status update (version 1)",
            fq.year, fq.quarter
        )),
        "{}",
        p.text_of("#discussion")
    );
    post(
        &wg,
        &page,
        "post_comment",
        &[("on", &on), ("text", "@ana which cases count?")],
    )
    .await;
    let (_, p) = wg.page(&page).await;
    assert_eq!(
        p.text_of("#discussion-heading"),
        "Discussion (1 open thread)"
    );
    let (_, inbox) = wg
        .page(&format!("/quarters/{}/inbox?show=all", fq.slug()))
        .await;
    assert!(
        inbox.has_text("Discussion: 1 open thread"),
        "{}",
        inbox.text()
    );
    let (_, tracker) = wg.page(&format!("/quarters/{}/call", fq.slug())).await;
    assert_eq!(
        tracker.text_of("tr[data-owner=ana] td[data-label=Discussion]"),
        "1 open thread"
    );

    // The JSON API: read the thread, post with a read-write token (a read-only one may not).
    let (token, _) = crate::api::token(&app, "client", Role::Manager, "write").await;
    let (read_only, _) = crate::api::token(&app, "reader", Role::Viewer, "read").await;
    let client = reqwest::Client::new();
    let url = format!("http://{}/api/v1/comments", app.addr);
    let res = client
        .get(&url)
        .query(&[("on", on.as_str())])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["open"], 1);
    assert_eq!(
        body["threads"][0]["comments"][0]["text"],
        "@ana which cases count?"
    );
    let thread = body["threads"][0]["id"].as_i64().unwrap();
    let answer = serde_json::json!({ "on": on, "text": "Closed ones only.", "reply_to": thread });
    let res = client
        .post(&url)
        .bearer_auth(&read_only)
        .json(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&answer)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let bad = serde_json::json!({ "on": on, "text": "@ghost see this" });
    let res = client
        .post(&url)
        .bearer_auth(&token)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("@ghost cannot read"),
        "{body}"
    );
    let (_, p) = wg.page(&page).await;
    assert!(p.has_text("Closed ones only."));
    assert!(p.has_text("replying to working-group"));
    assert!(
        p.has_text("client"),
        "the API's comment is its token owner's"
    );
}
