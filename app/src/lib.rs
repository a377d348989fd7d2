//! plantrack: the strategic plan, its goals, objectives and strategies, in the browser.

pub mod model;
#[cfg(feature = "ssr")]
pub mod outline;
