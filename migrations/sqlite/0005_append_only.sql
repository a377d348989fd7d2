-- Every history table refuses UPDATE and DELETE, and what history hangs on (a plan, its
-- goals, objectives and strategies, and measures) is never deleted, so no cascade can
-- erase a record: an item leaves the plan by being retired, keeping number and history.
CREATE TRIGGER actuals_no_delete BEFORE DELETE ON actuals
BEGIN
    SELECT RAISE(ABORT, 'actuals are never deleted: record a correction');
END;
CREATE TRIGGER target_changes_no_delete BEFORE DELETE ON target_changes
BEGIN
    SELECT RAISE(ABORT, 'the target change log is never changed');
END;
CREATE TRIGGER shortfalls_no_update BEFORE UPDATE ON shortfalls
BEGIN
    SELECT RAISE(ABORT, 'shortfall explanations are never changed: record a newer one');
END;
CREATE TRIGGER shortfalls_no_delete BEFORE DELETE ON shortfalls
BEGIN
    SELECT RAISE(ABORT, 'shortfall explanations are never deleted');
END;
CREATE TRIGGER app_revisions_no_update BEFORE UPDATE ON app_revisions
BEGIN
    SELECT RAISE(ABORT, 'APP revisions are never changed');
END;
CREATE TRIGGER app_revisions_no_delete BEFORE DELETE ON app_revisions
BEGIN
    SELECT RAISE(ABORT, 'APP revisions are never deleted');
END;
CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans
BEGIN
    SELECT RAISE(ABORT, 'a plan with history is retired, never deleted');
END;
CREATE TRIGGER goals_no_delete BEFORE DELETE ON goals
BEGIN
    SELECT RAISE(ABORT, 'a goal is retired, never deleted');
END;
CREATE TRIGGER objectives_no_delete BEFORE DELETE ON objectives
BEGIN
    SELECT RAISE(ABORT, 'an objective is retired, never deleted');
END;
CREATE TRIGGER strategies_no_delete BEFORE DELETE ON strategies
BEGIN
    SELECT RAISE(ABORT, 'a strategy is retired, never deleted');
END;
CREATE TRIGGER measures_no_delete BEFORE DELETE ON measures
BEGIN
    SELECT RAISE(ABORT, 'a measure is retired, never deleted');
END;
