//! User administration (administrators only).

use crate::model::user::{UserEdit, UserSummary};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{
    api::notice::set_notice,
    auth::authorize,
    model::user::Role,
    queries::audit::Actor,
    queries::users as q,
    services::users::{self as services, NewPassword},
    state::db,
};

/// The users page: every account, and the "Add a user" form if it was just refused.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UsersPage {
    /// Every account.
    pub users: Vec<UserSummary>,
    /// What "Add a user" was refused with (shown once).
    pub returned: Option<crate::model::form::Returned>,
}

/// Every account, and a refused "Add a user" form.
#[server(input = GetUrl)]
pub async fn list_users() -> Result<UsersPage, AppError> {
    authorize(crate::auth::UseCase::ListUsers).await?;
    Ok(UsersPage {
        users: q::list(&db()?).await?,
        returned: crate::api::form::take_returned(ADD_KEY).await,
    })
}

/// One account with the plan outline, for its edit page.
#[server(input = GetUrl)]
pub async fn get_user(id: String) -> Result<UserEdit, AppError> {
    authorize(crate::auth::UseCase::GetUser).await?;
    let db = db()?;
    let id: i64 = id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound("There is no such user.".into()))?;
    let user = q::list(&db)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| AppError::NotFound("There is no such user.".into()))?;
    let mut outline: Vec<crate::model::user::OutlineGoal> = Vec::new();
    for l in crate::queries::status::strategy_lines(&db).await? {
        let goal = crate::model::plan::goal_label(&l.goal, l.goal_name.as_deref());
        if outline.last().is_none_or(|(g, _)| *g != goal) {
            outline.push((goal, Vec::new()));
        }
        let objectives = &mut outline.last_mut().expect("pushed").1;
        if objectives.last().is_none_or(|(o, _)| *o != l.objective) {
            objectives.push((l.objective.clone(), Vec::new()));
        }
        objectives
            .last_mut()
            .expect("pushed")
            .1
            .push((l.number, l.text));
    }
    Ok(UserEdit {
        email: Some(email_form(user.id).await?),
        returned: crate::api::form::take_returned(&account_key(user.id)).await,
        user,
        outline,
    })
}

#[cfg(feature = "ssr")]
pub use crate::services::users::check_username;

/// Where a refused account form waits for its user's page.
#[cfg(feature = "ssr")]
fn account_key(id: i64) -> String {
    format!("plantrack.account.{id}")
}

/// Reads a role from a form value.
#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role).ok_or_else(|| AppError::Invalid(format!("\"{role}\" is not a role.")))
}

/// Where a refused "Add a user" form waits for the users page.
#[cfg(feature = "ssr")]
pub const ADD_KEY: &str = "plantrack.add_user";

/// Adds an account with a generated password shown once; it must be changed at first
/// sign-in. Refused, the form comes back filled in with the problem beside its field.
#[server]
pub async fn add_user(
    username: String,
    display_name: String,
    role: String,
) -> Result<String, AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::AddUser).await?;
    let typed = crate::model::form::fields([
        ("username", username.as_str()),
        ("display_name", display_name.as_str()),
        ("role", role.as_str()),
    ]);
    let back = (ADD_KEY, "/admin/users#add-user", "");
    let Ok(role) = parse_role(&role) else {
        let why = crate::services::Refused::Invalid(vec![("role".into(), "Choose a role.".into())]);
        return crate::api::form::refused(why, back, typed).await;
    };
    let added = services::add_user(
        &db()?,
        &Actor::user(&me),
        &username,
        &display_name,
        role,
        NewPassword::Generated,
    )
    .await;
    let temporary = match added {
        Ok((_, temporary)) => temporary.unwrap_or_default(),
        Err(why) => return crate::api::form::refused(why, back, typed).await,
    };
    set_notice(&format!(
        "Added {}. Their temporary password is {temporary} — it is shown only now; they must change it when they first sign in.",
        username.trim().to_lowercase()
    ))
    .await;
    crate::api::form::redirect("/admin/users");
    Ok(temporary)
}

