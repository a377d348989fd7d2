//! How a write ended, whatever door it came in by. A write service checks, writes and
//! audits, then returns one [`Outcome`]; the form door turns it into a redirect (with
//! what was typed beside the problem) and the JSON API into a status code. Missing
//! objects, refusals by the policy and database failures stay errors (`AppError`).

/// A write's outcome; `C` is what a conflict shows of the other person's save (a
/// sentence, or their whole record for the form to show beside yours).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T, C = String> {
    /// Written: what the door tells the person.
    Saved(T),
    /// Nothing written: each (field, problem).
    Invalid(Vec<(String, String)>),
    /// Nothing written: someone else saved first. `what` names the record ("measure 3's
    /// 2027-Q1 actual"); `theirs` is what is there now, for the form.
    Conflict { what: String, theirs: C },
    /// Nothing written: the quarter is locked, and what to do about it.
    Locked(String),
}

impl<T> Outcome<T> {
    /// The outcome of a use case that answers `Refused` (its invalid input becomes
    /// `Invalid`; any other refusal stays an error).
    pub fn of(result: Result<T, super::Refused>) -> Result<Outcome<T>, crate::model::AppError> {
        match result {
            Ok(t) => Ok(Outcome::Saved(t)),
            Err(super::Refused::Invalid(errors)) => Ok(Outcome::Invalid(errors)),
            Err(super::Refused::Error(e)) => Err(e),
        }
    }
}
