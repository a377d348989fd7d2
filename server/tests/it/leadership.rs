//! What leadership reads (issue 36): the exceptions list on the dashboard, a goal page and
//! in the briefing packet, and a packet PDF with no line past its margins, the approved
//! plan changes in it and no machine-written chart descriptions.

use crate::harness::TestApp;
use crate::meetings::{open, poppler, seed_last_quarter};
use crate::proposals::{decide, id_of, propose};
use app::model::user::Role;

#[tokio::test]
async fn the_dashboard_and_a_goal_page_lead_with_the_exceptions_worst_first() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer.page("/").await;
    let heading = page.text_of("#exceptions-heading");
    assert!(
        heading.contains(&format!("Exceptions in {last}: 2 strategies, 1 measure")),
        "{heading}"
    );
    // Off track before at risk, each with its title, owner, explanation and action.
    let rows = page.attrs(".pt-exceptions tr[data-strategy]", "data-strategy");
    assert_eq!(rows, ["4.1.4", "4.1.3"]);
    let first = page.text_of(".pt-exceptions tr[data-strategy=\"4.1.4\"]");
    for wanted in [
        "Strategy 4.1.4",
        "Off track",
        "this quarter",
        "No staff",
        "Hire",
    ] {
        assert!(first.contains(wanted), "{wanted}: {first}");
    }
    let second = page.text_of(".pt-exceptions tr[data-strategy=\"4.1.3\"]");
    for wanted in ["At risk", "Vendor slipped", "Weekly check-ins"] {
        assert!(second.contains(wanted), "{wanted}: {second}");
    }
    assert!(page.has(".pt-exceptions a[href=\"/strategies/4.1.4\"]"));
    // The measure far below its target, with its numbers: 3 cases a quarter against
    // 100 a quarter; not met once its year has closed, behind while it runs.
    let measure = page.text_of(".pt-exceptions tr[data-measure]");
    let so_far = format!("{} cases", 3 * last.quarter as u32);
    let state = if last.quarter == 4 {
        "Not met"
    } else {
        "Behind"
    };
    for wanted in [
        "Cases closed",
        "Strategy 4.1.3",
        state,
        &so_far,
        "(target 400 cases)",
    ] {
        assert!(measure.contains(wanted), "{wanted}: {measure}");
    }
    // Before the charts: read without scrolling past the headline.
    let html = viewer.get("/").await.1;
    let (list, chart) = (
        html.find("id=\"exceptions-heading\"").unwrap(),
        html.find("pt-chart-grid").unwrap(),
    );
    assert!(list < chart, "the exceptions come before the charts");
    // A goal page lists its own; a goal with none says so.
    let (_, goal) = viewer.page("/goals/4").await;
    assert_eq!(
        goal.attrs(".pt-exceptions tr[data-strategy]", "data-strategy"),
        ["4.1.4", "4.1.3"]
    );
    let (_, other) = viewer.page("/goals/5").await;
    assert!(
        other.has_text(&format!(
            "No strategy is at risk or off track and no measure is behind, not met or likely to miss in {last}."
        )),
        "{}",
        other.text()
    );
    // A quarter before any of it: nothing listed.
    let (_, before) = viewer
        .page(&format!("/?quarter={}", last.previous().previous().slug()))
        .await;
    assert_eq!(before.count(".pt-exceptions tr[data-strategy]"), 0);
}

#[tokio::test]
async fn since_names_the_first_quarter_of_an_unbroken_run() {
    use crate::status::{during_call, form, save_in};
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    // 4.1.4 was already at risk the quarter before.
    let before = last.previous();
    let was = during_call(&app, before);
    let mut risky = form("0", "at_risk", "2", "Slipping");
    risky[6] = ("explanation", "Short of staff");
    risky[7] = ("corrective_action", "Recruit");
    save_in(&wg, "4.1.4", before, &risky).await;
    app.clock.set(was);
    let (_, page) = wg.page("/").await;
    let row = page.text_of(".pt-exceptions tr[data-strategy=\"4.1.4\"]");
    assert!(row.contains(&format!("since {before}")), "{row}");
}

