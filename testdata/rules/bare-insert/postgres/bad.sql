INSERT INTO roles (name) VALUES ('admin'); -- want: bare-insert

INSERT INTO settings (key, value) -- want: bare-insert
SELECT 'theme', 'dark';

-- The delete names other keys than the insert writes.
DELETE FROM roles WHERE name = 'viewer';
INSERT INTO roles (name) VALUES ('editor'); -- want: bare-insert
