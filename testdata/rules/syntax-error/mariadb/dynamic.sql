-- MariaDB's EXECUTE IMMEDIATE checks its string when it runs: one that
-- does not parse is not a syntax error of the file.
EXECUTE IMMEDIATE 'CREATE INDEX ON t(a);';
SET @q = IF(@n > 0, 'SELECT 1', 'ALTER TABLE t ADD');
EXECUTE IMMEDIATE @q;
