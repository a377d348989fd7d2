//! One page per file.

pub mod actuals_import;
pub mod annual_plan;
pub mod audit;
pub mod call;
pub mod cycle;
pub mod dashboard;
pub mod goal;
pub mod heatmap;
pub mod implementation_plan;
pub mod import;
pub mod import_draft;
pub mod login;
pub mod measure;
pub mod measure_form;
pub mod my;
pub mod not_found;
pub mod notifications;
pub mod objective;
pub mod outbox;
pub mod overview;
pub mod password;
pub mod quarter;
pub mod status_form;
pub mod strategy;
pub mod user_edit;
pub mod users;
