CREATE TABLE IF NOT EXISTS site (id int PRIMARY KEY, warning text);
CREATE TABLE IF NOT EXISTS local_site (site_id int PRIMARY KEY, enable_nsfw boolean);
CREATE TABLE IF NOT EXISTS user_ (id int PRIMARY KEY, name text);
INSERT INTO site (id) VALUES (1) ON CONFLICT DO NOTHING;
INSERT INTO local_site (site_id, enable_nsfw) VALUES (1, true) ON CONFLICT DO NOTHING;
INSERT INTO user_ (id, name) VALUES (1, 'a') ON CONFLICT DO NOTHING;
