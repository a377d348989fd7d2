//! Server functions, grouped by domain: thin wrappers that check access and call queries.

pub mod account;
pub mod audit;
pub mod import;
pub mod notice;
pub mod plan;
pub mod quarter;
pub mod status;
pub mod users;
