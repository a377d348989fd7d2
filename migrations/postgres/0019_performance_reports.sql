-- The Annual Performance Report's state (issue 38): no row is a draft; the working
-- group finalises it for review (in_review), the head of the organisation signs it off
-- with a transmittal statement (signed_off), and an administrator publishes it. Once
-- signed off it is read-only: its transmittal and signature never change, and the
-- goals' evaluations of that year take no insert or update.
CREATE TABLE performance_reports (
    fiscal_year BIGINT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('in_review', 'signed_off', 'published')),
    transmittal TEXT NOT NULL DEFAULT '',
    signed_by TEXT,
    signer_title TEXT,
    signed_on TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE FUNCTION performance_report_is_open() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'performance_reports' THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'performance reports are kept';
        END IF;
        IF OLD.state IN ('signed_off', 'published')
            AND NOT (OLD.state = 'signed_off' AND NEW.state = 'published'
                AND NEW.transmittal = OLD.transmittal
                AND NEW.signed_by IS NOT DISTINCT FROM OLD.signed_by
                AND NEW.signer_title IS NOT DISTINCT FROM OLD.signer_title
                AND NEW.signed_on IS NOT DISTINCT FROM OLD.signed_on) THEN
            RAISE EXCEPTION 'a signed-off performance report is read-only';
        END IF;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM performance_reports p WHERE p.fiscal_year = NEW.fiscal_year
        AND p.state IN ('signed_off', 'published'))
        OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM performance_reports p
            WHERE p.fiscal_year = OLD.fiscal_year AND p.state IN ('signed_off', 'published'))) THEN
        RAISE EXCEPTION 'a signed-off performance report is read-only';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER performance_reports_read_only BEFORE UPDATE OR DELETE ON performance_reports
    FOR EACH ROW EXECUTE FUNCTION performance_report_is_open();
CREATE TRIGGER report_narratives_signed_read_only BEFORE INSERT OR UPDATE ON report_narratives
    FOR EACH ROW EXECUTE FUNCTION performance_report_is_open();
