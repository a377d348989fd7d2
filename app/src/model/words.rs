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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "owner is", "owners are"), "1 owner is");
        assert_eq!(count(2, "owner is", "owners are"), "2 owners are");
        assert_eq!(count(0, "item", "items"), "0 items");
    }
}
