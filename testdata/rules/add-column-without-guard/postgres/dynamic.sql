-- SQL built at run time is read where it can be: format() placeholders,
-- quote_ident(), concatenation, and variables that hold SQL text.
DO $$
DECLARE
    tbl text := 'orders';
    stmt text := 'ALTER TABLE orders ADD COLUMN note text'; -- want: add-column-without-guard
    later text;
BEGIN
    EXECUTE format('ALTER TABLE %I ADD COLUMN status text', tbl); -- want: add-column-without-guard
    EXECUTE format('ALTER TABLE %1$I ADD COLUMN %2$I int', 'orders', 'qty'); -- want: add-column-without-guard
    EXECUTE 'ALTER TABLE ' || quote_ident(tbl) || ' ADD COLUMN total numeric'; -- want: add-column-without-guard
    EXECUTE stmt;
    later := 'ALTER TABLE orders ADD COLUMN paid_at timestamptz'; -- want: add-column-without-guard
    EXECUTE later;

    -- Guarded: the inline guard in the string, or an IF around it that
    -- names the same column.
    EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS shipped_at timestamptz', tbl);
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'orders' AND column_name = 'weight') THEN
        EXECUTE format('ALTER TABLE %I ADD COLUMN %I int', 'orders', 'weight');
    END IF;
    BEGIN
        EXECUTE 'ALTER TABLE orders ADD COLUMN height int';
    EXCEPTION WHEN duplicate_column THEN NULL;
    END;
END $$;

-- A value assigned in one branch is not taken for the value after it.
DO $$
DECLARE q text;
BEGIN
    IF (SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'depth') = 0 THEN
        q := 'ALTER TABLE orders ADD COLUMN depth int';
    ELSE
        q := 'SELECT 1';
    END IF;
    EXECUTE q;
END $$;
