-- A helper table's indexes and columns go with it when it is dropped at
-- the end, with or without CASCADE. Rerun-safe.
CREATE TABLE IF NOT EXISTS accounts (id int, active boolean);
CREATE TABLE tmp_map AS SELECT id AS old_id, id AS new_id FROM accounts;
CREATE INDEX ON tmp_map (old_id);
CREATE UNIQUE INDEX tmp_map_new ON tmp_map (new_id);
ALTER TABLE tmp_map ADD COLUMN done boolean;
ALTER TABLE tmp_map ADD CONSTRAINT tmp_map_pk PRIMARY KEY (old_id);
UPDATE accounts SET active = true WHERE id IN (SELECT new_id FROM tmp_map);
DROP TABLE tmp_map;
