-- What the Annual Performance Report asks of each measure (issue 38) beyond its data
-- source, verification and limitations: the accuracy its use requires, how its
-- limitations are compensated for, a milestone's definition of done, and how many days
-- after a quarter ends its data become available (the report dates a data lag by it).
ALTER TABLE measures ADD COLUMN accuracy TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN compensation TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN done_when TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN lag_days BIGINT;
