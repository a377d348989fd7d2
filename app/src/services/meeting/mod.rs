//! The working group's quarterly review meeting: opening it with an agenda built from the
//! quarter's data, recording each item, reordering and adding items, attendance, follow-up
//! actions, sign-off (after which the record is read-only) and addenda. Each use case is
//! one transaction with its audit event.

pub mod agenda;
pub mod packet;
pub mod record;
pub mod view;

pub use agenda::{add_item, move_item, open, quarter_data, record_item};
pub use record::{add_addendum, set_details, sign_off, DetailsInput};
pub use view::{list, meeting};

use super::Refused;
use crate::db::Db;
use crate::model::fiscal::FiscalQuarter;
use crate::model::AppError;
use crate::queries::meetings::{self as q, MeetingRow};

/// A refusal of one field, with its message.
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Refused {
    Refused::Invalid(vec![(field.to_string(), message.into())])
}

/// The refusal of a save made over someone else's change to the review.
pub(crate) fn conflict() -> Refused {
    Refused::Error(AppError::Conflict(
        "Someone else changed this review since you opened it: nothing was saved. The page now shows their change; make yours again.".into(),
    ))
}

/// Quarter `fq`'s meeting or a 404.
pub(crate) async fn meeting_or_404(db: &Db, fq: FiscalQuarter) -> Result<MeetingRow, AppError> {
    q::find(db, fq)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No review has been opened for {fq}.")))
}

/// Refuses a change to a signed-off meeting.
pub(crate) fn still_open(m: &MeetingRow, fq: FiscalQuarter) -> Result<(), Refused> {
    if m.state == crate::model::meeting::State::Closed {
        return Err(invalid(
            "review",
            format!(
                "The {fq} review is signed off: its record is read-only. Add an addendum instead."
            ),
        ));
    }
    Ok(())
}
