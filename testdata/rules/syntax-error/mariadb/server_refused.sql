-- What MariaDB refuses stays a syntax-error (checked on MariaDB 10.11).
WITH c AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM c; -- want: syntax-error
-- IF NOT EXISTS follows FOREIGN KEY, not CONSTRAINT (that is for CHECK).
ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS fk FOREIGN KEY (a) REFERENCES s (a); -- want: syntax-error
ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS u UNIQUE (a); -- want: syntax-error
ALTER TABLE t DROP PRIMARY KEY IF EXISTS; -- want: syntax-error
DELETE t FROM t JOIN s ON t.a = s.a RETURNING t.a; -- want: syntax-error
CREATE ONLINE INDEX i ON t (a); -- want: syntax-error
SELECT a FROM t MINUS SELECT a FROM s; -- want: syntax-error
