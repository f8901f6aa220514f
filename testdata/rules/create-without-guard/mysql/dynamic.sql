-- Prepared strings are read as SQL; one that does not parse is skipped,
-- and the others in the file are still read.
SET @s = 'CREATE TABLE audit_log (id int)'; -- want: create-without-guard
PREPARE st FROM @s;
EXECUTE st;
DEALLOCATE PREPARE st;

SET @bad = 'CREATE INDEX ON audit_log(id);';
PREPARE st FROM @bad;

SET @s = (SELECT IF(
    (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'audit_archive') > 0,
    'SELECT 1',
    'CREATE TABLE audit_archive (id int)'
));
PREPARE st FROM @s;
EXECUTE st;
DEALLOCATE PREPARE st;

PREPARE st FROM 'CREATE TABLE audit_extra (id int)'; -- want: create-without-guard
