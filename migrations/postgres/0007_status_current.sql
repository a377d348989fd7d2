-- The current status of each strategy in each quarter (its latest version), kept by a
-- trigger in the same transaction as the update that changes it: the dashboard, quarter
-- page, heat map and trend read this small table instead of searching the history.
-- `plantrack check-summaries` recomputes it from status_updates and compares.
CREATE TABLE status_current (
    strategy_id BIGINT NOT NULL REFERENCES strategies(id),
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    version BIGINT NOT NULL,
    update_id BIGINT NOT NULL REFERENCES status_updates(id),
    status TEXT NOT NULL,
    percent BIGINT NOT NULL,
    PRIMARY KEY (strategy_id, fiscal_year, quarter)
);
CREATE INDEX status_current_quarter ON status_current(fiscal_year, quarter);

INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id, status, percent)
SELECT DISTINCT ON (strategy_id, fiscal_year, quarter)
       strategy_id, fiscal_year, quarter, version, id, status, percent
FROM status_updates
ORDER BY strategy_id, fiscal_year, quarter, version DESC;

CREATE FUNCTION status_updates_keep_current() RETURNS trigger AS $$
BEGIN
    INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id, status, percent)
    VALUES (NEW.strategy_id, NEW.fiscal_year, NEW.quarter, NEW.version, NEW.id, NEW.status, NEW.percent)
    ON CONFLICT (strategy_id, fiscal_year, quarter) DO UPDATE SET
        version = EXCLUDED.version, update_id = EXCLUDED.update_id,
        status = EXCLUDED.status, percent = EXCLUDED.percent
    WHERE EXCLUDED.version > status_current.version;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER status_updates_keep_current AFTER INSERT ON status_updates
    FOR EACH ROW EXECUTE FUNCTION status_updates_keep_current();
