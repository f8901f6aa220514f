-- The view is made again after the CASCADE, so the first run leaves it
-- there and the second run's first CREATE VIEW fails (42P07).
CREATE TABLE IF NOT EXISTS base (id int);
CREATE VIEW base_v AS SELECT id FROM base;
DROP TABLE base CASCADE;
CREATE TABLE base (id int);
CREATE VIEW base_v AS SELECT id FROM base;
