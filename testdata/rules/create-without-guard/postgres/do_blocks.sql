DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
        CREATE TYPE mood AS ENUM ('happy', 'sad');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN
        CREATE ROLE reporting;
    END IF;
    -- Checks the role, creates a type.
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'colour') THEN
        CREATE TYPE colour AS ENUM ('red'); -- want: create-without-guard
    END IF;
    IF to_regclass('public.things') IS NULL THEN
        CREATE TABLE things (id int);
        -- Same block: skipped on a second run because the table exists then.
        CREATE INDEX things_id_idx ON things (id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = 'orders' AND policyname = 'own_orders') THEN
        CREATE POLICY own_orders ON orders USING (true);
    END IF;
END $$;

DO $$
BEGIN
    CREATE TYPE shape AS ENUM ('round');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END $$;

DO $$
BEGIN
    CREATE TYPE size AS ENUM ('big'); -- want: create-without-guard
EXCEPTION
    WHEN undefined_object THEN NULL;
END $$;
