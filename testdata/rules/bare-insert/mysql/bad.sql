INSERT INTO roles (name) VALUES ('admin'); -- want: bare-insert
INSERT INTO settings (k, v) SELECT 'theme', 'dark'; -- want: bare-insert