/// Every word box of `pdftotext -bbox` output: (page width, page height, xMin, yMin,
/// xMax, yMax, word).
fn word_boxes(html: &str) -> Vec<(f64, f64, f64, f64, f64, f64, String)> {
    let attr = |tag: &str, name: &str| -> f64 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let mut page = (0.0, 0.0);
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page = (attr(line, "width"), attr(line, "height"));
        } else if line.starts_with("<word ") {
            let word = line
                .split('>')
                .nth(1)
                .and_then(|r| r.split('<').next())
                .unwrap_or_default()
                .to_string();
            out.push((
                page.0,
                page.1,
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
                word,
            ));
        }
    }
    out
}

#[tokio::test]
async fn the_packet_pdf_keeps_every_word_inside_the_margins_with_exceptions_and_approved_changes() {
    let app = TestApp::with_excerpt().await;
    let wg = app.signed_in(Role::WorkingGroup).await;
    let last = seed_last_quarter(&app, &wg).await;
    open(&wg, last).await;
    // A plan change approved at this review; a long unbroken word in an explanation.
    let proposal = propose(
        &wg,
        "text",
        &[
            ("item", "4.1.3"),
            ("text", "Keep the protocols for existing systems current, reviewed each quarter by the records officers of every regional office."),
            ("reason", "The protocols exist; they need keeping current"),
        ],
    )
    .await;
    decide(&wg, last, &[&id_of(&proposal)], &[]).await;
    let viewer = app.signed_in(Role::Viewer).await;
    let (_, page) = viewer
        .page(&format!("/reviews/{}/packet", last.slug()))
        .await;
    assert!(page.has_text("Changes approved at this review"));
    assert!(page.has_text("Revision 2"), "{}", page.text());
    assert_eq!(
        page.attrs(".pt-exceptions tr[data-strategy]", "data-strategy"),
        ["4.1.4", "4.1.3"]
    );
    let dir = tempfile::tempdir().unwrap();
    for (paper, query) in [("letter", ""), ("a4", "?paper=a4")] {
        let bytes = viewer
            .client
            .get(viewer.url(&format!("/reviews/{}/packet.pdf{query}", last.slug())))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let file = dir.path().join(format!("packet-{paper}.pdf"));
        std::fs::write(&file, &bytes).unwrap();
        // It claims PDF/UA-1, which krilla writes only once its own check has passed.
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("pdfuaid:part"), "{paper}: not PDF/UA-1");
        let boxes = word_boxes(&poppler("pdftotext", &["-bbox"], &file));
        assert!(boxes.len() > 200, "{paper}: {} words", boxes.len());
        // The printable area: a quarter inch (18 pt) inside every edge.
        let outside: Vec<_> = boxes
            .iter()
            .filter(|(w, h, x0, y0, x1, y1, _)| {
                *x0 < 18.0 || *y0 < 18.0 || *x1 > w - 18.0 || *y1 > h - 18.0
            })
            .collect();
        assert!(outside.is_empty(), "{paper}: words outside: {outside:?}");
        // And inside the packet's own margins (54 pt), with a point to spare.
        let past: Vec<_> = boxes
            .iter()
            .filter(|(w, _, x0, _, x1, _, _)| *x0 < 53.0 || *x1 > w - 53.0)
            .collect();
        assert!(past.is_empty(), "{paper}: words past the margins: {past:?}");
        // A tagged PDF/UA-1 document: headings, lists, tables with header cells, each
        // chart a figure; a screen reader reads it in order.
        let info = poppler("pdfinfo", &[], &file);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{info}"
        );
        let structure = poppler("pdfinfo", &["-struct"], &file);
        for tag in [
            "H1", "H2", "H3", "P", "L", "LI", "Table", "TR", "TH", "TD", "Figure",
        ] {
            assert!(
                structure.lines().map(str::trim).any(|l| {
                    l.strip_prefix(tag)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
                }),
                "{paper}: no {tag} in the structure: {structure}"
            );
        }
        let text = poppler("pdftotext", &[], &file);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for wanted in [
            format!("Exceptions in {last}"),
            "Strategy 4.1.4".to_string(),
            "No staff".to_string(),
            "Corrective action: Hire".to_string(),
            "Vendor slipped".to_string(),
            "Changes approved at this review".to_string(),
            "Revision 2: Proposal".to_string(),
            "The protocols exist; they need keeping current".to_string(),
            "~ Changed Strategy 4.1.3: Keep the protocols".to_string(),
        ] {
            assert!(flat.contains(&wanted), "{paper}: {wanted} missing: {flat}");
        }
        assert!(
            !flat.contains("The data table below the chart lists every"),
            "{paper}: the charts' machine-written alternative text is not printed"
        );
    }
}
