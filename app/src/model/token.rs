//! Personal access tokens for the JSON API: what a person names and chooses (read-only
//! or read-write, an expiry), and how a token stands (active, expired, revoked).

use serde::{Deserialize, Serialize};

/// What a token may do: read, or read and write. It never grants more than its
/// owner's role allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Read,
    Write,
}

impl Scope {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Read => "Read only",
            Scope::Write => "Read and write",
        }
    }
}

/// The lifetimes a token may be given, in days.
pub const EXPIRY_DAYS: [i64; 4] = [7, 30, 90, 365];

/// What every token starts with, so one pasted somewhere it should not be is easy to find.
pub const PREFIX: &str = "plt_";

/// A token as its owner sees it in the list (never the token itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    pub state: TokenState,
    pub created: String,
    pub expires: String,
    /// "Never used" or when it was last used.
    pub last_used: String,
}

/// The account's tokens page: the list, and a token just made (shown once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokensPage {
    pub tokens: Vec<TokenView>,
    pub created: Option<(String, String)>,
    /// A refused form: its message and the name typed.
    pub refused: Option<(String, String)>,
}

/// A token's name, trimmed, or why it cannot be one.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Name the token after what will use it (\"Finance spreadsheet\").".into());
    }
    if name.chars().count() > 80 {
        return Err("Keep the name to 80 characters.".into());
    }
    Ok(name.to_string())
}

/// How a token stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    /// Every state, for the glossary.
    pub const ALL: [TokenState; 3] = [TokenState::Active, TokenState::Expired, TokenState::Revoked];

    /// Its mark in the glossary.
    pub fn mark(self) -> crate::model::glossary::Mark {
        use crate::model::glossary::Mark;
        match self {
            TokenState::Active => Mark::Going,
            TokenState::Expired => Mark::Closed,
            TokenState::Revoked => Mark::Failed,
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            TokenState::Active => "Active",
            TokenState::Expired => "Expired",
            TokenState::Revoked => "Revoked",
        }
    }
}

/// How a token stands at `now` (RFC 3339 text compares in time order).
pub fn state(expires_at: &str, revoked_at: Option<&str>, now: &str) -> TokenState {
    match revoked_at {
        Some(_) => TokenState::Revoked,
        None if expires_at <= now => TokenState::Expired,
        None => TokenState::Active,
    }
}

crate::stored_as_text!(Scope, Scope::parse, "api_tokens.scope", "token scope");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_stands_active_until_it_expires_or_is_revoked() {
        let exp = "2027-01-01T00:00:00Z";
        assert_eq!(state(exp, None, "2026-12-31T23:59:59Z"), TokenState::Active);
        assert_eq!(
            state(exp, None, "2027-01-01T00:00:00Z"),
            TokenState::Expired
        );
        assert_eq!(
            state(exp, Some("2026-12-01T00:00:00Z"), "2026-12-02T00:00:00Z"),
            TokenState::Revoked
        );
    }

    #[test]
    fn names_are_required_and_short() {
        assert!(check_name("  ").is_err());
        assert!(check_name(&"x".repeat(81)).is_err());
        assert_eq!(check_name(" Finance sheet ").unwrap(), "Finance sheet");
        assert_eq!(Scope::parse("write"), Some(Scope::Write));
        assert_eq!(Scope::parse("admin"), None);
    }
}
