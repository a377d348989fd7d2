//! Domain types shared by the server and the browser.

pub mod outline;
