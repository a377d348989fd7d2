-- Every history table refuses UPDATE and DELETE, and what history hangs on (a plan, its
-- goals, objectives and strategies, and measures) is never deleted, so no cascade can
-- erase a record: an item leaves the plan by being retired, keeping number and history.
CREATE FUNCTION history_is_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is history: never changed or deleted', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER status_updates_no_delete BEFORE DELETE ON status_updates
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER actuals_no_delete BEFORE DELETE ON actuals
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER target_changes_no_delete BEFORE DELETE ON target_changes
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER shortfalls_append_only BEFORE UPDATE OR DELETE ON shortfalls
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER app_revisions_append_only BEFORE UPDATE OR DELETE ON app_revisions
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER goals_no_delete BEFORE DELETE ON goals
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER objectives_no_delete BEFORE DELETE ON objectives
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER strategies_no_delete BEFORE DELETE ON strategies
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
CREATE TRIGGER measures_no_delete BEFORE DELETE ON measures
    FOR EACH ROW EXECUTE FUNCTION history_is_kept();
