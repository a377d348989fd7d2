//! One page per file.

pub mod audit;
pub mod goal;
pub mod import;
pub mod import_draft;
pub mod login;
pub mod not_found;
pub mod objective;
pub mod overview;
pub mod password;
pub mod quarter;
pub mod status_form;
pub mod strategy;
pub mod users;
