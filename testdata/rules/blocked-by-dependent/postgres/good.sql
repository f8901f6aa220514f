-- Dependents dropped before what they depend on: the second run finds
-- nothing in the way.
CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, active boolean);
CREATE TABLE IF NOT EXISTS person (id int, at timestamptz);
DROP MATERIALIZED VIEW IF EXISTS active_users_mv;
DROP VIEW IF EXISTS active_users;
CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
CREATE MATERIALIZED VIEW active_users_mv AS SELECT * FROM active_users;

DROP TABLE IF EXISTS child; -- want: destructive-drop
DROP TABLE IF EXISTS parent; -- want: destructive-drop
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));

DROP TRIGGER IF EXISTS person_stamp ON person;
DROP FUNCTION IF EXISTS stamp();
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER person_stamp BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION stamp();

-- CASCADE takes the dependents along, and the migration makes them again.
DROP VIEW IF EXISTS recent CASCADE;
CREATE VIEW recent AS SELECT id FROM users;
CREATE MATERIALIZED VIEW IF NOT EXISTS recent_mv AS SELECT * FROM recent;

-- A table made AS SELECT copies rows: it does not depend on its source.
DROP VIEW IF EXISTS totals;
CREATE VIEW totals AS SELECT count(*) AS n FROM users;
CREATE TABLE IF NOT EXISTS totals_copy AS SELECT * FROM totals;

-- A WITH query's name is not a relation.
DROP TABLE IF EXISTS summary; -- want: destructive-drop
CREATE TABLE summary (n int);
CREATE OR REPLACE VIEW summary_view AS WITH summary AS (SELECT 1 AS n) SELECT n FROM summary;

-- The column leaves the type before the type is dropped, and takes it
-- again after: a type change may change what a table depends on, so it
-- is not followed further.
ALTER TABLE IF EXISTS moods ALTER COLUMN f TYPE text;
DROP TYPE IF EXISTS feeling;
CREATE TYPE feeling AS ENUM ('sad', 'ok');
CREATE TABLE IF NOT EXISTS moods (f feeling);
ALTER TABLE moods ALTER COLUMN f TYPE feeling USING f::feeling;

-- The view does not read the column whose type changes.
CREATE TABLE IF NOT EXISTS acct (id int, name varchar(10), note varchar(10));
ALTER TABLE acct ALTER COLUMN note TYPE text;
DROP VIEW IF EXISTS acct_ids;
CREATE VIEW acct_ids AS SELECT id, name FROM acct;

-- The view is dropped before the type change.
DROP VIEW IF EXISTS acct_names;
ALTER TABLE acct ALTER COLUMN name TYPE text;
CREATE VIEW acct_names AS SELECT id, name FROM acct;

-- A partition goes with its table; CASCADE takes an inheriting table
-- along, and the migration makes it again.
DROP TABLE IF EXISTS metrics; -- want: destructive-drop
CREATE TABLE metrics (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE IF NOT EXISTS metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

DROP TABLE IF EXISTS logs CASCADE; -- want: destructive-drop
CREATE TABLE logs (id int, at timestamptz);
CREATE TABLE logs_old () INHERITS (logs);
CREATE TABLE logs_older () INHERITS (logs_old);

-- The view goes before the function it calls.
CREATE TABLE IF NOT EXISTS posts (id int, title text);
DROP VIEW IF EXISTS post_titles;
DROP FUNCTION IF EXISTS titled(text);
CREATE FUNCTION titled(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT initcap(t) $$;
CREATE VIEW post_titles AS SELECT id, titled(title) AS title FROM posts;

-- Which function a call means is not certain: the migration makes two of
-- that name that take one argument, or one with a default, or one in
-- another schema than the call names.
DROP FUNCTION IF EXISTS pick(text);
CREATE FUNCTION pick(t text) RETURNS text LANGUAGE sql AS $$ SELECT t $$;
CREATE OR REPLACE FUNCTION pick(n int) RETURNS text LANGUAGE sql AS $$ SELECT n::text $$;
CREATE OR REPLACE VIEW picked AS SELECT pick(title) FROM posts;

DROP FUNCTION IF EXISTS shout(text, int);
CREATE FUNCTION shout(t text, n int DEFAULT 1) RETURNS text LANGUAGE sql AS $$ SELECT repeat(upper(t), n) $$;
CREATE OR REPLACE VIEW shouted AS SELECT shout(title, 2) FROM posts;

DROP FUNCTION IF EXISTS util.trimmed(text);
CREATE FUNCTION util.trimmed(t text) RETURNS text LANGUAGE sql AS $$ SELECT btrim(t) $$;
CREATE OR REPLACE VIEW trimmed_titles AS SELECT trimmed(title) FROM posts;
