-- Helpers made for the migration and dropped at its end: the CASCADE
-- takes the views along, so the second run makes them afresh. Rerun-safe.
CREATE TABLE IF NOT EXISTS accounts (id int, active boolean);
CREATE TABLE tmp_ids AS SELECT id FROM accounts WHERE active;
CREATE VIEW tmp_v AS SELECT id FROM tmp_ids;
CREATE VIEW tmp_v2 AS SELECT id FROM tmp_v;
UPDATE accounts SET active = false WHERE id IN (SELECT id FROM tmp_v2);
DROP TABLE tmp_ids CASCADE;
