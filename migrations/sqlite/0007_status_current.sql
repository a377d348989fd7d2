-- The current status of each strategy in each quarter (its latest version), kept by a
-- trigger in the same transaction as the update that changes it: the dashboard, quarter
-- page, heat map and trend read this small table instead of searching the history.
-- `plantrack check-summaries` recomputes it from status_updates and compares.
CREATE TABLE status_current (
    strategy_id INTEGER NOT NULL REFERENCES strategies(id),
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    version INTEGER NOT NULL,
    update_id INTEGER NOT NULL REFERENCES status_updates(id),
    status TEXT NOT NULL,
    percent INTEGER NOT NULL,
    PRIMARY KEY (strategy_id, fiscal_year, quarter)
);
CREATE INDEX status_current_quarter ON status_current(fiscal_year, quarter);

INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id, status, percent)
SELECT u.strategy_id, u.fiscal_year, u.quarter, u.version, u.id, u.status, u.percent
FROM status_updates u
JOIN (SELECT strategy_id, fiscal_year, quarter, MAX(version) AS v FROM status_updates
      GROUP BY strategy_id, fiscal_year, quarter) m
  ON m.strategy_id = u.strategy_id AND m.fiscal_year = u.fiscal_year
 AND m.quarter = u.quarter AND m.v = u.version;

CREATE TRIGGER status_updates_keep_current AFTER INSERT ON status_updates
BEGIN
    INSERT INTO status_current (strategy_id, fiscal_year, quarter, version, update_id, status, percent)
    VALUES (NEW.strategy_id, NEW.fiscal_year, NEW.quarter, NEW.version, NEW.id, NEW.status, NEW.percent)
    ON CONFLICT (strategy_id, fiscal_year, quarter) DO UPDATE SET
        version = excluded.version, update_id = excluded.update_id,
        status = excluded.status, percent = excluded.percent
    WHERE excluded.version > status_current.version;
END;
