-- Guards people write in DO blocks, and the mistakes made with them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'public' AND table_name = 'orders' AND column_name = 'status') THEN
        ALTER TABLE orders ADD COLUMN status text;
    END IF;

    -- The guard checks another table: reported, with both names in the message.
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'invoices' AND column_name = 'paid_at') THEN
        ALTER TABLE orders ADD COLUMN paid_at timestamptz; -- want: add-column-without-guard
    END IF;

    -- pg_catalog with a regclass cast.
    IF NOT EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = 'public.orders'::regclass AND attname = 'note' AND NOT attisdropped) THEN
        ALTER TABLE orders ADD COLUMN note text;
    END IF;

    -- The ELSE branch runs when the column does not exist.
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'memo') THEN
        RAISE NOTICE 'memo exists';
    ELSE
        ALTER TABLE orders ADD COLUMN memo text;
    END IF;

    -- No guard at all inside the block.
    ALTER TABLE orders ADD COLUMN shipped_at timestamptz; -- want: add-column-without-guard
END $$;

DO $migrate$
DECLARE
    n integer;
    found_col text;
BEGIN
    SELECT count(*) INTO n FROM information_schema.columns
    WHERE table_name = 'orders' AND column_name = 'weight';
    IF n = 0 THEN
        ALTER TABLE orders ADD COLUMN weight numeric;
    END IF;

    SELECT column_name INTO found_col FROM information_schema.columns
    WHERE table_name = 'orders' AND column_name = 'height';
    IF found_col IS NULL THEN
        ALTER TABLE orders ADD COLUMN height numeric;
    END IF;

    PERFORM 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'depth';
    IF NOT FOUND THEN
        ALTER TABLE orders ADD COLUMN depth numeric;
    END IF;

    -- Nested blocks and an exception handler that swallows the duplicate.
    BEGIN
        BEGIN
            ALTER TABLE orders ADD COLUMN width numeric;
        EXCEPTION WHEN duplicate_column THEN NULL;
        END;
    END;

    -- A handler that raises again protects nothing.
    BEGIN
        ALTER TABLE orders ADD COLUMN colour text; -- want: add-column-without-guard
    EXCEPTION WHEN duplicate_column THEN
        RAISE EXCEPTION 'colour exists already';
    END;
END $migrate$;

-- Quoted identifiers keep their case: the guard must say 'Orders' too.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'Orders' AND column_name = 'Status') THEN
        ALTER TABLE "Orders" ADD COLUMN "Status" text;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'state') THEN
        ALTER TABLE "Orders" ADD COLUMN "state" text; -- want: add-column-without-guard
    END IF;
END $$;

-- Dynamic SQL is read too.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE orders ADD COLUMN origin text'; -- want: add-column-without-guard
    EXECUTE format('ALTER TABLE %I ADD COLUMN region text', 'orders'); -- want: add-column-without-guard
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'channel') THEN
        EXECUTE 'ALTER TABLE orders ADD COLUMN channel text';
    END IF;
END $$;

-- A body given as a plain string, with doubled quotes.
DO '
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = ''orders'' AND column_name = ''tag'') THEN
        ALTER TABLE orders ADD COLUMN tag text;
    END IF;
    ALTER TABLE orders ADD COLUMN label text; -- want: add-column-without-guard
END';
