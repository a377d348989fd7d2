//! A form sent back after a refused save: what was typed and what is wrong, so the
//! page shows both (with JavaScript off too, via the session and a redirect).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What was typed into a form without a type of its own, by field name.
pub type Fields = BTreeMap<String, String>;

/// A refused form: what was typed (`input`: the form's own input type, or [`Fields`]),
/// each (field, message) problem, and on a conflict what someone else saved meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned<I = Fields, C = ()> {
    pub input: I,
    pub errors: Vec<(String, String)>,
    pub conflict: Option<C>,
    /// Which of a page's forms it is ("actual", "unlock", "close-7"), where a page has
    /// several that come back under one key ("": the page's only form).
    #[serde(default)]
    pub form: String,
}

impl<I: Default, C> Default for Returned<I, C> {
    fn default() -> Self {
        Returned::invalid(I::default(), Vec::new())
    }
}

impl<I, C> Returned<I, C> {
    /// A form refused for invalid input.
    pub fn invalid(input: I, errors: Vec<(String, String)>) -> Self {
        Returned {
            input,
            errors,
            conflict: None,
            form: String::new(),
        }
    }

    /// A form refused because `theirs` was saved after the form was opened.
    pub fn conflict(input: I, theirs: Option<C>) -> Self {
        Returned {
            input,
            errors: Vec::new(),
            conflict: theirs,
            form: String::new(),
        }
    }

    /// The same, named as form `form` of its page.
    pub fn of_form(self, form: &str) -> Self {
        Returned {
            form: form.to_string(),
            ..self
        }
    }

    /// Whether it is the page's form `form`.
    pub fn is_form(&self, form: &str) -> bool {
        self.form == form
    }

    /// The error for one field, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, e)| e.clone())
    }

    /// Every message, joined.
    pub fn message(&self) -> String {
        message(&self.errors)
    }
}

impl Returned<Fields> {
    /// The typed value of a field ("" when absent).
    pub fn value(&self, field: &str) -> String {
        self.input.get(field).cloned().unwrap_or_default()
    }
}

/// What was typed, from (field, value) pairs.
pub fn fields<'a>(values: impl IntoIterator<Item = (&'a str, &'a str)>) -> Fields {
    values
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The messages of (field, message) errors, joined into one sentence list.
pub fn message(errors: &[(String, String)]) -> String {
    errors
        .iter()
        .map(|(_, e)| e.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_form_finds_each_fields_value_and_error() {
        let r = Returned::<Fields>::invalid(
            fields([("actual", "12x"), ("note", "")]),
            vec![("actual".into(), "Enter a number.".into())],
        );
        assert_eq!(r.value("actual"), "12x");
        assert_eq!(r.value("missing"), "");
        assert_eq!(r.error("actual").as_deref(), Some("Enter a number."));
        assert_eq!(r.error("note"), None);
        assert_eq!(r.message(), "Enter a number.");
    }
}
