//! Domain types shared by the server and the browser.

pub mod annual;
pub mod audit;
pub mod axis;
pub mod budget;
pub mod call;
pub mod chart;
pub mod cycle;
pub mod dashboard;
pub mod error;
pub mod evidence;
pub mod fiscal;
pub mod form;
pub mod import;
pub mod measure;
pub mod meeting;
pub mod notify;
pub mod outline;
pub mod paging;
pub mod plan;
pub mod plan_year;
pub mod proposal;
pub mod redirect;
pub mod reminder;
pub mod review;
pub mod revision;
pub mod status;
#[cfg(feature = "ssr")]
pub mod stratml;
pub mod token;
pub mod user;
pub mod view;
pub mod whole;
pub mod year_start;

pub use error::AppError;
