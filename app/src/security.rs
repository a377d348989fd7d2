//! The security headers: the Content-Security-Policy (a page's carries the nonce of its
//! inline hydration script) and the headers every response gets.

use axum::http::{header, HeaderMap, HeaderValue};

/// The policy with scripts allowed from this site only, plus the inline scripts that
/// carry `nonce` (Leptos's hydration), wasm compilation, no framing by other sites; forms
/// post to this site only, and may be sent on to the identity provider's `provider`
/// origin (the sign-in button and sign-out redirect there).
pub fn content_security_policy(nonce: Option<&str>, provider: Option<&str>) -> String {
    let inline = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let provider = provider.map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{inline} 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'{provider}; \
         frame-ancestors 'none'"
    )
}

/// Sets a page's policy with this render's nonce (called while the shell renders).
pub fn page_policy() {
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let provider = leptos::prelude::use_context::<crate::state::AppState>()
        .and_then(|s| s.auth.oidc)
        .and_then(|o| o.origin());
    let policy = content_security_policy(nonce.as_deref(), provider.as_deref());
    if let Ok(value) = HeaderValue::from_str(&policy) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Adds the headers every response carries (and a policy without inline scripts where
/// the page set none).
pub fn add_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&content_security_policy(None, None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn the_policy_allows_only_this_sites_scripts_and_the_nonce() {
        let p = content_security_policy(Some("abc123"), None);
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(p.contains("frame-ancestors 'none'"));
        let scripts = p
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        assert!(!content_security_policy(None, None).contains("nonce"));
    }

    #[test]
    fn forms_may_go_on_to_the_identity_provider_only_when_one_is_set_up() {
        let p = content_security_policy(None, Some("https://login.example.gov"));
        assert!(
            p.contains("form-action 'self' https://login.example.gov;"),
            "{p}"
        );
        assert!(content_security_policy(None, None).contains("form-action 'self';"));
    }
}
