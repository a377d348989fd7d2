//! Measure scoring and forecasts (issue 40): thresholds set with a preview, refused when
//! overlapping or unordered, audited, guarded against a concurrent edit; the plan-wide
//! default; the APP table's band, pace, forecast and likelihood on ten years of sample
//! data; the agenda's likelihood pre-filled from the forecast.

use crate::harness::{Browser, TestApp};
use app::model::forecast::{forecast, Outlook};
use app::model::user::Role;

/// Posts `save_scoring` for measure `id` from its thresholds page; returns (status,
/// where it sends the browser).
async fn post_scoring(browser: &Browser, id: i64, fields: &[(&str, &str)]) -> (u16, String) {
    let page = format!("/measures/{id}/thresholds");
    let action = browser.action(&page, "save_scoring").await;
    let id_s = id.to_string();
    let mut all = vec![("id", id_s.as_str())];
    all.extend_from_slice(fields);
    let res = browser.post_form(&action, &all).await;
    let to = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), to)
}

/// A measure's stored version and thresholds (JSON).
async fn stored(app: &TestApp, id: i64) -> (i64, Option<String>) {
    sqlx::query_as("SELECT version, thresholds FROM measures WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Band rows as the form sends them: name, from, symbol each.
fn bands<'a>(rows: &[(&'a str, &'a str, &'a str)]) -> Vec<(&'static str, &'a str)> {
    rows.iter()
        .flat_map(|(n, f, m)| {
            [
                ("band_name[]", *n),
                ("band_from[]", *f),
                ("band_mark[]", *m),
            ]
        })
        .collect()
}

#[tokio::test]
async fn bands_are_previewed_on_the_measures_own_years_then_saved_audited_or_refused_and_kept() {
    let app = TestApp::with_sample(8, 6, 40).await;
    let admin = app.signed_in(Role::Admin).await;
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM measures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (version, before) = stored(&app, id).await;
    assert_eq!(before, None, "the plan's default to begin with");
    let (_, page) = admin.page(&format!("/measures/{id}/thresholds")).await;
    assert_eq!(
        page.attr_of("#mode-default", "checked").as_deref(),
        Some("")
    );
    assert!(page.has_text("With the saved bands"), "{}", page.text());
    assert!(page.has_text("Q1–Q4 would read:"), "{}", page.text());
    let v = version.to_string();
    let mine = bands(&[
        ("Exceeding", "110", "★"),
        ("On target", "100", "✔"),
        ("Short", "", "✖"),
    ]);
    let mut fields = vec![
        ("version", v.as_str()),
        ("mode", "percent"),
        ("profile", ""),
    ];
    fields.extend(mine.iter().copied());
    // A preview shows the typed bands on its years and saves nothing.
    let mut preview = fields.clone();
    preview.push(("intent", "preview"));
    let (status, to) = post_scoring(&admin, id, &preview).await;
    assert!(status < 400, "{status}");
    assert!(
        to.ends_with(&format!("/measures/{id}/thresholds#preview")),
        "{to}"
    );
    let (_, page) = admin.page(&format!("/measures/{id}/thresholds")).await;
    assert!(page.has_text("Preview: with these bands (not saved yet)"));
    let previewed = page.text_of("#preview");
    assert!(
        ["Exceeding", "On target", "Short"]
            .iter()
            .any(|b| previewed.contains(b)),
        "{previewed}"
    );
    assert_eq!(
        page.attr_of("#mode-percent", "checked").as_deref(),
        Some("")
    );
    assert_eq!(stored(&app, id).await, (version, None), "nothing saved");
    // Unordered bands are refused, what was typed kept beside the problem.
    let mut unordered = vec![
        ("version", v.as_str()),
        ("mode", "percent"),
        ("intent", "save"),
    ];
    unordered.extend(bands(&[
        ("Close", "95", "▲"),
        ("Met", "100", "✔"),
        ("Off", "", "✖"),
    ]));
    let (_, to) = post_scoring(&admin, id, &unordered).await;
    assert!(to.ends_with(&format!("/measures/{id}/thresholds")), "{to}");
    let (_, page) = admin.page(&format!("/measures/{id}/thresholds")).await;
    assert!(page.has_text("Nothing was saved"));
    assert!(
        page.has_text("list bands highest first, without overlap"),
        "{}",
        page.text()
    );
    assert_eq!(
        page.attr_of("#band-2-name", "value").as_deref(),
        Some("Met")
    );
    assert_eq!(stored(&app, id).await, (version, None));
    // Saved: the measure page says so, and the audit log has it.
    let mut save = fields.clone();
    save.push(("intent", "save"));
    let (status, to) = post_scoring(&admin, id, &save).await;
    assert!(status < 400, "{status}");
    assert!(to.contains(&format!("/measures/{id}")), "{to}");
    let (now, json) = stored(&app, id).await;
    assert_eq!(now, version + 1);
    assert!(json.unwrap().contains("Exceeding"));
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'measure' AND object_key = $1
         AND after_json LIKE '%Exceeding%'",
    )
    .bind(id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let (_, measure) = admin.page(&format!("/measures/{id}")).await;
    assert!(
        measure.has_text("★ Exceeding from 110 % of target"),
        "{}",
        measure.text()
    );
    // The same form sent again (its version now stale) is a conflict that names theirs.
    let (_, to) = post_scoring(&admin, id, &save).await;
    assert!(to.ends_with(&format!("/measures/{id}/thresholds")), "{to}");
    let (_, page) = admin.page(&format!("/measures/{id}/thresholds")).await;
    assert!(
        page.has_text("Someone else changed this measure"),
        "{}",
        page.text()
    );
    assert_eq!(page.value_of("version"), Some((version + 1).to_string()));
    // A manager not assigned the measure may not; a viewer does not see the form.
    let manager = app.signed_in(Role::Manager).await;
    assert_eq!(
        manager.get(&format!("/measures/{id}/thresholds")).await.0,
        403
    );
    let action = admin
        .action(&format!("/measures/{id}/thresholds"), "save_scoring")
        .await;
    let id_s = id.to_string();
    let mut as_manager = vec![("id", id_s.as_str())];
    as_manager.extend(save.iter().copied());
    let res = manager.post_form(&action, &as_manager).await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(stored(&app, id).await.0, version + 1, "nothing changed");
    let viewer = app.signed_in(Role::Viewer).await;
    assert_eq!(
        viewer.get(&format!("/measures/{id}/thresholds")).await.0,
        403
    );
}

