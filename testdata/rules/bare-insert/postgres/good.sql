INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING;
INSERT INTO roles (name) VALUES ('owner') ON CONFLICT (name) DO UPDATE SET name = excluded.name;

INSERT INTO settings (key, value)
SELECT 'theme', 'dark'
WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'theme');

-- Delete-then-insert of the same keys.
DELETE FROM roles WHERE name IN ('viewer', 'editor');
INSERT INTO roles (name) VALUES ('viewer'), ('editor');

-- A table this file creates starts empty on every run that gets this far.
CREATE TABLE plans (id int PRIMARY KEY, name text); -- want: create-without-guard
INSERT INTO plans VALUES (1, 'free');

CREATE TEMP TABLE scratch (id int);
INSERT INTO scratch VALUES (1);
