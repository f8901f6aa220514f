-- Tables that inherit, and whatever is made in a schema, go with a DROP
-- ... CASCADE further on: the second run makes them afresh.
CREATE TABLE IF NOT EXISTS staging (id int);
CREATE TABLE staging_a () INHERITS (staging);
CREATE TABLE staging_b () INHERITS (staging_a);
DROP TABLE staging CASCADE; -- want: destructive-drop

CREATE SCHEMA IF NOT EXISTS work;
CREATE TABLE work.batch (id int);
CREATE INDEX batch_id ON work.batch (id);
DROP SCHEMA work CASCADE; -- want: destructive-drop

-- A table that only references the one dropped loses its foreign key,
-- not itself.
CREATE TABLE IF NOT EXISTS owners (id int PRIMARY KEY);
CREATE TABLE pets (owner_id int REFERENCES owners (id)); -- want: create-without-guard
DROP TABLE owners CASCADE; -- want: destructive-drop
