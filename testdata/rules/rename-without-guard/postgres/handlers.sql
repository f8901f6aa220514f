-- A second rename no longer finds its source: undefined_table (42P01)
-- for relations, undefined_column (42703) for columns, and
-- invalid_parameter_value (22023) for an enum label.
DO $$
BEGIN
    BEGIN
        ALTER TABLE items RENAME TO goods;
    EXCEPTION WHEN undefined_table THEN NULL;
    END;
    BEGIN
        ALTER TABLE goods RENAME COLUMN descr TO description;
    EXCEPTION WHEN undefined_column THEN NULL;
    END;
    BEGIN
        ALTER TYPE item_state RENAME VALUE 'new' TO 'fresh';
    EXCEPTION WHEN invalid_parameter_value THEN NULL;
    END;

    BEGIN
        ALTER TABLE parts RENAME TO components; -- want: rename-without-guard
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        ALTER TABLE components RENAME COLUMN descr TO description; -- want: rename-without-guard
    EXCEPTION WHEN duplicate_column THEN NULL;
    END;
    BEGIN
        ALTER TYPE part_state RENAME VALUE 'new' TO 'fresh'; -- want: rename-without-guard
    EXCEPTION WHEN undefined_object THEN NULL;
    END;
END $$;
