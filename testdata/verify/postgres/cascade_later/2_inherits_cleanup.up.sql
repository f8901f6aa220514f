-- Tables that inherit go with their parent's CASCADE. Rerun-safe.
CREATE TABLE IF NOT EXISTS staging (id int);
CREATE TABLE staging_a () INHERITS (staging);
CREATE TABLE staging_b () INHERITS (staging_a);
DROP TABLE staging CASCADE;
