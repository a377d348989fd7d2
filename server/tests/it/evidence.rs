//! Evidence: files attached to a quarter's status update or actual — checked from their
//! content, kept in the database with the update's history, downloaded as attachments,
//! and attached only by those who may record the update.

use crate::harness::{Browser, TestApp};
use crate::measures::{add_measure, record_actual};
use crate::status::{assign, current_quarter, during_call, form, save, save_in};
use app::model::user::Role;

/// A small real PDF's first bytes (its signature is what the server reads).
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Posts the evidence form; returns the status and where it sends the browser.
async fn attach(
    browser: &Browser,
    kind: &str,
    item: &str,
    quarter: &str,
    name: &str,
    data: Vec<u8>,
) -> (u16, String) {
    try_attach(browser, kind, item, quarter, name, data)
        .await
        .unwrap()
}

/// [`attach`], or the error of a request the server cut off.
async fn try_attach(
    browser: &Browser,
    kind: &str,
    item: &str,
    quarter: &str,
    name: &str,
    data: Vec<u8>,
) -> Result<(u16, String), reqwest::Error> {
    let part = reqwest::multipart::Part::bytes(data).file_name(name.to_string());
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .text("item", item.to_string())
        .text("quarter", quarter.to_string())
        .text("back", "")
        .part("file", part);
    let res = browser
        .client
        .post(browser.url("/evidence"))
        .header("referer", browser.url("/"))
        .multipart(form)
        .send()
        .await?;
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    Ok((res.status().as_u16(), location))
}

/// Records 4.1.3's status this quarter and attaches a PDF to it (evidence 1), as an
/// administrator of `app`.
pub async fn seed(app: &TestApp) {
    let admin = app.signed_in_as("evidence-seeder", Role::Admin).await;
    save(&admin, "4.1.3", &form("0", "on_track", "40", "Seeded")).await;
    let q = current_quarter().slug();
    assert_eq!(
        attach(&admin, "strategy", "4.1.3", &q, "seed.pdf", PDF.to_vec())
            .await
            .0,
        303
    );
}

/// Sends the evidence form as a sample request (a PDF for 4.1.3 this quarter).
pub fn sample_upload(browser: &Browser) -> reqwest::RequestBuilder {
    let part = reqwest::multipart::Part::bytes(PDF.to_vec()).file_name("sample.pdf");
    let form = reqwest::multipart::Form::new()
        .text("kind", "strategy")
        .text("item", "4.1.3")
        .text("quarter", current_quarter().slug())
        .part("file", part);
    browser
        .client
        .post(browser.url("/evidence"))
        .multipart(form)
}

/// The first download link of the page's evidence section.
fn first_file(page: &crate::page::Page) -> String {
    page.attr_of("#evidence a[href^=\"/evidence/\"]", "href")
        .expect("a file is listed")
}

