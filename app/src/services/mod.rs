//! Use cases, one function each: they take the caller and a typed input, own their
//! transaction and write their audit event. Server functions, plain routes and the command
//! line call these; none implements a use case of its own.

pub mod action;
pub mod annual;
pub mod audit;
pub mod budget;
pub mod business_plan;
pub mod comment;
pub mod csv_import;
pub mod cycle;
pub mod dashboard;
pub mod evidence;
pub mod forecast_check;
pub mod import;
pub mod lock;
pub mod mail;
pub mod measure;
pub mod measure_page;
pub mod meeting;
pub mod my;
pub mod outbox;
pub mod outcome;
pub mod ownership;
pub mod plan_writer;
pub mod plan_year;
pub mod proposal;
pub mod public;
pub mod quarter;
pub mod read;
pub mod report;
pub mod reporting;
pub mod review;
pub mod revision;
pub mod risk;
pub mod schedule;
pub mod scoring;
pub mod settings;
pub mod sso;
pub mod status;
pub mod stratml;
pub mod summary;
pub mod token;
pub mod users;
pub mod whole;
pub mod year_start;

use crate::model::AppError;

/// Why a use case wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// The input has problems, each naming its field (the form shows them beside it).
    Invalid(Vec<(String, String)>),
    /// Anything else: missing, refused, a conflict, the database.
    Error(AppError),
}

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused::Error(e)
    }
}

impl From<Refused> for AppError {
    /// Every problem in one message (for a door without fields: the command line).
    fn from(r: Refused) -> Self {
        match r {
            Refused::Invalid(errors) => AppError::Invalid(crate::model::form::message(&errors)),
            Refused::Error(e) => e,
        }
    }
}

impl From<sqlx::Error> for Refused {
    fn from(e: sqlx::Error) -> Self {
        Refused::Error(e.into())
    }
}
