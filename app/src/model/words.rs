//! Words every page writes the same way: counts with their nouns and verbs agreeing.

/// `one` when `n` is 1, else `many`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "1 owner", "3 owners".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// A stored timestamp's day as every page writes dates: "6 Dec 2026" (the text as it
/// is when it does not read).
pub fn day(timestamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(timestamp) {
        Ok(t) => t.date_naive().format("%-d %b %Y").to_string(),
        Err(_) => timestamp.to_string(),
    }
}

/// A stored timestamp's day and time (UTC): "6 Dec 2026, 14:05 UTC".
pub fn day_and_time(timestamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(timestamp) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%-d %b %Y, %H:%M UTC")
            .to_string(),
        Err(_) => timestamp.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_timestamps_read_as_the_pages_dates() {
        assert_eq!(day("2026-12-06T14:05:09.123Z"), "6 Dec 2026");
        assert_eq!(
            day_and_time("2026-12-06T14:05:09.123Z"),
            "6 Dec 2026, 14:05 UTC"
        );
        assert_eq!(day("not a time"), "not a time");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "owner is", "owners are"), "1 owner is");
        assert_eq!(count(2, "owner is", "owners are"), "2 owners are");
        assert_eq!(count(0, "item", "items"), "0 items");
    }
}
