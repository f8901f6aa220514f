-- EXECUTE IMMEDIATE strings are read; an unreadable one is skipped.
EXECUTE IMMEDIATE 'CREATE INDEX ON t(a);';
EXECUTE IMMEDIATE 'CREATE TABLE audit_log (id int)'; -- want: create-without-guard
EXECUTE IMMEDIATE 'CREATE TABLE IF NOT EXISTS audit_extra (id int)';
