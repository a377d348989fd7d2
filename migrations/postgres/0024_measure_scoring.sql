-- How a measure is scored and forecast (issue 40): its own thresholds (JSON of
-- model::bands::Thresholds; NULL: the plan-wide default an administrator sets in the
-- settings as `default_thresholds`) and the profile its year is expected to build up by
-- when the IP gives no quarterly targets (JSON of model::forecast::Profile; NULL: linear).
ALTER TABLE measures ADD COLUMN thresholds TEXT;
ALTER TABLE measures ADD COLUMN profile TEXT;
