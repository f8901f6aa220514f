-- What a DROP ... CASCADE further on takes along is made afresh by the
-- second run (testdata/verify/postgres/cascade_later runs these twice).
CREATE TABLE IF NOT EXISTS accounts (id int, active boolean);
CREATE TABLE tmp_ids AS SELECT id FROM accounts WHERE active;
CREATE VIEW tmp_v AS SELECT id FROM tmp_ids;
CREATE VIEW tmp_v2 AS SELECT id FROM tmp_v;
UPDATE accounts SET active = false WHERE id IN (SELECT id FROM tmp_v2);
DROP TABLE tmp_ids CASCADE; -- want: destructive-drop

CREATE SCHEMA IF NOT EXISTS work;
CREATE VIEW work.batch_ids AS SELECT 1 AS id;
CREATE FUNCTION work.size() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
DROP SCHEMA work CASCADE; -- want: destructive-drop

-- Made again after the CASCADE: the first run leaves it there.
CREATE TABLE IF NOT EXISTS base (id int);
CREATE VIEW base_v AS SELECT id FROM base; -- want: replace-without-or-replace
DROP TABLE base CASCADE; -- want: destructive-drop
CREATE TABLE base (id int);
CREATE VIEW base_v AS SELECT id FROM base;
