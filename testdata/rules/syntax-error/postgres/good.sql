-- Valid PostgreSQL of many shapes parses cleanly.
CREATE TABLE IF NOT EXISTS t (id int GENERATED ALWAYS AS IDENTITY, data jsonb DEFAULT '{}'::jsonb);
SELECT id, data->>'k' FROM t WHERE data @> '{"a": 1}' AND id = ANY ('{1,2}'::int[]);
CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.id := NEW.id; -- semicolons inside a body
  RETURN NEW;
END;
$fn$;
COMMENT ON TABLE t IS 'it''s a table';
-- Template placeholders that migration tools substitute before running.
CREATE TABLE IF NOT EXISTS {{ index .Options "Namespace" }}.users (id uuid PRIMARY KEY);
GRANT SELECT ON ${flyway:defaultSchema}.users TO ${reader_role};
