//! Stored vocabulary: each word a column may hold is a Rust enum, read back in the row
//! struct that selects it. A value outside the vocabulary is an error naming the column
//! and the value, never quietly read as some default.

/// A stored value that is not a word of its column's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{column} holds {value:?}, which is not a {what} this version of plantrack knows")]
pub struct UnknownValue {
    /// Where it is stored ("users.role", "settings.time_zone").
    pub column: String,
    /// What it should be ("role").
    pub what: &'static str,
    /// What is stored.
    pub value: String,
}

/// Reads a JSON document stored in `column` (a revision's snapshot, a proposal's change);
/// one this version cannot read is an error naming the column and why.
pub fn stored_json<T: serde::de::DeserializeOwned>(
    column: &str,
    text: &str,
) -> Result<T, UnknownValue> {
    serde_json::from_str(text).map_err(|e| UnknownValue {
        column: column.to_string(),
        what: "document",
        value: e.to_string(),
    })
}

/// Reads `$t` from its stored text with `$parse` (`users.role`, "role"): the row
/// struct's field is then `#[sqlx(try_from = "String")] role: Role`.
#[macro_export]
macro_rules! stored_as_text {
    ($t:ty, $parse:path, $column:literal, $what:literal) => {
        impl TryFrom<String> for $t {
            type Error = $crate::model::vocabulary::UnknownValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $parse(&value).ok_or($crate::model::vocabulary::UnknownValue {
                    column: $column.to_string(),
                    what: $what,
                    value,
                })
            }
        }
    };
}

/// Reads `$t` from its stored number with `$parse` (`targets.period`, "period").
#[macro_export]
macro_rules! stored_as_number {
    ($t:ty, $parse:path, $column:literal, $what:literal) => {
        impl TryFrom<i64> for $t {
            type Error = $crate::model::vocabulary::UnknownValue;
            fn try_from(value: i64) -> Result<Self, Self::Error> {
                $parse(value).ok_or($crate::model::vocabulary::UnknownValue {
                    column: $column.to_string(),
                    what: $what,
                    value: value.to_string(),
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::model::user::Role;

    #[test]
    fn a_stored_word_reads_back_and_an_unknown_one_is_an_error_naming_it() {
        assert_eq!(Role::try_from("manager".to_string()), Ok(Role::Manager));
        let e = Role::try_from("superuser".to_string()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "users.role holds \"superuser\", which is not a role this version of plantrack knows"
        );
    }
}
