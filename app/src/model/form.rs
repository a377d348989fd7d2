//! A form sent back after a refused save: what was typed and what is wrong, so the
//! page shows both (with JavaScript off too, via the session and a redirect).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What was typed, by field name, and the (field, message) errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned {
    pub values: BTreeMap<String, String>,
    pub errors: Vec<(String, String)>,
}

impl Returned {
    /// A returned form from (field, value) pairs and errors.
    pub fn new<'a>(
        values: impl IntoIterator<Item = (&'a str, &'a str)>,
        errors: Vec<(String, String)>,
    ) -> Returned {
        Returned {
            values: values
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            errors,
        }
    }

    /// The typed value of a field ("" when absent).
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
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
        self.errors
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
