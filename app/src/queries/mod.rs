//! All SQL lives here, as plain async functions over the [`Db`](crate::db::Db).

pub mod audit;
pub mod backup;
pub mod import;
pub mod plan;
pub mod status;
pub mod users;
