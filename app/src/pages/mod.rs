//! One page per file.

pub mod goal;
pub mod import;
pub mod import_draft;
pub mod not_found;
pub mod objective;
pub mod overview;
pub mod strategy;
