-- The annual strategic review (issue 19): once per fiscal year, per objective, the
-- working group records the year's progress, the evidence reviewed and its gaps, the
-- risks, improvement strategies, and a rating leadership reads on one summary page.
-- Editable with a version (a concurrent edit is refused); every change is audited.
CREATE TABLE annual_reviews (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    objective_id INTEGER NOT NULL REFERENCES objectives(id),
    progress TEXT NOT NULL DEFAULT '',
    evidence_reviewed TEXT NOT NULL DEFAULT '',
    evidence_gaps TEXT NOT NULL DEFAULT '',
    risks TEXT NOT NULL DEFAULT '',
    improvement TEXT NOT NULL DEFAULT '',
    rating TEXT NOT NULL CHECK (rating IN ('noteworthy', 'focus', 'neither')),
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (fiscal_year, objective_id)
);
