-- An exception handler guards an ADD COLUMN only when it catches the
-- error a second run raises: duplicate_column (42701).
DO $$
BEGIN
    BEGIN
        ALTER TABLE orders ADD COLUMN note text;
    EXCEPTION WHEN duplicate_column THEN NULL;
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN note2 text;
    EXCEPTION WHEN SQLSTATE '42701' THEN RAISE NOTICE 'note2 exists';
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN note3 text;
    EXCEPTION WHEN syntax_error_or_access_rule_violation THEN NULL; -- the class 42 holds 42701
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN note4 text;
    EXCEPTION WHEN others THEN NULL;
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN note5 text;
    EXCEPTION WHEN undefined_table OR duplicate_column THEN NULL;
    END;

    -- The wrong conditions guard nothing.
    BEGIN
        ALTER TABLE orders ADD COLUMN size int; -- want: add-column-without-guard
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN weight int; -- want: add-column-without-guard
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN height int; -- want: add-column-without-guard
    EXCEPTION WHEN SQLSTATE '42P07' THEN NULL;
    END;
    BEGIN
        ALTER TABLE orders ADD COLUMN depth int; -- want: add-column-without-guard
    EXCEPTION WHEN integrity_constraint_violation THEN NULL;
    END;
END $$;
