-- Per goal and quarter: how many strategies have a current status and the sum of their
-- percent complete, kept by triggers on status_current (0007), so the dashboard's
-- ten-year percent trend reads a few hundred rows instead of every strategy's quarters.
-- Strategies never move between objectives (imports change only their text).
CREATE TABLE goal_quarter (
    goal_id BIGINT NOT NULL REFERENCES goals(id),
    fiscal_year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    reported BIGINT NOT NULL,
    percent_sum BIGINT NOT NULL,
    PRIMARY KEY (goal_id, fiscal_year, quarter)
);

INSERT INTO goal_quarter (goal_id, fiscal_year, quarter, reported, percent_sum)
SELECT o.goal_id, c.fiscal_year, c.quarter, COUNT(*), SUM(c.percent)
FROM status_current c JOIN strategies s ON s.id = c.strategy_id
JOIN objectives o ON o.id = s.objective_id
GROUP BY o.goal_id, c.fiscal_year, c.quarter;

CREATE FUNCTION status_current_to_goal() RETURNS trigger AS $$
DECLARE
    goal BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT o.goal_id INTO goal FROM strategies s JOIN objectives o ON o.id = s.objective_id
        WHERE s.id = OLD.strategy_id;
        UPDATE goal_quarter SET reported = reported - 1, percent_sum = percent_sum - OLD.percent
        WHERE goal_id = goal AND fiscal_year = OLD.fiscal_year AND quarter = OLD.quarter;
        RETURN NULL;
    END IF;
    SELECT o.goal_id INTO goal FROM strategies s JOIN objectives o ON o.id = s.objective_id
    WHERE s.id = NEW.strategy_id;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO goal_quarter (goal_id, fiscal_year, quarter, reported, percent_sum)
        VALUES (goal, NEW.fiscal_year, NEW.quarter, 1, NEW.percent)
        ON CONFLICT (goal_id, fiscal_year, quarter) DO UPDATE SET
            reported = goal_quarter.reported + 1,
            percent_sum = goal_quarter.percent_sum + EXCLUDED.percent_sum;
    ELSE
        UPDATE goal_quarter SET percent_sum = percent_sum - OLD.percent + NEW.percent
        WHERE goal_id = goal AND fiscal_year = NEW.fiscal_year AND quarter = NEW.quarter;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER status_current_to_goal AFTER INSERT OR UPDATE OR DELETE ON status_current
    FOR EACH ROW EXECUTE FUNCTION status_current_to_goal();
