-- People's e-mail addresses, and the outbox: every message plantrack sends (reminders of
-- the data call, a returned update, the working group's summary), written in the same
-- transaction as what causes it and sent by a background task. A message is also what
-- the person reads on their notifications page, sent by e-mail or not.
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    to_address TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- One message per reminder, person, quarter and day: queuing twice is a no-op.
    dedupe_key TEXT UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'not_sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    read_at TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_user ON outbox(user_id, read_at);