#[tokio::test]
async fn the_plan_wide_default_is_set_by_an_administrator_and_scores_every_measure_without_its_own()
{
    let app = TestApp::with_sample(8, 6, 41).await;
    let admin = app.signed_in(Role::Admin).await;
    let (_, page) = admin.page("/admin/thresholds").await;
    assert!(
        page.has_text("Now: ✔ On target from 100 % of target"),
        "{}",
        page.text()
    );
    let version = page.value_of("version").unwrap();
    let action = admin
        .action("/admin/thresholds", "save_default_thresholds")
        .await;
    let mut fields = vec![
        ("version", version.as_str()),
        ("mode", "percent"),
        ("intent", "save"),
    ];
    fields.extend(bands(&[("Fine", "80", "●"), ("Poor", "", "✖")]));
    let res = admin.post_form(&action, &fields).await;
    assert!(res.status().as_u16() < 400, "{}", res.status());
    let (_, page) = admin.page("/admin/thresholds").await;
    assert!(
        page.has_text("Now: ● Fine from 80 % of target · ✖ Poor below"),
        "{}",
        page.text()
    );
    // The old version again: someone else's change is not overwritten.
    admin.post_form(&action, &fields).await;
    let (_, page) = admin.page("/admin/thresholds").await;
    assert!(
        page.has_text("Someone else changed the default thresholds"),
        "{}",
        page.text()
    );
    // Every measure's band now comes from these.
    // (Two years back: every quarter of it recorded, none still waiting for data.)
    let fy = app::model::report::latest_closed(Default::default(), app.clock.today()) - 1;
    let (_, plan) = admin.page(&format!("/app/{fy}")).await;
    let bands = plan.text_of(".pt-app-table td[data-label=\"Band\"]");
    assert!(bands.contains("Fine") || bands.contains("Poor"), "{bands}");
    assert!(!bands.contains("On target"), "{bands}");
    // Only an administrator.
    let wg = app.signed_in(Role::WorkingGroup).await;
    assert_eq!(wg.get("/admin/thresholds").await.0, 403);
}

