//! All SQL lives here, as plain async functions over the [`Db`](crate::db::Db).

pub mod audit;
pub mod backup;
pub mod cycle;
pub mod dashboard;
pub mod import;
pub mod measure;
pub mod plan;
pub mod plan_year;
pub mod status;
pub mod users;
