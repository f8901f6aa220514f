DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM roles WHERE name = 'admin') THEN
        INSERT INTO roles (name) VALUES ('admin');
    END IF;
    UPDATE settings SET value = 'dark' WHERE key = 'theme';
    IF NOT FOUND THEN
        INSERT INTO settings (key, value) VALUES ('theme', 'dark');
    END IF;
    INSERT INTO roles (name) VALUES ('viewer'); -- want: bare-insert
END $$;
