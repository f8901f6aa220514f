ALTER TABLE events ALTER COLUMN created TYPE timestamptz USING created::timestamptz;
ALTER TABLE events ALTER COLUMN id TYPE bigint;
ALTER TABLE events ALTER COLUMN flag TYPE boolean USING CAST(flag AS boolean);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = 'prices' AND column_name = 'amount' AND data_type = 'integer') THEN
        ALTER TABLE prices ALTER COLUMN amount TYPE bigint USING amount * 100;
    END IF;
END $$;
