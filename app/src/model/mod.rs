//! Domain types shared by the server and the browser.

pub mod error;
pub mod import;
pub mod outline;
pub mod plan;

pub use error::AppError;
