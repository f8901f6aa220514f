-- Partition maintenance written with format(): each CREATE is read with
-- the names format() would put in.
DO $$
DECLARE
    part text := 'events_2024';
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING ALL)', part); -- want: create-without-guard
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', 'events', part, '2024-01-01', '2025-01-01');
    EXECUTE 'CREATE INDEX ' || quote_ident(part || '_at_idx') || ' ON ' || quote_ident(part) || ' (at)'; -- want: create-without-guard
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (LIKE events INCLUDING ALL)', 'events_2025');
    IF to_regclass('public.events_2026') IS NULL THEN
        EXECUTE format('CREATE TABLE %I (LIKE events INCLUDING ALL)', 'events_2026');
    END IF;
    -- %% is a percent sign, not a placeholder.
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON events (name) WHERE name LIKE ''a%%''', 'events_a_idx');
END $$;
