//! Where a redirect may lead: only to a path on this site.

/// An origin no real site has, to resolve a candidate path against.
const ORIGIN: &str = "http://plantrack.invalid/";

/// `candidate` if, read as a URL relative to this site's origin the way a browser reads
/// it, it stays on this site; its normalised path, query and fragment then. Anything
/// else (another site, a scheme, control characters a browser would strip) is
/// `fallback`.
pub fn local_path(candidate: Option<&str>, fallback: &str) -> String {
    let Some(candidate) = candidate else {
        return fallback.into();
    };
    if !candidate.starts_with('/') || candidate.chars().any(char::is_control) {
        return fallback.into();
    }
    let origin = url::Url::parse(ORIGIN).expect("a valid origin");
    match origin.join(candidate) {
        Ok(u) if u.origin() == origin.origin() && u.username().is_empty() => {
            u[url::Position::BeforePath..].to_string()
        }
        _ => fallback.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_kept() {
        for (candidate, expected) in [
            ("/goals/4", "/goals/4"),
            ("/measures/3?fy=2027#targets", "/measures/3?fy=2027#targets"),
            ("/%09/evil.example", "/%09/evil.example"),
            ("/\t/evil.example", "/"),
            ("/\n/evil.example", "/"),
            ("//evil.example", "/"),
            ("/\\evil.example", "/"),
            ("\\\\evil.example", "/"),
            ("https://evil.example", "/"),
            ("javascript:alert(1)", "/"),
            ("goals/4", "/"),
            ("", "/"),
        ] {
            assert_eq!(local_path(Some(candidate), "/"), expected, "{candidate:?}");
        }
        assert_eq!(local_path(None, "/fallback"), "/fallback");
    }
}
