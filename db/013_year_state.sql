-- Version 13 (issue 19): the screens change year without reading every
-- unit again. A year's forms with their state come from this index alone
-- (it replaces assessments_year, whose column it starts with); whether two
-- years have the same units in force is asked of the few units whose time
-- in force starts or ends, through the two small partial indexes.
CREATE INDEX IF NOT EXISTS assessments_year_state ON assessments (year, unit_id, status, verdict);
DROP INDEX IF EXISTS assessments_year;
CREATE INDEX IF NOT EXISTS units_valid_from ON units (valid_from) WHERE valid_from IS NOT NULL;
CREATE INDEX IF NOT EXISTS units_valid_to ON units (valid_to) WHERE valid_to IS NOT NULL;
