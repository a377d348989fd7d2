//! Evidence on a strategy's or measure's page: the list, and a refused upload taken back
//! (the upload and download themselves are plain routes in the server: `POST /evidence`,
//! `GET /evidence/{id}`).

use crate::model::{evidence::EvidenceList, lock::Lockable, AppError};

/// The session key of a refused upload for `item` (a problem and the chosen quarter).
pub fn refused_key(item: Lockable) -> String {
    format!("plantrack.evidence.{}.{}", item.kind(), item.id())
}

/// `item`'s evidence as `user` sees it, with a refused upload taken back (shown once).
pub async fn evidence_of(
    db: &crate::db::Db,
    user: Option<&crate::model::user::CurrentUser>,
    item: Lockable,
) -> Result<EvidenceList, AppError> {
    let owned = match item {
        Lockable::Strategy(id) => crate::auth::Owned::Strategy(id),
        Lockable::Measure(id) => crate::auth::Owned::Measure(id),
    };
    let can_attach = match user {
        Some(u) if crate::auth::policy::allows(crate::auth::UseCase::AttachEvidence, Some(u)) => {
            crate::auth::policy::may_act_on(db, u, owned).await?
        }
        _ => false,
    };
    let cal = crate::queries::status::calendar(db).await?;
    let mut list = crate::services::evidence::list(db, item, can_attach, cal).await?;
    list.refused = crate::api::form::take_returned::<(String, String), ()>(&refused_key(item))
        .await
        .map(|r| r.input);
    Ok(list)
}
