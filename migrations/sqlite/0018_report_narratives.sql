-- The Annual Performance Report (issue 38): per fiscal year and goal, the working
-- group's evaluation of the year's plan in light of its results. Editable with a
-- version (a concurrent edit is refused); every change is audited.
CREATE TABLE report_narratives (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    goal_id INTEGER NOT NULL REFERENCES goals(id),
    evaluation TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (fiscal_year, goal_id)
);
