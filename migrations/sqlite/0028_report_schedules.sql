-- Scheduled reports (issue 43): what goes out, how often and to whom; each run once per
-- due instant (two instances insert the same run: one wins, and only it queues the
-- messages); the PDF a run attaches, stored once per audience, not per recipient.
CREATE TABLE report_schedules (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    name TEXT NOT NULL,
    report TEXT NOT NULL
        CHECK (report IN ('packet', 'exceptions', 'app_progress', 'annual_report')),
    -- The recurrence as JSON: {"every":"monthly","day":31}, {"every":"after_lock","days":5},
    -- {"every":"yearly","month":10,"day":15}.
    recurrence TEXT NOT NULL,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    attach INTEGER NOT NULL DEFAULT 1,
    -- {"roles":["viewer"],"users":["ada"],"outside":["board@example.gov"]}
    recipients TEXT NOT NULL,
    covering TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    next_run_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE schedule_runs (
    id INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES report_schedules(id),
    -- The instant it was due (a "send now": the instant it was asked for).
    due_at TEXT NOT NULL,
    ran_at TEXT NOT NULL,
    manual INTEGER NOT NULL DEFAULT 0,
    -- What it covered, as people read it ("2027 Q1 review", "FY2027").
    covers TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL CHECK (result IN ('queued', 'empty', 'failed')),
    messages INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    UNIQUE (schedule_id, due_at)
);

CREATE TABLE outbox_documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- An outside address is no user: the outbox's user becomes optional, and a message may
-- belong to a run and carry a document. SQLite cannot drop a NOT NULL, so the table is
-- rebuilt with its columns in the same order, then the two new ones.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    to_address TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'not_sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    read_at TEXT,
    folded_into INTEGER REFERENCES outbox_new(id),
    run_id INTEGER REFERENCES schedule_runs(id),
    document_id INTEGER REFERENCES outbox_documents(id),
    CHECK (user_id IS NOT NULL OR to_address IS NOT NULL)
);
INSERT INTO outbox_new (id, user_id, to_address, subject, body, kind, dedupe_key, state,
    attempts, next_attempt_at, claimed_until, last_error, created_at, sent_at, read_at,
    folded_into)
SELECT id, user_id, to_address, subject, body, kind, dedupe_key, state, attempts,
    next_attempt_at, claimed_until, last_error, created_at, sent_at, read_at, folded_into
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_user ON outbox(user_id, read_at);
CREATE INDEX outbox_run ON outbox(run_id);
