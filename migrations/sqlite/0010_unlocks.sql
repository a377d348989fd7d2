-- A locked quarter opened again for one strategy's status or one measure's actual, by a
-- working-group member with a reason. It holds while the item's latest version for that
-- quarter is still `after_version` (the one it had when unlocked): the owner's next save
-- locks it again. History: never changed or deleted.
CREATE TABLE unlocks (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('strategy', 'measure')),
    item_id INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    after_version INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX unlocks_item ON unlocks(item_kind, item_id, fiscal_year, quarter);

CREATE TRIGGER unlocks_no_update BEFORE UPDATE ON unlocks
BEGIN
    SELECT RAISE(ABORT, 'unlocks are history: never changed or deleted');
END;
CREATE TRIGGER unlocks_no_delete BEFORE DELETE ON unlocks
BEGIN
    SELECT RAISE(ABORT, 'unlocks are history: never changed or deleted');
END;
