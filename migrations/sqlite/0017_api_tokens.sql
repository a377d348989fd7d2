-- Issue 21: personal access tokens for the JSON API (/api/v1). Only a SHA-256 hash of a
-- token is kept (a token is 160 random bits, so a fast hash is enough and it can be
-- looked up by it); the token itself is shown once, when it is made.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    token_hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
