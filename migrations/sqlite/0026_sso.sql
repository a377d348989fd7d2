-- Single sign-on (issue 42): a provider's subject (issuer + sub) is linked to one
-- account, once; links are history (never changed or deleted). Break-glass accounts keep
-- their password sign-in when `--oidc-only` turns it off for everyone else.
ALTER TABLE users ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sso_links (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    UNIQUE (issuer, subject),
    UNIQUE (user_id, issuer)
);

CREATE TRIGGER sso_links_no_update BEFORE UPDATE ON sso_links
BEGIN
    SELECT RAISE(ABORT, 'sign-in links are never changed');
END;
CREATE TRIGGER sso_links_no_delete BEFORE DELETE ON sso_links
BEGIN
    SELECT RAISE(ABORT, 'sign-in links are never deleted');
END;
