//! Reading the audit trail (administrators and the working group).

use crate::model::audit::{AuditFilter, AuditPage};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One filtered page of the audit trail, newest first.
#[server(input = GetUrl)]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    crate::auth::authorize("list_audit").await?;
    Ok(crate::queries::audit::list(&crate::state::db()?, &filter).await?)
}
