-- A DROP of something already gone raises undefined_table (42P01) for
-- tables, views and sequences, undefined_object (42704) for indexes,
-- types and constraints, undefined_column (42703) for columns.
DO $$
BEGIN
    BEGIN
        DROP TABLE old_items; -- want: destructive-drop
    EXCEPTION WHEN undefined_table THEN NULL;
    END;
    BEGIN
        DROP INDEX old_items_idx;
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE items DROP COLUMN legacy; -- want: destructive-drop
    EXCEPTION WHEN undefined_column THEN NULL;
    END;
    BEGIN
        ALTER TABLE items DROP CONSTRAINT items_legacy_check;
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
    BEGIN
        DROP FUNCTION old_fn(int);
    EXCEPTION WHEN undefined_function THEN NULL;
    END;

    BEGIN
        DROP TABLE old_parts; -- want: drop-without-if-exists destructive-drop
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
    BEGIN
        DROP INDEX old_parts_idx; -- want: drop-without-if-exists
    EXCEPTION WHEN undefined_table THEN NULL;
    END;
    BEGIN
        ALTER TABLE parts DROP COLUMN legacy; -- want: drop-without-if-exists destructive-drop
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
END $$;
