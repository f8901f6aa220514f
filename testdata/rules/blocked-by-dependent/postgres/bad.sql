-- A DROP that a second run cannot do: the migration makes, further on,
-- something that depends on what it drops, and that is still there when
-- the second run reaches the DROP (testdata/verify/postgres/blocked_drops
-- runs the same shapes twice on a server).

CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text, active boolean);

-- A materialized view on a view.
DROP VIEW IF EXISTS active_users; -- want: blocked-by-dependent
CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
CREATE MATERIALIZED VIEW IF NOT EXISTS active_users_mv AS SELECT * FROM active_users;

-- A foreign key, in the CREATE TABLE or added later.
DROP TABLE IF EXISTS parent; -- want: blocked-by-dependent destructive-drop
CREATE TABLE parent (id int PRIMARY KEY);
DROP TABLE IF EXISTS child; -- want: destructive-drop
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));

DROP TABLE IF EXISTS regions; -- want: blocked-by-dependent destructive-drop
CREATE TABLE regions (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS offices (id int, region_id int);
ALTER TABLE offices DROP CONSTRAINT IF EXISTS offices_region_fk;
ALTER TABLE offices ADD CONSTRAINT offices_region_fk FOREIGN KEY (region_id) REFERENCES regions (id);

-- A column's type, and a column's default.
DROP TYPE IF EXISTS mood; -- want: blocked-by-dependent
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE IF NOT EXISTS person (id int, m mood[]);

DROP SEQUENCE IF EXISTS ticket_no; -- want: blocked-by-dependent
CREATE SEQUENCE ticket_no;
CREATE TABLE IF NOT EXISTS tickets (id bigint DEFAULT nextval('ticket_no'::regclass));

-- A trigger's function.
DROP FUNCTION IF EXISTS stamp(); -- want: blocked-by-dependent
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
DROP TRIGGER IF EXISTS person_stamp ON person;
CREATE TRIGGER person_stamp BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION stamp();

-- A type change of a column a view made further on reads, through an alias
-- or a star.
CREATE TABLE IF NOT EXISTS acct (id int, name varchar(10), note varchar(10));
ALTER TABLE acct ALTER COLUMN name TYPE text; -- want: blocked-by-dependent
DROP VIEW IF EXISTS acct_names;
CREATE VIEW acct_names AS SELECT a.id, a.name FROM acct a JOIN users u ON u.id = a.id;
ALTER TABLE acct ALTER COLUMN note TYPE text; -- want: blocked-by-dependent
CREATE MATERIALIZED VIEW IF NOT EXISTS acct_all AS SELECT * FROM acct;

-- A table that inherits from the one dropped, and a table of the type.
DROP TABLE IF EXISTS events; -- want: blocked-by-dependent destructive-drop
CREATE TABLE events (id int, at timestamptz);
CREATE TABLE IF NOT EXISTS events_2024 (CHECK (at >= '2024-01-01')) INHERITS (events);

DROP TYPE IF EXISTS address; -- want: blocked-by-dependent
CREATE TYPE address AS (street text, city text);
CREATE TABLE IF NOT EXISTS addresses OF address;

-- A function a view made further on calls.
CREATE TABLE IF NOT EXISTS posts (id int, title text);
DROP FUNCTION IF EXISTS slugify(text); -- want: blocked-by-dependent
CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE OR REPLACE VIEW post_slugs AS SELECT id, slugify(title) AS slug FROM posts;
