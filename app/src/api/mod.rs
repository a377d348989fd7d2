//! Server functions, grouped by domain: thin wrappers that check access and call queries.

pub mod import;
pub mod plan;
