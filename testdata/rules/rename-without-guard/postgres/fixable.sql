-- Runnable: --fix guards each rename with a catalog check, or IF EXISTS.
-- The objects are made only while the renamed ones are missing, so that
-- a second run does not make them again.
DO $$
BEGIN
  IF to_regclass('fx_people_full_name_idx') IS NULL THEN
    CREATE TABLE fx_people (id bigint, name text, CONSTRAINT fx_people_id_chk CHECK (id > 0));
    CREATE INDEX fx_people_name_idx ON fx_people (name);
  END IF;
END $$;
DO $$ BEGIN CREATE TYPE fx_mood AS ENUM ('ok'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
ALTER TABLE fx_people RENAME COLUMN name TO full_name; -- want: rename-without-guard
ALTER TABLE fx_people RENAME CONSTRAINT fx_people_id_chk TO fx_people_id_positive; -- want: rename-without-guard
ALTER TYPE fx_mood RENAME VALUE 'ok' TO 'fine'; -- want: rename-without-guard
ALTER INDEX fx_people_name_idx RENAME TO fx_people_full_name_idx; -- want: rename-without-guard
DO $$
BEGIN
  IF to_regclass('fx_accounts') IS NULL THEN
    CREATE TABLE fx_customers (id bigint);
  END IF;
END $$;
ALTER TABLE fx_customers RENAME TO fx_accounts; -- want: rename-without-guard
