-- A change proposal may change a strategy's year of the business plan once that year's
-- IP is distributed (issue 39): the kind check gains 'business_plan'. SQLite cannot alter
-- a CHECK, so the table is rebuilt with the same columns in the same order.
CREATE TABLE change_proposals_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind IN ('text', 'owner', 'new', 'retire', 'measure', 'target', 'import',
            'business_plan')),
    subject TEXT NOT NULL,
    change TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    state TEXT NOT NULL DEFAULT 'proposed'
        CHECK (state IN ('proposed', 'approved', 'rejected')),
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    decision TEXT NOT NULL DEFAULT '',
    decided_by TEXT,
    decided_at TEXT,
    revision_id INTEGER REFERENCES plan_revisions(id)
);
INSERT INTO change_proposals_new SELECT * FROM change_proposals;
DROP TABLE change_proposals;
ALTER TABLE change_proposals_new RENAME TO change_proposals;
CREATE INDEX change_proposals_state ON change_proposals(state);
