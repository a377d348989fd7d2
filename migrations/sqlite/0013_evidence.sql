-- Evidence: a file attached to a quarter's status update (item_kind 'strategy') or actual
-- ('measure'), at the version it supports. Kept in the database so every instance serves
-- it; content_type is what the server read from the content, never the browser's word.
-- History: never changed or deleted (a correction keeps the earlier update's evidence).
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('strategy', 'measure')),
    item_id INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version INTEGER NOT NULL,
    filename TEXT NOT NULL CHECK (length(filename) > 0),
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    data BLOB NOT NULL,
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_kind, item_id, fiscal_year, quarter);

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
    SELECT RAISE(ABORT, 'evidence is history: never changed or deleted');
END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
    SELECT RAISE(ABORT, 'evidence is history: never changed or deleted');
END;
