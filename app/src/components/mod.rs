//! Reusable pieces of the pages.

pub mod actions;
pub mod agenda;
pub mod alert;
pub mod breadcrumb;
pub mod chart;
pub mod csv_import;
pub mod done;
pub mod email;
pub mod error;
pub mod evidence;
pub mod frame;
pub mod guard;
pub mod layout;
pub mod loaded;
pub mod measure;
pub mod menu;
pub mod notice;
pub mod outline;
pub mod pager;
pub mod proposals;
pub mod side_nav;
pub mod standing;
pub mod status;
pub mod submit;
pub mod unlock;
pub mod update_row;
