//! What a scheduled report's run sends to one audience: a user's role reads the report
//! as that role's pages show it (a role the policy does not let read it gets nothing);
//! outside addresses get only the public version (the public page's measures, the
//! published Annual Performance Report). A report with nothing in it says so.

use crate::auth::policy::role_may;
use crate::auth::UseCase;
use crate::db::Db;
use crate::model::fiscal::FiscalCalendar;
use crate::model::schedule::ReportKind;
use crate::model::schedule::{Document, Render};
use crate::model::user::Role;
use crate::model::AppError;
use chrono::NaiveDate;

/// Who reads a run's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Accounts with this role.
    Role(Role),
    /// Outside addresses: the public version only.
    Public,
}

/// One audience's message.
#[derive(Debug, Clone)]
pub struct Content {
    /// What it covers ("2027 Q1", "FY2027").
    pub covers: String,
    pub subject: String,
    pub body: String,
    /// The attachment: file name and bytes.
    pub pdf: Option<(String, Vec<u8>)>,
}

/// A run's message for one audience, or why there is nothing to send it.
#[derive(Debug, Clone)]
pub enum Built {
    Ready(Content),
    Empty(String),
}

/// The use case whose readers may receive `kind`.
fn reader_use_case(kind: ReportKind) -> UseCase {
    match kind {
        ReportKind::Packet => UseCase::GetPacket,
        ReportKind::Exceptions => UseCase::GetDashboard,
        ReportKind::AppProgress => UseCase::GetApp,
        ReportKind::AnnualReport => UseCase::GetReport,
    }
}

/// Whether `kind` has a public version (outside addresses may receive it).
pub fn has_public_version(kind: ReportKind) -> bool {
    matches!(kind, ReportKind::AppProgress | ReportKind::AnnualReport)
}

/// The message of report `kind` for `audience` on `today`: `covering` first, then the
/// report attached as a PDF (`attach`) or as a link.
pub async fn build(
    db: &Db,
    (kind, audience): (ReportKind, Audience),
    (attach, covering): (bool, &str),
    (cal, today): (FiscalCalendar, NaiveDate),
    render: Render,
) -> Result<Built, AppError> {
    if let Audience::Role(role) = audience {
        if !role_may(reader_use_case(kind), role) {
            return Ok(Built::Empty(format!(
                "{} may not read the {}.",
                role.label(),
                kind.label().to_lowercase()
            )));
        }
    } else if !has_public_version(kind) {
        return Ok(Built::Empty(format!(
            "The {} has no public version: outside addresses get nothing.",
            kind.label().to_lowercase()
        )));
    }
    let site = crate::services::outbox::site();
    let made = today.format("%-d %B %Y").to_string();
    let plan = crate::queries::plan::current_plan(db)
        .await?
        .map(|(_, p)| p.title)
        .unwrap_or_default();
    let part = match kind {
        ReportKind::Packet => packet(db, (cal, today)).await?,
        ReportKind::Exceptions => exceptions(db, (cal, today), (&plan, &made)).await?,
        ReportKind::AppProgress => app_progress(db, audience, (cal, today), &plan).await?,
        ReportKind::AnnualReport => annual(db, audience, (cal, today)).await?,
    };
    let Part {
        covers,
        title,
        summary,
        link,
        pdf,
    } = match part {
        Ok(part) => part,
        Err(reason) => return Ok(Built::Empty(reason)),
    };
    let mut body = String::new();
    if !covering.trim().is_empty() {
        body.push_str(covering.trim());
        body.push_str("\n\n");
    }
    body.push_str(&summary);
    let link = format!("{site}{link}");
    let pdf = if attach {
        let name = pdf.0.clone();
        let doc = pdf.1;
        let bytes = tokio::task::spawn_blocking(move || render(&doc))
            .await
            .map_err(|_| AppError::Internal)?
            .map_err(|e| {
                tracing::error!(error = %e, "a scheduled report's PDF could not be made");
                AppError::Internal
            })?;
        body.push_str(&format!(
            "\n\n{title} is attached as a PDF ({name}). Online: {link}\n"
        ));
        Some((name, bytes))
    } else {
        body.push_str(&format!("\n\n{title}: {link}\n"));
        None
    };
    Ok(Built::Ready(Content {
        subject: if title.contains(&covers) {
            title.clone()
        } else {
            format!("{title} ({covers})")
        },
        covers,
        body,
        pdf,
    }))
}

