-- The current actual of each measure in each quarter (its latest version), kept by a
-- trigger in the same transaction as the actual that changes it (see 0007).
CREATE TABLE actual_current (
    measure_id INTEGER NOT NULL REFERENCES measures(id),
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    version INTEGER NOT NULL,
    actual_id INTEGER NOT NULL REFERENCES actuals(id),
    value REAL,
    data_lag INTEGER NOT NULL,
    PRIMARY KEY (measure_id, fiscal_year, quarter)
);
CREATE INDEX actual_current_year ON actual_current(fiscal_year);

INSERT INTO actual_current (measure_id, fiscal_year, quarter, version, actual_id, value, data_lag)
SELECT a.measure_id, a.fiscal_year, a.quarter, a.version, a.id, a.value, a.data_lag
FROM actuals a
JOIN (SELECT measure_id, fiscal_year, quarter, MAX(version) AS v FROM actuals
      GROUP BY measure_id, fiscal_year, quarter) m
  ON m.measure_id = a.measure_id AND m.fiscal_year = a.fiscal_year
 AND m.quarter = a.quarter AND m.v = a.version;

CREATE TRIGGER actuals_keep_current AFTER INSERT ON actuals
BEGIN
    INSERT INTO actual_current (measure_id, fiscal_year, quarter, version, actual_id, value, data_lag)
    VALUES (NEW.measure_id, NEW.fiscal_year, NEW.quarter, NEW.version, NEW.id, NEW.value, NEW.data_lag)
    ON CONFLICT (measure_id, fiscal_year, quarter) DO UPDATE SET
        version = excluded.version, actual_id = excluded.actual_id,
        value = excluded.value, data_lag = excluded.data_lag
    WHERE excluded.version > actual_current.version;
END;
