-- Everything made in a schema goes with the schema's CASCADE. Rerun-safe.
CREATE SCHEMA IF NOT EXISTS work;
CREATE TABLE work.batch (id int);
CREATE VIEW work.batch_ids AS SELECT id FROM work.batch;
CREATE FUNCTION work.size() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM work.batch $$;
DROP SCHEMA work CASCADE;
