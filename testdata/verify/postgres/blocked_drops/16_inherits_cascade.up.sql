-- CASCADE drops the inheriting tables, which the file makes again:
-- rerun-safe.
DROP TABLE IF EXISTS logs CASCADE;
CREATE TABLE logs (id int, at timestamptz);
CREATE TABLE logs_old () INHERITS (logs);
CREATE TABLE logs_older () INHERITS (logs_old);
