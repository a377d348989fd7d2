//! Server functions, grouped by domain: thin wrappers that check access and call queries.

pub mod account;
pub mod annual;
pub mod audit;
pub mod budget;
pub mod cycle;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod evidence;
pub mod form;
pub mod import;
#[cfg(feature = "ssr")]
pub mod kept;
pub mod lock;
pub mod measure;
pub mod meeting;
pub mod my;
pub mod notice;
pub mod notify;
pub mod plan;
pub mod plan_year;
pub mod proposal;
pub mod quarter;
pub mod status;
pub mod token;
pub mod users;
