-- Columns and constraints added to a helper table go with it when it is
-- dropped at the end (testdata/verify/postgres/cascade_later/5_helper_index).
CREATE TABLE tmp_map AS SELECT 1 AS old_id, 2 AS new_id;
ALTER TABLE tmp_map ADD COLUMN done boolean;
ALTER TABLE tmp_map ADD CONSTRAINT tmp_map_pk PRIMARY KEY (old_id);
DROP TABLE tmp_map; -- want: destructive-drop
