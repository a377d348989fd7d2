-- Issue 20: change proposals decided at a review, numbered plan revisions (each with a
-- snapshot of the outline), retiring plan items (they keep number and history), and
-- budget requests tied to the strategies they support.

-- The revision that retired an item; NULL while it is part of the plan.
ALTER TABLE goals ADD COLUMN retired_in INTEGER;
ALTER TABLE objectives ADD COLUMN retired_in INTEGER;
ALTER TABLE strategies ADD COLUMN retired_in INTEGER;

-- Numbered revisions of the plan: why, when, the review that approved them, and the
-- outline as it stood afterwards (JSON of model::revision::Snapshot). History.
CREATE TABLE plan_revisions (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    meeting_id INTEGER REFERENCES meetings(id),
    reasons TEXT NOT NULL,
    outline TEXT NOT NULL,
    made_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER plan_revisions_no_update BEFORE UPDATE ON plan_revisions
BEGIN
    SELECT RAISE(ABORT, 'plan revisions are never changed');
END;
CREATE TRIGGER plan_revisions_no_delete BEFORE DELETE ON plan_revisions
BEGIN
    SELECT RAISE(ABORT, 'plan revisions are never deleted');
END;

-- A proposed change (JSON of model::proposal::Change) and its decision at a review.
CREATE TABLE change_proposals (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind IN ('text', 'owner', 'new', 'retire', 'measure', 'target', 'import')),
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
CREATE INDEX change_proposals_state ON change_proposals(state);

-- Budget requests of a fiscal year and the share of each that supports a strategy.
CREATE TABLE budget_requests (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    office TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
        CHECK (status IN ('proposed', 'submitted', 'funded', 'not_funded')),
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX budget_requests_year ON budget_requests(fiscal_year);
CREATE TABLE budget_shares (
    request_id INTEGER NOT NULL REFERENCES budget_requests(id),
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 100),
    PRIMARY KEY (request_id, strategy_id)
);
