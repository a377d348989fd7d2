//! A refused form post keeps a clean address: leptos_axum sends a server function's
//! error back to the page the form was on with the error in the address
//! (`?__path=/api/…&__err=…`), which then stays in the address bar, in the history and in
//! a bookmark. This layer takes the error out of the address and leaves it in the session
//! instead (`api::notice::set_refusal`), shown once at the top of that page
//! (`components::notice::Notice`). Forms that keep what was typed send themselves back
//! first (`api::form::send_back`), so this is what is left for the others.

use app::model::AppError;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;

/// The header a cleaned refusal carries: the status its error means (the answer itself
/// stays a redirect, so a browser without JavaScript follows it).
pub const REFUSED_STATUS: &str = "x-plantrack-refused";

/// Moves a server function's error out of the address it redirects to.
pub async fn clean_refusal(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let session = request
        .extensions()
        .get::<tower_sessions::Session>()
        .cloned();
    let mut response = next.run(request).await;
    if !is_server_fn {
        return response;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
    else {
        return response;
    };
    let Some((clean, error)) = split_refusal(location) else {
        return response;
    };
    if let Some(session) = session {
        let _ = session
            .insert(app::api::notice::REFUSAL_KEY, error.to_string())
            .await;
    }
    if let Ok(value) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
        .headers_mut()
        .insert(REFUSED_STATUS, HeaderValue::from(error.status_code()));
    response
}

/// A redirect target carrying a refusal: the target without `__path` and `__err`, and
/// the error (a malformed one reads as a refused request).
fn split_refusal(location: &str) -> Option<(String, AppError)> {
    let (path, query) = location.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let mut error = None;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "__err" => {
                    error = Some(decode(value));
                    false
                }
                "__path" => false,
                _ => !pair.is_empty(),
            }
        })
        .collect();
    let error = error?;
    let mut clean = path.to_string();
    if !kept.is_empty() {
        clean.push('?');
        clean.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        clean.push('#');
        clean.push_str(f);
    }
    Some((clean, error))
}

/// The error leptos_axum wrote into `__err` (percent-encoded base64 of its JSON).
fn decode(value: &str) -> AppError {
    let unescaped = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
    base64::engine::general_purpose::STANDARD
        .decode(unescaped.as_bytes())
        .ok()
        .and_then(|bytes| serde_json::from_slice::<AppError>(&bytes).ok())
        .unwrap_or_else(|| AppError::Request("the form could not be read.".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(error: &AppError) -> String {
        let json = serde_json::to_vec(error).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(json);
        percent_encoding::utf8_percent_encode(&b64, percent_encoding::NON_ALPHANUMERIC).to_string()
    }

    #[test]
    fn the_error_leaves_the_address_and_the_rest_stays() {
        let error = AppError::Invalid("Choose a role.".into());
        let location = format!(
            "http://x/admin/users?tab=2&__path=%2Fapi%2Fadd_user&__err={}#add",
            encoded(&error)
        );
        let (clean, got) = split_refusal(&location).unwrap();
        assert_eq!(clean, "http://x/admin/users?tab=2#add");
        assert_eq!(got, error);
        let (clean, _) =
            split_refusal(&format!("/admin/users?__path=x&__err={}", encoded(&error))).unwrap();
        assert_eq!(clean, "/admin/users");
    }

    #[test]
    fn an_address_without_an_error_is_left_alone() {
        assert!(split_refusal("/admin/users?tab=2").is_none());
        assert!(split_refusal("/admin/users").is_none());
        let (_, got) = split_refusal("/x?__err=not-base64").unwrap();
        assert!(matches!(got, AppError::Request(_)));
    }
}
