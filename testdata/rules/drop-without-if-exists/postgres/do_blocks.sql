DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.table_constraints
               WHERE table_name = 'orders' AND constraint_name = 'orders_total_check') THEN
        ALTER TABLE orders DROP CONSTRAINT orders_total_check;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_old_idx') THEN
        DROP INDEX orders_old_idx;
    END IF;
    -- The condition is the wrong way round.
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_new_idx') THEN
        DROP INDEX orders_new_idx; -- want: drop-without-if-exists
    END IF;
    BEGIN
        DROP TYPE legacy_status;
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
END $$;