#[tokio::test]
async fn an_owner_attaches_a_file_to_the_quarters_update_and_anyone_who_reads_downloads_it_as_an_attachment(
) {
    let app = TestApp::with_excerpt().await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let q = current_quarter().slug();
    let (_, page) = manager.page("/strategies/4.1.3").await;
    assert!(page.has_text("No files are attached yet"));
    assert!(
        page.has_text("record one first"),
        "no update yet, so nothing to attach to"
    );

    save(
        &manager,
        "4.1.3",
        &form("0", "on_track", "40", "Going well"),
    )
    .await;
    let (status, to) = attach(
        &manager,
        "strategy",
        "4.1.3",
        &q,
        "Q1 report \u{e9}t\u{e9}.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/strategies/4.1.3#evidence"));
    let (_, page) = manager.page("/strategies/4.1.3").await;
    assert!(
        page.has_text("\u{201c}Q1 report \u{e9}t\u{e9}.pdf\u{201d} attached as evidence"),
        "a notice"
    );
    let listed = page.text_of("#evidence table");
    assert!(
        listed.contains("Q1 report \u{e9}t\u{e9}.pdf")
            && listed.contains("PDF")
            && listed.contains("version 1"),
        "{listed}"
    );

    // Any reader downloads it, as an attachment, typed from its content.
    let viewer = app.signed_in(Role::Viewer).await;
    let res = viewer
        .client
        .get(viewer.url(&first_file(&page)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let disposition = h["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Q1%20report%20%C3%A9t%C3%A9.pdf"),
        "{disposition}"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    let (status, _) = app.anonymous().get(&first_file(&page)).await;
    assert_eq!(status, 401, "signed out, no file");

    // A correction keeps the earlier update's evidence; the new file goes with the new version.
    save(&manager, "4.1.3", &form("1", "on_track", "60", "Better")).await;
    let png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    assert_eq!(
        attach(&manager, "strategy", "4.1.3", &q, "chart.png", png)
            .await
            .0,
        303
    );
    let (_, page) = manager.page("/strategies/4.1.3").await;
    let listed = page.text_of("#evidence table");
    assert!(
        listed.contains("chart.png")
            && listed.contains("PNG image")
            && listed.contains("version 2"),
        "{listed}"
    );
    assert!(
        listed.contains("Q1 report") && listed.contains("version 1"),
        "{listed}"
    );
    let (_, audit) = app.signed_in(Role::Admin).await.page("/admin/audit").await;
    assert!(audit.has_text(&format!("Attached evidence to strategy 4.1.3 {q}")));
}

#[tokio::test]
async fn a_file_that_is_not_evidence_or_too_large_or_has_no_update_is_refused_beside_the_form_and_nothing_is_kept(
) {
    let app = TestApp::with_excerpt().await;
    let manager = app.signed_in(Role::Manager).await;
    assign(&app, "manager", "4.1.3").await;
    let q = current_quarter().slug();

    // No update yet for the quarter.
    let (status, to) = attach(&manager, "strategy", "4.1.3", &q, "early.pdf", PDF.to_vec()).await;
    assert_eq!(status, 303);
    let (_, page) = manager.page(&to).await;
    assert!(
        page.text_of("#evidence").contains("record it first"),
        "{}",
        page.text_of("#evidence")
    );

    save(
        &manager,
        "4.1.3",
        &form("0", "on_track", "40", "Going well"),
    )
    .await;
    let refusals: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "report.pdf",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "not a file evidence may be",
        ),
        (
            "tool.pdf",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec(),
            "not a file evidence may be",
        ),
        ("empty.pdf", Vec::new(), "Choose a file"),
        (
            "huge.pdf",
            [PDF, &vec![b' '; 10 * 1024 * 1024]].concat(),
            "larger than 10 MB",
        ),
    ];
    for (name, data, why) in refusals {
        let (status, _) = attach(&manager, "strategy", "4.1.3", &q, name, data).await;
        assert_eq!(status, 303, "{name}");
        let (_, page) = manager.page("/strategies/4.1.3").await;
        let section = page.text_of("#evidence");
        assert!(
            section.contains("Nothing was attached") && section.contains(why),
            "{name}: {section}"
        );
        assert!(
            page.has(&format!(
                "select[name=\"quarter\"] option[selected][value=\"{q}\"]"
            )),
            "the chosen quarter is kept"
        );
    }
    assert_eq!(app.count("evidence").await, 0);

    // Past the upload limit the server refuses the request itself.
    // (It answers 413 as soon as it sees the length and may close the connection before
    // the client has finished sending.)
    match try_attach(
        &manager,
        "strategy",
        "4.1.3",
        &q,
        "enormous.pdf",
        vec![b'x'; 13 * 1024 * 1024],
    )
    .await
    {
        Ok((status, _)) => assert_eq!(status, 413),
        Err(e) => assert!(e.is_request(), "{e}"),
    }

    // Text is taken as CSV or plain text only.
    let wg = app.signed_in(Role::WorkingGroup).await;
    let measure = add_measure(&wg, "4.1.3", "Cases closed", "sum").await;
    record_actual(&manager, measure, &q, "12", false).await;
    let id = measure.to_string();
    let (status, _) = attach(
        &manager,
        "measure",
        &id,
        &q,
        "figures.csv",
        b"month,cases\nOct,4\n".to_vec(),
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = manager.page(&format!("/measures/{id}")).await;
    assert!(
        page.text_of("#evidence table").contains("CSV spreadsheet"),
        "{}",
        page.text_of("#evidence")
    );
    assert_eq!(app.count("evidence").await, 1);
}

#[tokio::test]
async fn only_those_who_may_record_the_update_attach_and_a_locked_quarter_takes_no_evidence() {
    let app = TestApp::settled().await;
    let owner = app.signed_in(Role::Manager).await;
    let other = app.signed_in_as("other-manager", Role::Manager).await;
    let viewer = app.signed_in(Role::Viewer).await;
    assign(&app, "manager", "4.1.3").await;
    let now = current_quarter();
    save(&owner, "4.1.3", &form("0", "on_track", "40", "Going well")).await;
    let q = now.slug();
    assert_eq!(
        attach(&other, "strategy", "4.1.3", &q, "a.pdf", PDF.to_vec())
            .await
            .0,
        403
    );
    assert_eq!(
        attach(&viewer, "strategy", "4.1.3", &q, "a.pdf", PDF.to_vec())
            .await
            .0,
        403
    );
    let (status, to) = attach(
        &app.anonymous(),
        "strategy",
        "4.1.3",
        &q,
        "a.pdf",
        PDF.to_vec(),
    )
    .await;
    assert!(status == 303 && to.starts_with("/login"), "{status} {to}");
    assert_eq!(app.count("evidence").await, 0);
    let (_, page) = other.page("/strategies/4.1.3").await;
    assert!(
        !page.has("form[action=\"/evidence\"]"),
        "no form for who may not attach"
    );
    assert_eq!(
        attach(&owner, "strategy", "9.9.9", &q, "a.pdf", PDF.to_vec())
            .await
            .0,
        404
    );

    // Last quarter, recorded during its call, locks; its evidence then is refused too.
    let last = now.previous();
    let was = during_call(&app, last);
    save_in(&owner, "4.1.3", last, &form("0", "on_track", "30", "Then")).await;
    app.clock.set(was);
    let (_, to) = attach(
        &owner,
        "strategy",
        "4.1.3",
        &last.slug(),
        "late.pdf",
        PDF.to_vec(),
    )
    .await;
    let (_, page) = owner.page(&to).await;
    assert!(
        page.text_of("#evidence").contains("is locked")
            || page.text_of("#evidence").contains("locked on"),
        "{}",
        page.text_of("#evidence")
    );
    assert_eq!(app.count("evidence").await, 0);
}
