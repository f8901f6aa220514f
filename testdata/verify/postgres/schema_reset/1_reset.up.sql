-- A schema made afresh on every run: CASCADE takes everything in it along,
-- so nothing made in it needs a guard. Rerun-safe.
DROP SCHEMA IF EXISTS app CASCADE;
CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY, name text);
CREATE INDEX users_name ON app.users (name);
CREATE VIEW app.names AS SELECT name FROM app.users;
CREATE FUNCTION app.one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE SEQUENCE app.ticket_no;
ALTER TABLE app.users ADD COLUMN m app.mood;
