-- What MySQL 8.0 refuses stays a syntax-error, even where the parser has a
-- rewrite for something close to it.
WITH c AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM c; -- want: syntax-error
ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS fk FOREIGN KEY (a) REFERENCES s (a); -- want: syntax-error
ALTER TABLE t DROP PRIMARY KEY IF EXISTS; -- want: syntax-error
CREATE TABLE t (a INT DEFAULT 1 + 1); -- want: syntax-error
DELETE t FROM t JOIN s ON t.a = s.a RETURNING t.a; -- want: syntax-error
-- RANK is a reserved word of MySQL 8.0 (MariaDB reads it as a name).
CREATE TABLE scores (rank INT); -- want: syntax-error
