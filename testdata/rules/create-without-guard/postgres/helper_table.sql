-- A helper table dropped at the end of the migration takes its indexes
-- along: the second run makes them afresh, named or not
-- (testdata/verify/postgres/cascade_later/5_helper_index).
CREATE TABLE IF NOT EXISTS accounts (id int, active boolean);
CREATE TABLE tmp_map AS SELECT id AS old_id, id AS new_id FROM accounts;
CREATE INDEX ON tmp_map (old_id);
CREATE UNIQUE INDEX tmp_map_new ON tmp_map (new_id);
UPDATE accounts SET active = true WHERE id IN (SELECT new_id FROM tmp_map);
DROP TABLE tmp_map; -- want: destructive-drop

-- A table that stays keeps them.
CREATE TABLE IF NOT EXISTS kept (id int);
CREATE INDEX kept_id ON kept (id); -- want: create-without-guard
