-- Second run: the view made below reads acct.name (0A000).
CREATE TABLE IF NOT EXISTS acct (id int, name varchar(10), note varchar(10));
ALTER TABLE acct ALTER COLUMN name TYPE text;
DROP VIEW IF EXISTS acct_names;
CREATE VIEW acct_names AS SELECT a.id, a.name FROM acct a JOIN t ON t.id = a.id;
