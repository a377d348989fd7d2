//! People who use plantrack and what their role lets them do.

use serde::{Deserialize, Serialize};

/// A role: what a person may do everywhere in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Users, plan import, settings.
    Admin,
    /// Records and corrects status for any strategy, runs reviews, edits APP/IP.
    WorkingGroup,
    /// Updates only the strategies and measures assigned to them.
    Manager,
    /// Leadership: reads everything, changes nothing.
    Viewer,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::WorkingGroup, Role::Manager, Role::Viewer];

    /// The stored form: "admin", "working_group", "manager", "viewer".
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::WorkingGroup => "working_group",
            Role::Manager => "manager",
            Role::Viewer => "viewer",
        }
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::WorkingGroup => "Working group",
            Role::Manager => "Manager",
            Role::Viewer => "Viewer (leadership)",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signed-in person, as pages see them (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub must_change_password: bool,
    /// What the policy lets them reach, for showing or hiding what leads there.
    pub can: Can,
}

/// What the signed-in person may reach, as the policy decides from their role: pages
/// show or hide links and forms by it (the server still checks every use).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Can {
    pub import_actuals: bool,
    pub import_plan: bool,
    pub manage_users: bool,
    pub read_audit: bool,
    pub read_outbox: bool,
    pub edit_measures: bool,
    pub set_time_zone: bool,
    pub set_rollup_rule: bool,
    /// Records quarterly status (so has "My updates").
    #[serde(default)]
    pub record_status: bool,
    /// Approves and returns updates (the approval inbox).
    #[serde(default)]
    pub review: bool,
    /// Follows the data call (the tracker).
    #[serde(default)]
    pub track_call: bool,
    /// Sets the plan-wide default thresholds.
    #[serde(default)]
    pub set_default_thresholds: bool,
    /// Publishes the public performance page and chooses its measures.
    #[serde(default)]
    pub publish: bool,
    /// Schedules reports.
    #[serde(default)]
    pub schedule_reports: bool,
}

/// A user as the administration page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub must_change_password: bool,
    pub strategies: Vec<String>,
    /// Changes with every edit; a form sends back the one it showed.
    pub version: i64,
}

/// An account's edit page: the account, and the plan outline to pick its strategies from
/// (goal label, then each objective with its strategies as (number, text)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEdit {
    pub user: UserSummary,
    pub outline: Vec<OutlineGoal>,
    /// The e-mail address reminders go to.
    #[serde(default)]
    pub email: Option<EmailForm>,
    /// The account form as it was refused, with why (shown once).
    #[serde(default)]
    pub returned: Option<crate::model::form::Returned>,
}

/// An account's e-mail form: the address (or what was typed) and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailForm {
    pub id: i64,
    pub email: String,
    pub error: Option<String>,
}

/// A goal's label and its objectives, for picking strategies.
pub type OutlineGoal = (String, Vec<OutlineObjective>);

/// An objective's number and its strategies as (number, text).
pub type OutlineObjective = (String, Vec<(String, String)>);

/// Why a new password was refused; `code` travels in addresses for pages without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
    ContainsUsername,
    Mismatch,
    WrongCurrent,
}

impl PasswordProblem {
    const ALL: [PasswordProblem; 6] = [
        PasswordProblem::TooShort,
        PasswordProblem::TooLong,
        PasswordProblem::Common,
        PasswordProblem::ContainsUsername,
        PasswordProblem::Mismatch,
        PasswordProblem::WrongCurrent,
    ];

    /// A short code for the address bar.
    pub fn code(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "short",
            PasswordProblem::TooLong => "long",
            PasswordProblem::Common => "common",
            PasswordProblem::ContainsUsername => "username",
            PasswordProblem::Mismatch => "mismatch",
            PasswordProblem::WrongCurrent => "current",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<PasswordProblem> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the person reads next to the field.
    pub fn message(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "Use at least 12 characters.",
            PasswordProblem::TooLong => "Use at most 128 characters.",
            PasswordProblem::Common => {
                "That password is on a list of commonly used passwords. Choose another."
            }
            PasswordProblem::ContainsUsername => "The password must not contain the username.",
            PasswordProblem::Mismatch => "The two new passwords do not match.",
            PasswordProblem::WrongCurrent => "The current password is not correct.",
        }
    }
}

crate::stored_as_text!(Role, Role::parse, "users.role", "role");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_form() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
