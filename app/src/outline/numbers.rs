//! Outline numbers: number words and dotted-number ordering.

use std::cmp::Ordering;

const WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Reads "4", "Four" or "FOUR" as 4; anything else is `None`.
pub fn parse_number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    let lower = word.to_ascii_lowercase();
    WORDS.iter().position(|w| *w == lower).map(|i| i as u32 + 1)
}

/// The numeric parts of a dotted number: "4.10.2" -> [4, 10, 2].
pub fn parts(number: &str) -> Vec<u32> {
    number
        .split('.')
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect()
}

/// Orders dotted numbers numerically, so 4.9 comes before 4.10.
pub fn compare(a: &str, b: &str) -> Ordering {
    parts(a).cmp(&parts(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_and_digits() {
        assert_eq!(parse_number("Four"), Some(4));
        assert_eq!(parse_number("TWENTY"), Some(20));
        assert_eq!(parse_number("12"), Some(12));
        assert_eq!(parse_number("Information"), None);
    }

    #[test]
    fn dotted_numbers_sort_numerically() {
        assert!(compare("4.9", "4.10").is_lt());
        assert!(compare("10", "9").is_gt());
        assert!(compare("3.1.3", "3.1.3").is_eq());
    }
}
