//! Sending a refused form back: stash what was typed in the session and redirect to the
//! form's page (a plain form post follows the redirect; a hydrated page re-reads it).

#[cfg(feature = "ssr")]
use crate::model::{form::Returned, AppError};

/// Stores the returned form under `key`, sets the 4xx status of `error` and redirects
/// to `url`.
#[cfg(feature = "ssr")]
pub async fn send_back<T, I: serde::Serialize, C: serde::Serialize>(
    key: &str,
    url: &str,
    returned: Returned<I, C>,
    error: AppError,
) -> Result<T, AppError> {
    if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
        let _ = auth.session.insert(key, returned).await;
    }
    // Not a 5xx, or the session holding the returned form would not be saved; a plain
    // form post gets the redirect's 302 instead.
    crate::respond::set_response_status(error.status_code());
    redirect(url);
    Err(error)
}

/// The one way a server function redirects: to `target` if it is a path on this site
/// (`model::redirect::local_path`), else to the home page. Build `target` from checked
/// values, with typed text through `model::redirect::enc`; whatever gets through, no
/// input can make the `Location` header invalid (a panic) or lead off the site.
#[cfg(feature = "ssr")]
pub fn redirect(target: &str) {
    let safe = crate::model::redirect::local_path(Some(target), "/");
    if safe == "/" && target != "/" {
        tracing::warn!(
            to = %target.escape_default(),
            "a redirect target was not a path on this site"
        );
    }
    leptos_axum::redirect(&safe);
}

/// A refusal as the form's field errors and the 4xx to answer with: each invalid field,
/// or a conflict, the error of the version the form was opened on (shown at its top);
/// any other error is passed on.
#[cfg(feature = "ssr")]
pub fn field_errors(
    why: crate::services::Refused,
) -> Result<(Vec<(String, String)>, AppError), AppError> {
    use crate::services::Refused;
    match why {
        Refused::Invalid(errors) => {
            let message = crate::model::form::message(&errors);
            Ok((errors, AppError::Invalid(message)))
        }
        Refused::Error(AppError::Conflict(m)) => Ok((
            vec![("version".to_string(), m.clone())],
            AppError::Conflict(m),
        )),
        Refused::Error(e) => Err(e),
    }
}

/// Sends a form refused for invalid input back to `url` (422): what was typed and each
/// field's problem.
#[cfg(feature = "ssr")]
pub async fn send_invalid<T, I: serde::Serialize>(
    key: &str,
    url: &str,
    input: I,
    errors: Vec<(String, String)>,
) -> Result<T, AppError> {
    let returned = Returned::<I>::invalid(input, errors);
    let message = returned.message();
    send_back(key, url, returned, AppError::Invalid(message)).await
}

/// Takes the form returned under `key`, if any (it is shown once).
#[cfg(feature = "ssr")]
pub async fn take_returned<I, C>(key: &str) -> Option<Returned<I, C>>
where
    I: serde::de::DeserializeOwned,
    C: serde::de::DeserializeOwned,
{
    let auth = leptos_axum::extract::<crate::auth::AuthSession>()
        .await
        .ok()?;
    auth.session.remove(key).await.ok().flatten()
}

/// The form door's response to a write's outcome: saved, the notice `saved` words and
/// back to `back`; refused, what was `typed` into the page's form `form` goes back under
/// `key` beside the problem (a locked quarter is the quarter field's problem; a
/// conflict, a 409 with theirs).
#[cfg(feature = "ssr")]
pub async fn respond<T>(
    outcome: crate::services::outcome::Outcome<T>,
    (key, back, form): (&str, &str, &str),
    typed: crate::model::form::Fields,
    saved: impl FnOnce(T) -> String,
) -> Result<(), AppError> {
    use crate::services::outcome::Outcome;
    let (errors, error) = match outcome {
        Outcome::Saved(t) => {
            crate::api::notice::set_notice(&saved(t)).await;
            redirect(back);
            return Ok(());
        }
        Outcome::Invalid(errors) => {
            let message = crate::model::form::message(&errors);
            (errors, AppError::Invalid(message))
        }
        Outcome::Locked(message) => (
            vec![("quarter".to_string(), message.clone())],
            AppError::Invalid(message),
        ),
        Outcome::Conflict { theirs, .. } => (
            vec![("version".to_string(), theirs.clone())],
            AppError::Conflict(theirs),
        ),
    };
    let returned = Returned::<_, ()>::invalid(typed, errors).of_form(form);
    send_back(key, back, returned, error).await
}

/// A write refused by a use case that names its fields: what was `typed` into the page's
/// form `form` goes back under `key` to `back` beside each problem (a conflict at the
/// form's top); anything else (a fault, the policy's refusal) passes on.
#[cfg(feature = "ssr")]
pub async fn refused<T>(
    why: crate::services::Refused,
    (key, back, form): (&str, &str, &str),
    typed: crate::model::form::Fields,
) -> Result<T, AppError> {
    let (errors, error) = field_errors(why)?;
    let returned = Returned::<_, ()>::invalid(typed, errors).of_form(form);
    send_back(key, back, returned, error).await
}

/// A write refused with one error about what was typed (invalid, a conflict, a record
/// gone, a password rule): it goes back beside `field` as [`refused`] does; a fault or
/// the policy's refusal passes on.
#[cfg(feature = "ssr")]
pub async fn refused_at<T>(
    error: AppError,
    field: &str,
    form: (&str, &str, &str),
    typed: crate::model::form::Fields,
) -> Result<T, AppError> {
    let about_the_input = matches!(
        error,
        AppError::Invalid(_)
            | AppError::Conflict(_)
            | AppError::NotFound(_)
            | AppError::Password(_)
    );
    if !about_the_input {
        return Err(error);
    }
    let why = match error {
        AppError::Conflict(_) => crate::services::Refused::Error(error),
        e => crate::services::Refused::Invalid(vec![(field.to_string(), e.to_string())]),
    };
    refused(why, form, typed).await
}
