-- Settings, and quarterly status updates (never overwritten: corrections are new rows).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE status_updates (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    accomplishments TEXT NOT NULL DEFAULT '',
    issues TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    explanation TEXT NOT NULL DEFAULT '',
    corrective_action TEXT NOT NULL DEFAULT '',
    corrects_id INTEGER REFERENCES status_updates(id),
    author_id INTEGER REFERENCES users(id),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (strategy_id, fiscal_year, quarter, version)
);
CREATE INDEX status_updates_quarter ON status_updates(fiscal_year, quarter);

CREATE TRIGGER status_updates_no_update BEFORE UPDATE ON status_updates
BEGIN
    SELECT RAISE(ABORT, 'status updates are never changed: record a correction');
END;
CREATE TRIGGER status_updates_no_delete BEFORE DELETE ON status_updates
WHEN (SELECT COUNT(*) FROM strategies WHERE id = OLD.strategy_id) > 0
BEGIN
    SELECT RAISE(ABORT, 'status updates are never deleted');
END;
