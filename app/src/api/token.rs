//! Personal access tokens on the account page: list, make (shown once), revoke.

use crate::model::token::TokensPage;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::{services::token as service, state::db};

/// Where a token just made waits to be shown, once.
#[cfg(feature = "ssr")]
const CREATED_KEY: &str = "plantrack.token.created";
#[cfg(feature = "ssr")]
const FORM_KEY: &str = "plantrack.token.form";
#[cfg(feature = "ssr")]
const PAGE: &str = "/account/tokens";

/// The signed-in person's tokens, and one just made.
#[server(input = GetUrl)]
pub async fn get_tokens() -> Result<TokensPage, AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::GetTokens).await?;
    let now = crate::state::clock().now();
    let tokens = service::list(&db()?, user.id, now).await?;
    let auth = leptos_axum::extract::<crate::auth::AuthSession>()
        .await
        .ok();
    let created = match &auth {
        Some(a) => a
            .session
            .remove::<(String, String)>(CREATED_KEY)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let refused = crate::api::form::take_returned::<crate::model::form::Fields, ()>(FORM_KEY)
        .await
        .map(|r| (r.message(), r.value("name")));
    Ok(TokensPage {
        tokens,
        created,
        refused,
    })
}

/// Makes a token for the signed-in person: named, read or write, expiring in `days`.
#[server]
pub async fn create_token(name: String, scope: String, days: String) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::CreateToken).await?;
    let now = crate::state::clock().now();
    match service::create(&db()?, &user, (&name, &scope, &days), now).await {
        Ok((_, secret)) => {
            if let Ok(auth) = leptos_axum::extract::<crate::auth::AuthSession>().await {
                let _ = auth
                    .session
                    .insert(CREATED_KEY, (name.trim(), secret))
                    .await;
            }
            crate::api::form::redirect(PAGE);
            Ok(())
        }
        Err(AppError::Invalid(m)) => {
            let input = crate::model::form::fields([("name", name.as_str())]);
            crate::api::form::send_invalid(FORM_KEY, PAGE, input, vec![("name".into(), m)]).await
        }
        Err(e) => Err(e),
    }
}

/// Revokes one of the signed-in person's tokens.
#[server]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    let user = crate::auth::policy::authorize_user(crate::auth::UseCase::RevokeToken).await?;
    let now = crate::state::clock().now();
    service::revoke(&db()?, &user, id, now).await?;
    crate::api::notice::set_notice("The token is revoked: it no longer signs anything in.").await;
    crate::api::form::redirect(PAGE);
    Ok(())
}
