-- The Annual Performance Report's state (issue 38): no row is a draft; the working
-- group finalises it for review (in_review), the head of the organisation signs it off
-- with a transmittal statement (signed_off), and an administrator publishes it. Once
-- signed off it is read-only: its transmittal and signature never change, and the
-- goals' evaluations of that year take no insert or update.
CREATE TABLE performance_reports (
    fiscal_year INTEGER PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('in_review', 'signed_off', 'published')),
    transmittal TEXT NOT NULL DEFAULT '',
    signed_by TEXT,
    signer_title TEXT,
    signed_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TRIGGER performance_reports_signed_read_only BEFORE UPDATE ON performance_reports
WHEN OLD.state IN ('signed_off', 'published')
    AND NOT (OLD.state = 'signed_off' AND NEW.state = 'published'
        AND NEW.transmittal = OLD.transmittal AND NEW.signed_by IS OLD.signed_by
        AND NEW.signer_title IS OLD.signer_title AND NEW.signed_on IS OLD.signed_on)
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
CREATE TRIGGER performance_reports_kept BEFORE DELETE ON performance_reports
BEGIN
    SELECT RAISE(ABORT, 'performance reports are kept');
END;
CREATE TRIGGER report_narratives_signed_insert BEFORE INSERT ON report_narratives
WHEN EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year = NEW.fiscal_year
    AND p.state IN ('signed_off', 'published'))
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
CREATE TRIGGER report_narratives_signed_update BEFORE UPDATE ON report_narratives
WHEN EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year = OLD.fiscal_year
    AND p.state IN ('signed_off', 'published'))
BEGIN
    SELECT RAISE(ABORT, 'a signed-off performance report is read-only');
END;
