-- Per goal and quarter: how many strategies have a current status and the sum of their
-- percent complete, kept by triggers on status_current (0007), so the dashboard's
-- ten-year percent trend reads a few hundred rows instead of every strategy's quarters.
-- Strategies never move between objectives (imports change only their text).
CREATE TABLE goal_quarter (
    goal_id INTEGER NOT NULL REFERENCES goals(id),
    fiscal_year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    reported INTEGER NOT NULL,
    percent_sum INTEGER NOT NULL,
    PRIMARY KEY (goal_id, fiscal_year, quarter)
);

INSERT INTO goal_quarter (goal_id, fiscal_year, quarter, reported, percent_sum)
SELECT o.goal_id, c.fiscal_year, c.quarter, COUNT(*), SUM(c.percent)
FROM status_current c JOIN strategies s ON s.id = c.strategy_id
JOIN objectives o ON o.id = s.objective_id
GROUP BY o.goal_id, c.fiscal_year, c.quarter;

CREATE TRIGGER status_current_added AFTER INSERT ON status_current
BEGIN
    INSERT INTO goal_quarter (goal_id, fiscal_year, quarter, reported, percent_sum)
    SELECT o.goal_id, NEW.fiscal_year, NEW.quarter, 1, NEW.percent
    FROM strategies s JOIN objectives o ON o.id = s.objective_id WHERE s.id = NEW.strategy_id
    ON CONFLICT (goal_id, fiscal_year, quarter) DO UPDATE SET
        reported = reported + 1, percent_sum = percent_sum + excluded.percent_sum;
END;
CREATE TRIGGER status_current_changed AFTER UPDATE ON status_current
BEGIN
    UPDATE goal_quarter SET percent_sum = percent_sum - OLD.percent + NEW.percent
    WHERE fiscal_year = NEW.fiscal_year AND quarter = NEW.quarter
      AND goal_id = (SELECT o.goal_id FROM strategies s JOIN objectives o ON o.id = s.objective_id
                     WHERE s.id = NEW.strategy_id);
END;
CREATE TRIGGER status_current_removed AFTER DELETE ON status_current
BEGIN
    UPDATE goal_quarter SET reported = reported - 1, percent_sum = percent_sum - OLD.percent
    WHERE fiscal_year = OLD.fiscal_year AND quarter = OLD.quarter
      AND goal_id = (SELECT o.goal_id FROM strategies s JOIN objectives o ON o.id = s.objective_id
                     WHERE s.id = OLD.strategy_id);
END;
