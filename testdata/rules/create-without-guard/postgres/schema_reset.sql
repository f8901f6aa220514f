-- A schema made afresh on every run: DROP SCHEMA ... CASCADE takes
-- everything in it along, so what is made in it needs no guard
-- (testdata/verify/postgres/schema_reset runs it twice on a server).
DROP SCHEMA IF EXISTS app CASCADE; -- want: destructive-drop
CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, name text);
CREATE INDEX users_name ON app.users (name);
CREATE VIEW app.names AS SELECT name FROM app.users;
CREATE FUNCTION app.one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE SEQUENCE app.ticket_no;
ALTER TABLE app.users ADD COLUMN m app.mood;

-- A schema other than the one dropped keeps what is made in it.
DROP SCHEMA IF EXISTS scratch CASCADE; -- want: destructive-drop
CREATE SCHEMA scratch;
CREATE TABLE audit (id int); -- want: create-without-guard
CREATE TABLE other.audit (id int); -- want: create-without-guard
