-- The five-year business plan (issue 39): per strategy and fiscal year, whether it is
-- worked on, its planned milestones ("Q2: text" a line), what it needs (dollars in
-- cents, FTE, operational requirements by kind) and the offices that lead and
-- contribute. Edited with a version (a concurrent edit is refused) and audited; a
-- year's entries are frozen once that year's IP is distributed (the service refuses).
CREATE TABLE business_plan_entries (
    id INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    fiscal_year INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    milestones TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER CHECK (amount_cents >= 0),
    fte REAL CHECK (fte >= 0),
    staff TEXT NOT NULL DEFAULT '',
    it TEXT NOT NULL DEFAULT '',
    facilities TEXT NOT NULL DEFAULT '',
    training TEXT NOT NULL DEFAULT '',
    contracts TEXT NOT NULL DEFAULT '',
    lead_office TEXT NOT NULL DEFAULT '',
    contributing TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (strategy_id, fiscal_year)
);
CREATE INDEX business_plan_entries_year ON business_plan_entries(fiscal_year);
