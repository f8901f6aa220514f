-- A psql script as pg_dump and Sqitch write them: meta-commands and COPY
-- data rows are not SQL, and nothing in them is linted, however much a
-- row looks like SQL.
\set ON_ERROR_STOP on
\connect app
SET statement_timeout = 0;
CREATE TABLE IF NOT EXISTS users (id int, name text);
COPY users (id, name) FROM stdin; -- want: bare-insert
1	DROP TABLE users;
2	O'Brien /* not a comment
3	ALTER TABLE users ADD COLUMN x int;
4	$$ not a body
\.
ALTER TABLE users ADD COLUMN email text; -- want: add-column-without-guard
  \echo indented meta-commands count too
\i other.sql
SELECT 1; \echo after a statement on the same line
COPY users FROM STDIN WITH (FORMAT csv); -- want: bare-insert
5,"UPDATE users SET name = name || 'x';"
\.
SELECT 2;
