//! Domain types shared by the server and the browser.

pub mod audit;
pub mod error;
pub mod fiscal;
pub mod import;
pub mod outline;
pub mod plan;
pub mod status;
pub mod user;

pub use error::AppError;
