use super::*;

fn page(body: &str) -> KeptPage {
    let headers = vec![(
        "content-security-policy".to_string(),
        b"script-src 'nonce-N0NCE'".to_vec(),
    )];
    KeptPage::new(headers, body.as_bytes(), "N0NCE")
}

#[test]
fn the_pages_read_often_are_kept_and_forms_and_administration_are_not() {
    for path in [
        "/",
        "/goals/1",
        "/objectives/1.1",
        "/strategies/1.1.1",
        "/quarters",
        "/quarters/FY2027-Q1",
        "/quarters/FY2027-Q1/inbox",
        "/heatmap",
        "/app",
        "/app/2027",
        "/ip/2027",
        "/my",
        "/inbox",
        "/reports/2026",
        "/reports/2026/public",
        "/business-plan",
        "/business-plan/strategies/1.1.1",
        "/measures/12",
        "/public",
    ] {
        assert!(is_kept(path), "{path} should be kept");
    }
    for path in [
        "/login",
        "/strategies/1.1.1/status",
        "/quarters/FY2027-Q1/call",
        "/app/2027/start",
        "/measures/new",
        "/measures/12/edit",
        "/measures/import",
        "/admin/users",
        "/account/password",
        "/api/take_notice",
        "/reviews/FY2027-Q1",
        "/business-plan/import",
    ] {
        assert!(!is_kept(path), "{path} should not be kept");
    }
}

#[test]
fn a_kept_page_is_served_with_a_new_nonce_in_every_place_the_old_one_stood() {
    let kept = page("<script nonce=\"N0NCE\">a</script><p>N0NC</p><script nonce=\"N0NCE\">");
    assert_eq!(kept.pieces.len(), 3);
    let body = String::from_utf8(kept.body_with("fresh")).unwrap();
    assert_eq!(
        body,
        "<script nonce=\"fresh\">a</script><p>N0NC</p><script nonce=\"fresh\">"
    );
    let policy = kept.header_with(&kept.headers[0].1, "fresh");
    assert_eq!(policy, b"script-src 'nonce-fresh'");
    let plain = KeptPage::new(vec![], b"no scripts", "");
    assert_eq!(plain.body_with("x"), b"no scripts");
}

#[test]
fn only_what_is_shown_once_makes_a_session_personal() {
    let keys = |ks: &[&str]| ks.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    let signed_in = keys(&[
        "axum-login.data",
        crate::auth::LOGIN_AT_KEY,
        crate::auth::LAST_SEEN_KEY,
        ONE_TIME_KEY,
    ]);
    assert!(!holds_one_time(signed_in.iter()));
    let with_notice = keys(&["axum-login.data", crate::api::notice::NOTICE_KEY]);
    assert!(holds_one_time(with_notice.iter()));
}

#[tokio::test]
async fn a_page_is_rendered_once_per_version_and_the_previous_one_served_meanwhile() {
    let cache = PageCache::default();
    let Look::Render(turn) = cache.look("k", 1).await else {
        panic!("nothing kept yet: render");
    };
    turn.finish(Some(page("v1")));
    assert!(matches!(cache.look("k", 1).await, Look::Kept(p) if p.body_with("") == b"v1"));
    // A save: the first reader renders, the next is served version 1 meanwhile.
    let Look::Render(turn) = cache.look("k", 2).await else {
        panic!("a new version: render");
    };
    assert!(matches!(cache.look("k", 2).await, Look::Previous(p) if p.body_with("") == b"v1"));
    turn.finish(Some(page("v2")));
    assert!(matches!(cache.look("k", 2).await, Look::Kept(p) if p.body_with("") == b"v2"));
    assert_eq!(cache.size().0, 1);
}

#[tokio::test]
async fn a_render_that_keeps_nothing_frees_the_key_for_the_next_reader() {
    let cache = PageCache::default();
    let Look::Render(turn) = cache.look("k", 1).await else {
        panic!("render");
    };
    drop(turn);
    let Look::Render(turn) = cache.look("k", 1).await else {
        panic!("the dropped turn freed the key");
    };
    assert!(turn.finish(None).is_none());
    assert!(matches!(cache.look("k", 1).await, Look::Render(_)));
    assert_eq!(cache.size(), (0, 0));
}

#[tokio::test]
async fn readers_waiting_for_the_first_render_share_it() {
    let cache = PageCache::default();
    let Look::Render(turn) = cache.look("k", 1).await else {
        panic!("render");
    };
    let waiting = {
        let cache = cache.clone();
        tokio::spawn(async move { matches!(cache.look("k", 1).await, Look::Kept(_)) })
    };
    tokio::task::yield_now().await;
    turn.finish(Some(page("v1")));
    assert!(
        waiting.await.unwrap(),
        "the waiting reader got the one render"
    );
}

