//! Where a redirect may lead: only to a path on this site.

/// What a path segment, query value or fragment keeps unescaped: letters, digits and
/// `-_.~` (so "4.1.3" and "2027-Q1" read as typed).
const DATA: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `value` as it may stand as one path segment, query value or fragment of a redirect
/// target: everything but letters, digits and `-_.~` percent-encoded, so typed input
/// can neither break the header nor change where the redirect leads.
pub fn enc(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, DATA).to_string()
}

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

    #[test]
    fn typed_values_are_encoded_into_one_harmless_segment() {
        use super::enc;
        assert_eq!(enc("4.1.3"), "4.1.3");
        assert_eq!(enc("2027-Q1"), "2027-Q1");
        assert_eq!(enc("a\r\nSet-Cookie: x"), "a%0D%0ASet-Cookie%3A%20x");
        assert_eq!(enc("\u{1}"), "%01");
        assert_eq!(enc("//evil.example"), "%2F%2Fevil.example");
        assert_eq!(enc("?x=1#y"), "%3Fx%3D1%23y");
        let target = format!("/strategies/{}", enc("/\n/evil.example"));
        assert_eq!(local_path(Some(&target), "/"), target);
    }
}