/// Changes an account's display name, role and whether it is disabled.
#[server]
pub async fn update_user(
    id: i64,
    version: i64,
    display_name: String,
    role: String,
    disabled: Option<String>,
) -> Result<(), AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::UpdateUser).await?;
    let disabled = disabled.is_some_and(|v| v == "on" || v == "true");
    let typed = crate::model::form::fields([
        ("display_name", display_name.as_str()),
        ("role", role.as_str()),
        ("disabled", if disabled { "on" } else { "" }),
    ]);
    let back = format!("/admin/users/{id}#account-heading");
    let key = account_key(id);
    let changed = match parse_role(&role) {
        Ok(role) => {
            let change = services::AccountChange {
                display_name: &display_name,
                role,
                disabled,
                version,
            };
            services::update_user(&db()?, &me, id, &change).await
        }
        Err(e) => Err(e),
    };
    let username = match changed {
        Ok(username) => username,
        Err(e) => {
            return crate::api::form::refused_at(e, "account", (&key, &back, "account"), typed)
                .await
        }
    };
    set_notice(&format!("Saved {username}.")).await;
    crate::api::form::redirect("/admin/users");
    Ok(())
}

/// Gives an account a new generated password, to be changed at next sign-in.
#[server]
pub async fn reset_password(id: i64) -> Result<String, AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::ResetPassword).await?;
    let (username, temporary) = services::reset_password(&db()?, &Actor::user(&me), id).await?;
    set_notice(&format!(
        "New temporary password for {username}: {temporary} — shown only now; it must be changed at the next sign-in."
    ))
    .await;
    crate::api::form::redirect("/admin/users");
    Ok(temporary)
}

/// Sets which strategies an account (usually a manager) owns: picked from the plan
/// outline (`picked`), or numbers separated by commas or spaces (`strategies`); nothing
/// removes every assignment.
#[server]
pub async fn assign_strategies(
    id: i64,
    version: i64,
    #[server(default)] strategies: Option<String>,
    #[server(default)] picked: Option<Vec<String>>,
) -> Result<(), AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::AssignStrategies).await?;
    let actor = Actor::user(&me);
    let mut numbers = picked.unwrap_or_default();
    numbers.extend(strategies);
    let strategies = numbers.join(",");
    let username = services::assign_strategies(&db()?, &actor, id, &strategies, version).await?;
    set_notice(&format!("Saved the strategies of {username}.")).await;
    crate::api::form::redirect("/admin/users");
    Ok(())
}

/// The e-mail address reminders go to: the signed-in person's own (`id` empty) or, for
/// an administrator, anyone's. Refused input comes back to `back` with why.
#[server]
pub async fn set_email(id: String, email: String, back: String) -> Result<(), AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::SetEmail).await?;
    let target = match id.trim() {
        "" => me.id,
        s => s
            .parse::<i64>()
            .map_err(|_| AppError::NotFound("There is no such user.".into()))?,
    };
    if target != me.id && !crate::auth::policy::allows(crate::auth::UseCase::GetUser, Some(&me)) {
        return Err(AppError::Forbidden);
    }
    let back = crate::model::redirect::local_path(Some(&back), "/account/password");
    match services::set_email(&db()?, &Actor::user(&me), target, &email).await {
        Ok(()) => {
            crate::api::notice::set_notice("E-mail address saved.").await;
            crate::api::form::redirect(&back);
            Ok(())
        }
        Err(AppError::Invalid(why)) => {
            let typed = crate::model::form::fields([("email", email.as_str())]);
            let errors = vec![("email".to_string(), why)];
            crate::api::form::send_invalid(&email_key(target), &back, typed, errors).await
        }
        Err(e) => Err(e),
    }
}

/// The session key of a refused e-mail form for account `id`.
#[cfg(feature = "ssr")]
pub fn email_key(id: i64) -> String {
    format!("plantrack.email.{id}")
}

/// The signed-in person's e-mail address as their account page shows it (with a refused
/// form's typed value and error).
#[server(input = GetUrl)]
pub async fn get_my_email() -> Result<crate::model::user::EmailForm, AppError> {
    let me = crate::auth::policy::authorize_user(crate::auth::UseCase::GetMyEmail).await?;
    email_form(me.id).await
}

/// The e-mail form of account `id`: its address, or what was typed and why it was refused.
#[cfg(feature = "ssr")]
pub async fn email_form(id: i64) -> Result<crate::model::user::EmailForm, AppError> {
    let email = services::email_of(&db()?, id).await?.unwrap_or_default();
    let returned: Option<crate::model::form::Returned> =
        crate::api::form::take_returned(&email_key(id)).await;
    Ok(crate::model::user::EmailForm {
        id,
        email: returned.as_ref().map_or(email, |r| r.value("email")),
        error: returned.and_then(|r| r.error("email")),
    })
}