#[tokio::test]
async fn past_the_budget_other_pages_make_room() {
    let cache = PageCache::default();
    let big = "x".repeat(BUDGET / 3);
    for key in ["a", "b", "c", "d"] {
        let Look::Render(turn) = cache.look(key, 1).await else {
            panic!("render {key}");
        };
        turn.finish(Some(KeptPage::new(vec![], big.as_bytes(), "")));
    }
    let (pages, bytes) = cache.size();
    assert!(bytes <= BUDGET, "{bytes} bytes kept");
    assert!(pages < 4 && pages >= 1, "{pages} pages kept");
    assert!(
        matches!(cache.look("d", 1).await, Look::Kept(_)),
        "the newest stays"
    );
}

#[tokio::test]
async fn after_a_save_one_reader_renders_and_the_others_are_served_the_previous_page() {
    let cache = PageCache::default();
    let Look::Render(turn) = cache.look("k", 1).await else {
        panic!("render");
    };
    turn.finish(Some(page("v1")));
    // Many readers at once after a save: one turn to render, no one waits.
    let mut turns = 0;
    let mut previous = 0;
    let mut held = Vec::new();
    for _ in 0..10 {
        match cache.look("k", 2).await {
            Look::Render(turn) => {
                turns += 1;
                held.push(turn);
            }
            Look::Previous(_) => previous += 1,
            Look::Kept(_) => panic!("version 2 is not kept yet"),
        }
    }
    assert_eq!((turns, previous), (1, 9));
    // Another save while it renders: still served the previous page, no second render.
    assert!(matches!(cache.look("k", 3).await, Look::Previous(_)));
}

#[tokio::test]
async fn readers_asking_at_once_share_one_read_of_the_data_version() {
    let cache = PageCache::default();
    let reads = Arc::new(AtomicU64::new(0));
    let (release, gate) = tokio::sync::oneshot::channel::<()>();
    let gate = Arc::new(tokio::sync::Mutex::new(Some(gate)));
    let ask = |cache: PageCache| {
        let (reads, gate) = (reads.clone(), gate.clone());
        tokio::spawn(async move {
            cache
                .data_version(|| async move {
                    reads.fetch_add(1, Ordering::SeqCst);
                    if let Some(gate) = gate.lock().await.take() {
                        let _ = gate.await;
                    }
                    Ok::<_, ()>(7)
                })
                .await
        })
    };
    let first = ask(cache.clone());
    tokio::task::yield_now().await;
    let others: Vec<_> = (0..5).map(|_| ask(cache.clone())).collect();
    tokio::task::yield_now().await;
    release.send(()).unwrap();
    assert_eq!(first.await.unwrap(), Ok(7));
    for other in others {
        assert_eq!(other.await.unwrap(), Ok(7));
    }
    assert_eq!(reads.load(Ordering::SeqCst), 1, "one read for all six");
    // A reader after the read ended reads afresh.
    let later = cache.data_version(|| async { Ok::<_, ()>(8) }).await;
    assert_eq!(later, Ok(8));
}

#[tokio::test]
async fn under_load_a_page_rests_a_while_between_renders_and_a_lone_reader_never_waits() {
    let cache = PageCache::default();
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let Look::Render(turn) = cache.look_at("k", 1, ms(0)).await else {
        panic!("render");
    };
    turn.finish_at(Some(page("v1")), ms(10));
    // A lone reader after a save: rendered at once, however soon.
    let Look::Render(turn) = cache.look_at("k", 2, ms(11)).await else {
        panic!("no one else read meanwhile: render at once");
    };
    turn.finish_at(Some(page("v2")), ms(20));
    // Under load: another reader is served the previous page while it renders...
    let Look::Render(turn) = cache.look_at("k", 3, ms(21)).await else {
        panic!("render");
    };
    assert!(matches!(
        cache.look_at("k", 3, ms(50)).await,
        Look::Previous(_)
    ));
    turn.finish_at(Some(page("v3")), ms(121));
    // ... so after a render of 100 ms the page rests three times that before the next.
    assert!(
        matches!(cache.look_at("k", 3, ms(130)).await, Look::Kept(p) if p.body_with("") == b"v3")
    );
    assert!(
        matches!(cache.look_at("k", 4, ms(130)).await, Look::Previous(p) if p.body_with("") == b"v3")
    );
    assert!(matches!(
        cache.look_at("k", 4, ms(420)).await,
        Look::Previous(_)
    ));
    let Look::Render(turn) = cache.look_at("k", 4, ms(421)).await else {
        panic!("rested long enough: render");
    };
    // A long render under load rests at most half a second.
    assert!(matches!(
        cache.look_at("k", 4, ms(500)).await,
        Look::Previous(_)
    ));
    turn.finish_at(Some(page("v4")), ms(5_421));
    assert!(matches!(
        cache.look_at("k", 5, ms(5_920)).await,
        Look::Previous(_)
    ));
    assert!(matches!(
        cache.look_at("k", 5, ms(5_921)).await,
        Look::Render(_)
    ));
}
