-- Discussion on the work (issue 41): comments on a strategy, a measure, a status update
-- or actual (one version), an agenda item, a change proposal or a budget request. All of
-- it is history: a comment is never changed or deleted; a correction is a new row of
-- comment_corrections, a hidden comment a row of comment_hides, resolving and reopening
-- a thread a row of thread_events.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('strategy', 'measure',
        'status_update', 'actual', 'agenda_item', 'proposal', 'budget_request')),
    subject_key TEXT NOT NULL,
    -- The comment that starts the thread (NULL: this one does).
    thread_id INTEGER REFERENCES comments(id),
    reply_to INTEGER REFERENCES comments(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL CHECK (length(trim(body)) > 0),
    posted_at TEXT NOT NULL
);
CREATE INDEX comments_subject ON comments(subject_kind, subject_key);
CREATE INDEX comments_author ON comments(author_id, posted_at);
CREATE INDEX comments_thread ON comments(thread_id);

-- A correction within the author's window: the comment reads as its newest correction;
-- (comment, version) is unique, so two corrections of the same version cannot both land.
CREATE TABLE comment_corrections (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (length(trim(body)) > 0),
    corrected_at TEXT NOT NULL,
    UNIQUE (comment_id, version)
);

-- The people a comment mentions (each notified once).
CREATE TABLE comment_mentions (
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_mentions_user ON comment_mentions(user_id);

-- A comment an administrator hid, and why.
CREATE TABLE comment_hides (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    hidden_by INTEGER NOT NULL REFERENCES users(id),
    hidden_at TEXT NOT NULL
);

-- A thread resolved or reopened; (thread, seq) is unique, so of two people acting on the
-- same state one is refused.
CREATE TABLE thread_events (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES comments(id),
    seq INTEGER NOT NULL,
    resolved INTEGER NOT NULL CHECK (resolved IN (0, 1)),
    by_id INTEGER NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    UNIQUE (thread_id, seq)
);

-- A mention's message held for the person's reminder digest goes out in it.
ALTER TABLE outbox ADD COLUMN folded_into INTEGER REFERENCES outbox(id);

CREATE TRIGGER comments_no_update BEFORE UPDATE ON comments
BEGIN
    SELECT RAISE(ABORT, 'comments are never changed: record a correction');
END;
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN
    SELECT RAISE(ABORT, 'comments are never deleted: an administrator hides one');
END;
CREATE TRIGGER comment_corrections_no_update BEFORE UPDATE ON comment_corrections
BEGIN
    SELECT RAISE(ABORT, 'comment corrections are never changed');
END;
CREATE TRIGGER comment_corrections_no_delete BEFORE DELETE ON comment_corrections
BEGIN
    SELECT RAISE(ABORT, 'comment corrections are never deleted');
END;
CREATE TRIGGER comment_mentions_no_update BEFORE UPDATE ON comment_mentions
BEGIN
    SELECT RAISE(ABORT, 'mentions are never changed');
END;
CREATE TRIGGER comment_mentions_no_delete BEFORE DELETE ON comment_mentions
BEGIN
    SELECT RAISE(ABORT, 'mentions are never deleted');
END;
CREATE TRIGGER comment_hides_no_update BEFORE UPDATE ON comment_hides
BEGIN
    SELECT RAISE(ABORT, 'a hidden comment stays hidden');
END;
CREATE TRIGGER comment_hides_no_delete BEFORE DELETE ON comment_hides
BEGIN
    SELECT RAISE(ABORT, 'a hidden comment stays hidden');
END;
CREATE TRIGGER thread_events_no_update BEFORE UPDATE ON thread_events
BEGIN
    SELECT RAISE(ABORT, 'thread events are never changed');
END;
CREATE TRIGGER thread_events_no_delete BEFORE DELETE ON thread_events
BEGIN
    SELECT RAISE(ABORT, 'thread events are never deleted');
END;
