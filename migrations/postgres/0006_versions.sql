-- Editable records carry a version, checked in the write transaction that changes them:
-- a save from a form opened before someone else's save is refused, not silently applied.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE measures ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
