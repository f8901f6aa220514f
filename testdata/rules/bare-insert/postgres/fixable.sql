-- Runnable: the rows carry name, a unique key this file declares, so
-- --fix adds ON CONFLICT DO NOTHING.
CREATE TABLE IF NOT EXISTS fx_roles (id serial PRIMARY KEY, name text UNIQUE, note text);
INSERT INTO fx_roles (name, note) VALUES ('admin', 'all'), ('reader', NULL); -- want: bare-insert
