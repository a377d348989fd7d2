//! Password rules, hashing (argon2id, off the async threads) and generation.

use crate::model::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use rand::Rng;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Fewest characters a password may have.
pub const MIN_CHARS: usize = 12;
/// Most characters a password may have.
pub const MAX_CHARS: usize = 128;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .collect()
});

pub use crate::model::user::PasswordProblem;

/// Why a new password is refused, or `Ok` when it may be used.
pub fn check_new(password: &str, username: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Err(PasswordProblem::Common);
    }
    if username.chars().count() >= 3 && lower.contains(&username.to_lowercase()) {
        return Err(PasswordProblem::ContainsUsername);
    }
    Ok(())
}

/// Password hashes computed at once (each takes ~19 MiB and a core for a moment): a
/// flood of sign-ins queues here instead of exhausting memory.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new(cores.clamp(1, 8))
});

/// Hashes a password with argon2id on a blocking thread.
pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password against a stored hash on a blocking thread.
pub async fn verify(password: String, stored: String) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A random 20-character password from letters and digits that are hard to confuse.
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds_and_common_passwords() {
        assert!(check_new("short", "ann").is_err());
        assert!(check_new(&"x".repeat(129), "ann").is_err());
        assert!(
            check_new(&"Ab3-".repeat(16), "ann").is_ok(),
            "64 characters are fine"
        );
        assert_eq!(
            check_new("1qaz2wsx3edc", "ann"),
            Err(PasswordProblem::Common)
        );
        assert!(
            check_new("1QAZ2WSX3EDC", "ann").is_err(),
            "case does not matter"
        );
        assert!(check_new("tide-river-lantern", "ann").is_ok());
        assert!(check_new("my-name-is-marisol", "marisol").is_err());
    }

    #[test]
    fn generated_passwords_pass_the_rules() {
        let p = generate();
        assert_eq!(p.len(), 20);
        assert!(check_new(&p, "admin").is_ok());
        assert_ne!(generate(), p);
    }

    #[tokio::test]
    async fn hash_then_verify() {
        let h = hash("tide-river-lantern".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("tide-river-lantern".into(), h.clone()).await);
        assert!(!verify("tide-river-lanterN".into(), h).await);
    }
}
