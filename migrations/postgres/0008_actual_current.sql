-- The current actual of each measure in each quarter (its latest version), kept by a
-- trigger in the same transaction as the actual that changes it (see 0007).
CREATE TABLE actual_current (
    measure_id BIGINT NOT NULL REFERENCES measures(id),
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    version BIGINT NOT NULL,
    actual_id BIGINT NOT NULL REFERENCES actuals(id),
    value DOUBLE PRECISION,
    data_lag BIGINT NOT NULL,
    PRIMARY KEY (measure_id, fiscal_year, quarter)
);
CREATE INDEX actual_current_year ON actual_current(fiscal_year);

INSERT INTO actual_current (measure_id, fiscal_year, quarter, version, actual_id, value, data_lag)
SELECT DISTINCT ON (measure_id, fiscal_year, quarter)
       measure_id, fiscal_year, quarter, version, id, value, data_lag
FROM actuals
ORDER BY measure_id, fiscal_year, quarter, version DESC;

CREATE FUNCTION actuals_keep_current() RETURNS trigger AS $$
BEGIN
    INSERT INTO actual_current (measure_id, fiscal_year, quarter, version, actual_id, value, data_lag)
    VALUES (NEW.measure_id, NEW.fiscal_year, NEW.quarter, NEW.version, NEW.id, NEW.value, NEW.data_lag)
    ON CONFLICT (measure_id, fiscal_year, quarter) DO UPDATE SET
        version = EXCLUDED.version, actual_id = EXCLUDED.actual_id,
        value = EXCLUDED.value, data_lag = EXCLUDED.data_lag
    WHERE EXCLUDED.version > actual_current.version;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER actuals_keep_current AFTER INSERT ON actuals
    FOR EACH ROW EXECUTE FUNCTION actuals_keep_current();
