//! axum-login backend: looks people up and checks their passwords.

use super::password;
use crate::db::Db;
use crate::model::user::{CurrentUser, Role};
use crate::queries::users as q;
use axum_login::{AuthUser, AuthnBackend, UserId};

/// The signed-in person as the server holds them, with the password hash (never sent).
#[derive(Clone)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub must_change_password: bool,
    pub password_hash: String,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl SessionUser {
    /// What pages may see of this person.
    pub fn public(&self) -> CurrentUser {
        CurrentUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            must_change_password: self.must_change_password,
            can: super::policy::can(self.role),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    /// A password change ends every other session of this person.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

/// Username and password from the sign-in form.
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Looks people up in the database.
#[derive(Clone, Debug)]
pub struct Backend {
    pub db: Db,
}

/// A hash of a random password, checked when the username is unknown so that
/// unknown and known usernames take the same time to refuse.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Sj9pZxXsFXHyfmnOTLXt3I9cK3vcnH3P7Mh0r8R4Ucc";

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = sqlx::Error;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, sqlx::Error> {
        let user = q::find_by_username(&self.db, &creds.username).await?;
        let (stored, usable) = match &user {
            Some((u, disabled)) => (u.password_hash.clone(), !disabled),
            None => (DUMMY_HASH.to_string(), false),
        };
        let ok = password::verify(creds.password, stored).await;
        Ok(user.filter(|_| ok && usable).map(|(u, _)| u))
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, sqlx::Error> {
        Ok(q::find_by_id(&self.db, *id)
            .await?
            .filter(|(_, disabled)| !disabled)
            .map(|(u, _)| u))
    }
}

/// The session with its signed-in person, taken from the request.
pub type AuthSession = axum_login::AuthSession<Backend>;

#[cfg(test)]
mod tests {
    #[test]
    fn the_dummy_hash_parses_so_unknown_users_cost_a_real_check() {
        assert!(argon2::PasswordHash::new(super::DUMMY_HASH).is_ok());
    }
}
