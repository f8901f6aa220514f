CREATE TABLE IF NOT EXISTS person (id int PRIMARY KEY, name text);
INSERT INTO person (id, name) SELECT u.id, u.name FROM user_ u ON CONFLICT DO NOTHING;
DROP TABLE IF EXISTS user_;