#[tokio::test]
async fn on_ten_years_of_sample_data_the_app_table_shows_band_pace_and_a_forecast_with_its_range() {
    let app = TestApp::with_sample(12, 10, 42).await;
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM measures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // This year's quarters up to the current one recorded (the sample leaves the
    // current quarter, and sometimes the one before, without a value).
    let now = fill_this_year(&app, id, 60.0).await;
    // What the model says for the stored quarters.
    let rows: Vec<(i64, i64, Option<f64>)> = sqlx::query_as(
        "SELECT fiscal_year, quarter, value FROM actual_current WHERE measure_id = $1",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let year = |y: i32| -> [Option<f64>; 4] {
        [1, 2, 3, 4].map(|q| {
            rows.iter()
                .find(|(fy, qq, _)| *fy == y as i64 && *qq == q)
                .and_then(|r| r.2)
        })
    };
    let past: Vec<[Option<f64>; 4]> = (now.year - 10..now.year).map(year).collect();
    let (target,): (f64,) = sqlx::query_as(
        "SELECT value FROM targets WHERE measure_id = $1 AND fiscal_year = $2 AND period = 0",
    )
    .bind(id)
    .bind(now.year as i64)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let rule = app::queries::measure::measure_or_404(&app.db, id)
        .await
        .unwrap()
        .rule;
    let Outlook::Forecast(f) = forecast(rule, year(now.year), now.quarter, &past, Some(target))
    else {
        panic!("nine earlier years make a forecast")
    };
    assert!(f.years >= 3);
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page(&format!("/app/{}", now.year)).await;
    let row = format!(".pt-app-table tr[data-measure=\"{id}\"]");
    let cell = |label: &str| page.text_of(&format!("{row} td[data-label=\"{label}\"]"));
    let shown = |v: f64| {
        let v = app::model::standing::rounded(v);
        format!("{} cases", app::model::measure::plain_value(rule.kind, v))
    };
    assert!(cell("Band").contains("% of target"), "{}", cell("Band"));
    assert!(
        cell("Pace").contains(&format!("through Q{}", now.quarter)),
        "{}",
        cell("Pace")
    );
    let words = format!(
        "Forecast {} (80 % range {} to {})",
        shown(f.point),
        shown(f.low),
        shown(f.high)
    );
    assert_eq!(cell("Forecast"), words);
    let likely = format!(
        "{:.0} % likely to meet the target",
        f.likelihood.unwrap() * 100.0
    );
    assert!(
        cell("Likelihood").contains(&likely),
        "{}",
        cell("Likelihood")
    );
    // Every measure has a band; the page explains how each column is worked out.
    assert_eq!(
        page.count(".pt-app-table td[data-label=\"Band\"]"),
        page.count(".pt-app-table tbody tr")
    );
    assert!(page.has_text("How band, pace and forecast are worked out"));
    // The goal's page lists its measures with band and likelihood; the IP each quarter's
    // band against its quarterly target.
    // (The goal page shows the reporting quarter's year: the likelihood column has a
    // chance only while that year runs.)
    let (_, goal) = viewer.page("/goals/1").await;
    let listed = goal.text_of("section[aria-labelledby=\"measures-heading\"]");
    assert!(listed.contains("% of target"), "{listed}");
    assert!(listed.contains("BandLikelihood"), "{listed}");
    let (_, ip) = viewer.page(&format!("/ip/{}", now.year)).await;
    let q1 = ip.text_of("td[data-label=\"Q1\"]");
    assert!(
        ["On target", "Close to target", "Off target"]
            .iter()
            .any(|b| q1.contains(b)),
        "{q1}"
    );
    // The CSV has the same, as numbers.
    let csv = viewer
        .client
        .get(viewer.url(&format!("/csv/app/{}", now.year)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let line = csv
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap();
    let column = |name: &str| {
        let i = header.iter().position(|h| *h == name).unwrap();
        line.split(',').nth(i).unwrap().to_string()
    };
    let plain =
        |v: f64| app::model::measure::plain_value(rule.kind, app::model::standing::rounded(v));
    assert_eq!(column("forecast"), plain(f.point));
    assert_eq!(column("forecast_low"), plain(f.low));
    assert_eq!(column("forecast_high"), plain(f.high));
    assert_eq!(
        column("likelihood"),
        format!("{:.2}", f.likelihood.unwrap())
    );
    assert!(!column("band").is_empty());
    // The measure's own page draws the forecast on its IP chart, in words too.
    let (_, measure) = viewer.page(&format!("/measures/{id}")).await;
    if now.quarter < 4 {
        assert!(
            measure.has_text(&format!("A dashed line forecasts FY{} Q4", now.year)),
            "{}",
            measure.text()
        );
        assert!(measure.has_text("Forecast (dashed)"));
    }
    assert!(measure.has_text(&words), "{}", measure.text());
}

#[tokio::test]
async fn forecast_check_reports_how_often_the_range_held_on_ten_years_of_sample_data() {
    let app = TestApp::with_sample(30, 10, 43).await;
    let cal = app::model::fiscal::FiscalCalendar::default();
    let t = app::services::forecast_check::forecast_check(&app.db, cal, app.clock.today())
        .await
        .unwrap();
    let (made, within) = t.totals();
    assert!(made > 0 && t.measures > 0);
    // An 80 % range on noisy data: most actuals inside, not all.
    let coverage = within as f64 / made as f64;
    assert!(
        (0.6..0.97).contains(&coverage),
        "{coverage}: {}",
        t.report()
    );
    assert!(t.report().contains("Actual within the 80 % range"));
}

/// Records `value` for every quarter of measure `id`'s current year up to the current
/// one that has none (the sample leaves the current quarter empty).
async fn fill_this_year(app: &TestApp, id: i64, value: f64) -> app::model::fiscal::FiscalQuarter {
    let now = app::model::fiscal::FiscalCalendar::default().quarter_of(app.clock.today());
    for q in 1..=now.quarter {
        let (version, recorded): (i64, Option<f64>) = sqlx::query_as(
            "SELECT COALESCE(MAX(version), 0), MAX(value) FROM actual_current
             WHERE measure_id = $1 AND fiscal_year = $2 AND quarter = $3",
        )
        .bind(id)
        .bind(now.year as i64)
        .bind(q as i64)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        if recorded.is_some() {
            continue;
        }
        sqlx::query(
            "INSERT INTO actuals (measure_id, fiscal_year, quarter, version, value, data_lag,
                note, author_name, created_at)
             VALUES ($1, $2, $3, $4, $5, 0, '', 'test', '2026-01-01T00:00:00Z')",
        )
        .bind(id)
        .bind(now.year as i64)
        .bind(q as i64)
        .bind(version + 1)
        .bind(value)
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    now
}

#[tokio::test]
async fn a_measure_on_the_review_agenda_has_its_likelihood_pre_filled_from_the_forecast_and_both_show(
) {
    let app = TestApp::with_sample(12, 10, 44).await;
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM measures")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // Far below its target this year: behind, and on the agenda of the current quarter.
    let now = fill_this_year(&app, id, 1.0).await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let to = crate::meetings::open(&wg, now).await;
    assert_eq!(to, format!("/reviews/{}", now.slug()));
    let (item, version): (i64, i64) = sqlx::query_as(
        "SELECT i.id, i.version FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
         WHERE i.kind = 'measure' AND i.reference = $1",
    )
    .bind(id.to_string())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let (_, page) = wg.page(&to).await;
    let section = page.text_of(&format!("#item-{item}"));
    assert!(
        section.contains("Pre-filled from the forecast: "),
        "{section}"
    );
    // The choice made for them is the one the forecast's chance reads as.
    let percent: f64 = section
        .split("Pre-filled from the forecast: ")
        .nth(1)
        .and_then(|rest| rest.split(" %").next())
        .and_then(|p| p.trim().parse().ok())
        .unwrap();
    let level = app::model::standing::likelihood_of(percent / 100.0);
    let select = format!("#item-{item}-likelihood option[selected]");
    assert_eq!(
        page.attr_of(&select, "value").as_deref(),
        Some(level.as_str())
    );
    // Someone records their own: both show, theirs kept.
    let other = if level == app::model::meeting::Likelihood::High {
        "medium"
    } else {
        "high"
    };
    let (slug, item_s, v) = (now.slug(), item.to_string(), version.to_string());
    let action = wg.action(&to, "record_agenda_item").await;
    wg.post_form(
        &action,
        &[
            ("quarter", slug.as_str()),
            ("item", item_s.as_str()),
            ("version", v.as_str()),
            ("notes", "Hiring freeze"),
            ("likelihood", other),
            ("risk", ""),
            ("improvement", ""),
            ("decisions", ""),
        ],
    )
    .await;
    let (_, page) = wg.page(&to).await;
    let section = page.text_of(&format!("#item-{item}"));
    assert!(section.contains("Recorded: "), "{section}");
    assert!(section.contains("The forecast says"), "{section}");
    assert_eq!(page.attr_of(&select, "value").as_deref(), Some(other));
}
