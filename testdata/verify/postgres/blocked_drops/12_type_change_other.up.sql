-- The view does not read the column whose type changes: rerun-safe.
CREATE TABLE IF NOT EXISTS acct2 (id int, name varchar(10), note varchar(10));
ALTER TABLE acct2 ALTER COLUMN note TYPE text;
DROP VIEW IF EXISTS acct2_ids;
CREATE VIEW acct2_ids AS SELECT id, name FROM acct2;
