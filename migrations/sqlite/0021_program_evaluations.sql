-- Program evaluations completed in a fiscal year (issue 38), summarised in that year's
-- Annual Performance Report: entered by the working group with a link to the evidence.
-- Once the year's report is signed off they take no insert, update or delete.
CREATE TABLE program_evaluations (
    id INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    evidence_url TEXT NOT NULL DEFAULT '',
    completed_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX program_evaluations_year ON program_evaluations(fiscal_year);
CREATE TRIGGER program_evaluations_signed_insert BEFORE INSERT ON program_evaluations
WHEN EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year = NEW.fiscal_year
    AND p.state IN ('signed_off', 'published'))
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
CREATE TRIGGER program_evaluations_signed_update BEFORE UPDATE ON program_evaluations
WHEN EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year IN (OLD.fiscal_year, NEW.fiscal_year)
    AND p.state IN ('signed_off', 'published'))
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
CREATE TRIGGER program_evaluations_signed_delete BEFORE DELETE ON program_evaluations
WHEN EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year = OLD.fiscal_year
    AND p.state IN ('signed_off', 'published'))
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
