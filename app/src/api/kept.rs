//! Pages kept per data version: computed once for an unchanged plan, shared by concurrent
//! views after a write (`charts::cache::ChartCache::get_or_compute`, in `AppState.charts`).

use crate::model::AppError;
use serde::{de::DeserializeOwned, Serialize};

/// The value kept under `key` for the database's current data version, or `compute`d now
/// (once, however many ask at the same time) and kept. `key` must name everything the
/// value depends on besides the data: the day, the filter, the page.
pub async fn kept<T, F, Fut>(db: &crate::db::Db, key: &str, compute: F) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let cache = leptos::prelude::use_context::<crate::state::AppState>()
        .map(|s| s.charts)
        .unwrap_or_default();
    let version = crate::queries::dashboard::data_version(db).await?;
    let json = cache
        .get_or_compute(key, version, || async {
            let value = compute().await?;
            serde_json::to_string(&value).map_err(|_| AppError::Internal)
        })
        .await?;
    serde_json::from_str::<T>(&json).map_err(|_| AppError::Internal)
}
