//! Change proposals (`/plan/proposals`) and plan revisions (`/plan/revisions`): thin
//! server functions over `services::proposal` and `services::revision`.

use crate::model::proposal::ProposalsPage;
use crate::model::revision::{Comparison, RevisionView, RevisionsPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::api::meeting::{acting, done, quarter_of, refused};
#[cfg(feature = "ssr")]
use crate::services::Refused;
#[cfg(feature = "ssr")]
use crate::state::db;

#[cfg(feature = "ssr")]
const FORM_KEY: &str = "plantrack.proposal";

#[cfg(feature = "ssr")]
async fn calendar() -> Result<crate::model::fiscal::FiscalCalendar, AppError> {
    Ok(crate::queries::status::calendar(&crate::state::db()?).await?)
}

/// Every change proposal, and the form to propose one for those who may.
#[server(input = GetUrl)]
pub async fn get_proposals() -> Result<ProposalsPage, AppError> {
    let user = crate::auth::authorize(crate::auth::UseCase::GetProposals).await?;
    let db = crate::state::db()?;
    let (open, decided) = crate::services::proposal::all(&db, calendar().await?).await?;
    let measures = crate::queries::measure::list(&db)
        .await?
        .into_iter()
        .map(|m| (m.id, format!("{} · {}", m.attached_label, m.name)))
        .collect();
    Ok(ProposalsPage {
        open,
        decided,
        can_propose: crate::auth::policy::allows(
            crate::auth::UseCase::ProposeChange,
            user.as_ref(),
        ),
        measures,
        returned: crate::api::form::take_returned(FORM_KEY).await,
    })
}

/// Proposes a change to the plan with its reason; the working group decides it at a
/// review.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn propose_change(
    #[server(default)] kind: String,
    #[server(default)] item: String,
    #[server(default)] text: String,
    #[server(default)] office: String,
    #[server(default)] person: String,
    #[server(default)] measure: String,
    #[server(default)] unit: String,
    #[server(default)] fiscal_year: String,
    #[server(default)] target: String,
    #[server(default)] fte: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::services::Refused;
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::ProposeChange).await?;
    let input = crate::model::proposal::ProposalInput {
        kind,
        item,
        text,
        office,
        person,
        measure,
        unit,
        fiscal_year,
        target,
        fte,
        reason,
    };
    let actor = crate::queries::audit::Actor::user(&user);
    let db = crate::state::db()?;
    let back = format!(
        "/plan/proposals/new?kind={}",
        crate::model::redirect::enc(&input.kind)
    );
    match crate::services::proposal::propose(&db, &actor, &input).await {
        Ok(id) => {
            let notice =
                format!("Proposal {id} is recorded. It is on the agenda of the next review.");
            crate::api::notice::set_notice(&notice).await;
            crate::api::form::redirect(&format!("/plan/proposals#proposal-{id}"));
            Ok(())
        }
        Err(Refused::Invalid(errors)) => {
            crate::api::form::send_invalid(FORM_KEY, &back, input, errors).await
        }
        Err(Refused::Error(e)) => Err(e),
    }
}

/// Every revision of the plan, newest first.
#[server(input = GetUrl)]
pub async fn get_revisions() -> Result<RevisionsPage, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetRevisions).await?;
    let db = crate::state::db()?;
    let revisions = crate::services::revision::list(&db, calendar().await?).await?;
    Ok(RevisionsPage { revisions })
}

/// The plan as of revision `number`.
#[server(input = GetUrl)]
pub async fn get_revision(number: String) -> Result<RevisionView, AppError> {
    crate::auth::authorize(crate::auth::UseCase::GetRevision).await?;
    let n = number
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound(format!("\"{number}\" is not a revision number.")))?;
    let db = crate::state::db()?;
    crate::services::revision::view(&db, n, calendar().await?).await
}

/// Revisions `from` and `to` side by side (only what differs unless `all`).
#[server(input = GetUrl)]
pub async fn compare_revisions(
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] all: bool,
) -> Result<Comparison, AppError> {
    crate::auth::authorize(crate::auth::UseCase::CompareRevisions).await?;
    let parse = |s: &str| {
        s.trim().parse::<i64>().map_err(|_| {
            AppError::Invalid(format!(
                "Choose two revisions to compare (\"{s}\" is not a revision number)."
            ))
        })
    };
    let (a, b) = (parse(&from)?, parse(&to)?);
    let db = crate::state::db()?;
    crate::services::revision::compare(&db, (a, b), all, calendar().await?).await
}

/// Records the review's decisions on change proposals: the ticked approvals applied
/// together as one plan revision, the ticked rejections recorded, with the decision.
#[server]
pub async fn decide_proposals(
    quarter: String,
    #[server(default)] approve: Option<Vec<String>>,
    #[server(default)] reject: Option<Vec<String>>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (_, actor) = acting(crate::auth::UseCase::DecideProposals).await?;
    let fq = quarter_of(&quarter)?;
    let ids = |v: &Option<Vec<String>>| -> Vec<i64> {
        v.iter()
            .flatten()
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    };
    let decisions = crate::services::proposal::Decisions {
        approve: ids(&approve),
        reject: ids(&reject),
        note: note.clone(),
    };
    let anchor = "#proposals-heading";
    match crate::services::proposal::decide(&db()?, &actor, fq, &decisions).await {
        Ok(Some(n)) => {
            let notice =
                format!("Decisions recorded. The approved changes are revision {n} of the plan.");
            done(fq, anchor, &notice).await
        }
        Ok(None) => done(fq, anchor, "Decisions recorded.").await,
        Err(Refused::Error(AppError::Invalid(m))) => {
            let why = Refused::Invalid(vec![("decision".into(), m)]);
            refused(fq, anchor, "proposals", vec![("note", &note)], why).await
        }
        Err(why) => refused(fq, anchor, "proposals", vec![("note", &note)], why).await,
    }
}
