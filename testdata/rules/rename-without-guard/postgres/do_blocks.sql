DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name') THEN
        ALTER TABLE users RENAME COLUMN name TO full_name;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'mail') THEN
        ALTER TABLE users RENAME COLUMN email TO mail;
    END IF;
    ALTER TABLE users RENAME COLUMN phone TO telephone; -- want: rename-without-guard
END $$;
