-- A status update is a draft until its owner submits it; only submitted updates are
-- current (the roll-up, charts, dashboard and quarter page read status_current). The
-- working group approves a submitted version or returns it with a comment, once per
-- version. Updates recorded before this migration were submitted when saved.
ALTER TABLE status_updates ADD COLUMN state TEXT NOT NULL DEFAULT 'submitted'
    CHECK (state IN ('draft', 'submitted'));

DROP TRIGGER status_updates_keep_current;
CREATE TRIGGER status_updates_keep_current AFTER INSERT ON status_updates
WHEN NEW.state = 'submitted'
BEGIN
    INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id, status, percent)
    VALUES (NEW.strategy_id, NEW.fiscal_year, NEW.quarter, NEW.version, NEW.id, NEW.status, NEW.percent)
    ON CONFLICT (strategy_id, fiscal_year, quarter) DO UPDATE SET
        version = excluded.version, update_id = excluded.update_id,
        status = excluded.status, percent = excluded.percent
    WHERE excluded.version > status_current.version;
END;

CREATE TABLE status_reviews (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
    comment TEXT NOT NULL DEFAULT '',
    author_id INTEGER REFERENCES users(id),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (strategy_id, fiscal_year, quarter, version)
);
CREATE INDEX status_reviews_quarter ON status_reviews(fiscal_year, quarter);

CREATE TRIGGER status_reviews_no_update BEFORE UPDATE ON status_reviews
BEGIN
    SELECT RAISE(ABORT, 'status reviews are history: never changed or deleted');
END;
CREATE TRIGGER status_reviews_no_delete BEFORE DELETE ON status_reviews
BEGIN
    SELECT RAISE(ABORT, 'status reviews are history: never changed or deleted');
END;