/// A table row: its header cell and the other cells.
type Row = (String, Vec<String>);

/// A PDF to make (off the async workers) and its file name.
type MakePdf = (String, Document);

/// A report read for one audience: what it covers, its title, the text of the message,
/// the page's path and the PDF to make; or why there is nothing to send.
struct Part {
    covers: String,
    title: String,
    summary: String,
    link: String,
    pdf: MakePdf,
}

/// The briefing packet of the reporting quarter's review.
async fn packet(
    db: &Db,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Result<Part, String>, AppError> {
    let fq = crate::model::reporting::reporting_quarter(cal, today);
    let (mut packet, charts) =
        match crate::services::meeting::packet::packet(db, fq, (cal, today)).await {
            Ok(p) => p,
            Err(AppError::NotFound(_)) => {
                return Ok(Err(format!(
                    "No review of {fq} is open yet: there is no briefing packet to send."
                )))
            }
            Err(e) => return Err(e),
        };
    // Drawn here, not kept: a scheduled run is rare, and the page's cache is the web's.
    packet.charts = charts
        .into_iter()
        .map(|chart| crate::model::chart::DrawnChart {
            svg: crate::charts::svg(&chart),
            narrow: None,
            file_name: crate::model::chart::file_name(&packet.plan, &chart.id, &chart.period),
            quarter: fq.slug(),
            chart,
        })
        .collect();
    let m = &packet.meeting;
    let summary = format!(
        "The briefing packet of the {fq} quarterly review: {} on the agenda, {} exception(s), {} open action(s).",
        m.items.len(),
        packet.exceptions.strategies.len() + packet.exceptions.measures.len(),
        m.actions.iter().filter(|a| a.closed.is_none()).count()
    );
    let name = format!("briefing-packet-{}.pdf", fq.slug().to_lowercase());
    Ok(Ok(Part {
        covers: fq.to_string(),
        title: format!("Briefing packet: {fq} quarterly review"),
        summary,
        link: format!("/reviews/{}/packet", fq.slug()),
        pdf: (name, Document::Packet(Box::new(packet))),
    }))
}

/// The exceptions list of the reporting quarter.
async fn exceptions(
    db: &Db,
    (cal, today): (FiscalCalendar, NaiveDate),
    (plan, made): (&str, &str),
) -> Result<Result<Part, String>, AppError> {
    let fq = crate::model::reporting::reporting_quarter(cal, today);
    let parts = crate::services::dashboard::dashboard(db, cal, today, fq).await?;
    let e = parts.exceptions;
    if e.is_empty() {
        return Ok(Err(format!(
            "No strategy is at risk or off track and no measure is behind in {fq}: the exceptions list is empty."
        )));
    }
    let mut summary = format!("Exceptions in {fq}:\n");
    for s in &e.strategies {
        summary.push_str(&format!(
            "\n- {} {}: Strategy {} {} ({}, {})",
            s.status.symbol(),
            s.status.label(),
            s.number,
            s.title,
            if s.owner.is_empty() {
                "no owner"
            } else {
                &s.owner
            },
            s.since_words(fq)
        ));
    }
    for m in &e.measures {
        summary.push_str(&format!(
            "\n- {} {}: {} ({} of {})",
            m.state.symbol(),
            m.state.label(),
            m.name,
            m.actual,
            m.target
        ));
    }
    let (plan, made) = (plan.to_string(), made.to_string());
    Ok(Ok(Part {
        covers: fq.to_string(),
        title: format!("Exceptions list: {fq}"),
        summary,
        link: format!("/?quarter={}", fq.slug()),
        pdf: (
            format!("exceptions-{}.pdf", fq.slug().to_lowercase()),
            Document::Exceptions {
                plan,
                made,
                exceptions: e,
                quarter: fq,
            },
        ),
    }))
}

/// The APP progress of the fiscal year under way: every measure for the plan's own
/// readers; the public page's measures (approved targets, finished years) for outside
/// addresses.
async fn app_progress(
    db: &Db,
    audience: Audience,
    (cal, today): (FiscalCalendar, NaiveDate),
    plan: &str,
) -> Result<Result<Part, String>, AppError> {
    let fy = cal.quarter_of(today).year;
    let (headers, rows, link): (Vec<String>, Vec<Row>, String) = match audience {
        Audience::Role(_) => {
            let rows =
                crate::services::read::plan_year::app_rows(db, fy, cal, today, |_| true).await?;
            let rows = rows
                .into_iter()
                .map(|r| {
                    (
                        r.measure.name.clone(),
                        vec![
                            r.target_shown.clone(),
                            r.actual_shown.clone(),
                            format!("{} {}", r.state.symbol(), r.state.label()),
                        ],
                    )
                })
                .collect();
            let headers = ["Measure", "Target", "Actual to date", "Where it stands"];
            (
                headers.map(String::from).to_vec(),
                rows,
                format!("/app/{fy}"),
            )
        }
        Audience::Public => {
            let Some(page) = crate::services::public::page(db, cal, today).await? else {
                return Ok(Err(
                    "The public performance page is not published: outside addresses get nothing."
                        .into(),
                ));
            };
            let rows = page
                .goals
                .iter()
                .flat_map(|g| g.measures.iter())
                .filter_map(|m| {
                    let y = m.years.iter().find(|y| y.fiscal_year == fy)?;
                    Some((m.name.clone(), vec![y.target.clone(), y.result.clone()]))
                })
                .collect();
            let headers = ["Measure", "Target", "Result"];
            (headers.map(String::from).to_vec(), rows, "/public".into())
        }
    };
    if rows.is_empty() {
        return Ok(Err(format!(
            "No measure is in the FY{fy} APP progress table: there is nothing to send."
        )));
    }
    let mut summary = format!(
        "FY{fy} Annual Performance Plan progress ({} measures):\n",
        rows.len()
    );
    for (name, cells) in &rows {
        summary.push_str(&format!("\n- {name}: {}", cells.join("; ")));
    }
    let title = format!("APP progress, FY{fy}");
    let intro = format!(
        "{plan} - measures against their FY{fy} targets, as of {}.",
        today.format("%-d %B %Y")
    );
    let t = title.clone();
    Ok(Ok(Part {
        covers: format!("FY{fy}"),
        title,
        summary,
        link,
        pdf: (
            format!("app-progress-fy{fy}.pdf"),
            Document::Table {
                title: t,
                intro,
                headers,
                rows,
            },
        ),
    }))
}

/// The Annual Performance Report of the last fiscal year that ended: as it stands for
/// the plan's readers, the published public version for outside addresses.
async fn annual(
    db: &Db,
    audience: Audience,
    (cal, today): (FiscalCalendar, NaiveDate),
) -> Result<Result<Part, String>, AppError> {
    use crate::services::read::report::{published, report};
    let fy = crate::model::report::latest_closed(cal, today);
    let (report, link, name) = match audience {
        Audience::Role(_) => (
            report(db, fy, cal, today).await?,
            format!("/reports/{fy}"),
            format!("performance-report-fy{fy}.pdf"),
        ),
        Audience::Public => match published(db, fy, cal, today).await? {
            Some(r) => (
                r,
                format!("/reports/{fy}/public"),
                format!("performance-report-fy{fy}-public.pdf"),
            ),
            None => {
                return Ok(Err(format!(
                    "The FY{fy} Annual Performance Report is not published: outside addresses get nothing."
                )))
            }
        },
    };
    if report.measures == 0 {
        return Ok(Err(format!(
            "No measure had a FY{fy} target: the report would be empty."
        )));
    }
    let summary = format!(
        "The FY{fy} Annual Performance Report ({}): {}.",
        report.state.label().to_lowercase(),
        report.counts
    );
    Ok(Ok(Part {
        covers: format!("FY{fy}"),
        title: if report.public {
            format!("Annual Performance Report, FY{fy} (public version)")
        } else {
            format!("Annual Performance Report, FY{fy}")
        },
        summary,
        link,
        pdf: (name, Document::Report(Box::new(report))),
    }))
}
